package timbreflow.trainer.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import timbreflow.runtime.dsp.Features;
import timbreflow.runtime.dsp.LogMagnitude;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * Builds one split's {@link FeatureCache}: every note's features computed on a pool of threads and
 * written as float16 rows to a temporary data file, which is then renamed into place, and the index
 * written last, so a cache without its index is never used.
 */
final class FeatureCacheWriter {

  private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);

  private final NoteSet notes;
  private final Path data;
  private final Path index;
  private final String fingerprint;
  private final int bins;
  private final int frames;
  private final long rowBytes;
  private final LogMagnitude features;
  private final NoteAudioCheck check;
  private final double[] references;
  private final SkipReason[] reasons;

  /**
   * A writer of {@code notes}' cache.
   *
   * @param data the data file to publish
   * @param index the index file, written after the data
   * @param fingerprint the cache's fingerprint, recorded in the index
   */
  FeatureCacheWriter(NoteSet notes, StftConfig config, Path data, Path index, String fingerprint) {
    this.notes = notes;
    this.data = data;
    this.index = index;
    this.fingerprint = fingerprint;
    this.bins = config.bins();
    this.frames = config.noteFrames();
    this.rowBytes = 2L * bins * frames;
    this.features = new LogMagnitude(config);
    this.check = new NoteAudioCheck(config.sampleRate(), config.noteSamples());
    this.references = new double[notes.size()];
    this.reasons = new SkipReason[notes.size()];
  }

  /** Computes, writes and publishes the cache on {@code threads} threads. */
  void write(int threads, ProgressListener progress) {
    long start = System.nanoTime();
    Path tmp = DatasetFiles.temporarySibling(data);
    writeRows(tmp, threads, progress);
    try {
      DatasetFiles.move(tmp, data);
    } catch (IOException e) {
      throw new TrainerException(Reason.IO, "could not publish " + data + ": " + e, e);
    }
    int skipped = writeIndex();
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info(
        "built feature cache {}: {} notes in {} s ({} notes/s), {} skipped",
        data,
        notes.size(),
        String.format(Locale.ROOT, "%.1f", seconds),
        String.format(Locale.ROOT, "%.1f", notes.size() / Math.max(seconds, 1e-9)),
        skipped);
  }

  /** Every note's row of {@code tmp}, in parallel; the first failure ends the build. */
  private void writeRows(Path tmp, int threads, ProgressListener progress) {
    AtomicLong done = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads, DaemonThreads.named("features"));
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      out.truncate(0);
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < notes.size(); i++) {
        int row = i;
        futures.add(
            pool.submit(
                () -> {
                  writeRow(out, row);
                  progress.progressed(done.incrementAndGet(), notes.size());
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      out.force(false);
    } catch (IOException e) {
      throw new TrainerException(Reason.IO, "could not write feature cache " + tmp + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainerException(Reason.IO, "feature cache build interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TrainerException te) {
        throw te;
      }
      throw new TrainerException(
          Reason.INVALID_DATASET, "feature extraction failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Row {@code row}: the note's features as float16, or zeros with the reason recorded when its
   * audio is unusable.
   */
  private void writeRow(FileChannel out, int row) throws IOException {
    NoteExample note = notes.notes().get(row);
    NoteAudioCheck.Outcome o = check.check(notes.wav(note));
    ByteBuffer bytes = ByteBuffer.allocate((int) rowBytes).order(ByteOrder.LITTLE_ENDIAN);
    if (o.usable()) {
      Features f = features.features(o.waveform().samples());
      for (float v : f.values()) {
        bytes.putShort(Half.fromFloat(v));
      }
      references[row] = f.reference();
    } else {
      reasons[row] = o.reason();
      LOG.warn("feature cache skips {}: {} ({})", note.noteStr(), o.reason().label(), o.detail());
    }
    bytes.flip();
    long position = row * rowBytes;
    while (bytes.hasRemaining()) {
      position += out.write(bytes, position);
    }
  }

  /** Writes the index and returns how many rows it marks skipped. */
  private int writeIndex() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("fingerprint", fingerprint);
    json.put("format_version", FeatureCache.FORMAT_VERSION);
    json.put("dtype", "float16");
    json.put("layout", "[rows][bins][frames] little-endian");
    json.put("bins", bins);
    json.put("frames", frames);
    json.put("rows", notes.size());
    json.put("data_file", data.getFileName().toString());
    List<Object> refs = new ArrayList<>();
    Map<String, String> skippedRows = new LinkedHashMap<>();
    for (int i = 0; i < notes.size(); i++) {
      refs.add(reasons[i] == null ? references[i] : null);
      if (reasons[i] != null) {
        skippedRows.put(notes.notes().get(i).noteStr(), reasons[i].name());
      }
    }
    json.put("references", refs);
    json.put("skipped", skippedRows);
    DatasetSummary.write(index, json);
    return skippedRows.size();
  }
}
