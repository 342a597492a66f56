package timbreflow.server.engine;

import java.util.List;

/**
 * One exported graph's inputs and outputs.
 *
 * @param name {@code encoder}, {@code decoder} or {@code prior}
 * @param inputs what {@code infer} takes
 * @param outputs what it returns
 */
public record GraphSignature(
    String name, List<OipTensorSpec> inputs, List<OipTensorSpec> outputs) {}
