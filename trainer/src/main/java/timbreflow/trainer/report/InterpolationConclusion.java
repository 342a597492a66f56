package timbreflow.trainer.report;

import java.util.List;
import java.util.Locale;

/** Reads the interpolation distances in plain language; every claim follows from the numbers. */
final class InterpolationConclusion {

  /** Median factor from which the midpoint counts as "roughly the linear mix". */
  static final double LINEAR = 2.0;

  /** Share of pairs that must be nearer the mix than either note for "roughly linear". */
  static final double MOST = 0.75;

  private InterpolationConclusion() {}

  /** The median of {@link InterpolationDistances#closerToMix()} over the pairs. */
  static double median(List<InterpolationPair> pairs) {
    double[] r = pairs.stream().mapToDouble(InterpolationPair::closerToMix).sorted().toArray();
    if (r.length == 0) {
      return Double.NaN;
    }
    return r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
  }

  /** Pairs whose midpoint is nearer the linear mix than either endpoint. */
  static int nearerMix(List<InterpolationPair> pairs) {
    return (int) pairs.stream().filter(p -> p.closerToMix() > 1).count();
  }

  /** One paragraph. */
  static String describe(List<InterpolationPair> pairs) {
    if (pairs.isEmpty()) {
      return "No pair of notes could be interpolated: the split has no two of the chosen"
          + " families at a shared pitch.";
    }
    double median = median(pairs);
    int nearer = nearerMix(pairs);
    String counts =
        String.format(
            Locale.ROOT,
            "in %d of %d pairs it is nearer the linear mix than either note",
            nearer,
            pairs.size());
    if (median >= LINEAR && nearer >= MOST * pairs.size()) {
      List<String> exceptions =
          pairs.stream()
              .filter(p -> p.closerToMix() <= 1)
              .map(p -> p.familyA() + " ↔ " + p.familyB() + " at MIDI " + p.pitch())
              .toList();
      return String.format(
          Locale.ROOT,
          "The decoded latent midpoint is, at the median, %.1f× closer to the linear mix"
              + " ½x_a + ½x_b than to either note (%s): the model has learned to roughly linearly"
              + " interpolate the log-magnitude spectra, as the seed found. Moving through its"
              + " latent space between two instruments cross-fades their spectrograms rather than"
              + " passing through other instruments.%s",
          median,
          counts,
          exceptions.isEmpty()
              ? ""
              : " The exception"
                  + (exceptions.size() == 1 ? " (" : "s (")
                  + String.join(", ", exceptions)
                  + (exceptions.size() == 1 ? ") lies" : ") lie")
                  + " nearer one of the notes than the mix.");
    }
    if (median > 1) {
      return String.format(
          Locale.ROOT,
          "The decoded latent midpoint is, at the median, %.1f× closer to the linear mix than to"
              + " the nearer note, but %s: it leans towards a cross-fade of the two spectrograms"
              + " with clear departures from it; the model does not simply interpolate the"
              + " log-magnitude spectra linearly.",
          median,
          counts);
    }
    return String.format(
        Locale.ROOT,
        "The decoded latent midpoint is, at the median, %.1f× as far from the linear mix as from"
            + " the nearer note (%s): it is not a cross-fade of the two spectrograms; unlike the"
            + " seed's model, this one does not linearly interpolate the log-magnitude spectra.",
        1 / median,
        counts);
  }
}
