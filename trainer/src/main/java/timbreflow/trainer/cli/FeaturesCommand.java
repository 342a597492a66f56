package timbreflow.trainer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import timbreflow.trainer.data.FeatureCache;
import timbreflow.trainer.data.NoteSet;
import timbreflow.trainer.data.NsynthReader;

/** {@code features}: build (or confirm) a split's on-disk feature cache. */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description =
        "Compute the log-magnitude features of every note of a split once into a memory-mapped"
            + " float16 cache (reused while the split and the feature constants are unchanged).")
final class FeaturesCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "split folder (examples.json + audio/)")
  Path split;

  @Option(names = "--cache", description = "cache folder (default: <split>/../.feature-cache)")
  Path cache;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "threads (default ${DEFAULT-VALUE})")
  int threads;

  @Mixin ReaderOptions reader;

  @Override
  public Integer call() {
    NoteSet notes = new NsynthReader(reader.filter(), false, threads).read(split);
    Path dir =
        cache != null
            ? cache
            : split.toAbsolutePath().normalize().getParent().resolve(".feature-cache");
    FeatureCache features;
    try (ProgressBar bar = new ProgressBar("features")) {
      features = FeatureCache.open(notes, dir, threads, bar);
    }
    System.out.println(
        split
            + ": "
            + notes.report().summary()
            + "; cached "
            + features.size()
            + " notes of ["
            + features.bins()
            + ", "
            + features.frames()
            + "] in "
            + dir
            + (features.skipped().isEmpty() ? "" : ", unusable audio " + features.skipped()));
    System.out.println("fingerprint " + features.fingerprint());
    return 0;
  }
}
