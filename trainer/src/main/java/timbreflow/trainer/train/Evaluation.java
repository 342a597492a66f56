package timbreflow.trainer.train;

import ai.djl.Device;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import timbreflow.trainer.TrainerException;

/**
 * Runs the {@code evaluate} command's measurements: whole-note test bits/dim of a flow, overall and
 * per family, beside a prior-only baseline checkpoint, plus the flow's round-trip error.
 */
public final class Evaluation {

  private Evaluation() {}

  /**
   * Scores {@code test} under the checkpoint at {@code flowPath} and, when given, the baseline.
   *
   * @param flowPath the flow's checkpoint file or run folder
   * @param baselinePath the prior-only baseline's checkpoint file or run folder, or {@code null}
   * @param test whole test notes
   * @param familyNames maps a family index to its name
   * @param device where to run
   * @param progress called after each note with (done, total)
   */
  public static EvaluationReport run(
      Path flowPath,
      Path baselinePath,
      List<TrainingNote> test,
      IntFunction<String> familyNames,
      Device device,
      BiConsumer<Integer, Integer> progress) {
    if (test.isEmpty()) {
      throw new TrainerException(
          TrainerException.Reason.INVALID_DATASET, "expected test notes, found none");
    }
    long start = System.nanoTime();
    double[] flowBpd = new double[test.size()];
    double[] baseBpd = new double[test.size()];
    Arrays.fill(baseBpd, Double.NaN);
    double maxError = 0;
    double sumError = 0;
    long values = 0;
    Path flowFile;
    long flowStep;
    try (Checkpoint flow = Checkpoint.load(flowPath, device)) {
      flowFile = flow.path();
      flowStep = flow.metadata().step();
      ParameterStore store = new ParameterStore(flow.manager(), false);
      for (int i = 0; i < test.size(); i++) {
        Evaluator.NoteScore s =
            Evaluator.score(flow.flow(), store, test.get(i), flow.manager(), device, true);
        flowBpd[i] = s.bitsPerDim();
        maxError = Math.max(maxError, s.maxAbsError());
        sumError += s.sumAbsError();
        values += s.values();
        progress.accept(i + 1, baselinePath == null ? test.size() : 2 * test.size());
      }
    }
    Path baseFile = null;
    long baseStep = 0;
    if (baselinePath != null) {
      try (Checkpoint base = Checkpoint.load(baselinePath, device)) {
        if (base.flowConfig().steps() != 0) {
          throw new TrainerException(
              TrainerException.Reason.INVALID_CONFIG,
              "--baseline: expected a prior-only checkpoint (flow steps 0), found "
                  + base.flowConfig().steps()
                  + " steps in "
                  + base.path());
        }
        baseFile = base.path();
        baseStep = base.metadata().step();
        ParameterStore store = new ParameterStore(base.manager(), false);
        for (int i = 0; i < test.size(); i++) {
          baseBpd[i] =
              Evaluator.score(base.flow(), store, test.get(i), base.manager(), device, false)
                  .bitsPerDim();
          progress.accept(test.size() + i + 1, 2 * test.size());
        }
      }
    }
    Map<Integer, List<Integer>> byFamily = new TreeMap<>();
    for (int i = 0; i < test.size(); i++) {
      byFamily.computeIfAbsent(test.get(i).family(), f -> new ArrayList<>()).add(i);
    }
    List<EvaluationReport.FamilyScore> families = new ArrayList<>();
    for (Map.Entry<Integer, List<Integer>> e : byFamily.entrySet()) {
      families.add(
          new EvaluationReport.FamilyScore(
              familyNames.apply(e.getKey()),
              e.getValue().size(),
              weightedMean(test, flowBpd, e.getValue()),
              weightedMean(test, baseBpd, e.getValue())));
    }
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) {
      all.add(i);
    }
    double flowAll = weightedMean(test, flowBpd, all);
    double baseAll = weightedMean(test, baseBpd, all);
    return new EvaluationReport(
        flowFile.toString(),
        flowStep,
        baseFile == null ? null : baseFile.toString(),
        baseStep,
        test.size(),
        flowAll,
        baseAll,
        8.0,
        baseAll - flowAll,
        families,
        maxError,
        sumError / values,
        (System.nanoTime() - start) / 1e9);
  }

  /** Mean over notes weighted by each note's number of values (= mean over all values). */
  private static double weightedMean(List<TrainingNote> notes, double[] bpd, List<Integer> which) {
    double sum = 0;
    long n = 0;
    for (int i : which) {
      long size = notes.get(i).features().values().length;
      sum += bpd[i] * size;
      n += size;
    }
    return sum / n;
  }
}
