package timbreflow.runtime.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import timbreflow.runtime.dsp.ConstantQ;
import timbreflow.runtime.dsp.ConstantQSpectrum;

/**
 * Draws a note as NSynth draws its rainbowgrams: the constant-Q magnitude as brightness and the
 * instantaneous frequency as hue.
 *
 * <p>Brightness is the log magnitude relative to the note's peak, clipped to the top {@value
 * #DYNAMIC_RANGE_DB} dB, so anything quieter is black. Hue is the {@link
 * ConstantQSpectrum#phaseDeviation() deviation} of each frame's phase advance from the bin's
 * expected advance, once around the colour circle over (−π, π]: red where a partial sits on the
 * bin's centre, yellow to green where it lies above, violet to blue where below. (NSynth's own
 * pictures colour the raw phase advance; relative to the bin it reads the same for noise and shows
 * steady partials in one colour at every pitch.) A harmonic note shows its partials as bright
 * horizontal lines; Griffin-Lim phases show as speckled colour.
 *
 * <p>Layout: time left to right at {@value #PIXELS_PER_CELL} pixels per frame, frequency bottom to
 * top at {@value #PIXELS_PER_CELL} pixels per bin (36 bins per octave from C1, {@link ConstantQ}'s
 * defaults), a frequency axis on the left labelled at every C, a time axis below in seconds, and
 * under it a key to the hue in Hz from the bin's centre (±{@code sampleRate / (2·hop)}, the range
 * an instantaneous frequency sampled every hop can tell apart).
 */
public final class Rainbowgram {

  /** Range of the brightness scale below the note's peak. */
  public static final double DYNAMIC_RANGE_DB = 80;

  static final int PIXELS_PER_CELL = 2;
  static final int LEFT = 92;
  static final int RIGHT = 26;
  static final int TOP = 10;
  static final int BOTTOM = 72;
  static final int KEY_WIDTH = 180;
  static final int KEY_HEIGHT = 8;

  private static final int MAX_CACHED_RATES = 4;

  /**
   * One transform per sample rate (a few rates at most): building the kernels costs more than
   * transforming a short note.
   */
  private static final Map<Integer, ConstantQ> TRANSFORMS = new ConcurrentHashMap<>();

  private static final Color BACKGROUND = Color.WHITE;

  private Rainbowgram() {}

  /**
   * Renders the rainbowgram of a mono note.
   *
   * @param samples the note, at least one sample
   * @param sampleRate Hz; must leave room for the lowest bin (C1) below Nyquist
   * @return an RGB image {@code LEFT + 2·frames + RIGHT} wide and {@code TOP + 2·bins + BOTTOM}
   *     high, with {@code frames = 1 + samples.length / 256}
   */
  public static BufferedImage render(float[] samples, int sampleRate) {
    ConstantQ cqt = TRANSFORMS.get(sampleRate);
    if (cqt == null) {
      cqt = new ConstantQ(sampleRate); // validates the rate before it is cached
      if (TRANSFORMS.size() < MAX_CACHED_RATES) {
        TRANSFORMS.putIfAbsent(sampleRate, cqt);
      }
    }
    return render(cqt.transform(samples));
  }

  /** Renders an already computed constant-Q spectrogram; see {@link #render(float[], int)}. */
  public static BufferedImage render(ConstantQSpectrum cqt) {
    int bins = cqt.bins();
    int frames = cqt.frames();
    int width = LEFT + PIXELS_PER_CELL * frames + RIGHT;
    int height = TOP + PIXELS_PER_CELL * bins + BOTTOM;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Drawing.canvas(image, BACKGROUND);
    try {
      paintCells(image, cqt);
      drawFrequencyAxis(g, cqt);
      drawTimeAxis(g, cqt);
      drawHueKey(g, cqt);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** PNG bytes of {@link #render(float[], int)}. */
  public static byte[] png(float[] samples, int sampleRate) {
    return SpectrogramImage.png(render(samples, sampleRate));
  }

  /**
   * Brightness in [0, 1] of each element: {@code 1 + dB / 80} with dB relative to the loudest
   * element, clipped at 0; all zero for silence.
   */
  static float[] brightness(ConstantQSpectrum cqt) {
    float[] magnitude = cqt.magnitude().values();
    double peak = 0;
    for (float m : magnitude) {
      peak = Math.max(peak, m);
    }
    float[] out = new float[magnitude.length];
    if (!(peak > 0)) {
      return out;
    }
    for (int i = 0; i < out.length; i++) {
      double db = 20 * Math.log10(Math.max(magnitude[i] / peak, 1e-12));
      out[i] = (float) Math.max(0, 1 + db / DYNAMIC_RANGE_DB);
    }
    return out;
  }

  /** Hue in [0, 1) for a phase deviation in radians: 0 (red) on the bin centre. */
  static float hue(float deviation) {
    double turns = deviation / (2 * Math.PI);
    return (float) (turns - Math.floor(turns));
  }

  private static void paintCells(BufferedImage image, ConstantQSpectrum cqt) {
    int bins = cqt.bins();
    int frames = cqt.frames();
    float[] bright = brightness(cqt);
    float[] deviation = cqt.phaseDeviation();
    int bottom = TOP + PIXELS_PER_CELL * bins;
    for (int k = 0; k < bins; k++) {
      int y0 = bottom - PIXELS_PER_CELL * (k + 1);
      for (int t = 0; t < frames; t++) {
        int i = k * frames + t;
        int rgb = Color.HSBtoRGB(hue(deviation[i]), 1f, bright[i]) & 0xffffff;
        int x0 = LEFT + PIXELS_PER_CELL * t;
        for (int dy = 0; dy < PIXELS_PER_CELL; dy++) {
          for (int dx = 0; dx < PIXELS_PER_CELL; dx++) {
            image.setRGB(x0 + dx, y0 + dy, rgb);
          }
        }
      }
    }
  }

  private static void drawFrequencyAxis(Graphics2D g, ConstantQSpectrum cqt) {
    double[] f = cqt.frequencies();
    int bins = cqt.bins();
    int bottom = TOP + PIXELS_PER_CELL * bins;
    double binsPerOctave = (bins - 1) / (Math.log(f[bins - 1] / f[0]) / Math.log(2));
    g.setColor(Drawing.INK);
    g.setStroke(new BasicStroke(1f));
    g.drawLine(LEFT - 1, TOP, LEFT - 1, bottom);
    g.setFont(Drawing.font(Font.PLAIN, 11));
    for (int octave = 0; octave <= 10; octave++) {
      double hz = ConstantQ.C1_HZ * Math.pow(2, octave);
      double bin = binsPerOctave * Math.log(hz / f[0]) / Math.log(2);
      if (bin < -0.5 || bin > bins - 0.5) {
        continue;
      }
      int y = (int) Math.round(bottom - PIXELS_PER_CELL * (bin + 0.5));
      g.drawLine(LEFT - 6, y, LEFT - 1, y);
      String label = String.format(Locale.ROOT, "C%d  %,d Hz", octave + 1, Math.round(hz));
      Drawing.rightAligned(g, label, LEFT - 9, y);
    }
  }

  private static void drawTimeAxis(Graphics2D g, ConstantQSpectrum cqt) {
    int frames = cqt.frames();
    int bottom = TOP + PIXELS_PER_CELL * cqt.bins();
    double secondsPerFrame = cqt.hop() / (double) cqt.sampleRate();
    double span = (frames - 1) * secondsPerFrame;
    double step = Axes.niceStep(span / 6);
    g.setColor(Drawing.INK);
    g.drawLine(LEFT, bottom, LEFT + PIXELS_PER_CELL * frames - 1, bottom);
    g.setFont(Drawing.font(Font.PLAIN, 11));
    for (int i = 0; i * step <= span + 1e-9; i++) {
      double seconds = i * step;
      int x = LEFT + (int) Math.round(PIXELS_PER_CELL * (seconds / secondsPerFrame + 0.5));
      g.drawLine(x, bottom, x, bottom + 5);
      Drawing.centred(g, Axes.format(seconds), x, bottom + 7);
    }
    Drawing.centred(g, "time (s)", LEFT + PIXELS_PER_CELL * frames / 2, bottom + 24);
  }

  /** A colour bar from −π to π of phase deviation, labelled in Hz from the bin's centre. */
  private static void drawHueKey(Graphics2D g, ConstantQSpectrum cqt) {
    int top = TOP + PIXELS_PER_CELL * cqt.bins() + 48;
    int right = LEFT + PIXELS_PER_CELL * cqt.frames();
    int width = Math.min(KEY_WIDTH, PIXELS_PER_CELL * cqt.frames());
    int left = right - width;
    for (int x = 0; x < width; x++) {
      double deviation = Math.PI * (2.0 * (x + 0.5) / width - 1);
      g.setColor(new Color(Color.HSBtoRGB(hue((float) deviation), 1f, 1f)));
      g.fillRect(left + x, top, 1, KEY_HEIGHT);
    }
    double maxHz = cqt.sampleRate() / (2.0 * cqt.hop());
    g.setColor(Drawing.INK);
    g.setFont(Drawing.font(Font.PLAIN, 11));
    String caption = "hue: instantaneous frequency − bin centre";
    if (Drawing.textWidth(g.getFont(), caption) <= left - 8) {
      Drawing.rightAligned(g, caption, left - 8, top + KEY_HEIGHT / 2);
    }
    String edge = String.format(Locale.ROOT, "%.0f Hz", maxHz);
    Drawing.centred(g, "−" + edge, left, top + KEY_HEIGHT + 1);
    Drawing.centred(g, "0", left + width / 2, top + KEY_HEIGHT + 1);
    Drawing.centred(g, "+" + edge, right, top + KEY_HEIGHT + 1);
  }
}
