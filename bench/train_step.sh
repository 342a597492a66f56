#!/usr/bin/env bash
# One training step of the default flow (forward, bits/dim, backward, Adam) under DJL 0.36 /
# libtorch 2.7.1 and under Debian's PyTorch 1.13 eager, alternated in the same run.
#
# Usage: bench/train_step.sh [--threads N] [--rounds R] [--iters I] [--warmup W]
#                            [--batch B] [--frames T] [--steps K] [--hidden H] [--layers L]
# Prints each run's JSON line, then the best (minimum) per implementation and the DJL/PyTorch
# ratios of wall time and of the compute thread's CPU time. Keep runs short on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=2
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    *) args+=("$1" "$2"); shift 2 ;;
  esac
done

mvn -o -B -q -pl trainer -am compile
mvn -o -B -q -pl trainer dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
cp="trainer/target/classes:$(cat trainer/target/bench-classpath.txt)"

out=$(mktemp)
trap 'rm -f "$out"' EXIT
for ((r = 1; r <= rounds; r++)); do
  java -Dai.djl.offline=true -Dai.djl.pytorch.num_interop_threads=1 \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$cp" bench/TrainStep.java "${args[@]}" 2>/dev/null | tee -a "$out"
  /usr/bin/python3 bench/train_step.py "${args[@]}" | tee -a "$out"
done

/usr/bin/python3 - "$out" <<'PY'
import json, sys
runs = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
best = {}
for r in runs:
    kind = "djl" if r["impl"].startswith("djl") else "pytorch"
    b = best.setdefault(kind, dict(r))
    for k in ("step_ms", "step_cpu_ms", "forward_nograd_ms", "peak_rss_mb"):
        b[k] = min(b[k], r[k])
    b["crops_per_s"] = round(r["batch"] * 1e3 / b["step_ms"], 1)
d, p = best["djl"], best["pytorch"]
if d["params"] != p["params"]:
    sys.exit(f"the two models differ: DJL {d['params']} vs PyTorch {p['params']} parameters")
print()
print(f"{'':10}{'step ms':>9}{'cpu ms':>9}{'fwd ms':>9}{'crops/s':>9}{'peak MB':>9}  impl")
for name, b in (("DJL", d), ("PyTorch", p)):
    print(f"{name:10}{b['step_ms']:9.1f}{b['step_cpu_ms']:9.1f}{b['forward_nograd_ms']:9.1f}"
          f"{b['crops_per_s']:9.1f}{b['peak_rss_mb']:9.0f}  {b['impl']}")
print(f"DJL/PyTorch: step {d['step_ms'] / p['step_ms']:.2f}x wall, "
      f"{d['step_cpu_ms'] / p['step_cpu_ms']:.2f}x compute-thread CPU "
      f"(threads {d['threads']}, batch {d['batch']} x {d['frames']} frames, "
      f"{d['params']} parameters; best of {len(runs) // 2})")
PY
