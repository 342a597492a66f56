package timbreflow.exporter.graph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import timbreflow.exporter.ExportException;
import timbreflow.trainer.flow.ConditionalFlow;
import timbreflow.trainer.flow.FlowConfig;

/**
 * Copies a DJL {@link ConditionalFlow}'s parameters, by their stable names ({@link
 * ConditionalFlow#namedParameters()}), into {@link FlowWeights}, checking every shape.
 */
public final class FlowWeightsReader {

  private FlowWeightsReader() {}

  /** The weights of an initialised or loaded flow. */
  public static FlowWeights read(ConditionalFlow flow) {
    FlowConfig cfg = flow.config();
    Map<String, Parameter> p = flow.namedParameters();
    int c = cfg.channels();
    int h = cfg.hiddenChannels();
    int ca = cfg.conditionerChannels();
    int cb = cfg.transformedChannels();
    int k = cfg.kernelSize();
    FlowWeights.ActNorm actNorm = null;
    if (cfg.actNorm()) {
      actNorm =
          new FlowWeights.ActNorm(floats(p, "actnorm.bias", c), floats(p, "actnorm.log_scale", c));
    }
    List<FlowWeights.Step> steps = new ArrayList<>();
    for (int s = 0; s < cfg.steps(); s++) {
      String pre = "steps." + s + ".coupling.";
      List<float[]> inW = new ArrayList<>();
      List<float[]> inB = new ArrayList<>();
      List<float[]> rsW = new ArrayList<>();
      List<float[]> rsB = new ArrayList<>();
      for (int i = 0; i < cfg.layers(); i++) {
        long out = i < cfg.layers() - 1 ? 2L * h : h;
        inW.add(floats(p, pre + "in_" + i + "_weight", 2L * h * h * k));
        inB.add(floats(p, pre + "in_" + i + "_bias", 2L * h));
        rsW.add(floats(p, pre + "res_skip_" + i + "_weight", out * h));
        rsB.add(floats(p, pre + "res_skip_" + i + "_bias", out));
      }
      FlowWeights.Coupling coupling =
          new FlowWeights.Coupling(
              floats(p, pre + "start_weight", (long) h * ca),
              floats(p, pre + "start_bias", h),
              inW,
              inB,
              rsW,
              rsB,
              floats(p, pre + "end_weight", 2L * cb * h),
              floats(p, pre + "end_bias", 2L * cb),
              cfg.hasFrequencyBranch() ? frequency(p, pre, cfg) : null);
      long[] perm = longs(p, "steps." + s + ".shuffle.permutation", c);
      checkPermutation("steps." + s + ".shuffle.permutation", perm);
      steps.add(new FlowWeights.Step(perm, coupling));
    }
    int e = cfg.pitchEmbedding() + cfg.familyEmbedding();
    FlowWeights.Prior prior =
        new FlowWeights.Prior(
            cfg.pitches(),
            cfg.pitchEmbedding(),
            floats(p, "prior.pitch_embedding", (long) cfg.pitches() * cfg.pitchEmbedding()),
            cfg.families(),
            cfg.familyEmbedding(),
            floats(p, "prior.family_embedding", (long) cfg.families() * cfg.familyEmbedding()),
            floats(p, "prior.weight", 2L * c * e),
            floats(p, "prior.bias", 2L * c),
            cfg.priorFrames(),
            cfg.priorFrames() > 0
                ? floats(p, "prior.frame_offsets", 2L * c * cfg.priorFrames())
                : null);
    return new FlowWeights(c, h, cfg.layers(), k, (float) cfg.scaleOffset(), actNorm, steps, prior);
  }

  private static FlowWeights.Frequency frequency(
      Map<String, Parameter> p, String pre, FlowConfig cfg) {
    int ca = cfg.conditionerChannels();
    int kf = cfg.frequencyKernel();
    int f = cfg.frequencyHidden();
    int bins = cfg.frequencyBins();
    long[] gather = longs(p, pre + "freq_gather_index", bins);
    long[] out = longs(p, pre + "freq_out_index", cfg.transformedChannels());
    checkRange(pre + "freq_gather_index", gather, ca + 1);
    checkRange(pre + "freq_out_index", out, bins + 1);
    return new FlowWeights.Frequency(
        kf,
        f,
        gather,
        out,
        floats(p, pre + "freq_in_weight", (long) f * kf),
        floats(p, pre + "freq_in_bias", f),
        floats(p, pre + "freq_out_weight", 2L * f * kf),
        floats(p, pre + "freq_out_bias", 2));
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

  private static NDArray array(Map<String, Parameter> p, String name, long size) {
    Parameter param = p.get(name);
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
    return a;
  }

  private static float[] floats(Map<String, Parameter> p, String name, long size) {
    NDArray a = array(p, name, size);
    return a.getDataType() == DataType.FLOAT32
        ? a.toFloatArray()
        : a.toType(DataType.FLOAT32, false).toFloatArray();
  }

  private static long[] longs(Map<String, Parameter> p, String name, long size) {
    NDArray a = array(p, name, size);
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
