package timbreflow.trainer.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import timbreflow.runtime.audio.Waveform;

/** Renders all notes of one instrument on the calling thread and writes the audible ones. */
final class InstrumentRender {

  private final RenderedInstrument instrument;
  private final NoteRenderer renderer;
  private final SplitAssigner splits;
  private final RenderConfig config;
  private final Path work;
  private final Runnable tick;

  InstrumentRender(
      RenderedInstrument instrument,
      NoteRenderer renderer,
      SplitAssigner splits,
      RenderConfig config,
      Path work,
      Runnable tick) {
    this.instrument = instrument;
    this.renderer = renderer;
    this.splits = splits;
    this.config = config;
    this.work = work;
    this.tick = tick;
  }

  InstrumentResult run() {
    double silencePeak = Math.pow(10, config.silenceDbfs() / 20);
    Map<Split, List<NoteExample>> kept = new EnumMap<>(Split.class);
    int silent = 0;
    int offPitch = 0;
    int rendered = 0;
    int clipped = 0;
    for (int pitch = instrument.lowestPitch(); pitch <= instrument.highestPitch(); pitch++) {
      for (int velocity : config.velocities()) {
        Split split = splits.split(instrument, pitch, velocity);
        NoteExample note = ExamplesJson.rendered(instrument, pitch, velocity);
        Path wav = work.resolve(split.folder()).resolve("audio").resolve(note.noteStr() + ".wav");
        if (!Files.exists(wav)) {
          float[] samples = renderer.render(instrument.preset(), pitch, velocity);
          rendered++;
          double peak = peak(samples);
          if (peak < silencePeak) {
            silent++;
            tick.run();
            continue;
          }
          if (config.dropOffPitch()
              && NoteAudioCheck.pitchQuirk(new Waveform(samples, RenderConfig.SAMPLE_RATE), pitch)
                  != null) {
            offPitch++;
            tick.run();
            continue;
          }
          if (peak >= 1) {
            clipped++; // logged by the renderer; not in dataset.json, which must not depend on
            // resumes
          }
          DatasetRenderer.writeWav(samples, wav);
        }
        kept.computeIfAbsent(split, s -> new ArrayList<>()).add(note);
        tick.run();
      }
    }
    return new InstrumentResult(instrument, kept, silent, offPitch, rendered, clipped);
  }

  static double peak(float[] samples) {
    double peak = 0;
    for (float s : samples) {
      peak = Math.max(peak, Math.abs(s));
    }
    return peak;
  }
}
