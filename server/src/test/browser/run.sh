#!/usr/bin/env bash
# Starts the built server jar on a free port over a bundle (default models/tiny), runs the
# headless-Chromium page test against it, stops the server. Run from anywhere after `mvn package`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
model="${1:-$root/models/tiny}"
jar="$root/server/target/timbreflow-server-0.1.0-SNAPSHOT.jar"
[ -f "$jar" ] || { echo "browser test: $jar missing; run mvn -B package first" >&2; exit 2; }
command -v /usr/bin/chromium >/dev/null || { echo "browser test: /usr/bin/chromium missing; run bin/install-test-deps" >&2; exit 2; }

cd "$here"
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error

log="$(mktemp)"
java -jar "$jar" --model "$model" --port 0 --workers 2 --iterations 32 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$log"' EXIT
url=""
for _ in $(seq 1 120); do
  url="$(grep -o 'http://[0-9.]*:[0-9]*/' "$log" | head -1 || true)"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; echo "browser test: server exited" >&2; exit 1; }
  sleep 0.5
done
[ -n "$url" ] || { cat "$log" >&2; echo "browser test: server not ready in 60 s" >&2; exit 1; }
echo "browser test: server at $url"
BASE_URL="$url" timeout 180 node page.test.mjs
# SIGTERM must stop the server cleanly with exit status 0.
trap 'rm -f "$log"' EXIT
kill -TERM "$server"
if wait "$server"; then
  echo "browser test: server stopped cleanly on SIGTERM"
else
  rc=$?
  cat "$log" >&2
  echo "browser test: server exited $rc on SIGTERM, expected 0" >&2
  exit 1
fi
