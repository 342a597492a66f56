package timbreflow.runtime.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/**
 * A verified model bundle open in ONNX Runtime: encode features to latents, decode latents to
 * features, and evaluate the conditional prior.
 *
 * <p>{@link #load} reads {@code model.json}, checks every graph file's SHA-256, opens the three
 * sessions and checks each graph's inputs, outputs and {@code metadata_props} against the manifest;
 * any mismatch is an {@link Reason#INVALID_MODEL} naming the file and what is wrong. Tensors are
 * {@code [batch, bins, frames]} row-major float arrays (element {@code (b, k, t)} at {@code (b·bins
 * + k)·frames + t}). Safe for concurrent use: ONNX Runtime sessions are.
 */
public final class ModelBundle implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelBundle.class);

  private final Path dir;
  private final Manifest manifest;
  private final Device device;
  private final OrtEnvironment env;
  private final OrtSession encoder;
  private final OrtSession decoder;
  private final OrtSession prior;

  private ModelBundle(
      Path dir, Manifest manifest, Device device, OrtEnvironment env, List<OrtSession> sessions) {
    this.dir = dir;
    this.manifest = manifest;
    this.device = device;
    this.env = env;
    this.encoder = sessions.get(0);
    this.decoder = sessions.get(1);
    this.prior = sessions.get(2);
  }

  /** Loads a bundle on CPU with default options. */
  public static ModelBundle load(Path dir) {
    return load(dir, BundleOptions.DEFAULT);
  }

  /**
   * Loads and verifies the bundle in {@code dir}.
   *
   * @throws TimbreflowException {@link Reason#INVALID_MODEL} for a missing, corrupt or inconsistent
   *     file; {@link Reason#IO} when a file cannot be read
   */
  public static ModelBundle load(Path dir, BundleOptions options) {
    Manifest manifest = Manifest.read(dir);
    if (manifest.formatVersion() != GraphContract.UNCONDITIONAL_FLOW
        && manifest.formatVersion() != GraphContract.CONDITIONAL_FLOW) {
      throw new TimbreflowException(
          Reason.INVALID_MODEL,
          dir.resolve(Manifest.FILE_NAME)
              + ": expected format_version "
              + GraphContract.UNCONDITIONAL_FLOW
              + " or "
              + GraphContract.CONDITIONAL_FLOW
              + ", found "
              + manifest.formatVersion());
    }
    GraphContract contract = manifest.contract();
    Map<String, byte[]> graphBytes = new LinkedHashMap<>();
    for (String graph : GraphContract.GRAPHS) {
      GraphSpec spec = manifest.graphs().get(graph);
      if (spec == null) {
        throw new TimbreflowException(
            Reason.INVALID_MODEL,
            dir.resolve(Manifest.FILE_NAME)
                + ": expected a graph entry '"
                + graph
                + "', found none");
      }
      GraphChecks.checkManifestEntry(graph, spec, contract);
      graphBytes.put(graph, readVerified(dir, spec));
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Device device = options.device();
    if (device == Device.CUDA
        && !OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
      LOG.warn(
          "CUDA requested but this ONNX Runtime build offers only {}; falling back to CPU"
              + " (build with -Ponnxruntime-gpu and run on a CUDA machine for GPU inference)",
          OrtEnvironment.getAvailableProviders());
      device = Device.CPU;
    }
    List<OrtSession> sessions = new ArrayList<>();
    try {
      for (String graph : GraphContract.GRAPHS) {
        GraphSpec spec = manifest.graphs().get(graph);
        OrtSession session = open(env, dir, spec, graphBytes.get(graph), options, device);
        sessions.add(session);
        GraphChecks.checkSession(dir.resolve(spec.file()).toString(), session, spec, manifest);
      }
    } catch (OrtException | RuntimeException e) {
      closeAll(sessions, e);
      if (e instanceof OrtException ort) {
        throw new TimbreflowException(
            Reason.INVALID_MODEL, dir + ": cannot inspect a graph: " + ort.getMessage(), ort);
      }
      throw (RuntimeException) e;
    }
    LOG.info(
        "loaded model bundle {} (step {}, opset {}) on {}",
        dir,
        manifest.provenance().checkpointStep(),
        manifest.opset(),
        device);
    return new ModelBundle(dir, manifest, device, env, sessions);
  }

  /** The bundle's manifest. */
  public Manifest manifest() {
    return manifest;
  }

  /** The bundle directory. */
  public Path directory() {
    return dir;
  }

  /** The device the sessions actually run on (CPU after a CUDA fallback). */
  public Device device() {
    return device;
  }

  /** Whether the decoder takes the condition (bundle format 2, a conditional flow). */
  public boolean conditionalFlow() {
    return manifest.contract().conditionalFlow();
  }

  /**
   * Encodes features to latents and scores them, with label conditions.
   *
   * @param features {@code [batch, bins, frames]} features in [0, 1]
   * @param pitch MIDI pitch per item, {@code [batch]}
   * @param family instrument family index per item, {@code [batch]}
   * @return latents {@code [batch, bins, frames]} and bits/dim {@code [batch]}
   */
  public Encoded encode(float[] features, int batch, int frames, long[] pitch, long[] family) {
    return encode(features, batch, frames, labels(pitch, family, batch));
  }

  /**
   * Encodes features to latents and scores them.
   *
   * @param features {@code [batch, bins, frames]} features in [0, 1]
   * @param conditions one per item; a format-1 bundle takes their labels
   * @return latents {@code [batch, bins, frames]} and bits/dim {@code [batch]}
   */
  public Encoded encode(float[] features, int batch, int frames, GraphConditions conditions) {
    int bins = manifest.bins();
    checkBatch(features, "features", batch, frames);
    checkConditions(conditions, batch);
    try (OnnxTensor x = Tensors.floats(env, features, batch, bins, frames);
        ConditionTensors c = conditionTensors(conditions);
        OrtSession.Result r =
            encoder.run(
                Map.of(
                    GraphContract.FEATURES,
                    x,
                    GraphContract.PITCH,
                    c.pitch(),
                    GraphContract.FAMILY,
                    c.family()))) {
      return new Encoded(
          Tensors.output(r, GraphContract.Z),
          Tensors.output(r, GraphContract.BITS_PER_DIM),
          batch,
          bins,
          frames);
    } catch (OrtException e) {
      throw runFailure(GraphContract.ENCODER, e);
    }
  }

  /**
   * Decodes latents to features by inverting an unconditional flow (a format-1 bundle).
   *
   * @param z {@code [batch, bins, frames]} latents, finite
   * @return features {@code [batch, bins, frames]}
   * @throws TimbreflowException {@link Reason#INVALID_ARGUMENT} for a conditional flow, whose
   *     decoder needs the condition
   */
  public float[] decode(float[] z, int batch, int frames) {
    if (conditionalFlow()) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT,
          "this bundle's flow is conditional (format_version "
              + manifest.formatVersion()
              + "): expected a pitch and family to decode with, found none");
    }
    return decode(z, batch, frames, null);
  }

  /**
   * Decodes latents to features by inverting the flow under a condition.
   *
   * @param z {@code [batch, bins, frames]} latents, finite
   * @param conditions one per item (a format-1 decoder takes none and ignores them; null allowed
   *     there)
   * @return features {@code [batch, bins, frames]}
   */
  public float[] decode(float[] z, int batch, int frames, GraphConditions conditions) {
    int bins = manifest.bins();
    checkBatch(z, "z", batch, frames);
    if (!conditionalFlow()) {
      try (OnnxTensor zt = Tensors.floats(env, z, batch, bins, frames);
          OrtSession.Result r = decoder.run(Map.of(GraphContract.Z, zt))) {
        return Tensors.output(r, GraphContract.FEATURES);
      } catch (OrtException e) {
        throw runFailure(GraphContract.DECODER, e);
      }
    }
    checkConditions(conditions, batch);
    try (OnnxTensor zt = Tensors.floats(env, z, batch, bins, frames);
        ConditionTensors c = conditionTensors(conditions);
        OrtSession.Result r =
            decoder.run(
                Map.of(
                    GraphContract.Z,
                    zt,
                    GraphContract.PITCH,
                    c.pitch(),
                    GraphContract.FAMILY,
                    c.family()))) {
      return Tensors.output(r, GraphContract.FEATURES);
    } catch (OrtException e) {
      throw runFailure(GraphContract.DECODER, e);
    }
  }

  /**
   * The prior's Gaussian over latents for the given label conditions.
   *
   * @param pitch MIDI pitch per item, {@code [batch]}
   * @param family instrument family index per item, {@code [batch]}
   * @param frames frames of latent to cover
   * @return mean and log standard deviation, each {@code [batch, bins, frames]}
   */
  public PriorParams prior(long[] pitch, long[] family, int frames) {
    return prior(labels(pitch, family, pitch.length), frames);
  }

  /**
   * The prior's Gaussian over latents for the given conditions.
   *
   * @param conditions one per item; a format-1 bundle takes their labels
   * @param frames frames of latent to cover
   * @return mean and log standard deviation, each {@code [batch, bins, frames]}
   */
  public PriorParams prior(GraphConditions conditions, int frames) {
    int batch = conditions.batch();
    Tensors.checkDims(batch, frames);
    checkConditions(conditions, batch);
    try (ConditionTensors c = conditionTensors(conditions);
        OnnxTensor n = Tensors.longs(env, new long[] {frames});
        OrtSession.Result r =
            prior.run(
                Map.of(
                    GraphContract.PITCH,
                    c.pitch(),
                    GraphContract.FAMILY,
                    c.family(),
                    GraphContract.FRAMES,
                    n))) {
      return new PriorParams(
          Tensors.output(r, GraphContract.MEAN),
          Tensors.output(r, GraphContract.LOG_STD),
          batch,
          manifest.bins(),
          frames);
    } catch (OrtException e) {
      throw runFailure(GraphContract.PRIOR, e);
    }
  }

  /** The pitch and family input tensors of one call, closed together. */
  private record ConditionTensors(OnnxTensor pitch, OnnxTensor family) implements AutoCloseable {
    @Override
    public void close() {
      try {
        family.close();
      } finally {
        pitch.close();
      }
    }
  }

  private ConditionTensors conditionTensors(GraphConditions c) throws OrtException {
    int batch = c.batch();
    OnnxTensor pitch =
        conditionalFlow()
            ? Tensors.floats(env, c.pitch(), batch)
            : Tensors.longs(env, c.pitchLabels(), batch);
    try {
      OnnxTensor family =
          conditionalFlow()
              ? Tensors.floats(env, c.familyWeights(), batch, c.families())
              : Tensors.longs(env, c.familyLabels(), batch);
      return new ConditionTensors(pitch, family);
    } catch (OrtException | RuntimeException e) {
      pitch.close();
      throw e;
    }
  }

  private GraphConditions labels(long[] pitch, long[] family, int batch) {
    Tensors.checkLength("pitch", pitch.length, batch, "[" + batch + "]");
    Tensors.checkLength("family", family.length, batch, "[" + batch + "]");
    return GraphConditions.ofLabels(pitch, family, manifest.families().size());
  }

  @Override
  public void close() {
    List<OrtSession> sessions = List.of(encoder, decoder, prior);
    RuntimeException failure = null;
    for (OrtSession s : sessions) {
      try {
        s.close();
      } catch (OrtException e) {
        if (failure == null) {
          failure =
              new TimbreflowException(Reason.IO, "cannot close a session: " + e.getMessage(), e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void checkBatch(float[] values, String field, int batch, int frames) {
    Tensors.checkDims(batch, frames);
    int bins = manifest.bins();
    Tensors.checkLength(
        field,
        values.length,
        (long) batch * bins * frames,
        "[" + batch + ", " + bins + ", " + frames + "]");
    Tensors.checkFinite(field, values, bins, frames);
  }

  private void checkConditions(GraphConditions conditions, int batch) {
    if (conditions == null) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT, "conditions: expected one per item, found none");
    }
    Tensors.checkLength("pitch", conditions.batch(), batch, "[" + batch + "]");
    if (conditions.families() != manifest.families().size()) {
      throw new TimbreflowException(
          Reason.INVALID_ARGUMENT,
          "family weights: expected "
              + manifest.families().size()
              + " families, found "
              + conditions.families());
    }
    float[] pitch = conditions.pitch();
    for (int b = 0; b < batch; b++) {
      if (pitch[b] < manifest.pitchMin() || pitch[b] > manifest.pitchMax()) {
        throw new TimbreflowException(
            Reason.INVALID_ARGUMENT,
            "pitch["
                + b
                + "]: expected "
                + manifest.pitchMin()
                + ".."
                + manifest.pitchMax()
                + ", found "
                + pitch[b]);
      }
    }
  }

  private TimbreflowException runFailure(String graph, OrtException e) {
    return new TimbreflowException(
        Reason.INVALID_MODEL, dir + ": " + graph + " failed to run: " + e.getMessage(), e);
  }

  private static byte[] readVerified(Path dir, GraphSpec spec) {
    Path file = dir.resolve(spec.file());
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new TimbreflowException(
          Reason.INVALID_MODEL, "missing file " + spec.file() + " in bundle " + dir, e);
    } catch (IOException e) {
      throw new TimbreflowException(Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
    }
    String found = Checksums.sha256(bytes);
    if (!found.equals(spec.sha256())) {
      throw new TimbreflowException(
          Reason.INVALID_MODEL,
          file
              + ": sha256 mismatch, expected "
              + spec.sha256()
              + " (from model.json), found "
              + found);
    }
    return bytes;
  }

  private static OrtSession open(
      OrtEnvironment env,
      Path dir,
      GraphSpec spec,
      byte[] bytes,
      BundleOptions options,
      Device device)
      throws OrtException {
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
      so.setOptimizationLevel(options.optimization().ortLevel());
      so.addConfigEntry("session.intra_op.allow_spinning", options.spinning() ? "1" : "0");
      if (options.intraOpThreads() > 0) {
        so.setIntraOpNumThreads(options.intraOpThreads());
      }
      if (device == Device.CUDA) {
        so.addCUDA(0);
      }
      try {
        return env.createSession(bytes, so);
      } catch (OrtException e) {
        throw new TimbreflowException(
            Reason.INVALID_MODEL,
            dir.resolve(spec.file()) + " is not a loadable ONNX model: " + e.getMessage(),
            e);
      }
    }
  }

  private static void closeAll(List<OrtSession> sessions, Exception cause) {
    for (OrtSession s : sessions) {
      try {
        s.close();
      } catch (OrtException e) {
        cause.addSuppressed(e);
      }
    }
  }
}
