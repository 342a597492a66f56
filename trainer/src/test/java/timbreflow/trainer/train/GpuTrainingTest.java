package timbreflow.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuTrainingTest {

  @TempDir Path dir;

  @Test
  void trainsOnTheGpuAndTheCheckpointScoresTheSameOnTheCpu() {
    Engine engine = Engine.getInstance();
    Assumptions.assumeTrue(
        engine.getGpuCount() > 0,
        "no CUDA device: "
            + engine.getEngineName()
            + " "
            + engine.getVersion()
            + " reports 0 GPUs (CPU-only libtorch or no GPU; see README 'Training on a GPU')");
    List<TrainingNote> train = TinyNotes.render(9, 1);
    List<TrainingNote> valid = TinyNotes.render(3, 2);
    TrainingConfig config = TinyNotes.training(5, 5).withDevice(DeviceChoice.GPU);
    Trainer.Result result =
        new Trainer(dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .train(config, TinyNotes.flow(2), train, valid, "tiny");
    assertTrue(Double.isFinite(result.trainBitsPerDim()));
    try (Checkpoint checkpoint = Checkpoint.load(result.checkpoint(), Device.cpu())) {
      assertTrue(checkpoint.metadata().device().startsWith("gpu"), checkpoint.metadata().device());
      double cpu =
          Evaluator.meanBitsPerDim(
              checkpoint.flow(),
              new ai.djl.training.ParameterStore(checkpoint.manager(), false),
              valid,
              checkpoint.manager(),
              Device.cpu());
      assertEquals(result.validBitsPerDim(), cpu, 1e-3);
    }
    assertEquals(Device.gpu(), DeviceChoice.AUTO.resolve(engine));
  }

  @Test
  void autoPicksTheCpuWhenNoGpuIsReported() {
    Engine engine = Engine.getInstance();
    Assumptions.assumeTrue(engine.getGpuCount() == 0, "a GPU is present");
    assertEquals(Device.cpu(), DeviceChoice.AUTO.resolve(engine));
    timbreflow.trainer.TrainerException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            timbreflow.trainer.TrainerException.class, () -> DeviceChoice.GPU.resolve(engine));
    assertTrue(e.getMessage().contains("expected a CUDA device, found none"), e.getMessage());
  }
}
