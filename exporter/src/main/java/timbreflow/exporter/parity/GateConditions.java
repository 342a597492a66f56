package timbreflow.exporter.parity;

import java.util.List;
import timbreflow.runtime.onnx.GraphConditions;

/**
 * The conditions the parity gate runs a batch of notes under: the notes' own labels, and for a
 * conditional flow also a continuous condition between labels, which only the interpolating half of
 * the graphs' embeddings sees.
 *
 * <p>The continuous condition of a note with pitch p and family f is pitch {@code p + }{@value
 * #PITCH_STEP} ({@code p − }{@value #PITCH_STEP} at the top of the range) and weights {@value
 * #OWN_WEIGHT} on f and {@value #NEXT_WEIGHT} on family {@code (f + 1) mod F}: between two pitch
 * rows and between two family rows, both off-centre, so that swapping either pair of weights in a
 * graph would show.
 */
final class GateConditions {

  /** How far the continuous pitch lies from the note's. */
  static final float PITCH_STEP = 0.25f;

  /** The note's own family's share of the continuous condition. */
  static final float OWN_WEIGHT = 0.3f;

  /** The next family's share of the continuous condition. */
  static final float NEXT_WEIGHT = 0.7f;

  private GateConditions() {}

  /**
   * Each note's pitch {@code [B]} and one-hot family weights {@code [B, F]}, from the int64 labels
   * the graphs take.
   */
  static GraphConditions labels(List<ParityNote> notes, int families) {
    long[] pitch = new long[notes.size()];
    long[] family = new long[notes.size()];
    for (int i = 0; i < pitch.length; i++) {
      pitch[i] = notes.get(i).pitch();
      family[i] = notes.get(i).family();
    }
    return GraphConditions.ofLabels(pitch, family, families);
  }

  /**
   * Each note's continuous neighbour condition (see the class comment): pitch {@code [B]}, family
   * weights {@code [B, F]}.
   *
   * @param pitchMax the largest pitch the bundle accepts
   */
  static GraphConditions between(List<ParityNote> notes, int families, int pitchMax) {
    float[] pitch = new float[notes.size()];
    float[] weights = new float[notes.size() * families];
    for (int i = 0; i < pitch.length; i++) {
      ParityNote n = notes.get(i);
      pitch[i] =
          n.pitch() + PITCH_STEP <= pitchMax ? n.pitch() + PITCH_STEP : n.pitch() - PITCH_STEP;
      int own = n.family();
      if (families == 1) {
        weights[i] = 1f;
      } else {
        weights[i * families + own] = OWN_WEIGHT;
        weights[i * families + (own + 1) % families] = NEXT_WEIGHT;
      }
    }
    return new GraphConditions(pitch, weights, families);
  }
}
