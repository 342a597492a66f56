-- wrk script: GET the request path; report JSON in done().
function done(summary, latency, requests)
  io.write(string.format(
    '{"requests":%d,"throughput":%.1f,"p50_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"non2xx":%d}\n',
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.errors.status))
end
