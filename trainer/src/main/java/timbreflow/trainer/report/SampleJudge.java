package timbreflow.trainer.report;

import java.util.function.ToIntFunction;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.note.Condition;
import timbreflow.runtime.note.Latent;
import timbreflow.runtime.note.NoteModel;

/**
 * Draws one sample as the server's {@code /v1/sample} draws it, and judges what it sounds like.
 *
 * <p>The server's path, step for step: {@link NoteModel#sample} at the request's condition,
 * temperature and seed, {@link NoteModel#decode} of that one latent with loudness reference 1, and
 * {@link NoteModel#render} with Griffin-Lim seeded by the same seed on one thread, peak-normalised.
 * A report sample is therefore bit for bit the server's sample for the same pitch, family,
 * temperature, seed, iterations and momentum. The audio is judged as a listener gets it: pitch by
 * the strict judge and by YIN as published, family by the classifier on the audio's own features,
 * and its level at 2 s.
 */
final class SampleJudge {

  /**
   * A judged sample.
   *
   * @param score the verdicts
   * @param decoded the decoded features the audio was rendered from
   * @param audio the rendered audio, peak-normalised
   */
  record Judged(SampleScore score, Features decoded, float[] audio) {}

  private final NoteModel model;
  private final AudioRenderer renderer;
  private final PitchCheck strict;
  private final PitchCheck asPublished;
  private final ToIntFunction<double[]> familyOf;
  private final int iterations;
  private final double momentum;

  /**
   * @param familyOf the family index a classifier hears in a {@link NoteDescriptor}
   * @param iterations Griffin-Lim iterations (the server's {@code iterations})
   * @param momentum Griffin-Lim momentum (the server's {@code momentum})
   */
  SampleJudge(
      NoteModel model,
      AudioRenderer renderer,
      PitchCheck strict,
      PitchCheck asPublished,
      ToIntFunction<double[]> familyOf,
      int iterations,
      double momentum) {
    this.model = model;
    this.renderer = renderer;
    this.strict = strict;
    this.asPublished = asPublished;
    this.familyOf = familyOf;
    this.iterations = iterations;
    this.momentum = momentum;
  }

  /** The request's latent from the prior and its decoded features (the server's first stages). */
  Features decode(SampleRequest r) {
    Condition condition = model.condition(r.pitch(), r.family());
    Latent z = model.sample(condition, r.temperature(), r.seed());
    return model.decode(z, 1.0);
  }

  /** Renders {@code decoded} as the server does for {@code r} and judges the audio. */
  Judged judge(SampleRequest r, Features decoded) {
    float[] audio = renderer.render(decoded, iterations, momentum, r.seed(), true).samples();
    int rate = model.stft().sampleRate();
    Features heard = model.features(new Waveform(audio, rate));
    SampleScore score =
        new SampleScore(
            model.families().get(r.family()),
            r.pitch(),
            r.temperature(),
            r.seed(),
            strict.score(audio, rate, r.pitch()),
            asPublished.score(audio, rate, r.pitch()),
            model
                .families()
                .get(familyOf.applyAsInt(NoteDescriptor.of(heard, r.pitch(), model.stft()))),
            NoteLevel.sustainDb(heard, model.stft()));
    return new Judged(score, decoded, audio);
  }

  /** {@link #decode} then {@link #judge(SampleRequest, Features)}. */
  Judged judge(SampleRequest r) {
    return judge(r, decode(r));
  }

  /**
   * The comb control of a sample: its decoded features with the harmonic comb of the requested
   * pitch smoothed away ({@link CombRemoval}), rendered and judged the same way.
   */
  Judged judgeWithoutComb(SampleRequest r, Features decoded) {
    int width = CombRemoval.width(r.pitch(), model.stft());
    Features combless =
        new Features(
            CombRemoval.smoothed(decoded.values(), decoded.bins(), decoded.frames(), width),
            decoded.bins(),
            decoded.frames(),
            decoded.reference());
    return judge(r, combless);
  }
}
