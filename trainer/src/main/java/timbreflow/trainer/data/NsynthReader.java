package timbreflow.trainer.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import timbreflow.runtime.dsp.StftConfig;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * Reads one split of an NSynth jsonwav dataset as published ({@code examples.json} keyed by {@code
 * note_str}, {@code audio/<note_str>.wav}), or as rendered by {@link DatasetRenderer}.
 *
 * <p>Every note is either kept or counted under a {@link SkipReason} and logged (the first {@value
 * #LOGGED_PER_REASON} per reason at WARN, the rest at DEBUG); nothing is dropped silently and no
 * bad entry stops the read. Entries are checked for the fields, family (0–10), source (0–2), pitch
 * and velocity (0–127) and the WAV's presence; with {@code checkAudio} each WAV is also read (on
 * {@code threads} threads) and checked for 16 kHz, 64000 samples and not being silent. The order is
 * {@code note_str} order; {@code maxNotes} keeps a stable pseudo-random subset.
 */
public final class NsynthReader {

  static final int LOGGED_PER_REASON = 10;
  private static final Logger LOG = LoggerFactory.getLogger(NsynthReader.class);
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

  private final NoteFilter filter;
  private final boolean checkAudio;
  private final int threads;
  private final ProgressListener progress;
  private final boolean checkPitch;

  /**
   * @param filter which notes to keep
   * @param checkAudio also read every WAV and check rate, length and silence
   * @param threads threads for the audio check
   */
  public NsynthReader(NoteFilter filter, boolean checkAudio, int threads) {
    this(filter, checkAudio, threads, ProgressListener.NONE);
  }

  /**
   * @param filter which notes to keep
   * @param checkAudio also read every WAV and check rate, length and silence
   * @param threads threads for the audio check
   * @param progress WAVs checked so far (only with {@code checkAudio})
   */
  public NsynthReader(
      NoteFilter filter, boolean checkAudio, int threads, ProgressListener progress) {
    this(filter, checkAudio, threads, progress, false);
  }

  private NsynthReader(
      NoteFilter filter,
      boolean checkAudio,
      int threads,
      ProgressListener progress,
      boolean checkPitch) {
    if (threads < 1) {
      throw new TrainerException(
          Reason.INVALID_CONFIG, "reader threads: expected at least 1, found " + threads);
    }
    this.filter = filter;
    this.checkAudio = checkAudio;
    this.threads = threads;
    this.progress = progress;
    this.checkPitch = checkPitch;
  }

  /**
   * This reader, also estimating each note's pitch during the audio check (a few ms per note) and
   * counting quirks: no pitch within an octave of the label (noise-only or unpitched notes), or a
   * pitch more than a semitone from the label. Such notes are kept.
   */
  public NsynthReader withPitchCheck() {
    return new NsynthReader(filter, true, threads, progress, true);
  }

  /** Reads the split in {@code splitDir}. */
  public NoteSet read(Path splitDir) {
    Path index = splitDir.resolve("examples.json");
    if (!Files.isRegularFile(index)) {
      throw new TrainerException(
          Reason.INVALID_DATASET,
          "expected an NSynth split folder with examples.json, found none in " + splitDir);
    }
    ObjectNode root = ExamplesJson.readTree(index);
    Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
    List<NoteExample> candidates = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      NoteExample note;
      try {
        note = parse(e.getKey(), e.getValue());
      } catch (EntryException bad) {
        skip(skipped, bad.reason, e.getKey(), bad.getMessage());
        continue;
      }
      if (!Files.isRegularFile(splitDir.resolve("audio").resolve(note.noteStr() + ".wav"))) {
        skip(
            skipped, SkipReason.MISSING_WAV, note.noteStr(), "no audio/" + note.noteStr() + ".wav");
        continue;
      }
      SkipReason rejected = filter.reject(note);
      if (rejected != null) {
        skipped.merge(rejected, 1, Integer::sum);
        continue;
      }
      candidates.add(note);
    }
    candidates = limit(candidates, skipped);
    Map<String, Integer> quirks = new TreeMap<>();
    List<NoteExample> kept =
        checkAudio ? checkAudio(splitDir, candidates, skipped, quirks) : candidates;
    kept.sort(Comparator.comparing(NoteExample::noteStr));
    for (NoteExample n : kept) {
      if (n.pitch() < 21 || n.pitch() > 108) {
        quirks.merge(ReadReport.OUTSIDE_PIANO, 1, Integer::sum);
      }
    }
    ReadReport report = new ReadReport(kept.size(), skipped, quirks);
    LOG.info("{}: {}", splitDir, report.summary());
    String fingerprint =
        new Fingerprints()
            .addFile("examples.json", index)
            .add("filter", filter.describe())
            .add("checkAudio", String.valueOf(checkAudio))
            .add("checkPitch", String.valueOf(checkPitch))
            .hex();
    return new NoteSet(splitDir, kept, report, fingerprint);
  }

  private List<NoteExample> limit(List<NoteExample> notes, Map<SkipReason, Integer> skipped) {
    if (filter.maxNotes() == 0 || notes.size() <= filter.maxNotes()) {
      return notes;
    }
    List<NoteExample> order = new ArrayList<>(notes);
    order.sort(
        Comparator.comparingLong(
                (NoteExample n) -> SplitAssigner.mix(0, n.noteStr().hashCode(), 0, 0))
            .thenComparing(NoteExample::noteStr));
    skipped.merge(SkipReason.FILTER_MAX_NOTES, order.size() - filter.maxNotes(), Integer::sum);
    return new ArrayList<>(order.subList(0, filter.maxNotes()));
  }

  private List<NoteExample> checkAudio(
      Path splitDir,
      List<NoteExample> notes,
      Map<SkipReason, Integer> skipped,
      Map<String, Integer> quirks) {
    NoteAudioCheck check =
        new NoteAudioCheck(StftConfig.DEFAULT.sampleRate(), StftConfig.DEFAULT.noteSamples());
    ExecutorService pool = Executors.newFixedThreadPool(threads, DaemonThreads.named("read"));
    AtomicLong done = new AtomicLong();
    try {
      List<Future<NoteAudioCheck.Outcome>> outcomes = new ArrayList<>();
      for (NoteExample n : notes) {
        Path wav = splitDir.resolve("audio").resolve(n.noteStr() + ".wav");
        outcomes.add(
            pool.submit(
                () -> {
                  NoteAudioCheck.Outcome o =
                      checkPitch ? check.checkWithPitch(wav, n.pitch()) : check.check(wav);
                  progress.progressed(done.incrementAndGet(), notes.size());
                  return o;
                }));
      }
      List<NoteExample> kept = new ArrayList<>();
      for (int i = 0; i < notes.size(); i++) {
        NoteAudioCheck.Outcome o = outcomes.get(i).get();
        if (o.usable()) {
          kept.add(notes.get(i));
          if (o.quirk() != null) {
            int count = quirks.merge(o.quirk(), 1, Integer::sum);
            if (count <= LOGGED_PER_REASON) {
              LOG.warn("quirk in {}: {}", notes.get(i).noteStr(), o.quirk());
            }
          }
        } else {
          skip(skipped, o.reason(), notes.get(i).noteStr(), o.detail());
        }
      }
      return kept;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainerException(Reason.INVALID_DATASET, "reading " + splitDir + " interrupted", e);
    } catch (ExecutionException e) {
      throw new TrainerException(
          Reason.INVALID_DATASET, "checking audio in " + splitDir + " failed: " + e.getCause(), e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void skip(
      Map<SkipReason, Integer> skipped, SkipReason reason, String key, String detail) {
    int count = skipped.merge(reason, 1, Integer::sum);
    if (count <= LOGGED_PER_REASON) {
      LOG.warn("skipping {}: {} ({})", key, reason.label(), detail);
    } else {
      LOG.debug("skipping {}: {} ({})", key, reason.label(), detail);
    }
  }

  /** Parses one entry of examples.json; throws {@link EntryException} with the reason. */
  static NoteExample parse(String key, JsonNode v) throws EntryException {
    if (!v.isObject()) {
      throw new EntryException(
          SkipReason.MALFORMED_ENTRY, "expected an object, found " + v.getNodeType());
    }
    String noteStr = v.hasNonNull("note_str") ? v.get("note_str").asText() : key;
    if (!noteStr.equals(key) || !SAFE_NAME.matcher(noteStr).matches()) {
      throw new EntryException(
          SkipReason.MALFORMED_ENTRY,
          "expected note_str equal to its key and made of [A-Za-z0-9_.-], found '" + noteStr + "'");
    }
    int pitch = integer(v, "pitch");
    int velocity = integer(v, "velocity");
    int sampleRate = integer(v, "sample_rate");
    String instrumentStr = text(v, "instrument_str");
    int instrument = v.has("instrument") ? integer(v, "instrument") : -1;
    int familyIndex = integer(v, "instrument_family");
    InstrumentFamily family =
        InstrumentFamily.ofIndex(familyIndex)
            .orElseThrow(
                () ->
                    new EntryException(
                        SkipReason.UNKNOWN_FAMILY,
                        "expected instrument_family 0-10, found " + familyIndex));
    if (v.hasNonNull("instrument_family_str")
        && !family.label().equals(v.get("instrument_family_str").asText())) {
      throw new EntryException(
          SkipReason.UNKNOWN_FAMILY,
          "instrument_family "
              + familyIndex
              + " is "
              + family.label()
              + ", found instrument_family_str '"
              + v.get("instrument_family_str").asText()
              + "'");
    }
    int sourceIndex = integer(v, "instrument_source");
    InstrumentSource source =
        InstrumentSource.ofIndex(sourceIndex)
            .orElseThrow(
                () ->
                    new EntryException(
                        SkipReason.UNKNOWN_SOURCE,
                        "expected instrument_source 0-2, found " + sourceIndex));
    if (pitch < 0 || pitch > 127) {
      throw new EntryException(SkipReason.PITCH_OUT_OF_RANGE, "found pitch " + pitch);
    }
    if (velocity < 0 || velocity > 127) {
      throw new EntryException(SkipReason.VELOCITY_OUT_OF_RANGE, "found velocity " + velocity);
    }
    if (sampleRate != StftConfig.DEFAULT.sampleRate()) {
      throw new EntryException(
          SkipReason.WRONG_SAMPLE_RATE,
          "expected sample_rate " + StftConfig.DEFAULT.sampleRate() + ", found " + sampleRate);
    }
    List<Integer> qualities = new ArrayList<>();
    for (JsonNode q : v.path("qualities")) {
      qualities.add(q.asInt());
    }
    List<String> qualitiesStr = new ArrayList<>();
    for (JsonNode q : v.path("qualities_str")) {
      qualitiesStr.add(q.asText());
    }
    return new NoteExample(
        noteStr,
        pitch,
        velocity,
        sampleRate,
        instrument,
        instrumentStr,
        family,
        source,
        qualities,
        qualitiesStr);
  }

  private static int integer(JsonNode v, String field) throws EntryException {
    JsonNode n = v.get(field);
    if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
      throw new EntryException(
          SkipReason.MALFORMED_ENTRY,
          "expected an integer " + field + ", found " + (n == null ? "none" : n.toString()));
    }
    return n.intValue();
  }

  private static String text(JsonNode v, String field) throws EntryException {
    JsonNode n = v.get(field);
    if (n == null || !n.isTextual()) {
      throw new EntryException(
          SkipReason.MALFORMED_ENTRY,
          "expected a string " + field + ", found " + (n == null ? "none" : n.toString()));
    }
    return n.asText();
  }

  /** A bad entry with the reason it is skipped. */
  static final class EntryException extends Exception {
    final transient SkipReason reason;

    EntryException(SkipReason reason, String message) {
      super(message);
      this.reason = reason;
    }
  }
}
