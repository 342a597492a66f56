package timbreflow.trainer.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class StepScopeTest {

  @Test
  void aTrainingStepLeavesNoTemporariesOnTheParametersManager() {
    Engine engine = Engine.getEngine("PyTorch");
    engine.setRandomSeed(3);
    try (NDManager manager = engine.newBaseManager()) {
      ConditionalFlow flow = new ConditionalFlow(Blocks.tiny(8, 2, true, 4));
      flow.initialize(manager, 6);
      ParameterStore store = new ParameterStore(manager, false);
      int before = ((BaseNDManager) manager).getManagedArrays().size();
      for (int step = 0; step < 2; step++) {
        try (NDManager scope = manager.newSubManager()) {
          NDArray x = Blocks.randomInput(scope, step, 2, 8, 6);
          NDArray pitch = scope.create(new long[] {60, 70});
          NDArray family = scope.create(new long[] {1, 2});
          try (GradientCollector gc = engine.newGradientCollector()) {
            NDArray loss = BitsPerDim.of(flow, store, x, pitch, family, 1, true).mean();
            gc.backward(loss);
          }
          flow.inverse(store, flow.forward(store, x, false).z());
        }
      }
      int after = ((BaseNDManager) manager).getManagedArrays().size();
      assertEquals(before, after, "arrays left on the parameters' manager");
    }
  }
}
