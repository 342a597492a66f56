package timbreflow.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import timbreflow.trainer.data.ProgressListener;

class FamilyClassifierTest {

  private static final List<String> FAMILIES = List.of("a", "b", "c");

  /** Three Gaussian clusters in 12 dimensions, far apart on different axes. */
  private static FamilyJudge.Labelled clusters(
      int perClass, long seed, String instrumentPrefix, String description) {
    Random random = new Random(seed);
    int n = 3 * perClass;
    double[][] x = new double[n][12];
    int[] y = new int[n];
    String[] instrument = new String[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      for (int j = 0; j < 12; j++) {
        x[i][j] = random.nextGaussian() + (j == 4 * y[i] ? 6 : 0);
      }
      // two instruments per class, so leave-one-instrument-out always has training notes
      instrument[i] = instrumentPrefix + y[i] + "-" + (i / 3) % 2;
    }
    return new FamilyJudge.Labelled(x, y, instrument, description);
  }

  @Test
  void logisticRegressionSeparatesWellSeparatedClustersOnFreshSamples() {
    FamilyJudge.Labelled train = clusters(40, 1, "t", "train");
    FamilyJudge.Labelled test = clusters(40, 2, "t", "test");
    FamilyClassifier c = FamilyClassifier.fit(train.x(), train.family(), 3);
    assertTrue(c.accuracy(test.x(), test.family()) >= 0.97, "accuracy on fresh samples");
    assertEquals(1.0, c.accuracy(train.x(), train.family()), 1e-12);
  }

  @Test
  void aClassifierIsChanceOnLabelsThatCarryNoInformation() {
    FamilyJudge.Labelled train = clusters(60, 3, "t", "train");
    int[] shuffled = train.family().clone();
    Random random = new Random(4);
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    FamilyClassifier c = FamilyClassifier.fit(train.x(), shuffled, 3);
    FamilyJudge.Labelled test = clusters(60, 5, "t", "test");
    double accuracy = c.accuracy(test.x(), test.family());
    assertTrue(accuracy < 0.6, "labels shuffled: expected near chance (1/3), found " + accuracy);
  }

  @Test
  void judgeIsMeasuredOnADisjointSplitWhenOneIsGiven() {
    FamilyJudge.Labelled train = clusters(30, 6, "train-", "the train split");
    FamilyJudge.Labelled test = clusters(20, 7, "test-", "the test split");
    FamilyJudge judge = FamilyJudge.fit(train, test, FAMILIES, 2, ProgressListener.NONE);
    JudgeResult r = judge.result();
    assertTrue(
        r.validation().startsWith("the test split: 60 notes of 6 instruments"), r.validation());
    assertEquals(90, r.trainingNotes());
    assertEquals(6, r.trainingInstruments());
    assertTrue(r.accuracy() >= 0.95, "accuracy " + r.accuracy());
    assertEquals(FAMILIES, List.copyOf(r.accuracyPerFamily().keySet()));
    assertEquals(1, judge.predict(test.x()[1]));
  }

  @Test
  void theShuffledLabelControlScoresAboutChanceWhereTheRealFitScoresHigh() {
    FamilyJudge.Labelled train = clusters(60, 10, "train-", "the train split");
    FamilyJudge.Labelled test = clusters(60, 11, "test-", "the test split");
    JudgeResult r = FamilyJudge.fit(train, test, FAMILIES, 2, ProgressListener.NONE).result();
    assertTrue(r.accuracy() >= 0.95, "accuracy " + r.accuracy());
    assertEquals(180, r.checkedNotes());
    assertEquals(1 / 3.0, r.majorityShare(), 1e-12);
    assertTrue(
        r.shuffledLabelAccuracy() < 0.6,
        "shuffled labels: expected near chance (1/3), found " + r.shuffledLabelAccuracy());
  }

  @Test
  void theControlFailsWhenTheCheckedNotesLeakIntoTraining() {
    // 30 notes in 60 dimensions: any labelling is linearly separable, so a classifier fitted on
    // shuffled labels recalls them. A "check" split that is the training notes again under new
    // instrument names, labelled as shuffled, is a leak, and the control must show it.
    Random random = new Random(12);
    double[][] x = new double[30][60];
    int[] y = new int[30];
    String[] instrument = new String[30];
    for (int i = 0; i < 30; i++) {
      for (int j = 0; j < 60; j++) {
        x[i][j] = random.nextGaussian();
      }
      y[i] = i % 3;
      instrument[i] = "t" + i % 6;
    }
    FamilyJudge.Labelled train = new FamilyJudge.Labelled(x, y, instrument, "the train split");
    String[] renamed = new String[30];
    for (int i = 0; i < 30; i++) {
      renamed[i] = "leaked-" + instrument[i];
    }
    FamilyJudge.Labelled leaked =
        new FamilyJudge.Labelled(
            x, train.shuffled(FamilyJudge.SHUFFLE_SEED).family(), renamed, "leaked notes");
    JudgeResult r = FamilyJudge.fit(train, leaked, FAMILIES, 2, ProgressListener.NONE).result();
    assertTrue(
        r.shuffledLabelAccuracy() > 0.9,
        "a leak shows in the control: " + r.shuffledLabelAccuracy());
  }

  @Test
  void judgeFallsBackToLeaveOneInstrumentOutOnItsOwnNotes() {
    FamilyJudge.Labelled notes = clusters(30, 8, "i", "the test split");
    FamilyJudge judge = FamilyJudge.fit(notes, notes, FAMILIES, 2, ProgressListener.NONE);
    JudgeResult r = judge.result();
    assertTrue(r.validation().startsWith("leave-one-instrument-out"), r.validation());
    assertTrue(r.accuracy() >= 0.95, "accuracy " + r.accuracy());
  }

  @Test
  void leaveOneInstrumentOutCannotRecogniseAFamilyWithOnlyOneInstrument() {
    FamilyJudge.Labelled base = clusters(30, 9, "i", "the test split");
    String[] instrument = base.instrument().clone();
    for (int i = 0; i < instrument.length; i++) {
      if (base.family()[i] == 2) {
        instrument[i] = "only-c";
      }
    }
    FamilyJudge.Labelled notes =
        new FamilyJudge.Labelled(base.x(), base.family(), instrument, "the test split");
    JudgeResult r = FamilyJudge.fit(notes, notes, FAMILIES, 1, ProgressListener.NONE).result();
    assertEquals(0.0, r.accuracyPerFamily().get("c"), 1e-12);
    assertTrue(r.accuracyPerFamily().get("a") >= 0.9, r.accuracyPerFamily().toString());
  }
}
