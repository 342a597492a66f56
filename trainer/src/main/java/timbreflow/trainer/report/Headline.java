package timbreflow.trainer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures a reader needs first, with issue 14's targets: the strict pitch judge on samples and
 * on real notes, family identity, sustain; and the sentence that says which targets are missed.
 *
 * @param temperature the samples' temperature
 * @param strictPitch samples the strict judge finds at the requested pitch, MIDI 24–84
 * @param strictPitchBelow48 the same below MIDI 48
 * @param strictPitchFrom48 the same from MIDI 48 up
 * @param realStrictPitch the strict judge on real test notes of the same range
 * @param pitchRatio {@code strictPitch} over {@code realStrictPitch}
 * @param pitchTargetMet whether {@code strictPitch} reaches 80 %
 * @param lowPitchTargetMet whether {@code strictPitchBelow48} reaches 60 %
 * @param familySamples the family classifier's accuracy on samples
 * @param familyReal its accuracy on real notes of unheard instruments
 * @param familyRatio {@code familySamples} over {@code familyReal}
 * @param familyTargetMet whether the ratio reaches 0.7
 * @param sustainedFamilies families whose real notes hold at 2 s
 * @param sustainedWithin those whose samples hold within 6 dB of them
 * @param lenientPitch YIN as published on the same samples: a diagnostic, not a pitch measure
 * @param summary the first sentence of the report: every target missed, or that all are met
 */
public record Headline(
    double temperature,
    Accuracy strictPitch,
    Accuracy strictPitchBelow48,
    Accuracy strictPitchFrom48,
    Accuracy realStrictPitch,
    double pitchRatio,
    boolean pitchTargetMet,
    boolean lowPitchTargetMet,
    double familySamples,
    double familyReal,
    double familyRatio,
    boolean familyTargetMet,
    int sustainedFamilies,
    int sustainedWithin,
    double lenientPitch,
    String summary) {

  /** The headline of a sampling section. */
  static Headline of(SamplingResult s) {
    StrictPitchResult pitch = s.strictPitch();
    StrictPitchResult.Temperature main = pitch.headline();
    FamilyIdentityResult family = s.familyIdentity();
    SustainResult sustain = s.sustain();
    return new Headline(
        pitch.headlineTemperature(),
        main.all(),
        main.below48(),
        main.from48(),
        pitch.real().all(),
        main.ratioToReal(),
        pitch.target().allMet(),
        pitch.target().below48Met(),
        family.samples().accuracy(),
        family.judge().accuracy(),
        family.ratio(),
        family.met(),
        sustain.sustainedFamilies(),
        sustain.sustainedWithin(),
        lenient(s.lenientPitch(), pitch.headlineTemperature()),
        summary(pitch, family, sustain));
  }

  /** YIN as published at {@code temperature}; NaN when that temperature was not sampled. */
  private static double lenient(LenientPitchResult lenient, double temperature) {
    return lenient.temperatures().stream()
        .filter(t -> t.temperature() == temperature)
        .findFirst()
        .map(t -> t.asPublished().accuracy())
        .orElse(Double.NaN);
  }

  /** The report's first sentence: each missed target with its figure, or that all are met. */
  private static String summary(
      StrictPitchResult pitch, FamilyIdentityResult family, SustainResult sustain) {
    StrictPitchResult.Temperature main = pitch.headline();
    List<String> missed = new ArrayList<>();
    String t = String.format(Locale.ROOT, "%.1f", pitch.headlineTemperature());
    if (!pitch.target().allMet()) {
      missed.add(
          String.format(
              Locale.ROOT,
              "strict pitch at T = %s is %s (target %s)",
              t,
              ReportMarkdown.pct(main.all().accuracy()),
              ReportMarkdown.pct(StrictPitchResult.TARGET)));
    }
    if (!pitch.target().below48Met()) {
      missed.add(
          String.format(
              Locale.ROOT,
              "below MIDI 48 it is %s (target %s)",
              ReportMarkdown.pct(main.below48().accuracy()),
              ReportMarkdown.pct(StrictPitchResult.LOW_TARGET)));
    }
    if (!family.met()) {
      missed.add(
          String.format(
              Locale.ROOT,
              "family identity of samples is %.2f × real notes' (target %.1f)",
              family.ratio(),
              FamilyIdentityResult.TARGET_RATIO));
    }
    if (sustain.sustainedWithin() < sustain.sustainedFamilies()) {
      missed.add(
          String.format(
              Locale.ROOT,
              "%d of %d sustained families hold within %s dB of real notes at 2 s",
              sustain.sustainedWithin(),
              sustain.sustainedFamilies(),
              ReportMarkdown.num(SustainResult.TOLERANCE_DB)));
    }
    return missed.isEmpty()
        ? "Every target of issue 14 is met by the strict judges."
        : "Targets missed: " + String.join("; ", missed) + ".";
  }
}
