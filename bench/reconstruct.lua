-- wrk script: POST the WAV named by $BENCH_WAV to the request path; report JSON in done().
local f = assert(io.open(os.getenv("BENCH_WAV"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "audio/wav"

function done(summary, latency, requests)
  io.write(string.format(
    '{"requests":%d,"seconds":%.2f,"throughput":%.3f,"p50_ms":%.1f,"p99_ms":%.1f,"non2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
