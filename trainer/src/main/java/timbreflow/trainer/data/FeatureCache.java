package timbreflow.trainer.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;
import timbreflow.trainer.train.TrainingNote;

/**
 * A split's log-magnitude features computed once and kept on disk as memory-mapped float16.
 *
 * <p>Files in the cache folder: {@code <split>-<fp>.f16} holds one row per note of the {@link
 * NoteSet}, each {@code [513][251]} float16 little-endian ({@link Features} layout, ~252 KiB), and
 * {@code <split>-<fp>.json} the index (fingerprint, shape, each row's reference power, rows whose
 * audio was unusable and why). The index is written last, after the data file, both through a
 * temporary file and an atomic rename: a cache without its index is never used. {@code fp} is a
 * prefix of {@link #fingerprint()}, a SHA-256 over the split's {@code examples.json}, the reader's
 * filter and the feature constants (STFT config, floor, range, dtype), so a changed dataset or
 * feature formula builds a new cache. Building runs on {@code threads} threads (WAV decode + STFT
 * per note); afterwards an epoch only reads the mapped file. Safe for concurrent readers.
 */
public final class FeatureCache {

  private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);

  /** Version of the cache's file layout, part of its fingerprint. */
  static final int FORMAT_VERSION = 1;

  private static final long MAX_MAPPING = 1L << 30;

  private final String fingerprint;
  private final int bins;
  private final int frames;
  private final List<NoteExample> notes;
  private final int[] rows;
  private final double[] references;
  private final Map<SkipReason, Integer> skipped;
  private final ShortBuffer[] chunks;
  private final int rowsPerChunk;

  private FeatureCache(
      String fingerprint,
      int bins,
      int frames,
      List<NoteExample> notes,
      int[] rows,
      double[] references,
      Map<SkipReason, Integer> skipped,
      ShortBuffer[] chunks,
      int rowsPerChunk) {
    this.fingerprint = fingerprint;
    this.bins = bins;
    this.frames = frames;
    this.notes = notes;
    this.rows = rows;
    this.references = references;
    this.skipped = skipped;
    this.chunks = chunks;
    this.rowsPerChunk = rowsPerChunk;
  }

  /**
   * Opens the cache of {@code notes} in {@code cacheDir}, building it first when it is missing or
   * stale.
   *
   * @param notes the split's notes, as read by {@link NsynthReader}
   * @param cacheDir folder for cache files (created when absent)
   * @param threads feature-extraction threads when building
   * @param progress notes done while building
   */
  public static FeatureCache open(
      NoteSet notes, Path cacheDir, int threads, ProgressListener progress) {
    StftConfig config = StftConfig.DEFAULT;
    String fingerprint = fingerprint(notes, config);
    String stem = notes.splitDir().getFileName() + "-" + fingerprint.substring(0, 16);
    Path data = cacheDir.resolve(stem + ".f16");
    Path index = cacheDir.resolve(stem + ".json");
    if (!valid(index, data, fingerprint, notes.size(), config)) {
      new FeatureCacheWriter(notes, config, data, index, fingerprint).write(threads, progress);
    } else {
      LOG.info("feature cache {} is current ({} notes)", data, notes.size());
    }
    return load(notes, config, data, index, fingerprint);
  }

  /** SHA-256 over the split's index and filter and the feature constants. */
  static String fingerprint(NoteSet notes, StftConfig config) {
    return new Fingerprints()
        .add("notes", notes.fingerprint())
        .add(
            "features",
            "nsynth-logmag sr="
                + config.sampleRate()
                + " nfft="
                + config.nFft()
                + " hop="
                + config.hop()
                + " samples="
                + config.noteSamples()
                + " window=hann-periodic centered floor="
                + LogMagnitude.POWER_FLOOR
                + " range_db="
                + LogMagnitude.RANGE_DB
                + " dtype=float16 v"
                + FORMAT_VERSION)
        .hex();
  }

  private static boolean valid(
      Path index, Path data, String fingerprint, int rows, StftConfig config) {
    if (!Files.isRegularFile(index) || !Files.isRegularFile(data)) {
      return false;
    }
    JsonNode json = DatasetSummary.read(index);
    long rowBytes = 2L * config.bins() * config.noteFrames();
    try {
      return fingerprint.equals(json.path("fingerprint").asText())
          && json.path("rows").asInt(-1) == rows
          && Files.size(data) == rows * rowBytes;
    } catch (IOException e) {
      throw new TrainerException(Reason.IO, "could not stat " + data + ": " + e, e);
    }
  }

  private static FeatureCache load(
      NoteSet notes, StftConfig config, Path data, Path index, String fingerprint) {
    JsonNode json = DatasetSummary.read(index);
    int bins = config.bins();
    int frames = config.noteFrames();
    long rowBytes = 2L * bins * frames;
    List<NoteExample> kept = new ArrayList<>();
    List<Integer> keptRows = new ArrayList<>();
    List<Double> keptRefs = new ArrayList<>();
    Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
    JsonNode refs = json.path("references");
    JsonNode skippedRows = json.path("skipped");
    for (int i = 0; i < notes.size(); i++) {
      JsonNode ref = refs.path(i);
      NoteExample note = notes.notes().get(i);
      if (ref.isNumber()) {
        kept.add(note);
        keptRows.add(i);
        keptRefs.add(ref.asDouble());
      } else {
        String reason = skippedRows.path(note.noteStr()).asText(SkipReason.UNREADABLE_WAV.name());
        skipped.merge(SkipReason.valueOf(reason), 1, Integer::sum);
      }
    }
    int rowsPerChunk = (int) Math.max(1, MAX_MAPPING / rowBytes);
    int chunkCount = (notes.size() + rowsPerChunk - 1) / rowsPerChunk;
    ShortBuffer[] chunks = new ShortBuffer[chunkCount];
    try (FileChannel in = FileChannel.open(data, StandardOpenOption.READ)) {
      for (int c = 0; c < chunkCount; c++) {
        long first = (long) c * rowsPerChunk;
        long count = Math.min(rowsPerChunk, notes.size() - first);
        MappedByteBuffer map =
            in.map(FileChannel.MapMode.READ_ONLY, first * rowBytes, count * rowBytes);
        chunks[c] = map.order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
      }
    } catch (IOException e) {
      throw new TrainerException(Reason.IO, "could not map feature cache " + data + ": " + e, e);
    }
    int[] rows = keptRows.stream().mapToInt(Integer::intValue).toArray();
    double[] references = keptRefs.stream().mapToDouble(Double::doubleValue).toArray();
    return new FeatureCache(
        fingerprint,
        bins,
        frames,
        List.copyOf(kept),
        rows,
        references,
        skipped,
        chunks,
        rowsPerChunk);
  }

  /**
   * Usable notes (notes whose audio was unusable are left out and counted in {@link #skipped()}).
   */
  public int size() {
    return notes.size();
  }

  /** The {@code i}-th usable note. */
  public NoteExample note(int i) {
    return notes.get(i);
  }

  /** All usable notes, in {@code note_str} order. */
  public List<NoteExample> notes() {
    return notes;
  }

  /** Notes left out while building, by reason. */
  public Map<SkipReason, Integer> skipped() {
    return Map.copyOf(skipped);
  }

  /** Frequency bins per frame (513). */
  public int bins() {
    return bins;
  }

  /** Frames per note (251). */
  public int frames() {
    return frames;
  }

  /** SHA-256 over the split's examples.json, the reader's filter and the feature constants. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The whole note's features, {@code [bins][frames]} float32 with its reference power. */
  public Features features(int i) {
    float[] values = new float[bins * frames];
    crop(i, 0, frames, values, 0);
    return new Features(values, bins, frames, references[i]);
  }

  /**
   * Copies frames {@code [start, start + length)} of note {@code i} into {@code dst} at {@code
   * offset} as {@code [bins][length]} row-major float32.
   */
  public void crop(int i, int start, int length, float[] dst, int offset) {
    if (start < 0 || length < 1 || start + length > frames) {
      throw new TrainerException(
          Reason.INVALID_CONFIG,
          "expected a crop inside 0–" + frames + " frames, found " + start + "+" + length);
    }
    int row = rows[i];
    ShortBuffer chunk = chunks[row / rowsPerChunk];
    int base = (row % rowsPerChunk) * bins * frames;
    short[] line = new short[length];
    for (int k = 0; k < bins; k++) {
      chunk.get(base + k * frames + start, line, 0, length);
      int to = offset + k * length;
      for (int t = 0; t < length; t++) {
        dst[to + t] = Half.toFloat(line[t]);
      }
    }
  }

  /**
   * The notes as the trainer's {@link TrainingNote}s; each {@code get} decodes that note from the
   * mapped file, so the list costs no memory of its own.
   */
  public List<TrainingNote> trainingNotes() {
    return new TrainingNotes();
  }

  private final class TrainingNotes extends AbstractList<TrainingNote> implements RandomAccess {
    @Override
    public TrainingNote get(int i) {
      return new TrainingNote(features(i), note(i).pitch(), note(i).family().index());
    }

    @Override
    public int size() {
      return notes.size();
    }
  }
}
