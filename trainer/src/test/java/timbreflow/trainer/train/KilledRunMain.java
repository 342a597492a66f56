package timbreflow.trainer.train;

import java.nio.file.Path;

/** A training run for {@link KilledRunTest} to kill: checkpoints every step, for a long time. */
public final class KilledRunMain {

  private KilledRunMain() {}

  public static void main(String[] args) {
    new Trainer(Path.of(args[0]), System.err)
        .train(
            TinyNotes.training(100_000, 1),
            TinyNotes.flow(2),
            TinyNotes.render(12, 1),
            TinyNotes.render(3, 2),
            "tiny");
  }
}
