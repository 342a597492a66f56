/**
 * Training data: NSynth's jsonwav release read as published ({@link
 * timbreflow.trainer.data.NsynthReader}), NSynth-format datasets rendered from SoundFont sample
 * libraries with the JDK's Gervill synthesizer ({@link timbreflow.trainer.data.DatasetRenderer},
 * General MIDI programs mapped to NSynth families by {@link
 * timbreflow.trainer.data.GeneralMidiFamilies}), and the DJL dataset over either that serves cached
 * log-magnitude features ({@link timbreflow.trainer.data.NoteDataset}, {@link
 * timbreflow.trainer.data.FeatureCache}).
 */
package timbreflow.trainer.data;
