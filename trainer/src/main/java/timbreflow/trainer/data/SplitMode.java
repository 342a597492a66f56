package timbreflow.trainer.data;

/** How a rendered dataset is divided into train, valid and test. */
public enum SplitMode {
  /**
   * As NSynth: valid and test hold instruments never seen in train (per family, a fraction of its
   * instruments; valid and test share those instruments and divide their notes).
   */
  INSTRUMENTS,
  /** Every instrument in every split; valid and test hold unseen (pitch, velocity) notes. */
  NOTES
}
