package timbreflow.trainer.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import timbreflow.runtime.audio.WavEncoding;
import timbreflow.runtime.audio.WavWriter;
import timbreflow.runtime.audio.Waveform;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * Renders an NSynth-format dataset ({@code <out>/<split>/examples.json}, {@code
 * <out>/<split>/audio/<note_str>.wav}, {@code <out>/dataset.json}) from a SoundFont.
 *
 * <p>Work happens in {@code <out>.partial} and is renamed to {@code <out>} only when complete, so
 * an interrupted render never leaves a folder that looks finished. Rerunning with the same options
 * resumes a partial folder (WAVs already written are kept: rendering is deterministic) or, when
 * {@code <out>} is complete, does nothing. Instruments render in parallel on {@code threads}
 * threads; each note from a fresh synthesizer state, so bytes do not depend on order or threads.
 */
public final class DatasetRenderer {

  private static final Logger LOG = LoggerFactory.getLogger(DatasetRenderer.class);
  static final String DROP_SILENT = "silent";
  static final String DROP_KEY_RANGE = "outside key range";
  static final String DROP_OFF_PITCH = "off pitch";
  private static final String MARKER = "render.json";

  private final RenderConfig config;
  private final ProgressListener progress;

  public DatasetRenderer(RenderConfig config, ProgressListener progress) {
    this.config = config;
    this.progress = progress;
  }

  /** Renders the dataset, or confirms it is already complete. */
  public RenderReport render() {
    long start = System.nanoTime();
    SoundFontLibrary library = SoundFontLibrary.load(config.soundFont());
    String fingerprint = renderFingerprint(library);
    Path out = config.output();
    if (Files.exists(out.resolve(DatasetSummary.FILE))) {
      return confirmComplete(out, fingerprint);
    }
    if (Files.exists(out)) {
      throw new TrainerException(
          Reason.INVALID_CONFIG,
          "expected "
              + out
              + " to be absent or a complete dataset, found a folder without "
              + DatasetSummary.FILE);
    }
    Path work = prepareWorkFolder(out, fingerprint);

    RenderPlan plan = RenderPlan.of(config, library);
    SplitAssigner splits =
        new SplitAssigner(
            plan.instruments(), config.splitMode(), config.heldOutFraction(), config.seed());
    List<InstrumentResult> results = renderAll(plan, splits, work);

    Map<Split, List<NoteExample>> bySplit = new EnumMap<>(Split.class);
    for (Split s : Split.values()) {
      bySplit.put(s, new ArrayList<>());
    }
    Map<String, Integer> dropped = new TreeMap<>();
    dropped.put(DROP_KEY_RANGE, plan.outsideKeyRange());
    dropped.put(DROP_SILENT, 0);
    if (config.dropOffPitch()) {
      dropped.put(DROP_OFF_PITCH, 0);
    }
    int rendered = 0;
    int clipped = 0;
    for (InstrumentResult r : results) {
      r.kept().forEach((split, notes) -> bySplit.get(split).addAll(notes));
      dropped.merge(DROP_SILENT, r.silent(), Integer::sum);
      if (config.dropOffPitch()) {
        dropped.merge(DROP_OFF_PITCH, r.offPitch(), Integer::sum);
      }
      rendered += r.rendered();
      clipped += r.clipped();
    }
    for (Split s : Split.values()) {
      ExamplesJson.write(work.resolve(s.folder()).resolve("examples.json"), bySplit.get(s));
    }
    DatasetSummary.write(
        work.resolve(DatasetSummary.FILE),
        DatasetSummary.forRender(
            config, library, fingerprint, plan, splits, results, bySplit, dropped));
    if (clipped > 0) {
      LOG.warn("{} rendered notes reached full scale and were clipped to 16 bits", clipped);
    }
    try {
      // the marker travels with the rename and goes after it: a crash in between leaves a
      // complete dataset (it has dataset.json) with a stray marker, never an unmarked partial
      DatasetFiles.move(work, out);
      Files.delete(out.resolve(MARKER));
    } catch (IOException e) {
      throw new TrainerException(
          Reason.IO, "could not publish " + work + " as " + out + ": " + e, e);
    }
    Map<Split, Integer> counts = new EnumMap<>(Split.class);
    bySplit.forEach((s, notes) -> counts.put(s, notes.size()));
    return new RenderReport(
        out, false, counts, dropped, rendered, (System.nanoTime() - start) / 1e9);
  }

  private String renderFingerprint(SoundFontLibrary library) {
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("soundfont_sha256", library.sha256());
    identity.put("options", config.contentOptions());
    identity.put("gervill", "fresh-state-per-note, linear interpolation, no effects, control 100");
    try {
      return Fingerprints.sha256(ExamplesJson.MAPPER.writeValueAsBytes(identity));
    } catch (IOException e) {
      throw new TrainerException(Reason.IO, "could not encode render options: " + e, e);
    }
  }

  private RenderReport confirmComplete(Path out, String fingerprint) {
    JsonNode summary = DatasetSummary.read(out.resolve(DatasetSummary.FILE));
    String found = summary.path("render_fingerprint").asText("");
    if (!found.equals(fingerprint)) {
      throw new TrainerException(
          Reason.INVALID_CONFIG,
          "expected "
              + out
              + " to be this render (fingerprint "
              + fingerprint.substring(0, 12)
              + "), found a dataset rendered with other options or another SoundFont ("
              + (found.isEmpty() ? "none" : found.substring(0, Math.min(12, found.length())))
              + "); choose another --out or delete it");
    }
    Map<Split, Integer> counts = new EnumMap<>(Split.class);
    for (Split s : Split.values()) {
      counts.put(s, summary.path("splits").path(s.folder()).path("notes").asInt());
    }
    Map<String, Integer> dropped = new TreeMap<>();
    summary
        .path("dropped")
        .properties()
        .forEach(e -> dropped.put(e.getKey(), e.getValue().asInt()));
    return new RenderReport(out, true, counts, dropped, 0, 0);
  }

  private Path prepareWorkFolder(Path out, String fingerprint) {
    Path work = out.resolveSibling(out.getFileName() + ".partial");
    Path marker = work.resolve(MARKER);
    try {
      if (Files.exists(work)) {
        String found =
            Files.exists(marker)
                ? DatasetSummary.read(marker).path("render_fingerprint").asText("")
                : "";
        if (!found.equals(fingerprint)) {
          throw new TrainerException(
              Reason.INVALID_CONFIG,
              "expected "
                  + work
                  + " to be an interrupted render with the same options, found "
                  + (found.isEmpty() ? "a folder without " + MARKER : "other options")
                  + "; delete it to start over");
        }
        LOG.info("resuming the interrupted render in {}", work);
        removeTemporaryFiles(work);
        return work;
      }
      Files.createDirectories(work);
      for (Split s : Split.values()) {
        Files.createDirectories(work.resolve(s.folder()).resolve("audio"));
      }
      DatasetFiles.write(
          marker, ExamplesJson.MAPPER.writeValueAsBytes(Map.of("render_fingerprint", fingerprint)));
      return work;
    } catch (IOException e) {
      throw new TrainerException(Reason.IO, "could not prepare " + work + ": " + e, e);
    }
  }

  /** Deletes the temporary files an interrupted atomic write can leave ({@code .<name>.tmp}). */
  private static void removeTemporaryFiles(Path work) throws IOException {
    for (Split s : Split.values()) {
      Path audio = work.resolve(s.folder()).resolve("audio");
      if (!Files.isDirectory(audio)) {
        Files.createDirectories(audio);
        continue;
      }
      try (var files = Files.list(audio)) {
        for (Path p : files.toList()) {
          String name = p.getFileName().toString();
          if (name.startsWith(".") && name.endsWith(".tmp")) {
            Files.delete(p);
          }
        }
      }
    }
  }

  private List<InstrumentResult> renderAll(RenderPlan plan, SplitAssigner splits, Path work) {
    AtomicLong done = new AtomicLong();
    long total = plan.notes();
    ThreadLocal<NoteRenderer> renderers =
        ThreadLocal.withInitial(
            () ->
                new NoteRenderer(
                    plan.library(),
                    RenderConfig.SAMPLE_RATE,
                    RenderConfig.HELD_SAMPLES,
                    RenderConfig.RELEASE_SAMPLES));
    List<RenderedInstrument> order = new ArrayList<>(plan.instruments());
    // longest first, so the last instrument to finish is a short one
    order.sort(
        Comparator.comparingInt((RenderedInstrument i) -> i.lowestPitch() - i.highestPitch())
            .thenComparingInt(RenderedInstrument::id));
    ExecutorService pool =
        Executors.newFixedThreadPool(config.threads(), DaemonThreads.named("render"));
    try {
      List<Future<InstrumentResult>> futures = new ArrayList<>();
      for (RenderedInstrument instrument : order) {
        futures.add(
            pool.submit(
                () -> {
                  InstrumentRender job =
                      new InstrumentRender(
                          instrument,
                          renderers.get(),
                          splits,
                          config,
                          work,
                          () -> progress.progressed(done.incrementAndGet(), total));
                  return job.run();
                }));
      }
      List<InstrumentResult> results = new ArrayList<>();
      for (Future<InstrumentResult> f : futures) {
        results.add(f.get());
      }
      results.sort(Comparator.comparingInt(r -> r.instrument().id()));
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainerException(Reason.RENDER_FAILED, "render interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TrainerException te) {
        throw te;
      }
      throw new TrainerException(Reason.RENDER_FAILED, "render failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Writes one rendered note as 16-bit PCM. */
  static void writeWav(float[] samples, Path file) {
    WavWriter.write(new Waveform(samples, RenderConfig.SAMPLE_RATE), file, WavEncoding.PCM_16);
  }
}
