package timbreflow.server.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Supplier;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;
import timbreflow.runtime.audio.WavEncoding;
import timbreflow.runtime.audio.WavReader;
import timbreflow.runtime.audio.WavWriter;
import timbreflow.runtime.audio.Waveform;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.runtime.note.Condition;
import timbreflow.runtime.note.EncodedNote;
import timbreflow.runtime.note.Latent;
import timbreflow.runtime.note.NoteModel;
import timbreflow.runtime.note.RenderedNote;
import timbreflow.runtime.npy.Npy;
import timbreflow.runtime.npy.NpyArray;
import timbreflow.runtime.onnx.BundleOptions;
import timbreflow.runtime.onnx.Encoded;
import timbreflow.runtime.onnx.GraphConditions;
import timbreflow.runtime.onnx.GraphContract;
import timbreflow.runtime.onnx.Manifest;
import timbreflow.runtime.onnx.ModelBundle;
import timbreflow.runtime.onnx.PriorParams;
import timbreflow.runtime.onnx.TensorSpec;
import timbreflow.runtime.phase.GriffinLimConfig;
import timbreflow.runtime.phase.GriffinLimListener;
import timbreflow.runtime.plot.SpectrogramImage;
import timbreflow.server.metrics.ServerMetrics;
import timbreflow.server.work.Cancellation;

/**
 * {@link NoteService} over a runtime {@link ModelBundle}, the runtime's features and Griffin-Lim.
 *
 * <p>A thin adapter from request bytes to the runtime's {@link NoteModel}. Conditions: a request
 * without {@code pitch} gets the pitch the runtime's YIN estimator finds in the audio (rounded to
 * the nearest MIDI note and clamped to the bundle's range), or 60 when it finds none (a decoded
 * latent: 60); without {@code family} the bundle's first family. For an unconditional flow (format
 * 1) they only change bits/dim; a conditional flow (format 2) encodes and decodes under them, so
 * they shape latent noise, interpolation and decoding. Notes without a known loudness (decoded
 * latents, samples) are peak-normalised to {@link #PEAK}.
 */
public final class BundleNoteService implements NoteService {

  /** Peak amplitude of notes whose loudness is unknown. */
  public static final float PEAK = NoteModel.PEAK;

  /** The pitch a decode request without one is decoded under. */
  private static final int FALLBACK_PITCH = NoteModel.FALLBACK_PITCH;

  /** Longest accepted input audio in seconds (before fitting to the note length). */
  public static final double MAX_AUDIO_SECONDS = 30.0;

  /** Largest batch the raw-graph endpoint runs. */
  public static final int MAX_BATCH = 16;

  private final NoteModel model;
  private final ModelBundle bundle;
  private final StftConfig stft;
  private final ModelSummary summary;
  private final List<GraphSignature> graphs;
  private volatile ServerMetrics metrics;

  private BundleNoteService(ModelBundle bundle) {
    this.model = new NoteModel(bundle);
    this.bundle = bundle;
    Manifest m = bundle.manifest();
    this.stft = model.stft();
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
   * Loads and verifies the bundle in {@code modelDir} with ONNX Runtime {@code options}.
   *
   * @throws TimbreflowException INVALID_MODEL for a missing, corrupt or mismatched bundle
   */
  public static BundleNoteService open(Path modelDir, BundleOptions options) {
    return new BundleNoteService(ModelBundle.load(modelDir, options));
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
    reconstruct(wav, new NoteRequest(OptionalInt.empty(), OptionalInt.empty(), 0.0, quick), none);
    sample(summary.minPitch(), 0, 0.5, quick, none);
  }

  @Override
  public ModelSummary summary() {
    return summary;
  }

  @Override
  public Rendering reconstruct(byte[] wav, NoteRequest request, Cancellation cancellation) {
    Stages stages = new Stages();
    Waveform audio = stages.time("read", () -> readWav(wav, "body"));
    Features x = stages.time("features", () -> model.features(audio));
    cancellation.check();
    Condition condition = conditionOf(request, audio);
    EncodedNote note = stages.time("encode", () -> encodeOne(x, condition));
    cancellation.check();
    Latent z = note.latent().withNoise(request.noise(), request.griffinLim().seed());
    Features y = stages.time("decode", () -> decode(List.of(z), x.reference()).get(0));
    return render(
        y, request.griffinLim(), cancellation, stages, OptionalDouble.of(note.bitsPerDim()), false);
  }

  @Override
  public byte[] encode(byte[] wav, NoteRequest request, Cancellation cancellation) {
    Waveform audio = readWav(wav, "body");
    Features x = model.features(audio);
    cancellation.check();
    EncodedNote note = encodeOne(x, conditionOf(request, audio));
    return Npy.toBytes(
        NpyArray.ofFloats(new long[] {1, x.bins(), x.frames()}, note.latent().values()));
  }

  @Override
  public Rendering decode(byte[] npy, NoteRequest request, Cancellation cancellation) {
    Stages stages = new Stages();
    NpyArray array = stages.time("read", () -> readLatent(npy));
    long[] shape = array.shape();
    int frames = (int) shape[shape.length - 1];
    Condition condition = conditionOf(request, FALLBACK_PITCH);
    Latent z = new Latent(array.toFloats(), stft.bins(), frames, condition);
    Features y = stages.time("decode", () -> decode(List.of(z), 1.0).get(0));
    return render(y, request.griffinLim(), cancellation, stages, OptionalDouble.empty(), true);
  }

  @Override
  public Rendering interpolate(
      byte[] wavA,
      NoteRequest requestA,
      byte[] wavB,
      NoteRequest requestB,
      double alpha,
      int steps,
      double stretch,
      GriffinLimControls griffinLim,
      Cancellation cancellation) {
    Stages stages = new Stages();
    Waveform a = stages.time("read", () -> readWav(wavA, "a"));
    Waveform b = stages.time("read", () -> readWav(wavB, "b"));
    Features xa = stages.time("features", () -> model.features(a));
    Features xb = stages.time("features", () -> model.features(b));
    EncodedNote ea = stages.time("encode", () -> encodeOne(xa, conditionOf(requestA, a)));
    EncodedNote eb = stages.time("encode", () -> encodeOne(xb, conditionOf(requestB, b)));
    cancellation.check();
    double[] alphas = steps == 0 ? new double[] {alpha} : sweep(steps);
    List<Latent> points =
        model.interpolate(ea.latent(), eb.latent(), alphas, steps == 0 ? 1.0 : stretch);
    // Loudness follows the latent: geometric interpolation of the two references (the midpoint
    // for a sweep, whose steps share one reference).
    double refAlpha = steps == 0 ? alpha : 0.5;
    double ref =
        Math.exp((1 - refAlpha) * Math.log(xa.reference()) + refAlpha * Math.log(xb.reference()));
    List<Features> decoded = stages.time("decode", () -> decode(points, ref));
    return render(
        concatenated(decoded, ref),
        griffinLim,
        cancellation,
        stages,
        OptionalDouble.empty(),
        false);
  }

  @Override
  public Rendering sample(
      int pitch,
      int family,
      double temperature,
      GriffinLimControls griffinLim,
      Cancellation cancellation) {
    Stages stages = new Stages();
    Condition condition = model.condition(pitch, family);
    Latent z =
        stages.time(
            "prior",
            () -> timed("prior", () -> model.sample(condition, temperature, griffinLim.seed())));
    cancellation.check();
    Features y = stages.time("decode", () -> decode(List.of(z), 1.0).get(0));
    return render(y, griffinLim, cancellation, stages, OptionalDouble.empty(), true);
  }

  @Override
  public byte[] spectrogram(byte[] wav) {
    return SpectrogramImage.png(model.features(readWav(wav, "body")));
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
        GraphConditions conditions = graphConditions(inputs.get(1), inputs.get(2));
        Encoded e = timed("encoder", () -> bundle.encode(x.floats(), batch, frames, conditions));
        yield List.of(
            Tensor.fp32(GraphContract.Z, x.shape(), e.z()),
            Tensor.fp32(GraphContract.BITS_PER_DIM, new long[] {batch}, e.bitsPerDim()));
      }
      case GraphContract.DECODER -> {
        Tensor z = inputs.get(0);
        int batch = dim(z, 0);
        int frames = dim(z, 2);
        checkDecodeSize(batch, frames);
        GraphConditions conditions =
            bundle.conditionalFlow() ? graphConditions(inputs.get(1), inputs.get(2)) : null;
        float[] features =
            timed("decoder", () -> bundle.decode(z.floats(), batch, frames, conditions));
        yield List.of(Tensor.fp32(GraphContract.FEATURES, z.shape(), features));
      }
      case GraphContract.PRIOR -> {
        GraphConditions conditions = graphConditions(inputs.get(0), inputs.get(1));
        int batch = conditions.batch();
        long frames = inputs.get(2).longs()[0];
        if (frames < 1 || frames > maxFrames()) {
          throw new TimbreflowException(
              Reason.INVALID_TENSOR, "frames: expected 1.." + maxFrames() + ", found " + frames);
        }
        if (batch > MAX_BATCH) {
          throw new TimbreflowException(
              Reason.INVALID_TENSOR,
              "pitch: expected a batch of at most " + MAX_BATCH + ", found " + batch);
        }
        PriorParams p = timed("prior", () -> bundle.prior(conditions, (int) frames));
        long[] shape = {batch, stft.bins(), frames};
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
    RenderedNote note =
        stages.time("griffin_lim", () -> model.render(y, config, listener, normalise));
    if (metrics != null) {
      metrics.griffinLim(note.phase().nanos());
    }
    cancellation.check();
    return new Rendering(
        note.samples(),
        stft.sampleRate(),
        y,
        stages.nanos,
        bitsPerDim,
        note.phase().spectralConvergenceDb());
  }

  private EncodedNote encodeOne(Features x, Condition condition) {
    return timed("encoder", () -> model.encode(x, condition));
  }

  private List<Features> decode(List<Latent> latents, double reference) {
    checkDecodeSize(latents.size(), latents.get(0).frames());
    return timed("decoder", () -> model.decode(latents, reference));
  }

  private void checkDecodeSize(int batch, int frames) {
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
  }

  /** The sweep's notes one after another along time, as one note. */
  private static Features concatenated(List<Features> notes, double reference) {
    if (notes.size() == 1) {
      Features f = notes.get(0);
      return new Features(f.values(), f.bins(), f.frames(), reference);
    }
    int bins = notes.get(0).bins();
    int frames = notes.get(0).frames();
    int total = frames * notes.size();
    float[] out = new float[bins * total];
    for (int i = 0; i < notes.size(); i++) {
      float[] values = notes.get(i).values();
      for (int k = 0; k < bins; k++) {
        System.arraycopy(values, k * frames, out, k * total + i * frames, frames);
      }
    }
    return new Features(out, bins, total, reference);
  }

  /** The raw graphs' condition inputs: labels (format 1) or floats and weights (format 2). */
  private GraphConditions graphConditions(Tensor pitch, Tensor family) {
    int families = summary.families().size();
    if (!bundle.conditionalFlow()) {
      return GraphConditions.ofLabels(pitch.longs(), family.longs(), families);
    }
    return new GraphConditions(pitch.floats(), family.floats(), families);
  }

  private <T> T timed(String graph, Supplier<T> run) {
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
              Locale.ROOT,
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
              + Arrays.toString(shape));
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

  /** The request's condition; without a pitch, the one YIN hears in {@code audio}. */
  private Condition conditionOf(NoteRequest request, Waveform audio) {
    return conditionOf(
        request,
        request.pitch().isPresent() ? request.pitch().getAsInt() : model.heardPitch(audio));
  }

  /** The request's condition; {@code fallbackPitch} when it names none; else the first family. */
  private Condition conditionOf(NoteRequest request, int fallbackPitch) {
    int pitch = request.pitch().orElse(fallbackPitch);
    int clamped = Math.max(summary.minPitch(), Math.min(summary.maxPitch(), pitch));
    return model.condition(clamped, request.family().orElse(0));
  }

  private static double[] sweep(int steps) {
    double[] alphas = new double[steps];
    for (int i = 0; i < steps; i++) {
      alphas[i] = i / (double) (steps - 1);
    }
    return alphas;
  }

  private static int dim(Tensor t, int axis) {
    long d = t.shape()[axis];
    if (d < 1 || d > Integer.MAX_VALUE) {
      throw new TimbreflowException(
          Reason.INVALID_TENSOR, t.name() + ": expected dimension " + axis + " >= 1, found " + d);
    }
    return (int) d;
  }

  private static List<OipTensorSpec> specs(List<TensorSpec> specs) {
    return specs.stream()
        .map(
            s ->
                new OipTensorSpec(
                    s.name(), s.dtype().equals(TensorSpec.FLOAT32) ? "FP32" : "INT64", s.shape()))
        .toList();
  }

  /** Wall time per named stage, in the order the stages first ran. */
  private static final class Stages {
    final Map<String, Long> nanos = new LinkedHashMap<>();

    <T> T time(String stage, Supplier<T> run) {
      long start = System.nanoTime();
      T result = run.get();
      nanos.merge(stage, System.nanoTime() - start, Long::sum);
      return result;
    }
  }
}
