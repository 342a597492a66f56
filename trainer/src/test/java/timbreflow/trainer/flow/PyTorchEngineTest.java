package timbreflow.trainer.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class PyTorchEngineTest {

  @Test
  void pyTorchLoadsFromTheNativeJarInOfflineMode() {
    // surefire sets ai.djl.offline=true: DJL must find libtorch in pytorch-native-cpu, never
    // download it
    assertEquals("true", System.getProperty("ai.djl.offline"));
    Engine engine = Engine.getEngine("PyTorch");
    assertEquals("2.7.1", engine.getVersion());
    try (NDManager manager = engine.newBaseManager()) {
      NDArray a = manager.create(new float[] {1f, 2f, 3f});
      assertEquals(6f, a.sum().getFloat(), 0f);
    }
  }
}
