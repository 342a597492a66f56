package timbreflow.trainer.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import timbreflow.trainer.report.ReportConfig;

/** The bundle report's sizes and settings ({@code evaluate --bundle}). */
final class ReportOptions {

  @Option(
      names = "--notes-per-family",
      defaultValue = "6",
      description = "notes per family reconstructed with Griffin-Lim (default ${DEFAULT-VALUE})")
  int notesPerFamily;

  @Option(
      names = "--iterations",
      defaultValue = "1000",
      description =
          "Griffin-Lim iterations for reconstructions and audio (default ${DEFAULT-VALUE})")
  int iterations;

  @Option(
      names = "--momentum",
      defaultValue = "0.99",
      description = "Griffin-Lim momentum (default ${DEFAULT-VALUE})")
  double momentum;

  @Option(
      names = "--sample-iterations",
      defaultValue = "200",
      description =
          "Griffin-Lim iterations of each sample of the grid, as /v1/sample's iterations"
              + " (default ${DEFAULT-VALUE})")
  int sampleIterations;

  @Option(
      names = "--noise-sigma",
      defaultValue = "0.01",
      description = "Gaussian noise added to latents (default ${DEFAULT-VALUE})")
  double noiseSigma;

  @Option(
      names = "--temperatures",
      split = ",",
      description = "sampling temperatures (default 0.5,0.7,1.0)")
  List<Double> temperatures = new ArrayList<>(List.of(0.5, 0.7, 1.0));

  @Option(
      names = "--sample-seeds",
      split = ",",
      description =
          "seeds of the sampling grid, each the prior's and Griffin-Lim's as /v1/sample's seed"
              + " (default 0,1)")
  List<Long> sampleSeeds = new ArrayList<>(List.of(0L, 1L));

  @Option(
      names = "--pitch-step",
      defaultValue = "4",
      description =
          "semitones between the sampling grid's pitches over MIDI 24-84 (default"
              + " ${DEFAULT-VALUE})")
  int pitchStep;

  @Option(
      names = "--cents",
      defaultValue = "50",
      description = "pitch tolerance of the pitch judges in cents (default ${DEFAULT-VALUE})")
  double cents;

  @Option(
      names = "--pairs",
      split = ",",
      description =
          "interpolation family pairs as a:b (default bass:organ,organ:brass,brass:string,"
              + "flute:keyboard,guitar:mallet,reed:vocal,synth_lead:string)")
  List<String> pairs = new ArrayList<>();

  @Option(
      names = "--pitches-per-pair",
      defaultValue = "3",
      description = "same-pitch note pairs per family pair (default ${DEFAULT-VALUE})")
  int pitchesPerPair;

  @Option(
      names = "--audio-examples",
      defaultValue = "3",
      description = "notes written as original/reconstruction/noisy WAV (default ${DEFAULT-VALUE})")
  int audioExamples;

  @Option(
      names = "--judge-notes",
      defaultValue = "3000",
      description =
          "real notes (spread evenly) the family classifier is fitted on (default ${DEFAULT-VALUE})")
  int judgeNotes;

  @Option(
      names = "--batch",
      defaultValue = "4",
      description = "notes per ONNX Runtime call (default ${DEFAULT-VALUE})")
  int batch;

  @Option(
      names = "--threads",
      description = "Griffin-Lim and classifier threads (default: the machine's cores)")
  Integer threads;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description =
          "seed of the latent noise and of reconstructions' Griffin-Lim phases (default"
              + " ${DEFAULT-VALUE})")
  long seed;

  ReportConfig config() {
    ReportConfig.Builder b =
        ReportConfig.builder()
            .optNotesPerFamily(notesPerFamily)
            .optIterations(iterations)
            .optMomentum(momentum)
            .optSampleIterations(sampleIterations)
            .optNoiseSigma(noiseSigma)
            .optTemperatures(temperatures)
            .optSampleSeeds(sampleSeeds)
            .optPitchStep(pitchStep)
            .optCentsWindow(cents)
            .optPitchesPerPair(pitchesPerPair)
            .optAudioExamples(audioExamples)
            .optJudgeNotes(judgeNotes)
            .optBatch(batch)
            .optSeed(seed);
    if (threads != null) {
      b.optThreads(threads);
    }
    if (!pairs.isEmpty()) {
      List<List<String>> parsed = new ArrayList<>();
      for (String p : pairs) {
        parsed.add(List.of(p.split(":", -1)));
      }
      b.optPairs(parsed);
    }
    return b.build();
  }
}
