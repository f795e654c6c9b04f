-- wrk script for bench/scale-bench.sh: GET one listing URL (the wrk URL's path and query) again
-- and again with the bearer token in the environment variable BENCH_TOKEN. At the end it prints
-- one machine-readable line, read by scale-bench.sh.

local authorization = "Bearer " .. (os.getenv("BENCH_TOKEN") or "")

function request()
    return wrk.format("GET", nil, { ["Authorization"] = authorization })
end

function done(summary, latency, requests)
    local errors = summary.errors
    io.write(string.format("RESULT requests=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f errors=%d non2xx=%d\n",
        summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
