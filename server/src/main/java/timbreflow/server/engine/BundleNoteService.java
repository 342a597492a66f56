package timbreflow.server.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;
import timbreflow.runtime.audio.NoteLength;
import timbreflow.runtime.audio.WavEncoding;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.audio.WavWriter;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.GriffinLim;
import timbreflow.runtime.dsp.GriffinLimConfig;
import timbreflow.runtime.dsp.GriffinLimListener;
import timbreflow.runtime.dsp.GriffinLimResult;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.dsp.PitchEstimator;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.runtime.npy.Npy;
import timbreflow.runtime.npy.NpyArray;
import timbreflow.runtime.onnx.BundleOptions;
import timbreflow.runtime.onnx.Device;
import timbreflow.runtime.onnx.Encoded;
import timbreflow.runtime.onnx.GraphContract;
import timbreflow.runtime.onnx.Manifest;
import timbreflow.runtime.onnx.ModelBundle;
import timbreflow.runtime.onnx.PriorParams;
import timbreflow.runtime.plot.SpectrogramImage;
import timbreflow.server.ServerConfig;
import timbreflow.server.metrics.ServerMetrics;
import timbreflow.server.work.Cancellation;

/**
 * {@link NoteService} over a runtime {@link ModelBundle}, the runtime's features and Griffin-Lim.
 *
 * <p>Conditions: a request without {@code pitch} gets the pitch the runtime's YIN estimator finds
 * in the audio (rounded to the nearest MIDI note and clamped to the bundle's range), or 60 when it
 * finds none; without {@code family} the bundle's first family. Both only affect bits/dim: the flow
 * itself is unconditional, so the reconstruction does not depend on them. Notes without a known
 * loudness (decoded latents, samples) are peak-normalised to {@link #PEAK}.
 */
public final class BundleNoteService implements NoteService {

  /** Peak amplitude of notes whose loudness is unknown. */
  public static final float PEAK = 0.8f;

  /** Longest accepted input audio in seconds (before fitting to the note length). */
  public static final double MAX_AUDIO_SECONDS = 30.0;

  /** Largest batch the raw-graph endpoint runs. */
  public static final int MAX_BATCH = 16;

  private final ModelBundle bundle;
  private final StftConfig stft;
  private final LogMagnitude logMagnitude;
  private final PitchEstimator pitchEstimator = new PitchEstimator();
  private final ModelSummary summary;
  private final List<GraphSignature> graphs;
  private volatile ServerMetrics metrics;

  private BundleNoteService(ModelBundle bundle) {
    this.bundle = bundle;
    Manifest m = bundle.manifest();
    this.stft = new StftConfig(m.sampleRate(), m.nFft(), m.hop(), m.noteSamples());
    this.logMagnitude = new LogMagnitude(stft);
    this.summary =
        new ModelSummary(
            m.families(),
            m.pitchMin(),
            m.pitchMax(),
            stft,
            new io.vertx.core.json.JsonObject(m.toJson()).getMap());
    List<GraphSignature> g = new ArrayList<>();
    for (String name : GraphContract.GRAPHS) {
      var spec = m.graphs().get(name);
      g.add(new GraphSignature(name, specs(spec.inputs()), specs(spec.outputs())));
    }
    this.graphs = List.copyOf(g);
  }

  /**
   * Loads and verifies the bundle in {@code config.modelDir()}; ONNX Runtime gets as many threads
   * per operator as there are cores per worker.
   *
   * @throws TimbreflowException INVALID_MODEL for a missing, corrupt or mismatched bundle
   */
  public static BundleNoteService open(ServerConfig config) {
    int cores = Runtime.getRuntime().availableProcessors();
    BundleOptions options =
        BundleOptions.builder()
            .optIntraOpThreads(Math.max(1, cores / config.workers()))
            .optDevice(config.device().equals("cuda") ? Device.CUDA : Device.CPU)
            .build();
    return new BundleNoteService(ModelBundle.load(config.modelDir(), options));
  }

  @Override
  public void reportTo(ServerMetrics serverMetrics) {
    this.metrics = serverMetrics;
  }

  /**
   * Runs every graph and a short Griffin-Lim once so the first request does not pay for lazy
   * initialisation (ONNX Runtime allocators, JIT, FFT plans).
   */
  @Override
  public void warmUp() {
    float[] tone = new float[stft.noteSamples()];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440.0 * i / stft.sampleRate()));
    }
    byte[] wav = WavWriter.toBytes(new Waveform(tone, stft.sampleRate()), WavEncoding.PCM_16);
    Cancellation none = new Cancellation();
    GriffinLimControls quick = new GriffinLimControls(2, 0.99, 0);
    reconstruct(
        wav,
        new NoteRequest(java.util.OptionalInt.empty(), java.util.Optional.empty(), 0.0, quick),
        none);
    sample(summary.minPitch(), summary.families().get(0), 0.5, quick, none);
  }

  @Override
  public ModelSummary summary() {
    return summary;
  }

  @Override
  public Rendering reconstruct(byte[] wav, NoteRequest request, Cancellation cancellation) {
    Stages stages = new Stages();
    Waveform audio = stages.time("read", () -> readWav(wav, "body"));
    Features x = stages.time("features", () -> logMagnitude.features(fittedSamples(audio)));
    cancellation.check();
    long pitch = pitchOf(request, audio);
    long family = familyOf(request);
    Encoded enc = stages.time("encode", () -> encodeOne(x, pitch, family));
    cancellation.check();
    float[] z = enc.z();
    if (request.noise() > 0) {
      addNoise(z, request.noise(), request.griffinLim().seed());
    }
    float[] decoded = stages.time("decode", () -> decode(z, 1, x.frames()));
    Features y = new Features(decoded, x.bins(), x.frames(), x.reference());
    return render(
        y,
        request.griffinLim(),
        cancellation,
        stages,
        OptionalDouble.of(enc.bitsPerDim()[0]),
        false);
  }

  @Override
  public byte[] encode(byte[] wav, NoteRequest request, Cancellation cancellation) {
    Waveform audio = readWav(wav, "body");
    Features x = logMagnitude.features(fittedSamples(audio));
    cancellation.check();
    Encoded enc = encodeOne(x, pitchOf(request, audio), familyOf(request));
    return Npy.toBytes(NpyArray.ofFloats(new long[] {1, x.bins(), x.frames()}, enc.z()));
  }

  @Override
  public Rendering decode(byte[] npy, GriffinLimControls griffinLim, Cancellation cancellation) {
    Stages stages = new Stages();
    NpyArray array = stages.time("read", () -> readLatent(npy));
    long[] shape = array.shape();
    int frames = (int) shape[shape.length - 1];
    float[] z = array.toFloats();
    float[] decoded = stages.time("decode", () -> decode(z, 1, frames));
    Features y = new Features(decoded, stft.bins(), frames, 1.0);
    return render(y, griffinLim, cancellation, stages, OptionalDouble.empty(), true);
  }

  @Override
  public Rendering interpolate(
      byte[] wavA,
      byte[] wavB,
      double alpha,
      int steps,
      double stretch,
      GriffinLimControls griffinLim,
      Cancellation cancellation) {
    Stages stages = new Stages();
    Waveform a = stages.time("read", () -> readWav(wavA, "a"));
    Waveform b = stages.time("read", () -> readWav(wavB, "b"));
    Features xa = stages.time("features", () -> logMagnitude.features(fittedSamples(a)));
    Features xb = stages.time("features", () -> logMagnitude.features(fittedSamples(b)));
    NoteRequest defaults =
        new NoteRequest(java.util.OptionalInt.empty(), java.util.Optional.empty(), 0, griffinLim);
    Encoded ea = stages.time("encode", () -> encodeOne(xa, pitchOf(defaults, a), 0));
    Encoded eb = stages.time("encode", () -> encodeOne(xb, pitchOf(defaults, b), 0));
    cancellation.check();
    double[] alphas = steps == 0 ? new double[] {alpha} : sweep(steps);
    int frames = xa.frames();
    int stretched = steps == 0 ? frames : (int) Math.round(frames * stretch);
    int bins = xa.bins();
    float[] zs = new float[alphas.length * bins * stretched];
    for (int i = 0; i < alphas.length; i++) {
      float[] z = mix(ea.z(), eb.z(), alphas[i]);
      float[] zt = stretched == frames ? z : stretchFrames(z, bins, frames, stretched);
      System.arraycopy(zt, 0, zs, i * bins * stretched, zt.length);
    }
    float[] decoded = stages.time("decode", () -> decode(zs, alphas.length, stretched));
    float[] features = new float[bins * stretched * alphas.length];
    int total = stretched * alphas.length;
    for (int i = 0; i < alphas.length; i++) {
      for (int k = 0; k < bins; k++) {
        System.arraycopy(
            decoded, (i * bins + k) * stretched, features, k * total + i * stretched, stretched);
      }
    }
    // Loudness follows the latent: geometric interpolation of the two references (the midpoint
    // for a sweep, whose steps share one reference).
    double refAlpha = steps == 0 ? alpha : 0.5;
    double ref =
        Math.exp((1 - refAlpha) * Math.log(xa.reference()) + refAlpha * Math.log(xb.reference()));
    Features y = new Features(features, bins, total, ref);
    return render(y, griffinLim, cancellation, stages, OptionalDouble.empty(), false);
  }

  @Override
  public Rendering sample(
      int pitch,
      String family,
      double temperature,
      GriffinLimControls griffinLim,
      Cancellation cancellation) {
    Stages stages = new Stages();
    int frames = stft.noteFrames();
    int familyId = summary.familyId(family);
    PriorParams prior =
        stages.time(
            "prior",
            () ->
                timed(
                    "prior",
                    () -> bundle.prior(new long[] {pitch}, new long[] {familyId}, frames)));
    Random random = new Random(griffinLim.seed());
    float[] z = new float[prior.mean().length];
    for (int i = 0; i < z.length; i++) {
      z[i] =
          (float)
              (prior.mean()[i] + temperature * Math.exp(prior.logStd()[i]) * random.nextGaussian());
    }
    cancellation.check();
    float[] decoded = stages.time("decode", () -> decode(z, 1, frames));
    Features y = new Features(decoded, stft.bins(), frames, 1.0);
    return render(y, griffinLim, cancellation, stages, OptionalDouble.empty(), true);
  }

  @Override
  public byte[] spectrogram(byte[] wav) {
    return SpectrogramImage.png(logMagnitude.features(fittedSamples(readWav(wav, "body"))));
  }

  @Override
  public byte[] spectrogram(Rendering rendering) {
    return SpectrogramImage.png(rendering.features());
  }

  @Override
  public byte[] wav(Rendering rendering) {
    return WavWriter.toBytes(
        new Waveform(rendering.samples(), rendering.sampleRate()), WavEncoding.PCM_16);
  }

  @Override
  public List<GraphSignature> graphs() {
    return graphs;
  }

  @Override
  public List<Tensor> infer(String graph, List<Tensor> inputs) {
    return switch (graph) {
      case GraphContract.ENCODER -> {
        Tensor x = inputs.get(0);
        int batch = dim(x, 0);
        int frames = dim(x, 2);
        Encoded e =
            timed(
                "encoder",
                () ->
                    bundle.encode(
                        x.floats(), batch, frames, inputs.get(1).longs(), inputs.get(2).longs()));
        yield List.of(
            Tensor.fp32(GraphContract.Z, x.shape(), e.z()),
            Tensor.fp32(GraphContract.BITS_PER_DIM, new long[] {batch}, e.bitsPerDim()));
      }
      case GraphContract.DECODER -> {
        Tensor z = inputs.get(0);
        float[] features = decode(z.floats(), dim(z, 0), dim(z, 2));
        yield List.of(Tensor.fp32(GraphContract.FEATURES, z.shape(), features));
      }
      case GraphContract.PRIOR -> {
        long[] pitch = inputs.get(0).longs();
        long[] family = inputs.get(1).longs();
        long frames = inputs.get(2).longs()[0];
        if (frames < 1 || frames > maxFrames()) {
          throw new TimbreflowException(
              Reason.INVALID_TENSOR, "frames: expected 1.." + maxFrames() + ", found " + frames);
        }
        if (pitch.length > MAX_BATCH) {
          throw new TimbreflowException(
              Reason.INVALID_TENSOR,
              "pitch: expected a batch of at most " + MAX_BATCH + ", found " + pitch.length);
        }
        PriorParams p = timed("prior", () -> bundle.prior(pitch, family, (int) frames));
        long[] shape = {pitch.length, stft.bins(), frames};
        yield List.of(
            Tensor.fp32(GraphContract.MEAN, shape, p.mean()),
            Tensor.fp32(GraphContract.LOG_STD, shape, p.logStd()));
      }
      default -> throw new TimbreflowException(Reason.INVALID_ARGUMENT, "unknown graph " + graph);
    };
  }

  @Override
  public void close() {
    bundle.close();
  }

  private Rendering render(
      Features y,
      GriffinLimControls controls,
      Cancellation cancellation,
      Stages stages,
      OptionalDouble bitsPerDim,
      boolean normalise) {
    cancellation.check();
    var magnitude = logMagnitude.magnitude(y);
    GriffinLimConfig config =
        GriffinLimConfig.builder()
            .optIterations(controls.iterations())
            .optMomentum(controls.momentum())
            .optSeed(controls.seed())
            .optThreads(1)
            .build();
    GriffinLimListener listener =
        new GriffinLimListener() {
          @Override
          public boolean cancelled() {
            return cancellation.isCancelled();
          }
        };
    GriffinLimResult result =
        stages.time(
            "griffin_lim",
            () -> new GriffinLim(stft, config).reconstruct(List.of(magnitude), listener).get(0));
    if (metrics != null) {
      metrics.griffinLim(result.nanos());
    }
    cancellation.check();
    float[] samples = result.samples();
    if (normalise) {
      normalise(samples);
    }
    return new Rendering(
        samples, stft.sampleRate(), y, stages.nanos, bitsPerDim, result.spectralConvergenceDb());
  }

  private Encoded encodeOne(Features x, long pitch, long family) {
    return timed(
        "encoder",
        () -> bundle.encode(x.values(), 1, x.frames(), new long[] {pitch}, new long[] {family}));
  }

  private float[] decode(float[] z, int batch, int frames) {
    if (batch > MAX_BATCH || frames > maxFrames()) {
      throw new TimbreflowException(
          Reason.INVALID_TENSOR,
          "z: expected at most "
              + MAX_BATCH
              + " items of at most "
              + maxFrames()
              + " frames, found "
              + batch
              + " x "
              + frames);
    }
    return timed("decoder", () -> bundle.decode(z, batch, frames));
  }

  private <T> T timed(String graph, java.util.function.Supplier<T> run) {
    long start = System.nanoTime();
    T result = run.get();
    if (metrics != null) {
      metrics.inference(graph, System.nanoTime() - start);
    }
    return result;
  }

  private int maxFrames() {
    return (int) (stft.noteFrames() * 8L);
  }

  private Waveform readWav(byte[] bytes, String field) {
    Waveform w;
    try {
      w = WavReader.read(bytes);
    } catch (TimbreflowException e) {
      throw new TimbreflowException(e.reason(), field + ": " + e.getMessage(), e);
    }
    if (w.seconds() > MAX_AUDIO_SECONDS) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT,
          String.format(
              java.util.Locale.ROOT,
              "%s: expected audio of at most %.0f s, found %.1f s",
              field,
              MAX_AUDIO_SECONDS,
              w.seconds()));
    }
    if (w.length() == 0) {
      throw new TimbreflowException(
          Reason.MALFORMED_AUDIO, field + ": expected audio samples, found an empty WAV");
    }
    return w;
  }

  private float[] fittedSamples(Waveform w) {
    return fitted(w).samples();
  }

  /** The note the model sees: resampled to the bundle's rate, clipped or padded to 4 s. */
  private Waveform fitted(Waveform w) {
    return NoteLength.toModelNote(w, stft);
  }

  private NpyArray readLatent(byte[] npy) {
    NpyArray array;
    try {
      array = Npy.read(npy);
    } catch (TimbreflowException e) {
      throw new TimbreflowException(Reason.INVALID_TENSOR, "body: " + e.getMessage(), e);
    }
    long[] shape = array.shape();
    boolean ok =
        (shape.length == 2 && shape[0] == stft.bins())
            || (shape.length == 3 && shape[0] == 1 && shape[1] == stft.bins());
    if (!ok || array.longs() != null) {
      throw new TimbreflowException(
          Reason.INVALID_TENSOR,
          "body: expected a float latent of shape [1, "
              + stft.bins()
              + ", T] or ["
              + stft.bins()
              + ", T], found "
              + array.type()
              + " "
              + java.util.Arrays.toString(shape));
    }
    float[] z = array.toFloats();
    for (int i = 0; i < z.length; i++) {
      if (!Float.isFinite(z[i])) {
        throw new TimbreflowException(
            Reason.INVALID_TENSOR,
            "body: expected finite latent values, found " + z[i] + " at element " + i);
      }
    }
    return array;
  }

  private long pitchOf(NoteRequest request, Waveform audio) {
    if (request.pitch().isPresent()) {
      return request.pitch().getAsInt();
    }
    OptionalDouble hz = pitchEstimator.estimateHz(audio);
    long midi = hz.isPresent() ? Math.round(PitchEstimator.hzToMidi(hz.getAsDouble())) : 60;
    return Math.max(summary.minPitch(), Math.min(summary.maxPitch(), midi));
  }

  private long familyOf(NoteRequest request) {
    return request.family().map(summary::familyId).orElse(0);
  }

  private static void addNoise(float[] z, double sigma, long seed) {
    Random random = new Random(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < z.length; i++) {
      z[i] += (float) (sigma * random.nextGaussian());
    }
  }

  private static float[] mix(float[] a, float[] b, double alpha) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) ((1 - alpha) * a[i] + alpha * b[i]);
    }
    return out;
  }

  private static double[] sweep(int steps) {
    double[] alphas = new double[steps];
    for (int i = 0; i < steps; i++) {
      alphas[i] = i / (double) (steps - 1);
    }
    return alphas;
  }

  /** Linearly resamples {@code [bins][frames]} along time to {@code target} frames. */
  private static float[] stretchFrames(float[] z, int bins, int frames, int target) {
    float[] out = new float[bins * target];
    for (int t = 0; t < target; t++) {
      double pos = target == 1 ? 0 : t * (frames - 1) / (double) (target - 1);
      int lo = (int) Math.floor(pos);
      int hi = Math.min(frames - 1, lo + 1);
      float f = (float) (pos - lo);
      for (int k = 0; k < bins; k++) {
        out[k * target + t] = z[k * frames + lo] * (1 - f) + z[k * frames + hi] * f;
      }
    }
    return out;
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

  private static int dim(Tensor t, int axis) {
    long d = t.shape()[axis];
    if (d < 1 || d > Integer.MAX_VALUE) {
      throw new TimbreflowException(
          Reason.INVALID_TENSOR, t.name() + ": expected dimension " + axis + " >= 1, found " + d);
    }
    return (int) d;
  }

  private static List<TensorSpec> specs(List<timbreflow.runtime.onnx.TensorSpec> specs) {
    return specs.stream()
        .map(
            s ->
                new TensorSpec(
                    s.name(),
                    s.dtype().equals(timbreflow.runtime.onnx.TensorSpec.FLOAT32) ? "FP32" : "INT64",
                    s.shape()))
        .toList();
  }

  /** Wall time per named stage, in the order the stages first ran. */
  private static final class Stages {
    final Map<String, Long> nanos = new LinkedHashMap<>();

    <T> T time(String stage, java.util.function.Supplier<T> run) {
      long start = System.nanoTime();
      T result = run.get();
      nanos.merge(stage, System.nanoTime() - start, Long::sum);
      return result;
    }
  }
}
