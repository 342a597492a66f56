package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.List;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.note.Condition;
import timbreflow.runtime.note.EncodedNote;
import timbreflow.runtime.note.Latent;
import timbreflow.trainer.data.NoteExample;

/**
 * One real note through the model and back, before rendering: encoded under its own condition,
 * decoded from its latent and from the latent with noise ({@link Latent#withNoise}).
 *
 * @param index the note's index in its split
 * @param note its metadata
 * @param audio its audio at the model's rate and length
 * @param input its log-magnitude features, {@code [bins][frames]}
 * @param latent {@code z = encode(x)}
 * @param decoded {@code decode(z)} with the input's loudness
 * @param noisy {@code decode(z + σ·ε)} with the input's loudness
 */
record RoundTrip(
    int index,
    NoteExample note,
    float[] audio,
    Features input,
    Latent latent,
    Features decoded,
    Features noisy) {

  /**
   * The notes {@code chosen} from {@code notes}, in that order, each encoded and decoded in one
   * batch; the noise of note {@code i} is seeded by the report's seed and the note's index.
   */
  static List<RoundTrip> of(
      List<Integer> chosen, ReportNotes notes, LatentCodec codec, ReportConfig config) {
    LogMagnitude logMagnitude = AudioRenderer.logMagnitude();
    List<Features> inputs = new ArrayList<>();
    List<float[]> waves = new ArrayList<>();
    List<Condition> conditions = new ArrayList<>();
    for (int i : chosen) {
      float[] wave = notes.audio(i).samples();
      waves.add(wave);
      inputs.add(logMagnitude.features(wave));
      conditions.add(codec.condition(notes.note(i)));
    }
    List<Latent> z = codec.encode(inputs, conditions).stream().map(EncodedNote::latent).toList();
    List<Latent> noisyZ = new ArrayList<>();
    for (int i = 0; i < z.size(); i++) {
      noisyZ.add(
          z.get(i).withNoise(config.noiseSigma(), config.seed() * 1_000_003L + chosen.get(i)));
    }
    double[] references = inputs.stream().mapToDouble(Features::reference).toArray();
    List<Features> decoded = codec.decode(z, references);
    List<Features> noisy = codec.decode(noisyZ, references);
    List<RoundTrip> trips = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      int index = chosen.get(i);
      trips.add(
          new RoundTrip(
              index,
              notes.note(index),
              waves.get(i),
              inputs.get(i),
              z.get(i),
              decoded.get(i),
              noisy.get(i)));
    }
    return trips;
  }

  /** Root mean square of every latent value of {@code trips}: the scale σ is added to. */
  static double latentRms(List<RoundTrip> trips) {
    double squares = 0;
    long count = 0;
    for (RoundTrip trip : trips) {
      for (float v : trip.latent().values()) {
        squares += (double) v * v;
      }
      count += trip.latent().values().length;
    }
    return Math.sqrt(squares / count);
  }
}
