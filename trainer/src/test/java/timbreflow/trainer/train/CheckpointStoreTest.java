package timbreflow.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

  @TempDir Path run;

  private static CheckpointContents at(long step) {
    CheckpointMetadata metadata =
        new CheckpointMetadata(
            step, 1, "fp", null, 0.5, TrainingConfig.defaults(), "{}", "test", "cpu()");
    return new CheckpointContents(metadata, new byte[] {1, 2, 3}, new byte[] {4});
  }

  @Test
  void rotationKeepsTheNewestK() {
    CheckpointStore store = new CheckpointStore(run, 2);
    for (long step : new long[] {10, 20, 30, 40}) {
      store.save(at(step));
    }
    assertEquals(List.of(store.pathFor(30), store.pathFor(40)), store.list());
    assertEquals(store.pathFor(40), store.latest().orElseThrow());
  }

  @Test
  void stepsSortNumericallyNotByName() {
    CheckpointStore store = new CheckpointStore(run, 5);
    store.save(at(99_999_999));
    store.save(at(100_000_000));
    assertEquals(store.pathFor(100_000_000), store.latest().orElseThrow());
  }

  @Test
  void leftoverTemporaryFileOfAKilledWriterIsIgnoredAndRemoved() throws IOException {
    CheckpointStore store = new CheckpointStore(run, 3);
    store.save(at(5));
    Path half = run.resolve("checkpoints").resolve("step-00000010.ckpt.tmp");
    Files.write(half, new byte[] {1, 2});
    assertEquals(store.pathFor(5), store.latest().orElseThrow());
    new CheckpointStore(run, 3);
    assertFalse(Files.exists(half));
  }

  @Test
  void contentsRoundTripThroughTheFile() {
    CheckpointStore store = new CheckpointStore(run, 3);
    Path path = store.save(at(7));
    CheckpointContents read = CheckpointContents.read(path);
    assertEquals(at(7).metadata(), read.metadata());
    org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {1, 2, 3}, read.parameters());
  }
}
