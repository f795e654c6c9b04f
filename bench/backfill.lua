-- wrk script for bench/backfill-bench.sh: a steady write load over the whole contact table.
-- Script arguments: the number of seeded contacts N (ids 1..N, all at version 0), the threads
-- wrk runs, the first position in the id sequence, and a tag that differs between the runs
-- against one database.
--   PUT  /api/contacts/{id}  with If-Match: "0" and the email bf<id>@backfill.example; the ids
--        are position * step mod N + 1, with step coprime to N: spread over the whole table and
--        each id at most once while the positions stay below N (the run stops long before)
--   POST /api/contacts       every tenth request, with an email no other request uses
-- Every request carries the bearer token in the environment variable BENCH_TOKEN.
-- At the end it prints one machine-readable line, read by backfill-bench.sh.

local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("number", threads)
end

local rows, thread_count, first, tag, counter, step = 1000000, 1, 0, "run", 0, 1
local authorization = "Bearer " .. (os.getenv("BENCH_TOKEN") or "")

local function gcd(a, b)
    while b ~= 0 do
        a, b = b, a % b
    end
    return a
end

function init(args)
    rows = tonumber(args[1]) or rows
    thread_count = tonumber(args[2]) or thread_count
    first = tonumber(args[3]) or first
    tag = args[4] or tag
    -- About rows / golden ratio: neighbouring positions land far apart in the table.
    step = math.floor(rows * 0.618) + 1
    while gcd(step, rows) ~= 1 do
        step = step + 1
    end
end

function request()
    counter = counter + 1
    if counter % 10 == 0 then
        local body = string.format(
            '{"firstName":"Backfill","lastName":"Poster","email":"bf-post-%s-%d-%d@backfill.example","company":"Acme"}',
            tag, number, counter)
        return wrk.format("POST", "/api/contacts",
            { ["Content-Type"] = "application/json", ["Authorization"] = authorization }, body)
    end
    local position = first + (counter - 1) * thread_count + (number - 1)
    local id = (position * step) % rows + 1
    local body = string.format(
        '{"firstName":"Backfill","lastName":"Writer","email":"bf%d@backfill.example","company":"Acme"}', id)
    return wrk.format("PUT", "/api/contacts/" .. id,
        { ["Content-Type"] = "application/json", ["Authorization"] = authorization, ["If-Match"] = '"0"' }, body)
end

function done(summary, latency, requests)
    local errors = summary.errors
    io.write(string.format(
        "RESULT requests=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d timeouts=%d non2xx=%d\n",
        summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, errors.connect + errors.read + errors.write, errors.timeout, errors.status))
end
