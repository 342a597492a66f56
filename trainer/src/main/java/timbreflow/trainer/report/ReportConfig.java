package timbreflow.trainer.report;

import java.util.List;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;
import timbreflow.trainer.data.InstrumentFamily;

/**
 * The sizes and settings of a bundle report; build with {@link #builder()}.
 *
 * @param notesPerFamily notes per family whose reconstruction is rendered with Griffin-Lim
 * @param iterations Griffin-Lim iterations for reconstructions, interpolations and audio examples
 * @param momentum fast Griffin-Lim's momentum in [0, 1)
 * @param sampleIterations Griffin-Lim iterations of each sample of the grid (the server's {@code
 *     iterations})
 * @param noiseSigma standard deviation of the Gaussian noise added to latents (the seed's 0.01)
 * @param temperatures sampling temperatures: {@code z = mean + temperature·exp(log_std)·ε}
 * @param sampleSeeds seeds of the sampling grid, each the prior's and Griffin-Lim's (the server's
 *     {@code seed})
 * @param pitchStep semitones between the pitches of the sampling grid (MIDI 24–84)
 * @param centsWindow a sample's estimated pitch counts as right within this many cents
 * @param pairs interpolation family pairs, each two NSynth family names
 * @param pitchesPerPair same-pitch note pairs per family pair
 * @param sweepSteps latent points of the interpolation sweep figure, endpoints included
 * @param audioExamples notes whose original, reconstruction and noisy reconstruction are written
 * @param judgeNotes at most this many real notes, spread evenly, train the family classifier
 * @param batch notes per ONNX Runtime call
 * @param threads Griffin-Lim and classifier threads (each note on one thread)
 * @param seed seed of the latent noise and of the Griffin-Lim phases of reconstructions and
 *     interpolations
 */
public record ReportConfig(
    int notesPerFamily,
    int iterations,
    double momentum,
    int sampleIterations,
    double noiseSigma,
    List<Double> temperatures,
    List<Long> sampleSeeds,
    int pitchStep,
    double centsWindow,
    List<List<String>> pairs,
    int pitchesPerPair,
    int sweepSteps,
    int audioExamples,
    int judgeNotes,
    int batch,
    int threads,
    long seed) {

  /** The seed's family pairs and a few more, so every family appears once. */
  public static final List<List<String>> DEFAULT_PAIRS =
      List.of(
          List.of("bass", "organ"),
          List.of("organ", "brass"),
          List.of("brass", "string"),
          List.of("flute", "keyboard"),
          List.of("guitar", "mallet"),
          List.of("reed", "vocal"),
          List.of("synth_lead", "string"));

  /** The headline temperature: its per-family tables, ratios and targets. */
  public static final double MAIN_TEMPERATURE = 0.7;

  public ReportConfig {
    require(notesPerFamily >= 1, "notesPerFamily", ">= 1", notesPerFamily);
    require(iterations >= 1, "iterations", ">= 1", iterations);
    require(momentum >= 0 && momentum < 1, "momentum", "a value in [0, 1)", momentum);
    require(sampleIterations >= 1, "sampleIterations", ">= 1", sampleIterations);
    require(
        noiseSigma >= 0 && Double.isFinite(noiseSigma), "noiseSigma", "finite >= 0", noiseSigma);
    require(!temperatures.isEmpty(), "temperatures", "at least one", temperatures);
    for (double t : temperatures) {
      require(t >= 0 && Double.isFinite(t), "temperatures", "finite values >= 0", temperatures);
    }
    require(!sampleSeeds.isEmpty(), "sampleSeeds", "at least one", sampleSeeds);
    require(
        sampleSeeds.stream().distinct().count() == sampleSeeds.size(),
        "sampleSeeds",
        "distinct seeds",
        sampleSeeds);
    require(pitchStep >= 1, "pitchStep", ">= 1", pitchStep);
    require(centsWindow > 0, "centsWindow", "> 0", centsWindow);
    for (List<String> pair : pairs) {
      require(pair.size() == 2, "pairs", "two families per pair", pair);
      for (String family : pair) {
        require(InstrumentFamily.ofLabel(family).isPresent(), "pairs", "NSynth family names", pair);
      }
    }
    require(pitchesPerPair >= 1, "pitchesPerPair", ">= 1", pitchesPerPair);
    require(sweepSteps >= 3, "sweepSteps", ">= 3", sweepSteps);
    require(audioExamples >= 0, "audioExamples", ">= 0", audioExamples);
    require(judgeNotes >= 1, "judgeNotes", ">= 1", judgeNotes);
    require(batch >= 1 && batch <= 64, "batch", "1 to 64", batch);
    require(threads >= 1 && threads <= 256, "threads", "1 to 256", threads);
    temperatures = List.copyOf(temperatures);
    sampleSeeds = List.copyOf(sampleSeeds);
    pairs = pairs.stream().map(List::copyOf).toList();
  }

  /** A builder starting from the defaults (the full report in about 10 minutes on 2 cores). */
  public static Builder builder() {
    return new Builder();
  }

  private static void require(boolean ok, String field, String expected, Object found) {
    if (!ok) {
      throw new TrainerException(
          Reason.INVALID_CONFIG, field + ": expected " + expected + ", found " + found);
    }
  }

  /** Builds a {@link ReportConfig}; every setting is optional. */
  public static final class Builder {
    private int notesPerFamily = 6;
    private int iterations = 1000;
    private double momentum = 0.99;
    private int sampleIterations = 200;
    private double noiseSigma = 0.01;
    private List<Double> temperatures = List.of(0.5, MAIN_TEMPERATURE, 1.0);
    private List<Long> sampleSeeds = List.of(0L, 1L);
    private int pitchStep = 4;
    private double centsWindow = 50;
    private List<List<String>> pairs = DEFAULT_PAIRS;
    private int pitchesPerPair = 3;
    private int sweepSteps = 5;
    private int audioExamples = 3;
    private int judgeNotes = 3000;
    private int batch = 4;
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private long seed;

    private Builder() {}

    /** Notes per family rendered with Griffin-Lim (6). */
    public Builder optNotesPerFamily(int notesPerFamily) {
      this.notesPerFamily = notesPerFamily;
      return this;
    }

    /** Griffin-Lim iterations for reconstructions and audio (1000). */
    public Builder optIterations(int iterations) {
      this.iterations = iterations;
      return this;
    }

    /** Griffin-Lim momentum (0.99). */
    public Builder optMomentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    /** Griffin-Lim iterations of each sample of the grid (200). */
    public Builder optSampleIterations(int sampleIterations) {
      this.sampleIterations = sampleIterations;
      return this;
    }

    /** Latent noise standard deviation (0.01). */
    public Builder optNoiseSigma(double noiseSigma) {
      this.noiseSigma = noiseSigma;
      return this;
    }

    /** Sampling temperatures (0.5, 0.7, 1.0). */
    public Builder optTemperatures(List<Double> temperatures) {
      this.temperatures = temperatures;
      return this;
    }

    /** Seeds of the sampling grid (0, 1). */
    public Builder optSampleSeeds(List<Long> sampleSeeds) {
      this.sampleSeeds = sampleSeeds;
      return this;
    }

    /** Semitones between grid pitches (4). */
    public Builder optPitchStep(int pitchStep) {
      this.pitchStep = pitchStep;
      return this;
    }

    /** Pitch tolerance in cents (50). */
    public Builder optCentsWindow(double centsWindow) {
      this.centsWindow = centsWindow;
      return this;
    }

    /** Interpolation family pairs ({@link #DEFAULT_PAIRS}). */
    public Builder optPairs(List<List<String>> pairs) {
      this.pairs = pairs;
      return this;
    }

    /** Same-pitch note pairs per family pair (3). */
    public Builder optPitchesPerPair(int pitchesPerPair) {
      this.pitchesPerPair = pitchesPerPair;
      return this;
    }

    /** Points of the interpolation sweep, endpoints included (5). */
    public Builder optSweepSteps(int sweepSteps) {
      this.sweepSteps = sweepSteps;
      return this;
    }

    /** Notes written as audio examples (3). */
    public Builder optAudioExamples(int audioExamples) {
      this.audioExamples = audioExamples;
      return this;
    }

    /** Real notes the family classifier is fitted on, at most (3000). */
    public Builder optJudgeNotes(int judgeNotes) {
      this.judgeNotes = judgeNotes;
      return this;
    }

    /** Notes per ONNX Runtime call (4). */
    public Builder optBatch(int batch) {
      this.batch = batch;
      return this;
    }

    /** Worker threads (the machine's cores). */
    public Builder optThreads(int threads) {
      this.threads = threads;
      return this;
    }

    /** Seed of every random draw (0). */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The configuration; throws INVALID_CONFIG naming the first bad field. */
    public ReportConfig build() {
      return new ReportConfig(
          notesPerFamily,
          iterations,
          momentum,
          sampleIterations,
          noiseSigma,
          temperatures,
          sampleSeeds,
          pitchStep,
          centsWindow,
          pairs,
          pitchesPerPair,
          sweepSteps,
          audioExamples,
          judgeNotes,
          batch,
          threads,
          seed);
    }
  }
}
