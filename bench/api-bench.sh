#!/usr/bin/env bash
# API throughput of the packaged application against the database's own ceiling, in one run:
# migrates a fresh database, seeds contacts, starts `serve`, loads GET /api/contacts/{id} (random
# ids) and POST /api/contacts with wrk, then runs the same primary-key select with pgbench.
# Prints requests/s, p50 and p99 latency, the service's peak RSS and the ratio GET / pgbench.
#
#   ./mvnw package -DskipTests && bench/api-bench.sh
#
# Environment (defaults in brackets): BENCH_CONTACTS [10000], BENCH_DURATION [15s],
# BENCH_CONNECTIONS [16], BENCH_THREADS [2], BENCH_WARMUP [20s, per workload, not counted: the JIT needs that long on 2 cores],
# BENCH_JAVA / JAVA_HOME and BENCH_JAVA_OPTS for the service's JVM, and the PostgreSQL choice
# described in bench/lib.sh (PGHOST for a given server, else a throwaway one).

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

contacts=${BENCH_CONTACTS:-10000}
duration=${BENCH_DURATION:-15s}
connections=${BENCH_CONNECTIONS:-16}
threads=${BENCH_THREADS:-2}
warmup=${BENCH_WARMUP:-20s}

bench_require wrk "apt-get install wrk"
bench_require pgbench "apt-get install postgresql-client (Debian: pgbench is in postgresql-contrib before 15)"
bench_require curl "apt-get install curl"
bench_require openssl "apt-get install openssl"
bench_require_app
bench_pg_start
bench_roles_create
db=crm_bench_$(bench_random_word 8)
bench_db_create "$db"

BENCH_APP_LOG=$BENCH_TMP/migrate.log bench_app "$db" migrate ||
    bench_die "migrate failed: $(tail -n 20 "$BENCH_TMP/migrate.log")"

# Explicit ids 1..N, the range the load draws from; the sequence then starts above it.
bench_log "seeding $contacts contacts"
psql -qX -v ON_ERROR_STOP=1 -d "$db" > /dev/null <<SQL
insert into contact (id, first_name, last_name, email, phone, company, created_at, updated_at, version)
select i, 'First' || i, 'Last' || i, 'contact' || i || '@example.com', '+41 44 ' || lpad(i::text, 7, '0'),
       'Company ' || (i % 100), now(), now(), 0
from generate_series(1, $contacts) as i;
select setval('contact_seq', $contacts + 100);
analyze contact;
SQL

bench_serve "$db"
port=$BENCH_PORT
service_pid=$BENCH_SERVICE_PID
# The API needs a bearer token; contacts.lua sends this one.
BENCH_TOKEN=$(bench_jwt_token)
export BENCH_TOKEN

# run_wrk WORKLOAD DURATION TAG: prints the RESULT line of contacts.lua.
run_wrk() {
    local out
    out=$(wrk -t "$threads" -c "$connections" -d "$2" -s "$BENCH_ROOT/bench/contacts.lua" \
        "http://127.0.0.1:$port" -- "$1" "$contacts" "$3")
    grep '^RESULT' <<< "$out" || bench_die "wrk failed: $out"
}

# field LINE NAME: the value of NAME=value in a RESULT line
field() {
    sed -E "s/.* $2=([^ ]+).*/\1/" <<< "$1"
}

bench_log "load: $(cut -d ' ' -f 1-3 /proc/loadavg) before the run"
bench_log "warming up for $warmup per workload"
run_wrk get "$warmup" warmup > /dev/null
run_wrk post "$warmup" warmup > /dev/null
bench_log "GET for $duration"
get=$(run_wrk get "$duration" run)
bench_log "POST for $duration"
post=$(run_wrk post "$duration" run)
rss_peak_kib=$(awk '/^VmHWM/ { print $2 }' "/proc/$service_pid/status")
rss_now_kib=$(awk '/^VmRSS/ { print $2 }' "/proc/$service_pid/status")
load_after_api=$(cut -d ' ' -f 1-3 /proc/loadavg)

# The select Hibernate issues for Contact.findById, as a prepared statement: the database's
# ceiling for the query behind GET, with the same number of clients as wrk has connections.
cat > "$BENCH_TMP/select.sql" <<'SQL'
\set id random(1, :max_id)
select c.id, c.company, c.created_at, c.email, c.first_name, c.last_name, c.phone, c.updated_at, c.version
from contact c where c.id = :id;
SQL
bench_log "pgbench for $duration"
pgbench_out=$(PGUSER=$BENCH_APP PGPASSWORD=$BENCH_APP_PASSWORD pgbench -n -M prepared -c "$connections" \
    -j "$threads" -T "${duration%s}" -D max_id="$contacts" -f "$BENCH_TMP/select.sql" "$db" 2>&1) ||
    bench_die "pgbench failed: $pgbench_out"
pgbench_tps=$(sed -nE 's/^tps = ([0-9.]+) .*/\1/p' <<< "$pgbench_out" | tail -n 1)
pgbench_latency=$(sed -nE 's/^latency average = ([0-9.]+) ms/\1/p' <<< "$pgbench_out")

failed() {
    echo "$(field "$1" errors) + $(field "$1" non2xx)"
}
rate() {
    awk -v r="$(field "$1" requests)" -v s="$(field "$1" seconds)" 'BEGIN { printf "%.0f", r / s }'
}
get_rps=$(rate "$get")
post_rps=$(rate "$post")
ratio=$(bench_ratio "$get_rps" "$pgbench_tps")
get_p99=$(field "$get" p99_ms)
rss_peak_mib=$((rss_peak_kib / 1024))
verdict() {
    if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi
}

cat <<EOF

crm-service API benchmark: $contacts contacts, wrk -t$threads -c$connections -d$duration (after ${warmup} warm-up each), pgbench -M prepared -c$connections -j$threads -T${duration%s}
machine: $(bench_machine)
service JVM options: ${BENCH_JAVA_OPTS:-(none)}; load average after the API runs: $load_after_api

                           requests/s     p50 ms     p99 ms   failed (socket errors + non-2xx)
GET  /api/contacts/{id}    $(printf '%10s %10s %10s   %s' "$get_rps" "$(field "$get" p50_ms)" "$get_p99" "$(failed "$get")")
POST /api/contacts         $(printf '%10s %10s %10s   %s' "$post_rps" "$(field "$post" p50_ms)" "$(field "$post" p99_ms)" "$(failed "$post")")
pgbench select by id       $(printf '%10.0f %10s' "$pgbench_tps" "(avg $pgbench_latency)")

GET / pgbench              $ratio    goal >= 0.25: $(verdict "$ratio >= 0.25")
GET p99                    $get_p99 ms    goal < 10 ms: $(verdict "$get_p99 < 10")
service peak RSS (VmHWM)   $rss_peak_mib MiB (now $((rss_now_kib / 1024)) MiB)    goal < 300 MiB: $(verdict "$rss_peak_mib < 300")
$(bench_load_note)
EOF
