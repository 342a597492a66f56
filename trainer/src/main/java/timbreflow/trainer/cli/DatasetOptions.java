package timbreflow.trainer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import timbreflow.trainer.data.DatasetFingerprint;
import timbreflow.trainer.data.FeatureCache;
import timbreflow.trainer.data.NoteSet;
import timbreflow.trainer.data.NsynthReader;
import timbreflow.trainer.data.Split;
import timbreflow.trainer.train.TrainingNote;

/** Where {@code train} and {@code evaluate} find notes: a dataset folder and its feature cache. */
final class DatasetOptions {

  @Option(
      names = "--data",
      required = true,
      description = "dataset folder with train/, valid/, test/ (NSynth jsonwav layout)")
  Path data;

  @Option(
      names = "--cache",
      description =
          "feature cache folder (default: <data>/.feature-cache, as the features command)")
  Path cache;

  @Option(
      names = "--data-threads",
      defaultValue = "2",
      description = "threads that build the feature cache (default ${DEFAULT-VALUE})")
  int dataThreads;

  @Mixin ReaderOptions reader;

  /** The dataset's fingerprint, as stored in checkpoints. */
  String fingerprint() {
    return DatasetFingerprint.of(data);
  }

  /** Whether the dataset has this split. */
  boolean has(Split split) {
    return Files.isRegularFile(data.resolve(split.folder()).resolve("examples.json"));
  }

  /** The notes of a split from the feature cache, building it first if needed. */
  List<TrainingNote> notes(Split split) {
    return featureCache(split).trainingNotes();
  }

  /** The split's folder. */
  Path splitDir(Split split) {
    return data.resolve(split.folder());
  }

  /** The feature cache of a split, building it first if needed. */
  FeatureCache featureCache(Split split) {
    NoteSet notes = new NsynthReader(reader.filter(), false, dataThreads).read(splitDir(split));
    Path folder =
        cache != null ? cache : data.toAbsolutePath().normalize().resolve(".feature-cache");
    try (ProgressBar bar = new ProgressBar("features " + split.folder())) {
      return FeatureCache.open(notes, folder, dataThreads, bar);
    }
  }
}
