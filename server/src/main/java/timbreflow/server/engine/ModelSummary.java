package timbreflow.server.engine;

import java.util.List;
import java.util.Map;
import timbreflow.runtime.dsp.StftConfig;

/**
 * What a client needs to know about the loaded bundle.
 *
 * @param families instrument family names, index = the model's family id
 * @param minPitch lowest MIDI pitch the prior was trained on
 * @param maxPitch highest MIDI pitch
 * @param stft the spectral conventions (16 kHz, 1024, 256, 64000 by default)
 * @param manifest the bundle's {@code model.json} as parsed JSON values
 */
public record ModelSummary(
    List<String> families,
    int minPitch,
    int maxPitch,
    StftConfig stft,
    Map<String, Object> manifest) {

  /** The id of {@code family}, or -1 if the bundle has no such family. */
  public int familyId(String family) {
    return families.indexOf(family);
  }
}
