package timbreflow.trainer.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import timbreflow.trainer.TrainerException;

/** Where to train: {@code auto} takes a GPU whenever the engine reports one. */
public enum DeviceChoice {
  AUTO,
  CPU,
  GPU;

  /**
   * The device this choice means on this machine.
   *
   * @throws TrainerException {@code ENGINE} when a GPU is demanded and the engine has none
   */
  public Device resolve(Engine engine) {
    int gpus = engine.getGpuCount();
    return switch (this) {
      case CPU -> Device.cpu();
      case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
      case GPU -> {
        if (gpus == 0) {
          throw new TrainerException(
              TrainerException.Reason.ENGINE,
              "--device gpu: expected a CUDA device, found none (engine "
                  + engine.getEngineName()
                  + " "
                  + engine.getVersion()
                  + "); see README 'Training on a GPU' for the CUDA build of PyTorch");
        }
        yield Device.gpu();
      }
    };
  }

  /** Parses {@code auto}, {@code cpu} or {@code gpu} in any case. */
  public static DeviceChoice parse(String text) {
    for (DeviceChoice choice : values()) {
      if (choice.name().equalsIgnoreCase(text)) {
        return choice;
      }
    }
    throw new TrainerException(
        TrainerException.Reason.INVALID_CONFIG,
        "device: expected auto, cpu or gpu, found '" + text + "'");
  }
}
