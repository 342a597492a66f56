package timbreflow.runtime.phase;

/**
 * The analysis and synthesis windows split into even and odd samples, as the packed FFT needs.
 *
 * <p>Synthesis carries the {@code 1/(2N)} that undoes the unscaled adjoint FFT of {@code 2C}.
 */
final class FrameWindows {

  final float[] analysisEven;
  final float[] analysisOdd;
  final float[] synthesisEven;
  final float[] synthesisOdd;

  FrameWindows(float[] window) {
    int half = window.length / 2;
    analysisEven = new float[half];
    analysisOdd = new float[half];
    synthesisEven = new float[half];
    synthesisOdd = new float[half];
    float scale = 1f / (2f * window.length);
    for (int n = 0; n < half; n++) {
      analysisEven[n] = window[2 * n];
      analysisOdd[n] = window[2 * n + 1];
      synthesisEven[n] = window[2 * n] * scale;
      synthesisOdd[n] = window[2 * n + 1] * scale;
    }
  }
}
