package timbreflow.trainer.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Where a run writes, and how the {@link Trainer} that started it watches and steers it.
 *
 * @param runDirectory the run folder
 * @param progressOut where the progress line is drawn
 * @param injector changes each step's loss before the backward pass (tests inject NaNs)
 * @param arraysProbe receives the arrays the run's manager holds after each step (leak tests)
 * @param stopRequested read before each step: true ends the run with a checkpoint
 */
record RunContext(
    Path runDirectory,
    PrintStream progressOut,
    Trainer.LossInjector injector,
    IntConsumer arraysProbe,
    BooleanSupplier stopRequested) {}
