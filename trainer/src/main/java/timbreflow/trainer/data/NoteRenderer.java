package timbreflow.trainer.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import javax.sound.midi.MidiChannel;
import javax.sound.midi.Synthesizer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * Renders single notes offline with Gervill, each from a freshly opened synthesizer.
 *
 * <p>A note is {@code heldSamples} of note-on followed by note-off and {@code releaseSamples} of
 * release, mono float at {@code sampleRate}. Reverb, chorus and automatic gain control are off and
 * every synthesizer property is set explicitly (so user preferences cannot change the output). Each
 * note opens a new stream and loads the instrument again: with one stream per instrument, even
 * after all-sound-off, reset-controllers and silence, some FluidR3 presets (Steel String Guitar,
 * Brightness) rendered different bytes for the same note depending on what was played before, so
 * Gervill keeps state between notes; a fresh synthesizer makes a note's bytes independent of order
 * and threads. That costs about 20 ms of CPU per note, most of it Gervill rebuilding the preset's
 * performers on load. Not thread-safe: use one renderer per thread.
 */
public final class NoteRenderer {

  /** Control rate in Hz: at 16 kHz a block of 160 samples divides the held and release times. */
  private static final float CONTROL_RATE = 100f;

  private final SoundFontLibrary library;
  private final int sampleRate;
  private final int heldSamples;
  private final int releaseSamples;
  private final Synthesizer synth = Gervill.newSynthesizer();
  private final AudioFormat format;

  /**
   * @param library the shared sample library
   * @param sampleRate output rate in Hz
   * @param heldSamples samples between note-on and note-off
   * @param releaseSamples samples after note-off
   */
  public NoteRenderer(
      SoundFontLibrary library, int sampleRate, int heldSamples, int releaseSamples) {
    this.library = library;
    this.sampleRate = sampleRate;
    this.heldSamples = heldSamples;
    this.releaseSamples = releaseSamples;
    this.format =
        new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, sampleRate, 32, 1, 4, sampleRate, false);
  }

  /**
   * Renders one note.
   *
   * @return {@code heldSamples + releaseSamples} samples, mono, nominally in [-1, 1]
   */
  public float[] render(SoundFontPreset preset, int pitch, int velocity) {
    float[] out = new float[heldSamples + releaseSamples];
    try (AudioInputStream stream = Gervill.openStream(synth, format, properties())) {
      synchronized (library.loadLock()) {
        if (!synth.loadInstrument(preset.instrument())) {
          throw new TrainerException(
              Reason.RENDER_FAILED,
              "could not load preset " + preset.program() + " (" + preset.name() + ")");
        }
      }
      MidiChannel channel = synth.getChannels()[0];
      channel.programChange(0, preset.program());
      channel.noteOn(pitch, velocity);
      read(stream, out, 0, heldSamples);
      channel.noteOff(pitch);
      read(stream, out, heldSamples, releaseSamples);
    } catch (IOException e) {
      throw new TrainerException(
          Reason.RENDER_FAILED,
          "rendering program " + preset.program() + " pitch " + pitch + " failed: " + e,
          e);
    } finally {
      synth.close();
    }
    return out;
  }

  private Map<String, Object> properties() {
    Map<String, Object> p = new HashMap<>();
    p.put("interpolation", "linear");
    p.put("control rate", CONTROL_RATE);
    p.put("format", format);
    p.put("latency", 120_000L);
    p.put("device id", 0);
    p.put("max polyphony", 64);
    p.put("reverb", false);
    p.put("chorus", false);
    p.put("auto gain control", false);
    p.put("large mode", false);
    p.put("midi channels", 16);
    p.put("jitter correction", false);
    p.put("light reverb", true);
    p.put("load default soundbank", false);
    return p;
  }

  private static void read(AudioInputStream stream, float[] out, int offset, int samples)
      throws IOException {
    byte[] bytes = new byte[samples * 4];
    int got = 0;
    while (got < bytes.length) {
      int n = stream.read(bytes, got, bytes.length - got);
      if (n < 0) {
        throw new EOFException("synthesizer stream ended after " + (got / 4) + " samples");
      }
      got += n;
    }
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out, offset, samples);
  }

  /** Output sample rate in Hz. */
  public int sampleRate() {
    return sampleRate;
  }
}
