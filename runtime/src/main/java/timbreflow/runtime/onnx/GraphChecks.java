package timbreflow.runtime.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/** Checks that an opened graph has the interface and metadata its manifest promises. */
final class GraphChecks {

  private GraphChecks() {}

  /** Checks the manifest's own entry for {@code graph} against the fixed contract. */
  static void checkManifestEntry(String graph, GraphSpec spec, GraphContract contract) {
    List<TensorSpec> inputs = contract.inputs(graph);
    List<TensorSpec> outputs = contract.outputs(graph);
    if (!spec.inputs().equals(inputs) || !spec.outputs().equals(outputs)) {
      throw invalid(
          Manifest.FILE_NAME
              + ": graph "
              + graph
              + " expected inputs "
              + inputs
              + " and outputs "
              + outputs
              + ", found "
              + spec.inputs()
              + " and "
              + spec.outputs());
    }
  }

  /** Checks the session's inputs, outputs and metadata. */
  static void checkSession(String file, OrtSession session, GraphSpec spec, Manifest manifest)
      throws OrtException {
    checkTensors(file, "input", session.getInputInfo(), spec.inputs());
    checkTensors(file, "output", session.getOutputInfo(), spec.outputs());
    Map<String, String> found = session.getMetadata().getCustomMetadata();
    for (Map.Entry<String, String> e : manifest.metadataProps().entrySet()) {
      String value = found.get(e.getKey());
      if (!e.getValue().equals(value)) {
        throw invalid(
            file
                + ": metadata "
                + e.getKey()
                + " expected '"
                + e.getValue()
                + "' (from "
                + Manifest.FILE_NAME
                + "), found "
                + (value == null ? "none" : "'" + value + "'"));
      }
    }
  }

  private static void checkTensors(
      String file, String kind, Map<String, NodeInfo> found, List<TensorSpec> expected) {
    List<String> names = expected.stream().map(TensorSpec::name).toList();
    if (!found.keySet().equals(new HashSet<>(names))) {
      throw invalid(file + ": expected " + kind + "s " + names + ", found " + found.keySet());
    }
    for (TensorSpec spec : expected) {
      if (!(found.get(spec.name()).getInfo() instanceof TensorInfo info)) {
        throw invalid(file + ": expected " + kind + " " + spec.name() + " to be a tensor");
      }
      OnnxJavaType type =
          spec.dtype().equals(TensorSpec.FLOAT32) ? OnnxJavaType.FLOAT : OnnxJavaType.INT64;
      if (info.type != type || !Arrays.equals(info.getShape(), spec.shape())) {
        throw invalid(
            file
                + ": "
                + kind
                + " "
                + spec.name()
                + " expected "
                + spec.dtype()
                + Arrays.toString(spec.shape())
                + ", found "
                + info.type
                + Arrays.toString(info.getShape()));
      }
    }
  }

  private static TimbreflowException invalid(String message) {
    return new TimbreflowException(Reason.INVALID_MODEL, message);
  }
}
