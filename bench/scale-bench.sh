#!/usr/bin/env bash
# The contact list at 10,000 and at 1,000,000 contacts: migrates a fresh database (with the
# search and sort indexes of V4), loads 10,000 contacts, starts `serve` and loads each listing
# below with wrk; then grows the table to 1,000,000 contacts and loads them all again. Prints
# p50 and p99 latency per listing and size, against the goal p99 < 20 ms at 1,000,000.
#
#   first page          GET /api/contacts
#   deep, cursor        GET /api/contacts?after=...   (the page at the middle of the list)
#   deep, page number   GET /api/contacts?page=...    (the same page by offset, for comparison)
#   q, selective        GET /api/contacts?q=12345     (a part of some emails and companies)
#   q, common           GET /api/contacts?q=lovelace  (a last name that 1 in 60 contacts have)
#   lastName, first     GET /api/contacts?sort=lastName
#   lastName, cursor    GET /api/contacts?sort=lastName&after=...   (the middle of the list)
#
#   ./mvnw package -DskipTests && bench/scale-bench.sh
#
# Environment (defaults in brackets): BENCH_SIZES ["10000 1000000"], BENCH_DURATION [10s],
# BENCH_WARMUP [5s, per listing, not counted], BENCH_CONNECTIONS [4], BENCH_THREADS [2],
# BENCH_JAVA / JAVA_HOME and BENCH_JAVA_OPTS for the service's JVM, and the PostgreSQL choice
# described in bench/lib.sh (PGHOST for a given server, else a throwaway one).

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

read -r -a sizes <<< "${BENCH_SIZES:-10000 1000000}"
duration=${BENCH_DURATION:-10s}
warmup=${BENCH_WARMUP:-5s}
connections=${BENCH_CONNECTIONS:-4}
threads=${BENCH_THREADS:-2}

bench_require wrk "apt-get install wrk"
bench_require curl "apt-get install curl"
bench_require jq "apt-get install jq"
bench_require openssl "apt-get install openssl"
bench_require_app
bench_pg_start
bench_roles_create
db=crm_bench_$(bench_random_word 8)
bench_db_create "$db"

BENCH_APP_LOG=$BENCH_TMP/migrate.log bench_app "$db" migrate ||
    bench_die "migrate failed: $(tail -n 20 "$BENCH_TMP/migrate.log")"

# grow_to N: adds contacts with ids up to N (bench_contacts_load).
loaded=0
grow_to() {
    bench_log "loading contacts $((loaded + 1)) to $1"
    local started
    started=$(bench_now_ms)
    bench_contacts_load "$db" $((loaded + 1)) "$1"
    bench_log "loaded in $(($(bench_now_ms) - started)) ms"
    loaded=$1
}

bench_serve "$db"
BENCH_TOKEN=$(bench_jwt_token)
export BENCH_TOKEN

# api PATH-AND-QUERY: one request, its body on stdout.
api() {
    curl -fsS -H "Authorization: Bearer $BENCH_TOKEN" "http://127.0.0.1:$BENCH_PORT$1" ||
        bench_die "GET $1 failed: $(tail -n 20 "$BENCH_APP_LOG")"
}

# run_wrk DURATION PATH-AND-QUERY: prints the RESULT line of scale.lua.
run_wrk() {
    local out
    out=$(wrk -t "$threads" -c "$connections" -d "$1" -s "$BENCH_ROOT/bench/scale.lua" "http://127.0.0.1:$BENCH_PORT$2")
    grep '^RESULT' <<< "$out" || bench_die "wrk failed: $out"
}

declare -A p50 p99 failed load_after
listings=("first page" "deep, cursor" "deep, page number" "q, selective" "q, common" "lastName, first" "lastName, cursor")
for size in "${sizes[@]}"; do
    grow_to "$size"
    middle=$((size / 2 / 20))
    # The cursor of the page at the middle of the list, as a client that paged there holds it.
    id_cursor=$(api "/api/contacts?page=$((middle - 1))" | jq -er .next)
    name_cursor=$(api "/api/contacts?sort=lastName&page=$((middle - 1))" | jq -er .next)
    declare -A paths=(
        ["first page"]="/api/contacts"
        ["deep, cursor"]="/api/contacts?after=$id_cursor"
        ["deep, page number"]="/api/contacts?page=$middle"
        ["q, selective"]="/api/contacts?q=12345"
        ["q, common"]="/api/contacts?q=lovelace"
        ["lastName, first"]="/api/contacts?sort=lastName"
        ["lastName, cursor"]="/api/contacts?sort=lastName&after=$name_cursor"
    )
    bench_log "$size contacts, load before the runs: $(cut -d ' ' -f 1-3 /proc/loadavg)"
    for listing in "${listings[@]}"; do
        path=${paths[$listing]}
        bench_log "$listing: $(api "$path" | jq -c '{items: (.items | length), totalItems, totalItemsExact, next: (.next != null)}')"
        run_wrk "$warmup" "$path" > /dev/null
        result=$(run_wrk "$duration" "$path")
        p50[$size,$listing]=$(bench_field "$result" p50_ms)
        p99[$size,$listing]=$(bench_field "$result" p99_ms)
        failed[$size,$listing]="$(bench_field "$result" errors) + $(bench_field "$result" non2xx)"
    done
    load_after[$size]=$(cut -d ' ' -f 1-3 /proc/loadavg)
done

largest=${sizes[-1]}
{
    printf '\ncrm-service contact list at scale: wrk -t%s -c%s -d%s per listing (after %s warm-up each)\n' \
        "$threads" "$connections" "$duration" "$warmup"
    printf 'machine: %s\n' "$(bench_machine)"
    printf 'service JVM options: %s\n' "${BENCH_JAVA_OPTS:-(none)}"
    for size in "${sizes[@]}"; do
        printf 'load average after the %s-contact runs: %s\n' "$size" "${load_after[$size]}"
    done
    printf '\n%-20s' "listing"
    for size in "${sizes[@]}"; do
        printf '%22s' "$size: p50 / p99 ms"
    done
    printf '   failed   goal p99 < 20 ms at %s\n' "$largest"
    for listing in "${listings[@]}"; do
        printf '%-20s' "$listing"
        for size in "${sizes[@]}"; do
            printf '%22s' "${p50[$size,$listing]} / ${p99[$size,$listing]}"
        done
        verdict=met
        awk -v p="${p99[$largest,$listing]}" 'BEGIN { exit !(p < 20) }' || verdict=MISSED
        printf '   %-6s   %s\n' "${failed[$largest,$listing]}" "$verdict"
    done
    bench_load_note
} 
