#!/usr/bin/env bash
# Loopback load benchmark of the timbreflow server (bounded in count and time).
#
#   bench/server-bench.sh            # after: mvn -B -q -pl server -am package -DskipTests
#
# Measures, against a server it starts on a free loopback port:
#   1. /v1/reconstruct throughput and p50/p99 at 1, 2, 4, 16 concurrent clients, and the same
#      work in-process through runtime/ on WORKERS threads (the baseline for saturation);
#   2. GET /v1/model p99 while reconstructs saturate the workers (event loop never blocked);
#   3. overload at 4x capacity (workers + queue) for OVERLOAD_S: 503s fast, accepted all 200;
#   4. resident memory after warm-up vs after a SOAK_S soak.
# Knobs (environment): MODEL (models/default, else models/tiny), WORKERS (cores), ITERATIONS
# (1000, the API default), LEVEL_S (20 s per level), LEVELS ("1 2 4 16"), OVERLOAD_S (60),
# SOAK_S (600). Short development run: LEVEL_S=5 OVERLOAD_S=10 SOAK_S=20 ITERATIONS=100.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/server/target/timbreflow-server-0.1.0-SNAPSHOT.jar"
[ -f "$jar" ] || { echo "missing $jar: mvn -B -q -pl server -am package -DskipTests" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk not installed (apt-get install wrk)" >&2; exit 2; }

MODEL="${MODEL:-$root/models/default}"
[ -f "$MODEL/model.json" ] || MODEL="$root/models/tiny"
WORKERS="${WORKERS:-$(nproc)}"
ITERATIONS="${ITERATIONS:-1000}"
LEVEL_S="${LEVEL_S:-20}"
LEVELS="${LEVELS:-1 2 4 16}"
OVERLOAD_S="${OVERLOAD_S:-60}"
SOAK_S="${SOAK_S:-600}"
QUEUE="${QUEUE:-$(( 4 * WORKERS > 16 ? 4 * WORKERS : 16 ))}"  # room for the 16-client level

work="$(mktemp -d)"
wav="$(ls "$MODEL"/examples/*.wav 2>/dev/null | head -1 || true)"
if [ -z "$wav" ]; then
  wav="$work/note.wav"
  sox -n -r 16000 -b 16 -c 1 "$wav" synth 4 pluck 220 fade 0 4 1
fi
export BENCH_WAV="$wav"

log="$work/server.log"
# a fixed, pre-touched heap, so resident memory after warm-up vs after the soak shows native growth
java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -jar "$jar" --model "$MODEL" --port 0 --workers "$WORKERS" --queue "$QUEUE" \
  --iterations "$ITERATIONS" --deadline-s 600 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
url=""
for _ in $(seq 1 240); do
  url="$(grep -o 'http://[0-9.]*:[0-9]*/' "$log" | head -1 || true)"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.5
done
[ -n "$url" ] || { cat "$log" >&2; echo "server not ready" >&2; exit 1; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
metric() { curl -s "${url}metrics" | awk -v pat="$1" 'index($0, pat) == 1 {s += $NF} END {printf "%d\n", s}'; }

echo "# timbreflow server bench — $(date -u +%FT%TZ), $(nproc) cores, model $MODEL, workers $WORKERS, queue $QUEUE, iterations $ITERATIONS"
echo "# note $wav"

echo "## warm-up"
wrk -t 1 -c "$WORKERS" -d "$((LEVEL_S / 2 + 1))s" --timeout 600s -s "$root/bench/reconstruct.lua" "${url}v1/reconstruct" >/dev/null

echo "## 1. /v1/reconstruct by concurrency (server) and in-process baseline"
for c in $LEVELS; do
  t=$(( c < 4 ? c : 4 ))
  printf 'server c=%-3s ' "$c"
  wrk -t "$t" -c "$c" -d "${LEVEL_S}s" --timeout 600s -s "$root/bench/reconstruct.lua" "${url}v1/reconstruct" | grep '^{'
done
printf 'in-process threads=%s ' "$WORKERS"
java -Xms1g -Xmx1g -cp "$jar" timbreflow.server.bench.InProcessReconstruct "$MODEL" "$wav" "$WORKERS" "$LEVEL_S" "$ITERATIONS" 2>/dev/null | grep '^{'

rss_warm=$(rss)

echo "## 2. GET /v1/model while reconstructs saturate the workers"
wrk -t 2 -c "$((2 * WORKERS))" -d "${LEVEL_S}s" --timeout 600s -s "$root/bench/reconstruct.lua" "${url}v1/reconstruct" >/dev/null &
load=$!
sleep 2
printf 'model c=4 '
wrk -t 1 -c 4 -d "$((LEVEL_S > 4 ? LEVEL_S - 3 : 2))s" -s "$root/bench/get.lua" "${url}v1/model" | grep '^{'
wait "$load"

echo "## 3. overload: 4x capacity ($((4 * (WORKERS + QUEUE))) clients) for ${OVERLOAD_S}s"
ok0=$(metric 'vertx_http_server_requests_total{code="200",method="POST",route="/v1/reconstruct"')
shed0=$(metric 'vertx_http_server_requests_total{code="503",method="POST",route="/v1/reconstruct"')
t503_0=$(metric 'vertx_http_server_response_time_seconds_sum{code="503",method="POST",route="/v1/reconstruct"')
all0=$(curl -s "${url}metrics" | awk '/^vertx_http_server_requests_total\{.*route="\/v1\/reconstruct"/ {s += $NF} END {printf "%d", s}')
printf 'overload '
wrk -t 4 -c "$((4 * (WORKERS + QUEUE)))" -d "${OVERLOAD_S}s" --timeout 600s -s "$root/bench/reconstruct.lua" "${url}v1/reconstruct" | grep '^{'
ok=$(( $(metric 'vertx_http_server_requests_total{code="200",method="POST",route="/v1/reconstruct"') - ok0 ))
shed=$(( $(metric 'vertx_http_server_requests_total{code="503",method="POST",route="/v1/reconstruct"') - shed0 ))
all=$(( $(curl -s "${url}metrics" | awk '/^vertx_http_server_requests_total\{.*route="\/v1\/reconstruct"/ {s += $NF} END {printf "%d", s}') - all0 ))
curl -s "${url}metrics" | grep -E '^vertx_http_server_response_time_seconds_(sum|count)\{code="503"' | sed 's/^/  /' || true
echo "overload result: accepted 200=$ok, shed 503=$shed, other statuses=$((all - ok - shed))"
echo "server log errors/warnings: $(grep -cE 'ERROR|WARN' "$log" || true)"
grep -E 'ERROR|WARN' "$log" | head -5 | sed 's/^/  /' || true

echo "## 4. resident memory: soak ${SOAK_S}s at ${WORKERS} clients"
wrk -t 1 -c "$WORKERS" -d "${SOAK_S}s" --timeout 600s -s "$root/bench/reconstruct.lua" "${url}v1/reconstruct" | grep '^{' | sed 's/^/soak /'
rss_soak=$(rss)
awk -v a="$rss_warm" -v b="$rss_soak" 'BEGIN { printf "RSS after warm-up %.0f MB, after soak %.0f MB (%+.1f%%)\n", a/1024, b/1024, (b-a)*100/a }'
