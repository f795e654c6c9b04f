#!/usr/bin/env bash
# API throughput of the packaged application against the database's own ceiling, in one run: for
# each flavour (the JVM, and the native executable BENCH_NATIVE when set) migrates a fresh
# database, seeds contacts, starts `serve` (timed to its first ready answer), loads
# GET /api/contacts/{id} (random ids) and POST /api/contacts with wrk; then runs the same
# primary-key select with pgbench. Prints requests/s, p50 and p99 latency, the CPU time the
# service and PostgreSQL spent per request (the database's only for the throwaway server),
# start-up time, idle and peak RSS, and the ratios GET / pgbench and native / JVM. With
# BENCH_PEERS (the peers harness) it first runs its FastAPI peer (plain psycopg2, 2 uvicorn
# workers, started by its own entrypoint: pg_isready, alembic upgrade, uvicorn) through the same
# steps, and prints the ratios service / FastAPI.
#
#   ./mvnw package -DskipTests && bench/api-bench.sh
#
# Environment (defaults in brackets): BENCH_CONTACTS [10000], BENCH_DURATION [15s],
# BENCH_CONNECTIONS [16], BENCH_THREADS [2], BENCH_WARMUP [60s per workload, not counted: on 2
# busy cores the JIT takes about 50 s to bring the JVM's CPU time per request to its steady state],
# BENCH_JAVA / JAVA_HOME and BENCH_JAVA_OPTS for the service's JVM, BENCH_NATIVE (a native
# executable to measure as well; BENCH_NATIVE_WARMUP [5s]: it has no JIT to warm up), BENCH_PEERS
# (the FastAPI peer, with the native warm-up; it needs Debian's python3-fastapi python3-uvicorn
# python3-psycopg2 python3-alembic python3-uvloop python3-httptools), and the PostgreSQL choice
# described in bench/lib.sh (PGHOST for a given server, else a throwaway one).

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

bench_api_load
flavours=()
if [[ -n ${BENCH_PEERS:-} ]]; then
    [[ -x $BENCH_PEERS/api/entrypoint.sh ]] || bench_die "BENCH_PEERS=$BENCH_PEERS has no api/entrypoint.sh"
    BENCH_PEERS=$(realpath "$BENCH_PEERS")
    flavours+=(fastapi)
fi
flavours+=(jvm)
[[ -z ${BENCH_NATIVE:-} ]] || flavours+=(native)

bench_require wrk "apt-get install wrk"
bench_require pgbench "apt-get install postgresql-client (Debian: pgbench is in postgresql-contrib before 15)"
bench_require curl "apt-get install curl"
bench_require openssl "apt-get install openssl"
bench_require_app
bench_pg_start
bench_roles_create
# The API needs a bearer token; contacts.lua sends this one.
BENCH_TOKEN=$(bench_jwt_token)
export BENCH_TOKEN

# seed_database DATABASE: migrates it and inserts contacts 1..$contacts.
seed_database() {
    local db=$1
    BENCH_APP_LOG=$BENCH_TMP/migrate.log bench_app "$db" migrate ||
        bench_die "migrate failed: $(tail -n 20 "$BENCH_TMP/migrate.log")"
    # Explicit ids 1..N, the range the load draws from; the sequence then starts above it.
    psql -qX -v ON_ERROR_STOP=1 -d "$db" > /dev/null <<SQL
insert into contact (id, first_name, last_name, email, phone, company, created_at, updated_at, version)
select i, 'First' || i, 'Last' || i, 'contact' || i || '@example.com', '+41 44 ' || lpad(i::text, 7, '0'),
       'Company ' || (i % 100), now(), now(), 0
from generate_series(1, $contacts) as i;
select setval('contact_seq', $contacts + 100);
analyze contact;
SQL
}

# fastapi_serve DATABASE: starts the FastAPI peer on an empty database, as its documents do (its
# entrypoint migrates with alembic, then starts uvicorn), times it to its first ready answer and
# seeds it with contacts 1..$contacts. Sets what bench_serve sets; BENCH_SERVICE_PID is the session
# leader of its processes.
fastapi_serve() {
    local db=$1 started
    [[ -f $BENCH_TMP/alembic/alembic.ini ]] ||
        /usr/bin/python3 "$BENCH_PEERS/alembic_gen.py" "$BENCH_PEERS/schema" "$BENCH_TMP/alembic" > /dev/null
    BENCH_PORT=$(bench_free_port)
    started=$(bench_now_ms)
    setsid env DATABASE_URL="postgresql://$BENCH_OWNER:$BENCH_OWNER_PASSWORD@$PGHOST:$PGPORT/$db" \
        DB_HOST="$PGHOST" DB_PORT="$PGPORT" DB_USER="$BENCH_OWNER" DB_NAME="$db" API_IMPL=raw \
        API_HOST=127.0.0.1 API_PORT="$BENCH_PORT" ALEMBIC_INI="$BENCH_TMP/alembic/alembic.ini" \
        "$BENCH_PEERS/api/entrypoint.sh" > "$BENCH_TMP/fastapi.log" 2>&1 < /dev/null &
    BENCH_SERVICE_PID=$!
    bench_on_exit "kill -- -$BENCH_SERVICE_PID 2> /dev/null"
    until curl -fsS -o /dev/null "http://127.0.0.1:$BENCH_PORT/health" 2> /dev/null; do
        (($(bench_now_ms) - started < 60000)) || bench_die "FastAPI did not start in 60 s: $(tail -n 20 "$BENCH_TMP/fastapi.log")"
        sleep 0.01
    done
    BENCH_READY_MS=$(($(bench_now_ms) - started))
    PGUSER=$BENCH_OWNER PGPASSWORD=$BENCH_OWNER_PASSWORD psql -qX -v ON_ERROR_STOP=1 -v n="$contacts" -d "$db" \
        -f "$BENCH_PEERS/load/seed.sql" > /dev/null
}

# run_wrk WORKLOAD DURATION TAG: prints the RESULT line of contacts.lua.
run_wrk() {
    bench_wrk_contacts "$BENCH_PORT" "$1" "$2" "$3" "$contacts" "$threads" "$connections"
}

# kib_of FIELD PID: a memory figure of /proc/PID/status, in KiB, summed over the processes of the
# session PID leads.
kib_of() {
    local pid total=0
    for pid in $(bench_session_pids "$2"); do
        total=$((total + $(awk -v key="$1:" '$1 == key { print $2 }' "/proc/$pid/status" 2> /dev/null || echo 0)))
    done
    echo "$total"
}

# measured WORKLOAD DURATION: the RESULT line of one wrk run, with the CPU time the service's and
# the database's processes spent on it, in microseconds per request (service_us=, postgres_us=;
# the latter - for a server given by PGHOST).
measured() {
    local before result service_us postgres_us
    before=$(bench_cpu_mark "$BENCH_SERVICE_PID")
    result=$(run_wrk "$1" "$2" run)
    read -r service_us postgres_us < <(bench_cpu_per_request "$before" "$(bench_cpu_mark "$BENCH_SERVICE_PID")" \
        "$(bench_field "$result" requests)")
    echo "$result service_us=$service_us postgres_us=$postgres_us"
}

declare -A get post ready_ms rss_idle_kib rss_peak_kib
bench_log "load: $(cut -d ' ' -f 1-3 /proc/loadavg) before the run"
for flavour in "${flavours[@]}"; do
    export BENCH_FLAVOUR=$flavour
    flavour_warmup=$warmup
    [[ $flavour == jvm ]] || flavour_warmup=${BENCH_NATIVE_WARMUP:-5s}
    bench_log "$flavour: a database with $contacts contacts"
    db=crm_bench_$(bench_random_word 8)
    bench_db_create "$db"
    if [[ $flavour == fastapi ]]; then
        fastapi_serve "$db"
    else
        seed_database "$db"
        bench_serve "$db"
    fi
    ready_ms[$flavour]=$BENCH_READY_MS
    sleep 2
    rss_idle_kib[$flavour]=$(kib_of VmRSS "$BENCH_SERVICE_PID")
    bench_log "$flavour: warming up for $flavour_warmup per workload"
    run_wrk get "$flavour_warmup" warmup > /dev/null
    run_wrk post "$flavour_warmup" warmup > /dev/null
    bench_log "$flavour: GET for $duration"
    get[$flavour]=$(measured get "$duration")
    bench_log "$flavour: POST for $duration"
    post[$flavour]=$(measured post "$duration")
    rss_peak_kib[$flavour]=$(kib_of VmHWM "$BENCH_SERVICE_PID")
    if [[ $flavour == fastapi ]]; then
        kill -- -"$BENCH_SERVICE_PID" 2> /dev/null || true
        wait "$BENCH_SERVICE_PID" 2> /dev/null || true
    else
        bench_stop "$BENCH_SERVICE_PID"
    fi
done
unset BENCH_FLAVOUR
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
    echo "$(bench_field "$1" errors) + $(bench_field "$1" non2xx)"
}
rate() {
    awk -v r="$(bench_field "$1" requests)" -v s="$(bench_field "$1" seconds)" 'BEGIN { printf "%.0f", r / s }'
}
verdict() {
    if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi
}
# results FLAVOUR: the rows of one flavour, with its goals (RSS: 300 MiB on the JVM, 128 native).
results() {
    local get_rps get_p99 ratio peak_mib=$((rss_peak_kib[$1] / 1024)) rss_goal=300
    [[ $1 == native ]] && rss_goal=128
    get_rps=$(rate "${get[$1]}")
    get_p99=$(bench_field "${get[$1]}" p99_ms)
    ratio=$(bench_ratio "$get_rps" "$pgbench_tps")
    printf '%-7s GET  /api/contacts/{id}  %10s %10s %10s %9s %11s   %s\n' "$1" "$get_rps" "$(bench_field "${get[$1]}" p50_ms)" \
        "$get_p99" "$(bench_field "${get[$1]}" service_us)" "$(bench_field "${get[$1]}" postgres_us)" "$(failed "${get[$1]}")"
    printf '%-7s POST /api/contacts       %10s %10s %10s %9s %11s   %s\n' "$1" "$(rate "${post[$1]}")" \
        "$(bench_field "${post[$1]}" p50_ms)" "$(bench_field "${post[$1]}" p99_ms)" "$(bench_field "${post[$1]}" service_us)" \
        "$(bench_field "${post[$1]}" postgres_us)" "$(failed "${post[$1]}")"
    if [[ $1 == fastapi ]]; then
        printf '%-7s GET / pgbench            %10s\n' "$1" "$ratio"
        printf '%-7s start to ready           %10s ms (alembic upgrade of the empty database included)\n' "$1" "${ready_ms[$1]}"
        printf '%-7s RSS idle / peak (VmHWM)  %10s MiB  (peak %s MiB, all processes)\n' "$1" "$((rss_idle_kib[$1] / 1024))" "$peak_mib"
        return
    fi
    printf '%-7s GET / pgbench            %10s      goal >= 0.25: %s\n' "$1" "$ratio" "$(verdict "$ratio >= 0.25")"
    printf '%-7s GET p99                  %10s ms   goal < 10 ms: %s\n' "$1" "$get_p99" "$(verdict "$get_p99 < 10")"
    printf '%-7s start to ready           %10s ms\n' "$1" "${ready_ms[$1]}"
    printf '%-7s RSS idle / peak (VmHWM)  %10s MiB  goal peak < %s MiB: %s (peak %s MiB)\n' "$1" \
        "$((rss_idle_kib[$1] / 1024))" "$rss_goal" "$(verdict "$peak_mib < $rss_goal")" "$peak_mib"
}
# versus_fastapi FLAVOUR: its ratios to the FastAPI peer of the same run, against the goal 1.5.
versus_fastapi() {
    local get_ratio post_ratio
    get_ratio=$(bench_ratio "$(rate "${get[$1]}")" "$(rate "${get[fastapi]}")")
    post_ratio=$(bench_ratio "$(rate "${post[$1]}")" "$(rate "${post[fastapi]}")")
    echo "$1 / fastapi: GET $get_ratio, POST $post_ratio (goal >= 1.5: $(verdict "$get_ratio >= 1.5 && $post_ratio >= 1.5")), start to ready $(bench_ratio "${ready_ms[$1]}" "${ready_ms[fastapi]}"), peak RSS $(bench_ratio "${rss_peak_kib[$1]}" "${rss_peak_kib[fastapi]}")"
}

cat <<EOF

crm-service API benchmark: $contacts contacts, wrk -t$threads -c$connections -d$duration (after $warmup warm-up each${BENCH_NATIVE:+, ${BENCH_NATIVE_WARMUP:-5s} native}), pgbench -M prepared -c$connections -j$threads -T${duration%s}
machine: $(bench_machine)
service JVM options: ${BENCH_JAVA_OPTS:-(none)}${BENCH_NATIVE:+; native executable: $BENCH_NATIVE}
load average after the API runs: $load_after_api

                                                                CPU µs per request
                                  requests/s     p50 ms     p99 ms   service  PostgreSQL   failed (socket errors + non-2xx)
$(for flavour in "${flavours[@]}"; do results "$flavour"; done)
pgbench select by id              $(printf '%10.0f %10s' "$pgbench_tps" "(avg $pgbench_latency)")
EOF
if [[ -n ${BENCH_PEERS:-} ]]; then
    for flavour in "${flavours[@]:1}"; do versus_fastapi "$flavour"; done
fi
if [[ -n ${BENCH_NATIVE:-} ]]; then
    echo "native / jvm: GET $(bench_ratio "$(rate "${get[native]}")" "$(rate "${get[jvm]}")")," \
        "POST $(bench_ratio "$(rate "${post[native]}")" "$(rate "${post[jvm]}")")," \
        "start to ready $(bench_ratio "${ready_ms[native]}" "${ready_ms[jvm]}")," \
        "peak RSS $(bench_ratio "${rss_peak_kib[native]}" "${rss_peak_kib[jvm]}")"
fi
bench_load_note
