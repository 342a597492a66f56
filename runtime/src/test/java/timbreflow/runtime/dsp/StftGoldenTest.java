package timbreflow.runtime.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the STFT, ISTFT and features against an independent numpy implementation of librosa's
 * conventions: {@code runtime/src/test/python/make_golden.py} wrote {@code stft_golden.json}.
 */
class StftGoldenTest {

  private static JsonNode golden;
  private static float[] signal;
  private static StftConfig config;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = StftGoldenTest.class.getResourceAsStream("stft_golden.json")) {
      golden = new ObjectMapper().readTree(in);
    }
    config =
        new StftConfig(
            golden.get("sampleRate").asInt(),
            golden.get("nFft").asInt(),
            golden.get("hop").asInt(),
            golden.get("length").asInt());
    int n = golden.get("length").asInt();
    signal = new float[n];
    for (int i = 0; i < n; i++) {
      double t = i / 16_000.0;
      double x = 0.5 * Math.sin(2 * Math.PI * 440.0 * t) * Math.exp(-3.0 * t);
      x += 0.3 * Math.sin(2 * Math.PI * (200.0 * t + 1500.0 * t * t));
      signal[i] = (float) x;
    }
  }

  @Test
  void complexSpectrumMatchesNumpyWithin1e4OfThePeak() {
    ComplexSpectrogram s = new Stft(config).forward(signal);
    assertEquals(golden.get("shape").get(0).asInt(), s.bins());
    assertEquals(golden.get("shape").get(1).asInt(), s.frames());
    double tolerance = 1e-4 * Math.sqrt(golden.get("reference").asDouble());
    compare("real", s.real(), s.frames(), tolerance);
    compare("imag", s.imag(), s.frames(), tolerance);
    compare("magnitude", s.magnitude().values(), s.frames(), tolerance);
  }

  @Test
  void featuresAndReferenceMatchNumpy() {
    Features f = new LogMagnitude(config).features(signal);
    assertEquals(
        golden.get("reference").asDouble(), f.reference(), 1e-5 * f.reference(), "reference");
    JsonNode expected = golden.get("features");
    JsonNode bins = golden.get("bins");
    JsonNode frames = golden.get("frames");
    for (int i = 0; i < bins.size(); i++) {
      for (int j = 0; j < frames.size(); j++) {
        double want = expected.get(i).get(j).asDouble();
        // float FFT noise is ~1e-7 of the peak: loose only for bins far below it
        double tolerance = want > 0.5 ? 1e-5 : 2e-3;
        int k = bins.get(i).asInt();
        int t = frames.get(j).asInt();
        assertEquals(want, f.get(k, t), tolerance, "features bin " + k + " frame " + t);
      }
    }
  }

  @Test
  void inverseOfATwistedSpectrumMatchesNumpy() {
    ComplexSpectrogram s = new Stft(config).forward(signal);
    float[] re = s.real().clone();
    float[] im = s.imag().clone();
    for (int k = 0; k < s.bins(); k++) {
      for (int t = 0; t < s.frames(); t++) {
        int i = k * s.frames() + t;
        double phase = 0.01 * k * (t + 1);
        double c = Math.cos(phase);
        double d = Math.sin(phase);
        re[i] = (float) (s.real()[i] * c - s.imag()[i] * d);
        im[i] = (float) (s.real()[i] * d + s.imag()[i] * c);
      }
    }
    float[] y =
        new Stft(config)
            .inverse(new ComplexSpectrogram(re, im, s.bins(), s.frames()), signal.length);
    JsonNode samples = golden.get("samples");
    JsonNode expected = golden.get("inverse");
    for (int i = 0; i < samples.size(); i++) {
      int n = samples.get(i).asInt();
      assertEquals(expected.get(i).asDouble(), y[n], 1e-5, "sample " + n);
    }
  }

  private static void compare(String key, float[] actual, int frameCount, double tolerance) {
    JsonNode expected = golden.get(key);
    JsonNode bins = golden.get("bins");
    JsonNode frames = golden.get("frames");
    for (int i = 0; i < bins.size(); i++) {
      for (int j = 0; j < frames.size(); j++) {
        int k = bins.get(i).asInt();
        int t = frames.get(j).asInt();
        assertEquals(
            expected.get(i).get(j).asDouble(),
            actual[k * frameCount + t],
            tolerance,
            key + " bin " + k + " frame " + t);
      }
    }
  }
}
