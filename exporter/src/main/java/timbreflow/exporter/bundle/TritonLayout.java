package timbreflow.exporter.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import timbreflow.exporter.ExportException;
import timbreflow.runtime.onnx.GraphContract;
import timbreflow.runtime.onnx.GraphSpec;
import timbreflow.runtime.onnx.Manifest;
import timbreflow.runtime.onnx.TensorSpec;

/**
 * Rearranges a staged bundle into a Triton / KServe model repository.
 *
 * <pre>
 * model.json                 (graph files now point at the paths below; same checksums)
 * encoder/config.pbtxt       platform onnxruntime_onnx, max_batch_size, inputs/outputs, dims -1 = dynamic
 * encoder/1/model.onnx
 * decoder/…  prior/…
 * </pre>
 *
 * <p>Encoder and decoder are batched ({@code max_batch_size > 0}, dims without the batch dimension;
 * per-item scalars {@code [B]} appear as {@code dims: [1]} with {@code reshape {shape: []}}). The
 * prior takes a non-batched scalar {@code frames}, so it is declared with {@code max_batch_size: 0}
 * and full dims.
 */
public final class TritonLayout {

  private TritonLayout() {}

  /** Moves the graphs of {@code staging} into the repository layout and rewrites model.json. */
  public static void apply(Path staging, int maxBatchSize) {
    try {
      Manifest manifest = Manifest.read(staging);
      Map<String, GraphSpec> moved = new LinkedHashMap<>();
      for (String graph : GraphContract.GRAPHS) {
        GraphSpec spec = manifest.graphs().get(graph);
        Path version = Files.createDirectories(staging.resolve(graph).resolve("1"));
        Files.move(staging.resolve(spec.file()), version.resolve("model.onnx"));
        int batch = graph.equals(GraphContract.PRIOR) ? 0 : maxBatchSize;
        Files.writeString(
            staging.resolve(graph).resolve("config.pbtxt"), config(graph, spec, batch));
        moved.put(
            graph,
            new GraphSpec(graph + "/1/model.onnx", spec.sha256(), spec.inputs(), spec.outputs()));
      }
      BundleWriter.writeManifest(staging, manifest.withGraphs(moved));
    } catch (IOException e) {
      throw new ExportException(
          ExportException.Reason.IO, "cannot lay out " + staging + " for Triton: " + e, e);
    }
  }

  /** The {@code config.pbtxt} text of one graph. */
  static String config(String name, GraphSpec spec, int maxBatchSize) {
    StringBuilder sb = new StringBuilder();
    sb.append("name: \"").append(name).append("\"\n");
    sb.append("platform: \"onnxruntime_onnx\"\n");
    sb.append("max_batch_size: ").append(maxBatchSize).append("\n");
    tensors(sb, "input", spec.inputs(), maxBatchSize > 0);
    tensors(sb, "output", spec.outputs(), maxBatchSize > 0);
    if (maxBatchSize > 0) {
      sb.append("dynamic_batching { }\n");
    }
    return sb.toString();
  }

  private static void tensors(
      StringBuilder sb, String kind, List<TensorSpec> specs, boolean batched) {
    sb.append(kind).append(" [\n");
    for (int i = 0; i < specs.size(); i++) {
      TensorSpec t = specs.get(i);
      long[] shape = t.shape();
      int from = batched ? 1 : 0;
      StringBuilder dims = new StringBuilder();
      for (int d = from; d < shape.length; d++) {
        dims.append(d > from ? ", " : "").append(shape[d]);
      }
      boolean scalar = dims.length() == 0;
      sb.append("  {\n");
      sb.append("    name: \"").append(t.name()).append("\"\n");
      sb.append("    data_type: ")
          .append(t.dtype().equals(TensorSpec.FLOAT32) ? "TYPE_FP32" : "TYPE_INT64")
          .append("\n");
      sb.append("    dims: [ ").append(scalar ? "1" : dims).append(" ]\n");
      if (scalar) {
        sb.append("    reshape: { shape: [ ] }\n");
      }
      sb.append("  }").append(i < specs.size() - 1 ? "," : "").append("\n");
    }
    sb.append("]\n");
  }
}
