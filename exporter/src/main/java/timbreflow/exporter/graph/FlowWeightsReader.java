package timbreflow.exporter.graph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import timbreflow.exporter.ExportException;
import timbreflow.trainer.flow.ConditionalFlow;
import timbreflow.trainer.flow.FlowConfig;

/**
 * Copies a DJL {@link ConditionalFlow}'s parameters, by their stable names ({@link
 * ConditionalFlow#namedParameters()}), into {@link FlowWeights}, checking every shape; a parameter
 * that no graph would express (a setting newer than this exporter) fails the export instead of
 * being dropped.
 */
public final class FlowWeightsReader {

  /** Read by no graph: ActNorm's flag that its data-dependent initialisation has run. */
  private static final Set<String> NOT_EXPORTED = Set.of("actnorm.initialized");

  private final Map<String, Parameter> params;
  private final Set<String> unread;

  private FlowWeightsReader(Map<String, Parameter> params) {
    this.params = params;
    this.unread = new LinkedHashSet<>(params.keySet());
    unread.removeAll(NOT_EXPORTED);
  }

  /**
   * The weights of an initialised or loaded flow.
   *
   * @throws ExportException {@code INVALID_CHECKPOINT} for a missing or misshapen parameter, {@code
   *     UNSUPPORTED_MODEL} for a parameter the graphs cannot express
   */
  public static FlowWeights read(ConditionalFlow flow) {
    FlowWeightsReader r = new FlowWeightsReader(flow.namedParameters());
    FlowConfig cfg = flow.config();
    FlowWeights weights = r.weights(cfg);
    if (!r.unread.isEmpty()) {
      throw new ExportException(
          ExportException.Reason.UNSUPPORTED_MODEL,
          "expected only parameters the graphs express, found "
              + r.unread
              + " (a flow config setting this exporter does not know; config "
              + cfg.toJson()
              + ")");
    }
    return weights;
  }

  private FlowWeights weights(FlowConfig cfg) {
    int c = cfg.channels();
    FlowWeights.ActNorm actNorm = null;
    if (cfg.actNorm()) {
      actNorm = new FlowWeights.ActNorm(floats("actnorm.bias", c), floats("actnorm.log_scale", c));
    }
    List<FlowWeights.Step> steps = new ArrayList<>();
    for (int s = 0; s < cfg.steps(); s++) {
      FlowWeights.Coupling coupling = coupling("steps." + s + ".coupling.", cfg);
      String permName = "steps." + s + ".shuffle.permutation";
      long[] perm = longs(permName, c);
      checkPermutation(permName, perm);
      steps.add(new FlowWeights.Step(perm, coupling));
    }
    FlowWeights.Embedding priorTables =
        embedding("prior.", cfg, cfg.pitchEmbedding(), cfg.familyEmbedding());
    int e = priorTables.width();
    int frames = cfg.priorFrames();
    int rank = cfg.envelopeRank();
    FlowWeights.Prior prior =
        new FlowWeights.Prior(
            priorTables,
            floats("prior.weight", 2L * c * e),
            floats("prior.bias", 2L * c),
            frames,
            frames > 0 ? floats("prior.frame_offsets", 2L * c * frames) : null,
            rank,
            rank > 0 ? floats("prior.envelope_weight", (long) rank * frames * e) : null,
            rank > 0 ? floats("prior.envelope_basis", 2L * c * rank) : null);
    FlowWeights.Embedding condition =
        cfg.conditionalFlow()
            ? embedding("condition.", cfg, cfg.flowPitchEmbedding(), cfg.flowFamilyEmbedding())
            : null;
    return new FlowWeights(
        c,
        cfg.hiddenChannels(),
        cfg.layers(),
        cfg.kernelSize(),
        (float) cfg.scaleOffset(),
        actNorm,
        steps,
        prior,
        condition);
  }

  private FlowWeights.Coupling coupling(String pre, FlowConfig cfg) {
    int h = cfg.hiddenChannels();
    int ca = cfg.conditionerChannels();
    int cb = cfg.transformedChannels();
    int k = cfg.kernelSize();
    List<float[]> inW = new ArrayList<>();
    List<float[]> inB = new ArrayList<>();
    List<float[]> rsW = new ArrayList<>();
    List<float[]> rsB = new ArrayList<>();
    List<float[]> condW = new ArrayList<>();
    for (int i = 0; i < cfg.layers(); i++) {
      long out = i < cfg.layers() - 1 ? 2L * h : h;
      inW.add(floats(pre + "in_" + i + "_weight", 2L * h * h * k));
      inB.add(floats(pre + "in_" + i + "_bias", 2L * h));
      rsW.add(floats(pre + "res_skip_" + i + "_weight", out * h));
      rsB.add(floats(pre + "res_skip_" + i + "_bias", out));
      if (cfg.conditionalFlow()) {
        condW.add(floats(pre + "cond_" + i + "_weight", 2L * h * cfg.flowConditionWidth()));
      }
    }
    return new FlowWeights.Coupling(
        floats(pre + "start_weight", (long) h * ca),
        floats(pre + "start_bias", h),
        inW,
        inB,
        rsW,
        rsB,
        floats(pre + "end_weight", 2L * cb * h),
        floats(pre + "end_bias", 2L * cb),
        cfg.hasFrequencyBranch() ? frequency(pre, cfg) : null,
        condW);
  }

  private FlowWeights.Embedding embedding(String pre, FlowConfig cfg, int pitchDim, int familyDim) {
    return new FlowWeights.Embedding(
        cfg.pitches(),
        pitchDim,
        floats(pre + "pitch_embedding", (long) cfg.pitches() * pitchDim),
        cfg.families(),
        familyDim,
        floats(pre + "family_embedding", (long) cfg.families() * familyDim));
  }

  private FlowWeights.Frequency frequency(String pre, FlowConfig cfg) {
    int ca = cfg.conditionerChannels();
    int kf = cfg.frequencyKernel();
    int f = cfg.frequencyHidden();
    int bins = cfg.frequencyBins();
    long[] gather = longs(pre + "freq_gather_index", bins);
    long[] out = longs(pre + "freq_out_index", cfg.transformedChannels());
    checkRange(pre + "freq_gather_index", gather, ca + 1);
    checkRange(pre + "freq_out_index", out, bins + 1);
    return new FlowWeights.Frequency(
        kf,
        f,
        gather,
        out,
        floats(pre + "freq_in_weight", (long) f * kf),
        floats(pre + "freq_in_bias", f),
        floats(pre + "freq_out_weight", 2L * f * kf),
        floats(pre + "freq_out_bias", 2));
  }

  private static void checkRange(String name, long[] index, long bound) {
    for (int i = 0; i < index.length; i++) {
      if (index[i] < 0 || index[i] >= bound) {
        throw new ExportException(
            ExportException.Reason.INVALID_CHECKPOINT,
            name + "[" + i + "]: expected 0.." + (bound - 1) + ", found " + index[i]);
      }
    }
  }

  private NDArray array(String name, long size) {
    Parameter param = params.get(name);
    if (param == null || !param.isInitialized()) {
      throw new ExportException(
          ExportException.Reason.INVALID_CHECKPOINT,
          "expected an initialised parameter "
              + name
              + ", found "
              + (param == null ? "none" : "an uninitialised one"));
    }
    NDArray a = param.getArray();
    if (a.size() != size) {
      throw new ExportException(
          ExportException.Reason.INVALID_CHECKPOINT,
          "parameter " + name + ": expected " + size + " values, found " + a.getShape());
    }
    unread.remove(name);
    return a;
  }

  private float[] floats(String name, long size) {
    NDArray a = array(name, size);
    return a.getDataType() == DataType.FLOAT32
        ? a.toFloatArray()
        : a.toType(DataType.FLOAT32, false).toFloatArray();
  }

  private long[] longs(String name, long size) {
    NDArray a = array(name, size);
    return a.getDataType() == DataType.INT64
        ? a.toLongArray()
        : a.toType(DataType.INT64, false).toLongArray();
  }

  private static void checkPermutation(String name, long[] perm) {
    boolean[] seen = new boolean[perm.length];
    for (long v : perm) {
      if (v < 0 || v >= perm.length || seen[(int) v]) {
        throw new ExportException(
            ExportException.Reason.INVALID_CHECKPOINT,
            name
                + ": expected a permutation of 0.."
                + (perm.length - 1)
                + ", found "
                + Arrays.toString(Arrays.copyOf(perm, Math.min(perm.length, 12)))
                + "...");
      }
      seen[(int) v] = true;
    }
  }
}
