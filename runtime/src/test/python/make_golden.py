#!/usr/bin/python3
"""Writes stft_golden.json: reference STFT, features and ISTFT values for StftGoldenTest.

An independent numpy implementation of librosa >= 0.10's conventions (center=True,
pad_mode='constant', periodic Hann, istft with window-sum-square normalisation) and of the
NSynth-baseline log-magnitude features. Needs numpy only. Run from the repository root:

    /usr/bin/python3 runtime/src/test/python/make_golden.py
"""
import json
import os

import numpy as np

SR, N_FFT, HOP, N = 16000, 1024, 256, 5000
FRAMES = [0, 1, 7, 19]
BINS = list(range(0, N_FFT // 2, 16)) + [N_FFT // 2]
SAMPLES = [0, 1, 100, 511, 512, 2500, 4095, 4990, 4999]


def signal():
    # float64 formula, rounded to float32 once, exactly as the Java test builds it
    t = np.arange(N, dtype=np.float64) / SR
    x = 0.5 * np.sin(2 * np.pi * 440.0 * t) * np.exp(-3.0 * t)
    x += 0.3 * np.sin(2 * np.pi * (200.0 * t + 1500.0 * t * t))
    return x.astype(np.float32)


def hann_periodic(n):
    return 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)


def stft(x):
    w = hann_periodic(N_FFT)
    p = np.pad(x.astype(np.float64), N_FFT // 2, mode="constant")
    frames = 1 + (len(p) - N_FFT) // HOP
    cols = [np.fft.rfft(p[t * HOP:t * HOP + N_FFT] * w) for t in range(frames)]
    return np.stack(cols, axis=1)  # [bins][frames]


def istft(spec, length):
    w = hann_periodic(N_FFT)
    frames = spec.shape[1]
    total = N_FFT + HOP * (frames - 1)
    y = np.zeros(total)
    wss = np.zeros(total)
    for t in range(frames):
        y[t * HOP:t * HOP + N_FFT] += np.fft.irfft(spec[:, t], N_FFT) * w
        wss[t * HOP:t * HOP + N_FFT] += w * w
    nz = wss > np.finfo(np.float32).tiny
    y[nz] /= wss[nz]
    y = y[N_FFT // 2:]
    out = np.zeros(length)
    out[:min(length, len(y))] = y[:length]
    return out


def features(mag):
    power = np.maximum(mag ** 2, 1e-13)
    ref = max(power.max(), 1e-13)
    db = np.maximum(10 * np.log10(power) - 10 * np.log10(ref), -120.0)
    return db / 120 + 1, ref


def main():
    x = signal()
    spec = stft(x)
    mag = np.abs(spec)
    feats, ref = features(mag)
    k = np.arange(spec.shape[0])[:, None]
    t = np.arange(spec.shape[1])[None, :]
    # a deterministic phase twist, so the inverse is not just the original signal back
    twisted = spec * np.exp(1j * 0.01 * k * (t + 1))
    y = istft(twisted, N)
    pick = np.ix_(BINS, FRAMES)
    out = {
        "generator": "runtime/src/test/python/make_golden.py (numpy " + np.__version__ + ")",
        "signal": "x[n] = 0.5 sin(2pi 440 t) exp(-3t) + 0.3 sin(2pi (200 t + 1500 t^2)), t = n/16000",
        "sampleRate": SR, "nFft": N_FFT, "hop": HOP, "length": N,
        "shape": list(spec.shape),
        "frames": FRAMES, "bins": BINS,
        "real": np.round(spec.real[pick], 7).tolist(),
        "imag": np.round(spec.imag[pick], 7).tolist(),
        "magnitude": np.round(mag[pick], 7).tolist(),
        "features": np.round(feats[pick], 8).tolist(),
        "reference": float(ref),
        "twist": "X[k,t] * exp(i 0.01 k (t + 1))",
        "samples": SAMPLES,
        "inverse": np.round(y[SAMPLES], 9).tolist(),
    }
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "resources", "timbreflow", "runtime", "dsp", "stft_golden.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()
