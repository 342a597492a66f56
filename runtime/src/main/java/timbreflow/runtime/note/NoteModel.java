package timbreflow.runtime.note;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;
import timbreflow.runtime.audio.NoteLength;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.dsp.PitchEstimator;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.runtime.onnx.Encoded;
import timbreflow.runtime.onnx.GraphConditions;
import timbreflow.runtime.onnx.Manifest;
import timbreflow.runtime.onnx.ModelBundle;
import timbreflow.runtime.onnx.PriorParams;
import timbreflow.runtime.phase.GriffinLim;
import timbreflow.runtime.phase.GriffinLimConfig;
import timbreflow.runtime.phase.GriffinLimListener;
import timbreflow.runtime.phase.GriffinLimResult;

/**
 * The design's note operations over one model bundle: read a note, encode it, decode a latent,
 * perturb, interpolate and sample latents, and render features to audio.
 *
 * <p>This is the one home of these formulas: the server and the evaluation call it, so an evaluated
 * sample is bit for bit the sample the server gives for the same request. Safe for concurrent use
 * (the bundle's sessions are; everything else is per call). Closing it closes the bundle.
 */
public final class NoteModel implements AutoCloseable {

  /** Peak amplitude of rendered notes whose loudness is unknown (decoded latents, samples). */
  public static final float PEAK = 0.8f;

  /** The pitch assumed for a note whose pitch is neither given nor heard. */
  public static final int FALLBACK_PITCH = 60;

  private final ModelBundle bundle;
  private final StftConfig stft;
  private final LogMagnitude logMagnitude;
  private final PitchEstimator pitchEstimator = new PitchEstimator();

  /** A note model over {@code bundle}, which it owns from now on. */
  public NoteModel(ModelBundle bundle) {
    this.bundle = bundle;
    Manifest m = bundle.manifest();
    this.stft = new StftConfig(m.sampleRate(), m.nFft(), m.hop(), m.noteSamples());
    this.logMagnitude = new LogMagnitude(stft);
  }

  /** The bundle underneath, for raw graph calls. */
  public ModelBundle bundle() {
    return bundle;
  }

  /** The bundle's spectral conventions. */
  public StftConfig stft() {
    return stft;
  }

  /** The bundle's family names; a family's index is its position. */
  public List<String> families() {
    return bundle.manifest().families();
  }

  /** The features of a note as the model sees it: resampled, fitted to the note length. */
  public Features features(Waveform audio) {
    return logMagnitude.features(NoteLength.toModelNote(audio, stft));
  }

  /** A one-instrument condition, checked against the bundle's pitch range and families. */
  public Condition condition(int pitch, int family) {
    Manifest m = bundle.manifest();
    if (pitch < m.pitchMin() || pitch > m.pitchMax()) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT,
          "pitch: expected " + m.pitchMin() + ".." + m.pitchMax() + ", found " + pitch);
    }
    return Condition.of(pitch, family, m.families().size());
  }

  /**
   * The pitch a note's audio has: YIN's estimate rounded to the nearest MIDI note and clamped to
   * the bundle's range, or {@link #FALLBACK_PITCH} when YIN hears none.
   */
  public int heardPitch(Waveform audio) {
    OptionalDouble hz = pitchEstimator.estimateHz(audio);
    long midi =
        hz.isPresent() ? Math.round(PitchEstimator.hzToMidi(hz.getAsDouble())) : FALLBACK_PITCH;
    Manifest m = bundle.manifest();
    return (int) Math.max(m.pitchMin(), Math.min(m.pitchMax(), midi));
  }

  /** Encodes one note's features under a condition. */
  public EncodedNote encode(Features x, Condition condition) {
    return encode(List.of(x), List.of(condition)).get(0);
  }

  /**
   * Encodes notes of one length in one batch, each under its own condition.
   *
   * @return the encoded notes, in order
   */
  public List<EncodedNote> encode(List<Features> notes, List<Condition> conditions) {
    if (notes.isEmpty() || notes.size() != conditions.size()) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT,
          "conditions: expected one per note ("
              + notes.size()
              + " notes, at least one), found "
              + conditions.size());
    }
    int bins = notes.get(0).bins();
    int frames = notes.get(0).frames();
    float[] x =
        stacked(
            "features",
            notes.stream().map(f -> new Plane(f.values(), f.bins(), f.frames())).toList());
    Encoded e = bundle.encode(x, notes.size(), frames, conditions(conditions));
    List<EncodedNote> out = new ArrayList<>();
    for (int i = 0; i < notes.size(); i++) {
      Latent z = new Latent(item(e.z(), i, bins * frames), bins, frames, conditions.get(i));
      out.add(new EncodedNote(notes.get(i), z, e.bitsPerDim()[i]));
    }
    return out;
  }

  /**
   * Decodes latents of one length in one batch, each under its own condition.
   *
   * @param reference the loudness reference of the decoded features (1.0 when unknown)
   * @return features per latent, in order
   */
  public List<Features> decode(List<Latent> latents, double reference) {
    if (latents.isEmpty()) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT, "latents: expected at least one, found none");
    }
    int bins = latents.get(0).bins();
    int frames = latents.get(0).frames();
    float[] z =
        stacked(
            "latents",
            latents.stream().map(l -> new Plane(l.values(), l.bins(), l.frames())).toList());
    List<Condition> conditions = latents.stream().map(Latent::condition).toList();
    float[] decoded = bundle.decode(z, latents.size(), frames, conditions(conditions));
    List<Features> out = new ArrayList<>();
    for (int i = 0; i < latents.size(); i++) {
      out.add(new Features(item(decoded, i, bins * frames), bins, frames, reference));
    }
    return out;
  }

  /** One item's {@code [bins, frames]} values. */
  private record Plane(float[] values, int bins, int frames) {}

  /** Planes of one shape end to end: {@code [n, bins, frames]} row-major. */
  private static float[] stacked(String field, List<Plane> planes) {
    int bins = planes.get(0).bins();
    int frames = planes.get(0).frames();
    int size = bins * frames;
    float[] out = new float[planes.size() * size];
    for (int i = 0; i < planes.size(); i++) {
      Plane p = planes.get(i);
      if (p.bins() != bins || p.frames() != frames) {
        throw new TimbreflowException(
            Reason.INVALID_TENSOR,
            field
                + ": expected one shape "
                + bins
                + " x "
                + frames
                + ", found "
                + p.bins()
                + " x "
                + p.frames()
                + " at "
                + i);
      }
      System.arraycopy(p.values(), 0, out, i * size, size);
    }
    return out;
  }

  /** Item {@code i} of a batch of items of {@code size} values each. */
  private static float[] item(float[] batch, int i, int size) {
    float[] one = new float[size];
    System.arraycopy(batch, i * size, one, 0, size);
    return one;
  }

  /** Decodes one latent. */
  public Features decode(Latent latent, double reference) {
    return decode(List.of(latent), reference).get(0);
  }

  /**
   * A latent drawn from the prior: {@code z = mean + temperature·exp(logStd)·ε}, ε standard normal
   * from {@code new Random(seed)}, over a whole note's frames.
   */
  public Latent sample(Condition condition, double temperature, long seed) {
    if (!(temperature >= 0) || !Double.isFinite(temperature)) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT, "temperature: expected >= 0, found " + temperature);
    }
    int frames = stft.noteFrames();
    PriorParams prior = bundle.prior(conditions(List.of(condition)), frames);
    Random random = new Random(seed);
    float[] z = new float[prior.mean().length];
    for (int i = 0; i < z.length; i++) {
      z[i] =
          (float)
              (prior.mean()[i] + temperature * Math.exp(prior.logStd()[i]) * random.nextGaussian());
    }
    return new Latent(z, prior.bins(), frames, condition);
  }

  /**
   * Latents between two notes' latents at each {@code alpha} (conditions mixed alike), each
   * time-stretched by {@code stretch}.
   */
  public List<Latent> interpolate(Latent a, Latent b, double[] alphas, double stretch) {
    if (!(stretch > 0) || !Double.isFinite(stretch)) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT, "stretch: expected > 0, found " + stretch);
    }
    int target = (int) Math.round(a.frames() * stretch);
    List<Latent> out = new ArrayList<>();
    for (double alpha : alphas) {
      out.add(a.mix(b, alpha).stretched(target));
    }
    return out;
  }

  /**
   * Renders features to audio with Griffin-Lim on one thread.
   *
   * @param normalise peak-normalise to {@link #PEAK} (for notes whose loudness is unknown)
   * @param listener polled for cancellation during the iterations
   */
  public RenderedNote render(
      Features y, GriffinLimConfig config, GriffinLimListener listener, boolean normalise) {
    GriffinLimResult result =
        new GriffinLim(stft, config)
            .reconstruct(List.of(logMagnitude.magnitude(y)), listener)
            .get(0);
    float[] samples = result.samples();
    if (normalise) {
      normalise(samples);
    }
    return new RenderedNote(
        y,
        new GriffinLimResult(
            samples, result.spectralConvergenceDb(), result.iterations(), result.nanos()),
        stft.sampleRate());
  }

  @Override
  public void close() {
    bundle.close();
  }

  private GraphConditions conditions(List<Condition> conditions) {
    int families = bundle.manifest().families().size();
    float[] pitch = new float[conditions.size()];
    float[] weights = new float[conditions.size() * families];
    for (int i = 0; i < conditions.size(); i++) {
      Condition c = conditions.get(i);
      if (c.families() != families) {
        throw new TimbreflowException(
            Reason.INVALID_ARGUMENT,
            "family weights: expected " + families + " families, found " + c.families());
      }
      pitch[i] = (float) c.pitch();
      System.arraycopy(c.familyWeights(), 0, weights, i * families, families);
    }
    return new GraphConditions(pitch, weights, families);
  }

  private static void normalise(float[] samples) {
    float peak = 0;
    for (float s : samples) {
      peak = Math.max(peak, Math.abs(s));
    }
    if (peak > 0) {
      float gain = PEAK / peak;
      for (int i = 0; i < samples.length; i++) {
        samples[i] *= gain;
      }
    }
  }
}
