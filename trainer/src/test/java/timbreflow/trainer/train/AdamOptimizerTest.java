package timbreflow.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamOptimizerTest {

  private static final float[] START = {0.5f, -1.0f, 2.0f};
  private static final float[] INPUT = {1.0f, 3.0f, -2.0f};

  private static Parameter parameter(NDManager manager) {
    Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
    NDArray array = manager.create(START.clone());
    array.setRequiresGradient(true);
    w.setArray(array);
    return w;
  }

  /** loss = sum(scale · w · input): gradient = scale · input. */
  private static void backward(Parameter w, float scale, NDManager scratch) {
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray input = scratch.create(INPUT.clone());
      collector.backward(w.getArray().mul(input).sum().mul(scale));
    }
  }

  private static TrainingConfig config(double clipNorm) {
    return TrainingConfig.builder()
        .optBatchSize(1)
        .optCropFrames(1)
        .optSteps(10)
        .optLearningRate(0.1)
        .optWarmupSteps(0)
        .optMinLearningRate(0.0)
        .optBeta1(0.9)
        .optBeta2(0.999)
        .optEpsilon(1e-8)
        .optWeightDecay(0.0)
        .optClipNorm(clipNorm)
        .optValidEvery(0)
        .optValidNotes(0)
        .optCheckpointEvery(1)
        .optKeepCheckpoints(1)
        .optMaxBadSteps(5)
        .optSeed(1)
        .optThreads(0)
        .optDevice(DeviceChoice.CPU)
        .build();
  }

  @Test
  void twoStepsMatchAReferenceAdamInDoublePrecision() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Parameter w = parameter(manager);
      try (AdamOptimizer adam = new AdamOptimizer(Map.of("w", w), config(0), manager)) {
        double[] ref = {START[0], START[1], START[2]};
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= 2; t++) {
          try (NDManager step = manager.newSubManager()) {
            backward(w, 1f, step);
            float norm = adam.gradientNorm(step);
            assertEquals(Math.sqrt(1 + 9 + 4), norm, 1e-6);
            assertTrue(adam.update(0.1, norm, step));
          }
          for (int i = 0; i < 3; i++) {
            double g = INPUT[i];
            m[i] = 0.9 * m[i] + 0.1 * g;
            v[i] = 0.999 * v[i] + 0.001 * g * g;
            double lr = 0.1 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
            ref[i] -= lr * m[i] / (Math.sqrt(v[i]) + 1e-8);
          }
        }
        float[] got = w.getArray().toFloatArray();
        // the fused kernel takes the betas as float32: 1 - (float) 0.999 is off by 1.3e-5 relative
        for (int i = 0; i < 3; i++) {
          assertEquals(ref[i], got[i], 1e-5, "w[" + i + "]");
        }
        assertEquals(2, adam.updates());
      }
    }
  }

  @Test
  void clippingScalesTheGradientToTheNorm() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Parameter clipped = parameter(manager);
      Parameter scaled = parameter(manager);
      double norm = Math.sqrt(14);
      try (AdamOptimizer a = new AdamOptimizer(Map.of("w", clipped), config(1.0), manager);
          AdamOptimizer b = new AdamOptimizer(Map.of("w", scaled), config(0), manager)) {
        for (int t = 0; t < 3; t++) {
          try (NDManager step = manager.newSubManager()) {
            backward(clipped, 1f, step);
            a.update(0.1, a.gradientNorm(step), step);
            backward(scaled, (float) (1 / (norm + 1e-6)), step);
            b.update(0.1, b.gradientNorm(step), step);
          }
        }
        assertArrayEquals(
            scaled.getArray().toFloatArray(), clipped.getArray().toFloatArray(), 1e-6f);
      }
    }
  }

  @Test
  void nonFiniteGradientSkipsTheUpdateAndClearsTheGradient() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Parameter w = parameter(manager);
      try (AdamOptimizer adam = new AdamOptimizer(Map.of("w", w), config(0), manager)) {
        try (NDManager step = manager.newSubManager()) {
          backward(w, Float.NaN, step);
          float norm = adam.gradientNorm(step);
          assertTrue(Float.isNaN(norm));
          assertFalse(adam.update(0.1, norm, step));
        }
        assertArrayEquals(START, w.getArray().toFloatArray());
        assertEquals(0, adam.updates());
        try (NDManager step = manager.newSubManager()) {
          assertEquals(0f, adam.gradientNorm(step));
        }
      }
    }
  }

  @Test
  void savedStateRestoresBitForBit() throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      Parameter a = parameter(manager);
      Parameter b = parameter(manager);
      try (AdamOptimizer first = new AdamOptimizer(Map.of("w", a), config(0), manager);
          AdamOptimizer second = new AdamOptimizer(Map.of("w", b), config(0), manager)) {
        try (NDManager step = manager.newSubManager()) {
          backward(a, 1f, step);
          first.update(0.1, first.gradientNorm(step), step);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        first.save(new DataOutputStream(bytes));
        second.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        b.getArray().set(a.getArray().toFloatArray());
        for (int t = 0; t < 2; t++) {
          try (NDManager step = manager.newSubManager()) {
            backward(a, 1f, step);
            first.update(0.05, first.gradientNorm(step), step);
            backward(b, 1f, step);
            second.update(0.05, second.gradientNorm(step), step);
          }
        }
        assertArrayEquals(a.getArray().toFloatArray(), b.getArray().toFloatArray(), 0f);
        assertEquals(3, second.updates());
      }
    }
  }
}
