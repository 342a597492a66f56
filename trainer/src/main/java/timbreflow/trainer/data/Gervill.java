package timbreflow.trainer.data;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import javax.sound.midi.Instrument;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Synthesizer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import timbreflow.trainer.TrainerException;
import timbreflow.trainer.TrainerException.Reason;

/**
 * Reflective access to the JDK's software synthesizer (Gervill) in the non-exported package {@code
 * java.desktop/com.sun.media.sound}.
 *
 * <p>Why reflection rather than a compile-time {@code --add-exports}: javac rejects {@code
 * --add-exports} together with {@code --release}, and the two internal types used here ({@code
 * AudioSynthesizer.openStream} for offline rendering, {@code ModelInstrument.getPerformers} for key
 * ranges) are too few to justify a module-specific compiler setup. At run time the package must
 * still be exported: the shaded jar's manifest carries {@code Add-Exports:
 * java.desktop/com.sun.media.sound}; elsewhere pass {@code --add-exports
 * java.desktop/com.sun.media.sound=ALL-UNNAMED}.
 */
final class Gervill {

  private static final String PACKAGE = "com.sun.media.sound";

  private Gervill() {}

  /** A new, closed Gervill synthesizer that can render offline. */
  static Synthesizer newSynthesizer() {
    try {
      Synthesizer synth = MidiSystem.getSynthesizer();
      if (!audioSynthesizer().isInstance(synth)) {
        throw new TrainerException(
            Reason.RENDER_FAILED,
            "expected the JDK's Gervill software synthesizer, found " + synth.getClass().getName());
      }
      return synth;
    } catch (MidiUnavailableException e) {
      throw new TrainerException(
          Reason.RENDER_FAILED, "no MIDI synthesizer available: " + e.getMessage(), e);
    }
  }

  /** Opens {@code synth} for offline rendering: its output is pulled from the returned stream. */
  static AudioInputStream openStream(
      Synthesizer synth, AudioFormat format, Map<String, Object> properties) {
    Method open = method(audioSynthesizer(), "openStream", AudioFormat.class, Map.class);
    return (AudioInputStream) invoke(open, synth, format, properties);
  }

  /**
   * The keys an instrument has samples for, as {@code [lowest, highest]}, from the union of its
   * regions' key ranges; {@code [0, 127]} when the instrument does not expose regions.
   */
  static int[] keyRange(Instrument instrument) {
    Class<?> modelInstrument = type("ModelInstrument");
    if (!modelInstrument.isInstance(instrument)) {
      return new int[] {0, 127};
    }
    Object[] performers = (Object[]) invoke(method(modelInstrument, "getPerformers"), instrument);
    if (performers.length == 0) {
      return new int[] {0, 127};
    }
    Class<?> performer = type("ModelPerformer");
    Method from = method(performer, "getKeyFrom");
    Method to = method(performer, "getKeyTo");
    int low = 127;
    int high = 0;
    for (Object p : performers) {
      low = Math.min(low, Math.max(0, (Integer) invoke(from, p)));
      high = Math.max(high, Math.min(127, (Integer) invoke(to, p)));
    }
    return low <= high ? new int[] {low, high} : new int[] {0, 127};
  }

  private static Class<?> audioSynthesizer() {
    return type("AudioSynthesizer");
  }

  private static Class<?> type(String simpleName) {
    try {
      return Class.forName(PACKAGE + "." + simpleName);
    } catch (ClassNotFoundException e) {
      throw new TrainerException(
          Reason.RENDER_FAILED,
          "expected the JDK's Gervill synthesizer class "
              + PACKAGE
              + "."
              + simpleName
              + ", not found",
          e);
    }
  }

  private static Method method(Class<?> owner, String name, Class<?>... parameters) {
    try {
      return owner.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      throw new TrainerException(
          Reason.RENDER_FAILED, "Gervill has no " + owner.getSimpleName() + "." + name, e);
    }
  }

  private static Object invoke(Method method, Object target, Object... args) {
    try {
      return method.invoke(target, args);
    } catch (IllegalAccessException e) {
      throw new TrainerException(
          Reason.RENDER_FAILED,
          "expected java.desktop/"
              + PACKAGE
              + " to be exported to this code (run the shaded jar, or pass --add-exports"
              + " java.desktop/"
              + PACKAGE
              + "=ALL-UNNAMED), found it closed",
          e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new TrainerException(
          Reason.RENDER_FAILED, "Gervill " + method.getName() + " failed: " + cause, cause);
    }
  }
}
