/**
 * Audio in and out of the runtime: reading any PCM or IEEE-float RIFF/WAVE file into mono {@link
 * timbreflow.runtime.audio.Waveform}s ({@link timbreflow.runtime.audio.WavReader}), writing them
 * back atomically ({@link timbreflow.runtime.audio.WavWriter}), band-limited sample-rate conversion
 * to the model's 16 kHz ({@link timbreflow.runtime.audio.Resampler}) and clipping or padding to the
 * model's 4-second note ({@link timbreflow.runtime.audio.NoteLength}), whose rate and length a
 * {@link timbreflow.runtime.audio.NoteFormat} names (the STFT configuration is one, so nothing here
 * depends on {@code dsp}). The reader treats every file as hostile: lying headers produce a {@link
 * timbreflow.runtime.TimbreflowException} that says what was expected and what was found, never an
 * index or memory error.
 */
package timbreflow.runtime.audio;
