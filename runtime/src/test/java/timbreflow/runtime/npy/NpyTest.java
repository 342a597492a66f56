package timbreflow.runtime.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

class NpyTest {

  @TempDir Path tmp;

  @Test
  void float32ArrayRoundTripsThroughAFile() {
    Random rnd = new Random(7);
    float[] data = new float[2 * 513 * 3];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) rnd.nextGaussian();
    }
    data[5] = Float.NaN;
    NpyArray a = NpyArray.ofFloats(new long[] {2, 513, 3}, data);
    Path f = tmp.resolve("a.npy");
    Npy.write(a, f);
    assertEquals(a, Npy.read(f));
  }

  @Test
  void int64AndFloat64AndScalarArraysRoundTrip() {
    NpyArray longs = NpyArray.ofLongs(new long[] {4}, new long[] {60, -1, Long.MAX_VALUE, 0});
    NpyArray doubles = NpyArray.ofDoubles(new long[] {1, 2}, new double[] {Math.PI, -0.0});
    NpyArray scalar = NpyArray.ofLongs(new long[0], new long[] {251});
    NpyArray empty = NpyArray.ofFloats(new long[] {0, 513}, new float[0]);
    for (NpyArray a : new NpyArray[] {longs, doubles, scalar, empty}) {
      assertEquals(a, Npy.read(Npy.toBytes(a)), a.toString());
    }
  }

  @Test
  void headerIsPaddedSoDataStartsOn64ByteBoundary() {
    byte[] bytes = Npy.toBytes(NpyArray.ofFloats(new long[] {3}, new float[] {1, 2, 3}));
    int dataStart = bytes.length - 12;
    assertEquals(0, dataStart % 64);
    assertEquals('\n', bytes[dataStart - 1]);
    String header = new String(bytes, 10, dataStart - 10, StandardCharsets.ISO_8859_1);
    assertTrue(header.contains("'shape': (3,)"), header);
  }

  @Test
  void version2HeaderIsRead() {
    String dict = "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }";
    int total = 12 + dict.length() + 1;
    String header = dict + " ".repeat((total + 63) / 64 * 64 - total) + "\n";
    ByteBuffer b = ByteBuffer.allocate(12 + header.length() + 16).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(header.length());
    b.put(header.getBytes(StandardCharsets.ISO_8859_1)).putLong(5).putLong(-6);
    NpyArray a = Npy.read(b.array());
    assertArrayEquals(new long[] {5, -6}, a.longs());
  }

  @Test
  void wrongMagicIsAnInvalidTensorNamingWhatWasFound() {
    TimbreflowException e =
        assertThrows(
            TimbreflowException.class,
            () -> Npy.read("RIFF....WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals(Reason.INVALID_TENSOR, e.reason());
    assertTrue(e.getMessage().contains("0x52494646"), e.getMessage());
  }

  @Test
  void bigEndianFortranOrderAndUnknownVersionAreRejected() {
    assertRejected(
        withHeader(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", 4), "'>f4'");
    assertRejected(
        withHeader(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", 4),
        "fortran_order True");
    assertRejected(
        withHeader(1, "{'descr': '<u2', 'fortran_order': False, 'shape': (1,), }", 2), "'<u2'");
    assertRejected(
        withHeader(4, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 4), "found 4.0");
    assertRejected(
        withHeader(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (a,), }", 4), "'a'");
    assertRejected(withHeader(1, "{'descr': '<f4', 'fortran_order': False}", 4), "'shape'");
  }

  @Test
  void truncatedOrOverlongDataIsRejectedWithBothLengths() {
    byte[] good = Npy.toBytes(NpyArray.ofFloats(new long[] {2, 2}, new float[4]));
    assertRejected(Arrays.copyOf(good, good.length - 1), "expected 16 data bytes");
    assertRejected(Arrays.copyOf(good, good.length + 4), "found 20");
    assertRejected(Arrays.copyOf(good, 20), "-byte header");
  }

  @Test
  void numpyReadsWhatJavaWritesAndJavaReadsWhatNumpyWrites() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Assumptions.assumeTrue(
        Files.isExecutable(python) && run(python, "import numpy") == 0,
        "Debian python3-numpy is not installed (bin/install-test-deps installs it)");
    Path javaFile = tmp.resolve("java.npy");
    Npy.write(NpyArray.ofFloats(new long[] {2, 3}, new float[] {0, 1, 2, 3, 4, 5.5f}), javaFile);
    Path npFile = tmp.resolve("np.npy");
    String script =
        "import numpy as np, sys\n"
            + "a = np.load(sys.argv[1])\n"
            + "assert a.dtype == np.float32 and a.shape == (2, 3), (a.dtype, a.shape)\n"
            + "assert a[1, 2] == 5.5\n"
            + "np.save(sys.argv[2], np.arange(6, dtype='<i8').reshape(3, 2) * 7)\n";
    assertEquals(0, run(python, script, javaFile.toString(), npFile.toString()));
    NpyArray back = Npy.read(npFile);
    assertArrayEquals(new long[] {3, 2}, back.shape());
    assertArrayEquals(new long[] {0, 7, 14, 21, 28, 35}, back.longs());
  }

  private static int run(Path python, String script, String... args)
      throws IOException, InterruptedException {
    String[] cmd = new String[3 + args.length];
    cmd[0] = python.toString();
    cmd[1] = "-c";
    cmd[2] = script;
    System.arraycopy(args, 0, cmd, 3, args.length);
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static void assertRejected(byte[] bytes, String expectedFragment) {
    TimbreflowException e = assertThrows(TimbreflowException.class, () -> Npy.read(bytes));
    assertEquals(Reason.INVALID_TENSOR, e.reason());
    assertTrue(e.getMessage().contains(expectedFragment), e.getMessage());
  }

  private static byte[] withHeader(int major, String dict, int dataBytes) {
    int total = 10 + dict.length() + 1;
    String header = dict + " ".repeat((total + 63) / 64 * 64 - total) + "\n";
    ByteBuffer b =
        ByteBuffer.allocate(10 + header.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    b.putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.ISO_8859_1));
    return b.array();
  }
}
