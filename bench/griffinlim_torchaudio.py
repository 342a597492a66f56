#!/usr/bin/python3
"""torchaudio's GriffinLim on a 16-bit 16 kHz WAV: the baseline of bench/griffinlim.sh.

Same magnitude as the Java side (torch.stft, n_fft 1024, hop 256, periodic Hann, center=True,
pad_mode='constant'), torchaudio.transforms.GriffinLim(n_fft=1024, hop_length=256, power=1,
n_iter, momentum, length, rand_init=True) with torch.manual_seed(seed) before every run and
torch.set_num_threads(1). Spectral convergence of the result is computed exactly as the Java side
does: 20 log10(||S - |STFT(y)|||_F / ||S||_F) with the constant-padded STFT.

Seed policy: both sides start from a seeded random phase, but not the same numbers and not the same
distribution: torchaudio draws torch.rand(complex) (real and imaginary parts uniform in [0, 1), so
phases in the first quadrant with random magnitudes); Java draws phases uniform on the circle
(librosa's init='random'). torchaudio 0.13's GriffinLim also pads its internal STFT with
pad_mode='reflect'; the target magnitude here uses 'constant' as DESIGN.md does.

Because of that padding mismatch torchaudio cannot get below about -30 dB on a clean note, so
--constant-pad-reference also runs torchaudio's loop verbatim with only pad_mode='constant' (and
its complex rand init): the like-for-like quality reference for the Java side.

Prints one line per run: NAME threads=1 seconds=... cpu_seconds=... sc_db=... iterations=...
"""
import argparse
import time
import wave

import numpy as np
import torch
import torchaudio

N_FFT, HOP = 1024, 256


def read_pcm16(path):
    with wave.open(path, "rb") as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1 or w.getframerate() != 16000:
            raise SystemExit(f"{path}: expected 16-bit mono 16 kHz PCM")
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return torch.from_numpy(data.astype(np.float32) / 32768.0)


def magnitude(x, window):
    return torch.stft(x, N_FFT, HOP, window=window, center=True, pad_mode="constant",
                      return_complex=True).abs()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("note")
    parser.add_argument("--iterations", type=int, default=1000)
    parser.add_argument("--momentum", type=float, default=0.99)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--constant-pad-reference", action="store_true",
                        help="also run torchaudio's loop with pad_mode='constant' (one run)")
    args = parser.parse_args()

    torch.set_num_threads(1)
    x = read_pcm16(args.note)
    window = torch.hann_window(N_FFT)  # periodic by default
    target = magnitude(x, window)

    def run(iterations):
        gl = torchaudio.transforms.GriffinLim(n_fft=N_FFT, hop_length=HOP, power=1.0,
                                              n_iter=iterations, momentum=args.momentum,
                                              length=len(x), rand_init=True)
        torch.manual_seed(args.seed)
        wall, cpu = time.perf_counter(), time.process_time()
        with torch.inference_mode():
            y = gl(target)
        return y, time.perf_counter() - wall, time.process_time() - cpu

    if args.warmup > 0:
        run(args.warmup)
    best = None
    for _ in range(args.repeat):
        result = run(args.iterations)
        if best is None or result[1] < best[1]:
            best = result
    y, seconds, cpu_seconds = best
    rebuilt = magnitude(y, window)
    sc = 20 * np.log10(((target - rebuilt).norm() / target.norm()).item())
    print(f"torchaudio threads=1 seconds={seconds:.4f} cpu_seconds={cpu_seconds:.4f} "
          f"sc_db={sc:.3f} iterations={args.iterations}", flush=True)

    if args.constant_pad_reference:
        y, seconds, cpu_seconds = constant_pad_griffinlim(target, window, len(x), args)
        sc = 20 * np.log10(((target - magnitude(y, window)).norm() / target.norm()).item())
        print(f"torch-constant-pad threads=1 seconds={seconds:.4f} cpu_seconds={cpu_seconds:.4f} "
              f"sc_db={sc:.3f} iterations={args.iterations}", flush=True)


def constant_pad_griffinlim(target, window, length, args):
    """torchaudio.functional.griffinlim (0.13) verbatim, except pad_mode='constant'."""
    beta = args.momentum / (1 + args.momentum)
    torch.manual_seed(args.seed)
    wall, cpu = time.perf_counter(), time.process_time()
    with torch.inference_mode():
        angles = torch.rand(target.size(), dtype=torch.complex64)
        tprev = torch.tensor(0.0)
        for _ in range(args.iterations):
            inverse = torch.istft(target * angles, N_FFT, HOP, window=window, length=length)
            rebuilt = torch.stft(inverse, N_FFT, HOP, window=window, center=True,
                                 pad_mode="constant", return_complex=True)
            angles = rebuilt
            if beta:
                angles = angles - tprev.mul_(beta)
            angles = angles.div(angles.abs().add(1e-16))
            tprev = rebuilt
        y = torch.istft(target * angles, N_FFT, HOP, window=window, length=length)
    return y, time.perf_counter() - wall, time.process_time() - cpu


if __name__ == "__main__":
    main()
