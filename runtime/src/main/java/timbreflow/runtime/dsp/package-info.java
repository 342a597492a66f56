/**
 * Spectral analysis shared by training and serving: the centered STFT and its inverse ({@link
 * timbreflow.runtime.dsp.Stft}), the NSynth-baseline log-magnitude features ({@link
 * timbreflow.runtime.dsp.LogMagnitude}), YIN pitch estimation ({@link
 * timbreflow.runtime.dsp.PitchEstimator}) and the constant-Q transform behind rainbowgrams ({@link
 * timbreflow.runtime.dsp.ConstantQ}). All spectrograms are laid out {@code [bins][frames]}
 * row-major, one item of the model's {@code [B, 513, T]} tensors; conventions follow librosa &ge;
 * 0.10 ({@code center=True, pad_mode='constant'}, periodic Hann). Turning a magnitude back into a
 * signal lives in {@link timbreflow.runtime.phase}.
 */
package timbreflow.runtime.dsp;
