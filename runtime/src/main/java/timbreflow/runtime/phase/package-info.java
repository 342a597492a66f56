/**
 * Phase retrieval: a signal from a magnitude spectrogram alone, by fast Griffin-Lim ({@link
 * timbreflow.runtime.phase.GriffinLim}, configured by {@link
 * timbreflow.runtime.phase.GriffinLimConfig}). Input is a {@code [bins][frames]} {@link
 * timbreflow.runtime.dsp.Magnitude} under the STFT conventions of {@link timbreflow.runtime.dsp}
 * ({@code hop = nFft / 4}); output is the samples and their spectral convergence. The machinery
 * behind it is package-private: frames held as SIMD lanes of a real FFT ({@code LaneFft}), split
 * into lane groups across a shared pool of parked daemon threads ({@code WorkerThreads}) that meet
 * at one spinning-then-parking barrier per iteration ({@code SpinBarrier}); sums run in a fixed
 * order, so every thread count gives the same samples bit for bit.
 */
package timbreflow.runtime.phase;
