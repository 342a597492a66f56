package timbreflow.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import timbreflow.runtime.audio.WavEncoding;
import timbreflow.runtime.audio.WavWriter;
import timbreflow.runtime.audio.Waveform;

/** Builds small NSynth-format splits of sine notes, with deliberately broken entries. */
final class NsynthFixture {

  private final Path split;
  private final Map<String, Object> entries = new LinkedHashMap<>();

  NsynthFixture(Path split) throws IOException {
    this.split = split;
    Files.createDirectories(split.resolve("audio"));
  }

  /** A good note: a decaying sine at the pitch's frequency, 16 kHz, 4 s. */
  NsynthFixture note(String instrumentStr, int family, int source, int pitch, int velocity) {
    String key = NoteExample.noteStr(instrumentStr, pitch, velocity);
    entries.put(key, entry(key, instrumentStr, family, source, pitch, velocity, 16000));
    wav(key, sine(pitch, 64_000, 16_000, velocity / 127.0));
    return this;
  }

  /** An entry as is (any JSON value), with an optional WAV. */
  NsynthFixture raw(String key, Object entry, float[] samples, int rate) {
    entries.put(key, entry);
    if (samples != null) {
      WavWriter.write(
          new Waveform(samples, rate),
          split.resolve("audio").resolve(key + ".wav"),
          WavEncoding.PCM_16);
    }
    return this;
  }

  static Map<String, Object> entry(
      String key, String instrumentStr, int family, int source, int pitch, int velocity, int rate) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("note_str", key);
    e.put("pitch", pitch);
    e.put("velocity", velocity);
    e.put("sample_rate", rate);
    e.put("instrument", Math.abs(instrumentStr.hashCode() % 1000));
    e.put("instrument_str", instrumentStr);
    e.put("instrument_family", family);
    e.put(
        "instrument_family_str",
        InstrumentFamily.ofIndex(family).map(InstrumentFamily::label).orElse("unknown"));
    e.put("instrument_source", source);
    e.put(
        "instrument_source_str",
        InstrumentSource.ofIndex(source).map(InstrumentSource::label).orElse("unknown"));
    e.put("qualities", List.of(0, 1, 0, 0, 0, 0, 0, 0, 0, 0));
    e.put("qualities_str", List.of("dark"));
    return e;
  }

  void wav(String key, float[] samples) {
    WavWriter.write(
        new Waveform(samples, 16_000),
        split.resolve("audio").resolve(key + ".wav"),
        WavEncoding.PCM_16);
  }

  static float[] sine(int pitch, int samples, int rate, double amplitude) {
    double hz = 440 * Math.pow(2, (pitch - 69) / 12.0);
    float[] x = new float[samples];
    for (int i = 0; i < samples; i++) {
      x[i] =
          (float)
              (amplitude * Math.exp(-i / (double) rate) * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return x;
  }

  Path write() throws IOException {
    Files.write(split.resolve("examples.json"), ExamplesJson.MAPPER.writeValueAsBytes(entries));
    return split;
  }
}
