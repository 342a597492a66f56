package timbreflow.runtime.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/** Native-order direct buffers in and out of ONNX Runtime, and input validation. */
final class Tensors {

  private Tensors() {}

  static OnnxTensor floats(OrtEnvironment env, float[] data, long... shape) throws OrtException {
    FloatBuffer buf =
        ByteBuffer.allocateDirect(data.length * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    buf.put(data).rewind();
    return OnnxTensor.createTensor(env, buf, shape);
  }

  static OnnxTensor longs(OrtEnvironment env, long[] data, long... shape) throws OrtException {
    LongBuffer buf =
        ByteBuffer.allocateDirect(data.length * Long.BYTES)
            .order(ByteOrder.nativeOrder())
            .asLongBuffer();
    buf.put(data).rewind();
    return OnnxTensor.createTensor(env, buf, shape);
  }

  static float[] output(OrtSession.Result result, String name) {
    OnnxTensor tensor =
        (OnnxTensor)
            result
                .get(name)
                .orElseThrow(
                    () ->
                        new TimbreflowException(
                            Reason.INVALID_MODEL,
                            "expected graph output " + name + ", found none"));
    FloatBuffer buf = tensor.getFloatBuffer();
    float[] out = new float[buf.remaining()];
    buf.get(out);
    return out;
  }

  static void checkDims(int batch, int frames) {
    if (batch < 1) {
      throw new TimbreflowException(Reason.INVALID_TENSOR, "batch: expected >= 1, found " + batch);
    }
    if (frames < 1) {
      throw new TimbreflowException(
          Reason.INVALID_TENSOR, "frames: expected >= 1, found " + frames);
    }
  }

  static void checkLength(String field, int found, long expected, String shape) {
    if (found != expected) {
      throw new TimbreflowException(
          Reason.INVALID_TENSOR,
          field + ": expected " + expected + " values (" + shape + "), found " + found);
    }
  }

  static void checkFinite(String field, float[] values, int bins, int frames) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        int item = i / (bins * frames);
        int k = (i / frames) % bins;
        int t = i % frames;
        throw new TimbreflowException(
            Reason.INVALID_TENSOR,
            field
                + ": expected finite values, found "
                + values[i]
                + " at ["
                + item
                + ", "
                + k
                + ", "
                + t
                + "]");
      }
    }
  }

  static void checkRange(String field, long[] values, long min, long max) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] < min || values[i] > max) {
        throw new TimbreflowException(
            Reason.INVALID_ARGUMENT,
            field + "[" + i + "]: expected " + min + ".." + max + ", found " + values[i]);
      }
    }
  }
}
