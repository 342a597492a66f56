package timbreflow.runtime.audio;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import timbreflow.runtime.TimbreflowException;

/** Corrupts valid files in many ways; every variant must parse or throw TimbreflowException. */
class WavReaderFuzzTest {

  private static final long SEED = 20_261_125L;

  /** A file with every structural feature: extensible fmt, odd LIST with pad, fact, data. */
  private static byte[] richFile() {
    double[][] x = WavBytes.signal(2, 40, 3);
    return WavBytes.riff(
        WavBytes.chunk(
            "LIST", new byte[] {'I', 'N', 'F', 'O', 'I', 'S', 'F', 'T', 1, 0, 0, 0, 'x'}),
        WavBytes.chunk("fmt ", WavBytes.extensibleFmt(1, 2, 44_100, 24, 24)),
        WavBytes.chunk("fact", new byte[] {40, 0, 0, 0}),
        WavBytes.chunk("data", WavBytes.interleave(x, false, 24)));
  }

  private static byte[] floatFile() {
    return WavWriter.toBytes(
        new Waveform(new float[] {0.5f, -0.25f, 0.125f, 1.5f, -2f}, 16_000), WavEncoding.FLOAT_32);
  }

  /** Offsets of every size and count field: where corruption does the most damage. */
  private static List<Integer> interestingOffsets(byte[] file) {
    List<Integer> at = new ArrayList<>(List.of(0, 4, 8));
    int pos = 12;
    while (pos + 8 <= file.length) {
      at.add(pos);
      at.add(pos + 4);
      if (file[pos] == 'f' && file[pos + 1] == 'm') {
        for (int k = 0; k <= 38; k += 2) {
          at.add(pos + 8 + k);
        }
      }
      long size = file[pos + 4] & 0xFF | (file[pos + 5] & 0xFF) << 8;
      pos += (int) (8 + size + (size & 1));
    }
    return at;
  }

  private static List<byte[]> variants(byte[] base, Random r) {
    List<byte[]> out = new ArrayList<>();
    List<Integer> offsets = interestingOffsets(base);
    // truncation at every offset up to the end of the headers, and a few inside the data
    for (int n = 0; n < Math.min(base.length, 140); n++) {
      out.add(Arrays.copyOf(base, n));
    }
    for (int[] value : new int[][] {{0}, {0xFF}, {0x7F}, {0x80}, {1}}) {
      for (int at : offsets) {
        for (int width = 1; width <= 4; width *= 2) {
          byte[] v = base.clone();
          for (int k = 0; k < width && at + k < v.length; k++) {
            v[at + k] = (byte) value[0];
          }
          out.add(v);
        }
      }
    }
    // huge and random sizes in every size field
    for (int at : offsets) {
      for (int i = 0; i < 3; i++) {
        byte[] v = base.clone();
        int x = i == 0 ? 0xFFFF_FFFF : i == 1 ? 0x7FFF_FFFF : r.nextInt();
        for (int k = 0; k < 4 && at + k < v.length; k++) {
          v[at + k] = (byte) (x >>> (8 * k));
        }
        out.add(v);
      }
    }
    // swapped chunk ids
    String[] ids = {"data", "fmt ", "LIST", "fact", "RIFF", "ds64"};
    for (int at : offsets) {
      for (String id : ids) {
        byte[] v = base.clone();
        for (int k = 0; k < 4 && at + k < v.length; k++) {
          v[at + k] = (byte) id.charAt(k);
        }
        out.add(v);
      }
    }
    // random byte flips in the header region and anywhere
    for (int i = 0; i < 300; i++) {
      byte[] v = base.clone();
      int flips = 1 + r.nextInt(6);
      for (int k = 0; k < flips; k++) {
        int at = i % 2 == 0 ? r.nextInt(Math.min(96, v.length)) : r.nextInt(v.length);
        v[at] ^= (byte) (1 << r.nextInt(8));
      }
      out.add(v);
    }
    // random garbage, and garbage behind a valid RIFF/WAVE preamble
    for (int i = 0; i < 100; i++) {
      byte[] v = new byte[r.nextInt(200)];
      r.nextBytes(v);
      if (i % 2 == 0 && v.length >= 12) {
        System.arraycopy(base, 0, v, 0, 12);
      }
      out.add(v);
    }
    return out;
  }

  @Test
  void everyCorruptedVariantParsesToFiniteAudioOrThrowsTimbreflowException() {
    Random r = new Random(SEED);
    int parsed = 0;
    int rejected = 0;
    for (byte[] base : new byte[][] {richFile(), floatFile()}) {
      for (byte[] v : variants(base, r)) {
        try {
          Waveform w = WavReader.read(v);
          for (float s : w.samples()) {
            if (!Float.isFinite(s)) {
              fail("non-finite sample from variant " + Arrays.toString(v));
            }
          }
          WavReader.probe(v);
          parsed++;
        } catch (TimbreflowException e) {
          rejected++;
        } catch (RuntimeException | Error e) {
          throw new AssertionError("variant " + Arrays.toString(v) + " threw " + e, e);
        }
      }
    }
    assertTrue(parsed + rejected >= 1000, "only " + (parsed + rejected) + " variants");
    assertTrue(parsed > 50 && rejected > 200, "parsed " + parsed + ", rejected " + rejected);
  }
}
