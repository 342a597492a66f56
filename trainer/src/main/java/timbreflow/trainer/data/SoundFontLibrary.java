package timbreflow.trainer.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sound.midi.Instrument;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Soundbank;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * A SoundFont (SF2) sample library loaded once and shared read-only by all render threads.
 *
 * <p>Only bank 0 (the General MIDI melodic presets) is used: each of its programs is one
 * instrument. Sample data is loaded lazily by the synthesizer; {@link #loadLock()} serialises that
 * so threads never read half-loaded sample buffers.
 */
public final class SoundFontLibrary {

  private final Path file;
  private final String sha256;
  private final Soundbank soundbank;
  private final Map<Integer, SoundFontPreset> presets;

  private SoundFontLibrary(
      Path file, String sha256, Soundbank soundbank, Map<Integer, SoundFontPreset> presets) {
    this.file = file;
    this.sha256 = sha256;
    this.soundbank = soundbank;
    this.presets = presets;
  }

  /** Loads an SF2 file (or any soundbank format the JDK reads). */
  public static SoundFontLibrary load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new TrainerException(
          Reason.INVALID_CONFIG, "expected a SoundFont file, found nothing at " + file);
    }
    Soundbank soundbank;
    try {
      soundbank = MidiSystem.getSoundbank(file.toFile());
    } catch (InvalidMidiDataException | IOException e) {
      throw new TrainerException(
          Reason.RENDER_FAILED, "expected a readable SF2 soundbank at " + file + ": " + e, e);
    }
    Map<Integer, SoundFontPreset> presets = new TreeMap<>();
    for (Instrument instrument : soundbank.getInstruments()) {
      var patch = instrument.getPatch();
      if (patch.getBank() != 0 || presets.containsKey(patch.getProgram())) {
        continue;
      }
      int[] keys = Gervill.keyRange(instrument);
      presets.put(
          patch.getProgram(),
          new SoundFontPreset(
              patch.getProgram(), instrument.getName().trim(), keys[0], keys[1], instrument));
    }
    return new SoundFontLibrary(file, sha256(file), soundbank, Map.copyOf(presets));
  }

  /** The file this library was read from. */
  public Path file() {
    return file;
  }

  /** Hex SHA-256 of the file's bytes. */
  public String sha256() {
    return sha256;
  }

  /** The bank-0 preset for a program, if the library has one. */
  public Optional<SoundFontPreset> preset(int program) {
    return Optional.ofNullable(presets.get(program));
  }

  /** Lock to hold while a synthesizer loads this library's samples. */
  Object loadLock() {
    return soundbank;
  }

  private static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new TrainerException(Reason.IO, "could not read " + file + ": " + e, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
