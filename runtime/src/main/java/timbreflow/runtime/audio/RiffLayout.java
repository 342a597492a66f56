package timbreflow.runtime.audio;

import java.util.ArrayList;
import java.util.List;
import timbreflow.runtime.TimbreflowException;
import timbreflow.runtime.TimbreflowException.Reason;

/**
 * Where the {@code fmt } and {@code data} chunks of a RIFF/WAVE (or RF64/BW64) file lie.
 *
 * <p>Chunks are walked in order; unknown chunks (LIST, fact, bext, ...) are skipped, odd-sized
 * chunks are followed by their pad byte. Every size is checked against the bytes that actually
 * remain before it is used, so a lying header cannot cause an index error or a large allocation.
 *
 * @param fmtOffset offset of the {@code fmt } chunk's body
 * @param fmtSize size of the {@code fmt } chunk's body
 * @param dataOffset offset of the {@code data} chunk's body
 * @param dataSize bytes of sample data, never past the end of the file
 */
record RiffLayout(int fmtOffset, int fmtSize, int dataOffset, long dataSize) {

  /** Sizes that streaming writers put in a header they cannot seek back to (ffmpeg, sox). */
  private static final long STREAMING_SIZE_FFFFFFFF = 0xFFFF_FFFFL;

  private static final long STREAMING_SIZE_SOX = 0x7FFF_F000L;

  private static final int HEADER_BYTES = 12;
  private static final int CHUNK_HEADER_BYTES = 8;
  private static final int MAX_LISTED_CHUNKS = 8;

  static RiffLayout scan(byte[] bytes) {
    checkHeader(bytes);
    boolean rf64 = !LittleEndian.is(bytes, 0, "RIFF");
    long ds64DataSize = -1;
    int fmtOffset = -1;
    int fmtSize = 0;
    int dataOffset = -1;
    long dataSize = 0;
    List<String> seen = new ArrayList<>();
    int pos = HEADER_BYTES;
    while ((long) pos + CHUNK_HEADER_BYTES <= bytes.length) {
      if (seen.size() < MAX_LISTED_CHUNKS) {
        seen.add(LittleEndian.fourCc(bytes, pos));
      }
      long size = LittleEndian.u32(bytes, pos + 4);
      int body = pos + CHUNK_HEADER_BYTES;
      long remain = bytes.length - (long) body;
      if (LittleEndian.is(bytes, pos, "data")) {
        if (rf64 && size == STREAMING_SIZE_FFFFFFFF && ds64DataSize >= 0) {
          size = ds64DataSize;
        } else if (size == STREAMING_SIZE_FFFFFFFF || size == STREAMING_SIZE_SOX) {
          size = Math.min(size, remain);
        }
        checkFits(bytes, pos, size, remain);
        if (dataOffset < 0) {
          dataOffset = body;
          dataSize = size;
        }
      } else if (LittleEndian.is(bytes, pos, "fmt ")) {
        checkFits(bytes, pos, size, remain);
        if (fmtOffset < 0) {
          fmtOffset = body;
          fmtSize = (int) size;
        }
      } else if (rf64 && LittleEndian.is(bytes, pos, "ds64")) {
        checkFits(bytes, pos, size, remain);
        if (size >= 16) {
          ds64DataSize = LittleEndian.i64(bytes, body + 8);
          if (ds64DataSize < 0) {
            throw new TimbreflowException(
                Reason.MALFORMED_AUDIO,
                "expected a non-negative data size in the 'ds64' chunk, found " + ds64DataSize);
          }
        }
      } else if (size > remain) {
        if (fmtOffset >= 0 && dataOffset >= 0) {
          break; // a damaged trailing chunk after the audio: the audio itself is intact
        }
        checkFits(bytes, pos, size, remain);
      }
      long next = body + size + (size & 1);
      if (next > bytes.length) {
        break;
      }
      pos = (int) next;
    }
    if (fmtOffset < 0) {
      throw new TimbreflowException(
          Reason.MALFORMED_AUDIO, "expected a 'fmt ' chunk, found " + listed(seen));
    }
    if (dataOffset < 0) {
      throw new TimbreflowException(
          Reason.MALFORMED_AUDIO, "expected a 'data' chunk, found " + listed(seen));
    }
    return new RiffLayout(fmtOffset, fmtSize, dataOffset, dataSize);
  }

  private static void checkHeader(byte[] bytes) {
    if (bytes.length < HEADER_BYTES) {
      throw new TimbreflowException(
          Reason.MALFORMED_AUDIO,
          "expected a 12-byte RIFF/WAVE header, found " + bytes.length + " bytes");
    }
    boolean riff =
        LittleEndian.is(bytes, 0, "RIFF")
            || LittleEndian.is(bytes, 0, "RF64")
            || LittleEndian.is(bytes, 0, "BW64");
    if (riff && LittleEndian.is(bytes, 8, "WAVE")) {
      return;
    }
    String other = OtherContainers.name(bytes);
    if (other != null) {
      throw new TimbreflowException(
          Reason.UNSUPPORTED_AUDIO, "expected a RIFF/WAVE file, found " + other);
    }
    if (riff) {
      throw new TimbreflowException(
          Reason.MALFORMED_AUDIO,
          "expected form type 'WAVE' at offset 8, found " + LittleEndian.fourCc(bytes, 8));
    }
    throw new TimbreflowException(
        Reason.MALFORMED_AUDIO,
        "expected a RIFF/WAVE header ('RIFF' at offset 0), found " + LittleEndian.fourCc(bytes, 0));
  }

  private static void checkFits(byte[] bytes, int chunk, long size, long remain) {
    if (size > remain) {
      throw new TimbreflowException(
          Reason.MALFORMED_AUDIO,
          "chunk "
              + LittleEndian.fourCc(bytes, chunk)
              + " claims "
              + size
              + " bytes but only "
              + remain
              + " remain");
    }
  }

  private static String listed(List<String> seen) {
    return seen.isEmpty()
        ? "no chunks after the 12-byte RIFF header"
        : "only chunks " + String.join(", ", seen);
  }
}
