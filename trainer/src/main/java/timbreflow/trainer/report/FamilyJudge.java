package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;
import timbreflow.trainer.data.ProgressListener;

/**
 * The family classifier fitted on real notes, with its accuracy on real notes of instruments it
 * never heard, so the reader knows how far to trust its verdict on samples: measured on a split
 * whose instruments are disjoint from its training notes when there is one, else by
 * leave-one-instrument-out over its own notes. Beside it, a control that can fail: the same fit on
 * shuffled families, measured the same way, must score about chance.
 */
final class FamilyJudge {

  static final String METHOD =
      "multinomial logistic regression (L2 "
          + FamilyClassifier.L2
          + ", "
          + FamilyClassifier.STEPS
          + " full-batch Adam steps, standardised inputs) on each note's time-averaged feature"
          + " spectrum in bands of "
          + NoteDescriptor.BAND
          + " bins, the levels of its first "
          + NoteDescriptor.HARMONICS
          + " harmonics and its loudness envelope (level relative to the loudest frame) in "
          + NoteDescriptor.SEGMENTS
          + " time segments";

  /** Seed of the label shuffle of the control. */
  static final long SHUFFLE_SEED = 0;

  /**
   * Real notes with labels.
   *
   * @param x {@link NoteDescriptor}s, {@code [n][d]}
   * @param family family index of each
   * @param instrument instrument name of each
   * @param description where they come from, for the report
   */
  record Labelled(double[][] x, int[] family, String[] instrument, String description) {

    Set<String> instruments() {
      return new TreeSet<>(List.of(instrument));
    }

    /** The same notes with their families shuffled among them (a seeded permutation). */
    Labelled shuffled(long seed) {
      int[] y = family.clone();
      Random random = new Random(seed);
      for (int i = y.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = y[i];
        y[i] = y[j];
        y[j] = t;
      }
      return new Labelled(x, y, instrument, description + ", families shuffled");
    }
  }

  private final FamilyClassifier classifier;
  private final JudgeResult result;

  private FamilyJudge(FamilyClassifier classifier, JudgeResult result) {
    this.classifier = classifier;
    this.result = result;
  }

  /**
   * Fits the judge on {@code train} and measures it on {@code check} when that shares no instrument
   * with {@code train}, else by leave-one-instrument-out over {@code train}.
   */
  static FamilyJudge fit(
      Labelled train,
      Labelled check,
      List<String> familyNames,
      int threads,
      ProgressListener progress) {
    int classes = familyNames.size();
    Set<String> shared = new HashSet<>(train.instruments());
    shared.retainAll(check.instruments());
    Labelled shuffled = train.shuffled(SHUFFLE_SEED);
    ExecutorService pool = Executors.newFixedThreadPool(threads, FamilyJudge::daemon);
    try {
      Future<FamilyClassifier> all =
          pool.submit(() -> FamilyClassifier.fit(train.x(), train.family(), classes));
      if (shared.isEmpty()) {
        Future<FamilyClassifier> control =
            pool.submit(() -> FamilyClassifier.fit(shuffled.x(), shuffled.family(), classes));
        FamilyClassifier c = all.get();
        int[] predicted = predictAll(c, check);
        int[] controlPredicted = predictAll(control.get(), check);
        String validation =
            check.description()
                + ": "
                + check.x().length
                + " notes of "
                + check.instruments().size()
                + " instruments the classifier never heard";
        progress.progressed(1, 1);
        return judge(c, train, check, predicted, controlPredicted, validation, familyNames);
      }
      int[] predicted = leaveOneInstrumentOut(train, classes, pool, progress);
      int[] controlPredicted =
          leaveOneInstrumentOut(shuffled, classes, pool, ProgressListener.NONE);
      String validation =
          "leave-one-instrument-out over its own "
              + train.x().length
              + " notes (each of the "
              + train.instruments().size()
              + " instruments judged by a classifier fitted without it)";
      return judge(all.get(), train, train, predicted, controlPredicted, validation, familyNames);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainerException(Reason.IO, "interrupted while fitting the family classifier", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("fitting the family classifier failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static int[] predictAll(FamilyClassifier c, Labelled notes) {
    int[] predicted = new int[notes.x().length];
    for (int i = 0; i < predicted.length; i++) {
      predicted[i] = c.predict(notes.x()[i]);
    }
    return predicted;
  }

  /** The judged family of a note's descriptor. */
  int predict(double[] descriptor) {
    return classifier.predict(descriptor);
  }

  /** How good the judge is. */
  JudgeResult result() {
    return result;
  }

  private static FamilyJudge judge(
      FamilyClassifier classifier,
      Labelled train,
      Labelled check,
      int[] predicted,
      int[] controlPredicted,
      String validation,
      List<String> familyNames) {
    Map<Integer, int[]> perFamily = new TreeMap<>();
    int right = 0;
    int controlRight = 0;
    for (int i = 0; i < predicted.length; i++) {
      int[] counts = perFamily.computeIfAbsent(check.family()[i], f -> new int[2]);
      counts[1]++;
      if (predicted[i] == check.family()[i]) {
        counts[0]++;
        right++;
      }
      controlRight += controlPredicted[i] == check.family()[i] ? 1 : 0;
    }
    Map<String, Double> accuracy = new LinkedHashMap<>();
    int commonest = 0;
    for (Map.Entry<Integer, int[]> e : perFamily.entrySet()) {
      accuracy.put(familyNames.get(e.getKey()), e.getValue()[0] / (double) e.getValue()[1]);
      commonest = Math.max(commonest, e.getValue()[1]);
    }
    int n = predicted.length;
    return new FamilyJudge(
        classifier,
        new JudgeResult(
            METHOD,
            train.description(),
            train.x().length,
            train.instruments().size(),
            validation,
            n,
            right / (double) n,
            accuracy,
            classifier.accuracy(train.x(), train.family()),
            commonest / (double) n,
            controlRight / (double) n));
  }

  /** Each note's family as judged by a classifier fitted on every other instrument's notes. */
  private static int[] leaveOneInstrumentOut(
      Labelled train, int classes, ExecutorService pool, ProgressListener progress)
      throws InterruptedException, ExecutionException {
    int n = train.x().length;
    Map<String, List<Integer>> byInstrument = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      byInstrument.computeIfAbsent(train.instrument()[i], k -> new ArrayList<>()).add(i);
    }
    int[] predicted = new int[n];
    int[] done = {0};
    List<Future<?>> folds = new ArrayList<>();
    for (List<Integer> held : byInstrument.values()) {
      folds.add(
          pool.submit(
              () -> {
                Set<Integer> out = new HashSet<>(held);
                List<double[]> x = new ArrayList<>();
                List<Integer> y = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                  if (!out.contains(i)) {
                    x.add(train.x()[i]);
                    y.add(train.family()[i]);
                  }
                }
                if (x.isEmpty()) {
                  for (int i : held) {
                    predicted[i] = -1;
                  }
                } else {
                  FamilyClassifier c =
                      FamilyClassifier.fit(
                          x.toArray(double[][]::new),
                          y.stream().mapToInt(Integer::intValue).toArray(),
                          classes);
                  for (int i : held) {
                    predicted[i] = c.predict(train.x()[i]);
                  }
                }
                synchronized (done) {
                  progress.progressed(++done[0], byInstrument.size());
                }
              }));
    }
    for (Future<?> f : folds) {
      f.get();
    }
    return predicted;
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "family-classifier");
    t.setDaemon(true);
    return t;
  }
}
