package timbreflow.runtime.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;
import timbreflow.runtime.files.AtomicFiles;

/**
 * Reads and writes NumPy {@code .npy} files: format versions 1.0 and 2.0 (3.0 read too), C order,
 * little-endian {@code <f4}, {@code <f8} and {@code <i8}.
 *
 * <p>Writing uses version 1.0 when the header fits its 16-bit length field, else 2.0, and pads the
 * header so the data starts on a 64-byte boundary, as NumPy does. Anything else — a wrong magic, a
 * big-endian or unsupported dtype, Fortran order, a data section of the wrong length — fails with
 * {@link Reason#INVALID_TENSOR} saying what was expected and what was found.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /** Reads a {@code .npy} file. */
  public static NpyArray read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TimbreflowException(Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return read(bytes);
    } catch (TimbreflowException e) {
      throw new TimbreflowException(e.reason(), file + ": " + e.getMessage(), e);
    }
  }

  /** Parses the bytes of a {@code .npy} file. */
  public static NpyArray read(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
      throw invalid("expected the .npy magic \\x93NUMPY at offset 0, found " + preview(bytes));
    }
    int major = bytes[6] & 0xff;
    int minor = bytes[7] & 0xff;
    long headerLength;
    int headerStart;
    if (major == 1) {
      headerLength = buf.getShort(8) & 0xffff;
      headerStart = 10;
    } else if (major == 2 || major == 3) {
      if (bytes.length < 12) {
        throw invalid("expected a 4-byte header length, found a " + bytes.length + "-byte file");
      }
      headerLength = buf.getInt(8) & 0xffffffffL;
      headerStart = 12;
    } else {
      throw invalid("expected .npy format version 1.0, 2.0 or 3.0, found " + major + "." + minor);
    }
    if (headerStart + headerLength > bytes.length) {
      throw invalid(
          "expected a "
              + headerLength
              + "-byte header, found only "
              + (bytes.length - headerStart)
              + " bytes after the preamble");
    }
    String header =
        new String(
            bytes,
            headerStart,
            (int) headerLength,
            major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    NpyType type = parseType(header);
    parseFortranOrder(header);
    long[] shape = parseShape(header);
    long count = NpyArray.elementCount(shape);
    int dataStart = (int) (headerStart + headerLength);
    long expectedBytes = count * type.itemSize();
    long foundBytes = bytes.length - dataStart;
    if (expectedBytes != foundBytes) {
      throw invalid(
          "expected "
              + expectedBytes
              + " data bytes for "
              + type.descr()
              + " "
              + Arrays.toString(shape)
              + ", found "
              + foundBytes);
    }
    buf.position(dataStart);
    int n = (int) count;
    return switch (type) {
      case FLOAT32 -> {
        float[] data = new float[n];
        buf.asFloatBuffer().get(data);
        yield NpyArray.ofFloats(shape, data);
      }
      case FLOAT64 -> {
        double[] data = new double[n];
        buf.asDoubleBuffer().get(data);
        yield NpyArray.ofDoubles(shape, data);
      }
      case INT64 -> {
        long[] data = new long[n];
        buf.asLongBuffer().get(data);
        yield NpyArray.ofLongs(shape, data);
      }
    };
  }

  /** Writes an array to {@code file} atomically (a temporary sibling, then a rename). */
  public static void write(NpyArray array, Path file) {
    try {
      AtomicFiles.write(file, toBytes(array));
    } catch (IOException e) {
      throw new TimbreflowException(Reason.IO, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The bytes of a {@code .npy} file holding {@code array}. */
  public static byte[] toBytes(NpyArray array) {
    long[] shape = array.shape();
    StringBuilder dims = new StringBuilder();
    for (int i = 0; i < shape.length; i++) {
      dims.append(shape[i])
          .append(i == 0 && shape.length == 1 ? "," : (i < shape.length - 1 ? ", " : ""));
    }
    String dict =
        "{'descr': '"
            + array.type().descr()
            + "', 'fortran_order': False, 'shape': ("
            + dims
            + "), }";
    int major = dict.length() + 1 + 10 <= 65535 ? 1 : 2;
    int preamble = major == 1 ? 10 : 12;
    int total = preamble + dict.length() + 1;
    int padded = (total + 63) / 64 * 64;
    String header = dict + " ".repeat(padded - total) + "\n";
    long dataBytes = (long) array.size() * array.type().itemSize();
    ByteBuffer buf =
        ByteBuffer.allocate(Math.toIntExact(padded + dataBytes)).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).put((byte) major).put((byte) 0);
    if (major == 1) {
      buf.putShort((short) header.length());
    } else {
      buf.putInt(header.length());
    }
    buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
    switch (array.type()) {
      case FLOAT32 -> buf.asFloatBuffer().put(array.floats());
      case FLOAT64 -> buf.asDoubleBuffer().put(array.doubles());
      case INT64 -> buf.asLongBuffer().put(array.longs());
    }
    return buf.array();
  }

  private static NpyType parseType(String header) {
    Matcher m = DESCR.matcher(header);
    if (!m.find()) {
      throw invalid("expected a 'descr' entry in the header, found " + quote(header));
    }
    String descr = m.group(1);
    for (NpyType t : NpyType.values()) {
      if (t.descr().equals(descr)) {
        return t;
      }
    }
    throw invalid("expected dtype <f4, <f8 or <i8 (little-endian), found '" + descr + "'");
  }

  private static void parseFortranOrder(String header) {
    Matcher m = FORTRAN.matcher(header);
    if (!m.find()) {
      throw invalid("expected a 'fortran_order' entry in the header, found " + quote(header));
    }
    if (m.group(1).equals("True")) {
      throw invalid("expected C order (fortran_order False), found fortran_order True");
    }
  }

  private static long[] parseShape(String header) {
    Matcher m = SHAPE.matcher(header);
    if (!m.find()) {
      throw invalid("expected a 'shape' tuple in the header, found " + quote(header));
    }
    List<Long> dims = new ArrayList<>();
    for (String part : m.group(1).split(",")) {
      String s = part.trim();
      if (s.isEmpty()) {
        continue;
      }
      long d;
      try {
        d = Long.parseLong(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
      } catch (NumberFormatException e) {
        throw invalid("expected integer dimensions in 'shape', found '" + s + "'");
      }
      if (d < 0) {
        throw invalid("expected non-negative dimensions in 'shape', found " + d);
      }
      dims.add(d);
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    try {
      long count = NpyArray.elementCount(shape);
      if (count > Integer.MAX_VALUE) {
        throw invalid("expected at most 2^31-1 elements, found " + count);
      }
    } catch (ArithmeticException e) {
      throw invalid("expected a shape whose size fits in a long, found " + Arrays.toString(shape));
    }
    return shape;
  }

  private static String quote(String header) {
    String s = header.strip();
    return "\"" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "\"";
  }

  private static String preview(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(6, bytes.length); i++) {
      sb.append(String.format("%02x", bytes[i] & 0xff));
    }
    return bytes.length == 0 ? "an empty file" : "0x" + sb;
  }

  private static TimbreflowException invalid(String message) {
    return new TimbreflowException(Reason.INVALID_TENSOR, message);
  }
}
