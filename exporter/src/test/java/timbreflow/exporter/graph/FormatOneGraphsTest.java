package timbreflow.exporter.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import timbreflow.exporter.cli.TinyFlow;
import timbreflow.runtime.onnx.GraphContract;

/**
 * An unconditional flow still gives bundle format 1 exactly as before format 2 existed: the graphs
 * of the committed {@code models/tiny} (seed 20240613, made by {@code bin/make-tiny-model}) are
 * rebuilt byte for byte from the same seeded flow, with the committed graphs' own metadata.
 */
class FormatOneGraphsTest {

  static final Path TINY = Path.of("..", "models", "tiny");
  static final long TINY_SEED = 20_240_613L;

  @Test
  void anUnconditionalFlowRebuildsTheCommittedTinyGraphsByteForByte() throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      FlowWeights w = FlowWeightsReader.read(TinyFlow.create(manager, TINY_SEED));
      assertFalse(w.conditionalFlow());
      assertEquals(GraphContract.UNCONDITIONAL_FLOW, w.contract().formatVersion());
      for (String graph : GraphContract.GRAPHS) {
        byte[] committed = Files.readAllBytes(TINY.resolve(graph + ".onnx"));
        ModelProto model = ModelProto.parseFrom(committed);
        Map<String, String> metadata = new LinkedHashMap<>();
        model.getMetadataPropsList().forEach(p -> metadata.put(p.getKey(), p.getValue()));
        int opset = (int) model.getOpsetImport(0).getVersion();
        String producer = model.getProducerName();
        String version = model.getProducerVersion();
        ModelProto rebuilt =
            switch (graph) {
              case GraphContract.ENCODER ->
                  FlowGraphs.encoder(w, opset, producer, version, metadata);
              case GraphContract.DECODER ->
                  FlowGraphs.decoder(w, opset, producer, version, metadata);
              default -> FlowGraphs.prior(w, opset, producer, version, metadata);
            };
        assertArrayEquals(committed, rebuilt.toByteArray(), graph);
      }
    }
  }
}
