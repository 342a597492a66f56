package timbreflow.exporter.pipeline;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import timbreflow.exporter.bundle.Layout;
import timbreflow.exporter.parity.ParityNote;
import timbreflow.runtime.onnx.Provenance;
import timbreflow.trainer.flow.ConditionalFlow;

/**
 * Everything one export needs.
 *
 * @param flow the trained flow, parameters loaded
 * @param manager the manager owning the flow's parameters
 * @param provenance checkpoint step, validation bits/dim, dataset fingerprint, git commit, config
 * @param notes validation notes for the parity gate (at least 32)
 * @param out the bundle directory to publish
 * @param opset ONNX opset, 13 to 17
 * @param layout bundle or Triton repository
 * @param replace whether an existing {@code out} may be replaced
 */
public record ExportRequest(
    ConditionalFlow flow,
    NDManager manager,
    Provenance provenance,
    List<ParityNote> notes,
    Path out,
    int opset,
    Layout layout,
    boolean replace) {

  public ExportRequest {
    notes = List.copyOf(notes);
  }
}
