-- wrk script for bench/api-bench.sh. Script arguments: the workload ("get" or "post"), the
-- highest seeded contact id, and a tag that differs between the runs against one database.
--   get:  GET /api/contacts/{id} for ids drawn uniformly from 1..max-id
--   post: POST /api/contacts with an email no other request uses (tag, thread number, counter)
-- Every request carries the bearer token in the environment variable BENCH_TOKEN.
-- At the end it prints one machine-readable line, read by api-bench.sh.

local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("number", threads)
end

local workload, max_id, tag, counter = "get", 10000, "run", 0
local authorization = "Bearer " .. (os.getenv("BENCH_TOKEN") or "")

function init(args)
    workload = args[1] or workload
    max_id = tonumber(args[2]) or max_id
    tag = args[3] or tag
    math.randomseed(os.time() * 100 + number)
end

function request()
    if workload == "post" then
        counter = counter + 1
        local body = string.format(
            '{"firstName":"Bench","lastName":"Poster","email":"wrk-%s-%d-%d@example.com","company":"Acme"}',
            tag, number, counter)
        return wrk.format("POST", "/api/contacts",
            { ["Content-Type"] = "application/json", ["Authorization"] = authorization }, body)
    end
    return wrk.format("GET", "/api/contacts/" .. math.random(1, max_id), { ["Authorization"] = authorization })
end

function done(summary, latency, requests)
    local errors = summary.errors
    io.write(string.format("RESULT requests=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f errors=%d non2xx=%d\n",
        summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
