package timbreflow.exporter.parity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import timbreflow.exporter.ExportException;
import timbreflow.runtime.onnx.Encoded;
import timbreflow.runtime.onnx.GraphConditions;
import timbreflow.runtime.onnx.GraphContract;
import timbreflow.runtime.onnx.ModelBundle;
import timbreflow.runtime.onnx.PriorParams;

/**
 * Runs DJL and ONNX Runtime on the same notes and finds the worst disagreement of each check.
 *
 * <p>Checks, per batch size (notes taken in order, batches of equal frame counts): encoder {@code
 * z} and {@code bits_per_dim}; decoder output on DJL's latent; ONNX Runtime's {@code
 * decode(encode(x))} against x; prior {@code mean} and {@code log_std}. Each runs under the notes'
 * label conditions and, for a conditional flow (bundle format 2), again under continuous ones
 * between labels ({@link GateConditions#between}: pitches between integers, two-family mixtures),
 * reported as separate checks ending in {@value #CONTINUOUS}.
 */
public final class ParityGate {

  /** The minimum number of validation notes the gate accepts. */
  public static final int MIN_NOTES = 32;

  /** Suffix of the checks run under the continuous conditions ({@link GateConditions#between}). */
  public static final String CONTINUOUS = " (continuous)";

  private final Tolerances tolerances;
  private final List<Integer> batchSizes;
  private final int minNotes;

  /**
   * A gate with the given tolerances and batch sizes.
   *
   * @param minNotes fewer notes than this fail with {@link ExportException.Reason#INVALID_DATA}
   */
  public ParityGate(Tolerances tolerances, List<Integer> batchSizes, int minNotes) {
    this.tolerances = tolerances;
    this.batchSizes = List.copyOf(batchSizes);
    this.minNotes = minNotes;
  }

  /** The published gate: default tolerances, batch sizes 1 and 4, at least 32 notes. */
  public static ParityGate standard() {
    return new ParityGate(Tolerances.DEFAULT, List.of(1, 4), MIN_NOTES);
  }

  /**
   * Compares {@code djl} and {@code ort} on {@code notes}.
   *
   * @param progress called with the number of notes done after each batch (for a progress bar)
   */
  public ParityReport run(
      DjlReference djl, ModelBundle ort, List<ParityNote> notes, IntConsumer progress) {
    if (notes.size() < minNotes) {
      throw new ExportException(
          ExportException.Reason.INVALID_DATA,
          "parity gate: expected at least "
              + minNotes
              + " validation notes, found "
              + notes.size());
    }
    if (djl.conditionalFlow() != ort.conditionalFlow()) {
      throw new ExportException(
          ExportException.Reason.PARITY_FAILED,
          "expected a bundle of format "
              + (djl.conditionalFlow()
                  ? GraphContract.CONDITIONAL_FLOW
                  : GraphContract.UNCONDITIONAL_FLOW)
              + " for this flow, found format "
              + ort.manifest().formatVersion());
    }
    int bins = ort.manifest().bins();
    Map<String, Worst> worst = new LinkedHashMap<>();
    int done = 0;
    for (int batchSize : batchSizes) {
      for (List<ParityNote> batch : batches(notes, batchSize)) {
        compareBatch(djl, ort, batch, batchSize, bins, worst);
        done += batch.size();
        progress.accept(done);
      }
    }
    List<WorstElement> out = new ArrayList<>();
    for (Worst w : worst.values()) {
      out.add(w.element);
    }
    return new ParityReport(notes.size(), batchSizes, out);
  }

  /** The total notes processed over all batch sizes, for sizing a progress bar. */
  public int workUnits(List<ParityNote> notes) {
    return notes.size() * batchSizes.size();
  }

  private void compareBatch(
      DjlReference djl,
      ModelBundle ort,
      List<ParityNote> batch,
      int batchSize,
      int bins,
      Map<String, Worst> worst) {
    int b = batch.size();
    int frames = batch.get(0).frames();
    float[] x = new float[b * bins * frames];
    String[] ids = new String[b];
    for (int i = 0; i < b; i++) {
      ParityNote n = batch.get(i);
      System.arraycopy(n.features(), 0, x, i * bins * frames, bins * frames);
      ids[i] = n.id();
    }
    Layout layout = new Layout(ids, bins, frames, batchSize);
    int families = ort.manifest().families().size();
    compareUnder(djl, ort, x, GateConditions.labels(batch, families), "", layout, worst);
    if (ort.conditionalFlow()) {
      GraphConditions between = GateConditions.between(batch, families, ort.manifest().pitchMax());
      compareUnder(djl, ort, x, between, CONTINUOUS, layout, worst);
    }
  }

  /** The six checks of one batch {@code x [B, C, T]} under one set of conditions. */
  private void compareUnder(
      DjlReference djl,
      ModelBundle ort,
      float[] x,
      GraphConditions conditions,
      String suffix,
      Layout layout,
      Map<String, Worst> worst) {
    int b = conditions.batch();
    int frames = layout.frames();
    Encoded refEnc = djl.encode(x, b, frames, conditions);
    Encoded ortEnc = ort.encode(x, b, frames, conditions);
    compare(
        worst,
        "encoder z" + suffix,
        GraphContract.ENCODER,
        GraphContract.Z,
        refEnc.z(),
        ortEnc.z(),
        tolerances.z(),
        layout);
    compare(
        worst,
        "encoder bits_per_dim" + suffix,
        GraphContract.ENCODER,
        GraphContract.BITS_PER_DIM,
        refEnc.bitsPerDim(),
        ortEnc.bitsPerDim(),
        tolerances.bitsPerDim(),
        layout.scalars());
    compare(
        worst,
        "decoder features" + suffix,
        GraphContract.DECODER,
        GraphContract.FEATURES,
        djl.decode(refEnc.z(), b, frames, conditions),
        ort.decode(refEnc.z(), b, frames, conditions),
        tolerances.decoder(),
        layout);
    compare(
        worst,
        "decode(encode(x)) vs x" + suffix,
        GraphContract.DECODER,
        GraphContract.FEATURES,
        x,
        ort.decode(ortEnc.z(), b, frames, conditions),
        tolerances.roundTrip(),
        layout);
    PriorParams refPrior = djl.prior(conditions, frames);
    PriorParams ortPrior = ort.prior(conditions, frames);
    compare(
        worst,
        "prior mean" + suffix,
        GraphContract.PRIOR,
        GraphContract.MEAN,
        refPrior.mean(),
        ortPrior.mean(),
        tolerances.prior(),
        layout);
    compare(
        worst,
        "prior log_std" + suffix,
        GraphContract.PRIOR,
        GraphContract.LOG_STD,
        refPrior.logStd(),
        ortPrior.logStd(),
        tolerances.prior(),
        layout);
  }

  private static void compare(
      Map<String, Worst> worst,
      String check,
      String graph,
      String tensor,
      float[] ref,
      float[] found,
      double tolerance,
      Layout layout) {
    if (ref.length != found.length) {
      throw new ExportException(
          ExportException.Reason.PARITY_FAILED,
          check + ": expected " + ref.length + " values from onnxruntime, found " + found.length);
    }
    Worst w = worst.computeIfAbsent(check, k -> new Worst());
    for (int i = 0; i < ref.length; i++) {
      double d = Math.abs((double) ref[i] - found[i]);
      if (w.element == null
          || d > w.difference
          || (Double.isNaN(d) && !Double.isNaN(w.difference))) {
        w.difference = d;
        w.element =
            new WorstElement(
                check,
                graph,
                tensor,
                layout.batchSize,
                layout.note(i),
                layout.index(i),
                ref[i],
                found[i],
                tolerance);
      }
    }
  }

  private static List<List<ParityNote>> batches(List<ParityNote> notes, int size) {
    List<List<ParityNote>> out = new ArrayList<>();
    List<ParityNote> current = new ArrayList<>();
    for (ParityNote n : notes) {
      if (!current.isEmpty() && (current.size() == size || current.get(0).frames() != n.frames())) {
        out.add(current);
        current = new ArrayList<>();
      }
      current.add(n);
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  private static final class Worst {
    private double difference = -1;
    private WorstElement element;
  }

  /** Maps a flat batch index to the note and its [c, t] index. */
  private record Layout(String[] ids, int bins, int frames, int batchSize) {
    String note(int i) {
      return ids[i / (bins * frames)];
    }

    String index(int i) {
      if (bins == 1 && frames == 1) {
        return "[]";
      }
      int r = i % (bins * frames);
      return "[" + (r / frames) + ", " + (r % frames) + "]";
    }

    Layout scalars() {
      return new Layout(ids, 1, 1, batchSize);
    }
  }
}
