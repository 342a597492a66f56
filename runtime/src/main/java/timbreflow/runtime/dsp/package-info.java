/**
 * Spectral analysis and synthesis shared by training and serving: the centered STFT and its inverse
 * ({@link timbreflow.runtime.dsp.Stft}), the NSynth-baseline log-magnitude features ({@link
 * timbreflow.runtime.dsp.LogMagnitude}) and phase reconstruction from a magnitude ({@link
 * timbreflow.runtime.dsp.GriffinLim}), and the constant-Q transform behind rainbowgrams ({@link
 * timbreflow.runtime.dsp.ConstantQ}). All spectrograms are laid out {@code [bins][frames]}
 * row-major, one item of the model's {@code [B, 513, T]} tensors; conventions follow librosa &ge;
 * 0.10 ({@code center=True, pad_mode='constant'}, periodic Hann).
 */
package timbreflow.runtime.dsp;
