#!/usr/bin/env bash
# ONNX Runtime (CPU) vs DJL (PyTorch) on the same flow, same process, same intra-op thread count:
# encode + decode of one 4-s note (batch 1) and of a batch of 8. Prints both medians and the ratio.
# Usage: bench/export_parity.sh [--threads N] [--checkpoint FILE] [--iterations N] [--warmup N]
# Without --checkpoint: the default-size flow (FlowConfig.defaults()) with seeded random weights.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=2
rest=()
while (($#)); do
  if [[ "$1" == "--threads" ]]; then threads="$2"; shift 2; else rest+=("$1"); shift; fi
done
mvn -o -B -q -pl exporter -am package -DskipTests
# PyTorch's OpenMP threads spin-wait by default, which starves everything on shared cores;
# ModelBundle turns ONNX Runtime spinning off by default (BundleOptions.spinning) for the same
# reason. Set OMP_WAIT_POLICY=ACTIVE to measure libtorch spinning.
OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}" java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" \
  -Dai.djl.pytorch.num_interop_threads=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$(ls exporter/target/timbreflow-exporter-*-cli.jar)" \
  timbreflow.exporter.bench.OrtVsDjlBenchmark --threads "$threads" "${rest[@]}"
