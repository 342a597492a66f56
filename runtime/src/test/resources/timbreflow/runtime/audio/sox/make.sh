#!/bin/sh
# Regenerates the sox-made WAVs that SoxFilesTest reads (sox 14.4). Each is a conversion of
# base.wav, a 20 ms 16-bit mono 16 kHz tone, so every file must decode to (nearly) base.wav.
set -eu
cd "$(dirname "$0")"
sox -n -b 16 -c 1 -r 16000 base.wav synth 0.02 sine 440 vol 0.5
sox base.wav -b 24 -c 2 s24-stereo-extensible.wav
sox base.wav -b 32 -c 1 s32.wav
sox base.wav -b 16 -c 6 s16-6ch-extensible.wav
sox base.wav -e floating-point -b 32 f32-fact.wav
sox base.wav -e floating-point -b 64 -c 2 f64-stereo.wav
sox base.wav -b 8 u8.wav
# synthesised straight into a pipe, so sox cannot seek back and writes 0x7FFFF000 as the data size
# (its own dither run, so it may differ from base.wav by a least significant bit)
sox -n -b 16 -c 1 -r 16000 -t wav - synth 0.02 sine 440 vol 0.5 | cat > s16-piped.wav
