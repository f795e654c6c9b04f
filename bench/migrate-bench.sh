#!/usr/bin/env bash
# Time of the schema commands as whole processes, against the floor of applying the same
# migration files with psql. Each run takes a fresh database and times:
#   migrate   on the empty database (every migration pending)
#   migrate   again (nothing pending)
#   wait      on the up-to-date schema
#   psql      the versioned migrations, one `psql -1 -f` per file (without -1 for a file whose
#             .conf says executeInTransaction=false, as Flyway does), on another empty database
#   flyway    with BENCH_PEERS: Flyway's own command line (12.5, on the same JDK as the service,
#             default JVM options) applying the very same files, placeholders and callback on
#             another empty database, then again with nothing pending
# and prints the medians and the ratios to the floor and to Flyway's CLI.
#
#   ./mvnw package -DskipTests && bench/migrate-bench.sh
#
# Environment: BENCH_RUNS [5]; BENCH_JAVA / JAVA_HOME and BENCH_JAVA_OPTS for the JVM (the
# commands run the migrate image's build, from BENCH_MIGRATE_APP_DIR, by default
# target/migrate-only/quarkus-app, so BENCH_JAVA_OPTS=-XX:AOTCache=app.aot uses the AOT cache
# train-aot-cache.sh records there); BENCH_NATIVE, a native executable to time in the same runs;
# BENCH_PEERS, the peers harness (its migrate/flyway.sh, after its flyway/build.sh), to time
# Flyway's CLI in the same runs; the PostgreSQL choice described in bench/lib.sh.

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

BENCH_APP_DIR=$BENCH_MIGRATE_APP_DIR
runs=${BENCH_RUNS:-5}
flavours=(jvm)
[[ -z ${BENCH_NATIVE:-} ]] || flavours+=(native)
peers=()
[[ -z ${BENCH_PEERS:-} ]] || peers=(flyway)
migrations=$BENCH_ROOT/src/main/resources/db/migration

bench_require_app
bench_pg_start
bench_roles_create

# measure NAME COMMAND...: runs the command, failing the benchmark if it fails, and appends its
# wall time and its CPU time (user + system of the process and its children) in ms to the lists
# wall[NAME] and cpu[NAME]. On a busy machine the CPU time varies much less than the wall time.
declare -A wall cpu
measure() {
    local name=$1 times real user sys TIMEFORMAT='%3R %3U %3S'
    shift
    times=$({ time "$@" > /dev/null 2> "$BENCH_TMP/stderr"; } 2>&1) ||
        bench_die "failed: $* $(cat "$BENCH_TMP/stderr") $(tail -n 20 "$BENCH_APP_LOG")"
    read -r real user sys <<< "$times"
    wall[$name]+="$(awk -v s="$real" 'BEGIN { printf "%.0f", s * 1000 }') "
    cpu[$name]+="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.0f", (u + s) * 1000 }') "
}

# The versioned migrations in version order, applied with psql as the owner role.
psql_floor() {
    local file
    for file in $(find "$migrations" -name 'V*__*.sql' -printf '%f\n' | sort -t _ -k 1.2 -V); do
        local single_transaction=(-1)
        grep -qsx 'executeInTransaction=false' "$migrations/$file.conf" && single_transaction=()
        # Flyway fills the ${lock_timeout} placeholder; psql gets the default value spelled out.
        sed 's/\${lock_timeout}/5s/g' "$migrations/$file" |
            PGUSER=$BENCH_OWNER PGPASSWORD=$BENCH_OWNER_PASSWORD PGOPTIONS='-c client_min_messages=warning' \
                psql -qX -v ON_ERROR_STOP=1 "${single_transaction[@]}" -d "$1" -f - || return
    done
}

# flyway_cli DATABASE: Flyway's command line `migrate` on the service's migration directory, as the
# owner role, with the placeholders the service gives Flyway.
flyway_cli() {
    PEERS_JDBC_URL=jdbc:postgresql://$PGHOST:$PGPORT/$1 PEERS_DB_USER=$BENCH_OWNER \
        PEERS_DB_PASSWORD=$BENCH_OWNER_PASSWORD JAVA=$(bench_java) JAVA_OPTS= \
        FLYWAY_PLACEHOLDERS_APP_ROLE=$BENCH_APP FLYWAY_PLACEHOLDERS_LOCK_TIMEOUT=5s \
        "$BENCH_PEERS/migrate/flyway.sh" cli "$migrations" >> "$BENCH_TMP/flyway.log" 2>&1 ||
        { tail -n 20 "$BENCH_TMP/flyway.log" >&2; return 1; }
}
if [[ -n ${BENCH_PEERS:-} ]]; then
    [[ -x $BENCH_PEERS/migrate/flyway.sh ]] || bench_die "BENCH_PEERS=$BENCH_PEERS has no migrate/flyway.sh"
    BENCH_PEERS=$(realpath "$BENCH_PEERS")
fi

export BENCH_APP_LOG=$BENCH_TMP/app.log
bench_log "load: $(cut -d ' ' -f 1-3 /proc/loadavg) before the runs"
for i in $(seq "$runs"); do
    for flavour in "${flavours[@]}"; do
        db=crm_bench_$(bench_random_word 8)
        bench_db_create "$db"
        BENCH_FLAVOUR=$flavour measure "full $flavour" bench_app "$db" migrate
        BENCH_FLAVOUR=$flavour measure "noop $flavour" bench_app "$db" migrate
        BENCH_FLAVOUR=$flavour measure "wait $flavour" bench_app "$db" wait
    done
    floor_db=crm_floor_$(bench_random_word 8)
    bench_db_create "$floor_db"
    measure floor psql_floor "$floor_db"
    if [[ -n ${BENCH_PEERS:-} ]]; then
        flyway_db=crm_flyway_$(bench_random_word 8)
        bench_db_create "$flyway_db"
        measure "full flyway" flyway_cli "$flyway_db"
        measure "noop flyway" flyway_cli "$flyway_db"
    fi
    bench_log "run $i of $runs done; load $(cut -d ' ' -f 1-3 /proc/loadavg)"
done
(($(grep -c 'Migrated schema from version none' "$BENCH_APP_LOG") == runs * ${#flavours[@]})) ||
    bench_die "migrate did not report applying the migrations; see its log: $(tail -n 20 "$BENCH_APP_LOG")"

seconds() {
    awk -v ms="$1" 'BEGIN { printf "%.3f", ms / 1000 }'
}
declare -A median_wall median_cpu
for name in floor "${!wall[@]}"; do
    # shellcheck disable=SC2086 # the lists are space-separated numbers
    median_wall[$name]=$(bench_median ${wall[$name]})
    # shellcheck disable=SC2086
    median_cpu[$name]=$(bench_median ${cpu[$name]})
done
verdict() {
    if (($1 < $2)); then echo met; else echo MISSED; fi
}
# vs_flyway NAME: the wall time ratio to Flyway's CLI doing the same (a no-op migrate for `wait`,
# which Flyway's CLI does not have), when it ran.
vs_flyway() {
    [[ -n ${wall[full flyway]:-} ]] || return 0
    local peer="noop flyway"
    [[ $1 == full* || $1 == floor ]] && peer="full flyway"
    bench_ratio "${median_wall[$1]}" "${median_wall[$peer]}"
}
# row NAME LABEL GOAL
row() {
    printf '%-40s %8s %9s %10s %8s   %s\n' "$2" "$(seconds "${median_wall[$1]}")" \
        "$(bench_ratio "${median_wall[$1]}" "${median_wall[floor]}" 1)" "$(vs_flyway "$1")" \
        "$(seconds "${median_cpu[$1]}")" "${3:-}"
}

declare -A label=([full]="migrate, empty database" [noop]="migrate, nothing pending" [wait]="wait, schema up to date")
# rows FLAVOUR: the three commands of one flavour against their goals: no slower than Flyway's CLI
# when it ran; else for the JVM, migrate within 1 s of the floor and the others under 1 s; native,
# every command within 0.1 s of the floor.
rows() {
    local name over_floor_ms goal
    for name in full noop wait; do
        over_floor_ms=$((median_wall[$name $1] - median_wall[floor]))
        if [[ -n ${wall[full flyway]:-} && $1 != flyway ]]; then
            goal="no slower than Flyway's CLI: $(awk -v r="$(vs_flyway "$name $1")" 'BEGIN { print r <= 1 ? "met" : "MISSED" }')"
        elif [[ $1 == flyway ]]; then
            [[ $name == wait ]] && continue
            goal=""
        elif [[ $1 == native ]]; then
            goal="floor + 0.1 s: $(verdict "$over_floor_ms" 100) (floor + $(seconds "$over_floor_ms") s)"
        elif [[ $name == full ]]; then
            goal="floor + 1.0 s: $(verdict "$over_floor_ms" 1000) (floor + $(seconds "$over_floor_ms") s)"
        else
            goal="< 1.0 s: $(verdict "${median_wall[$name $1]}" 1000)"
        fi
        row "$name $1" "${label[$name]} ($1)" "$goal"
    done
}
# every_run wall|cpu: the single runs behind the medians.
every_run() {
    local -n times=$1
    local flavour
    for flavour in "${flavours[@]}"; do
        echo "every run, $1 ms, $flavour: migrate ${times[full $flavour]% }; no-op migrate ${times[noop $flavour]% }; wait ${times[wait $flavour]% }"
    done
    echo "every run, $1 ms, psql floor: ${times[floor]% }"
    [[ -z ${times[full flyway]:-} ]] || echo "every run, $1 ms, Flyway CLI: migrate ${times[full flyway]% }; no-op migrate ${times[noop flyway]% }"
}

cat << REPORT

crm-service schema commands: medians of $runs runs, each on a fresh database
machine: $(bench_machine)
JVM options: ${BENCH_JAVA_OPTS:-(none)}${BENCH_PEERS:+; Flyway CLI: default JVM options, same JDK}${BENCH_NATIVE:+; native executable: $BENCH_NATIVE}

                                           wall s   x floor   x Flyway    CPU s   goal (wall time)
$(row floor "psql floor (versioned files)")
$(for flavour in "${peers[@]}" "${flavours[@]}"; do rows "$flavour"; done)

$(every_run wall)
$(every_run cpu)
load average at the end: $(cut -d ' ' -f 1-3 /proc/loadavg)
$(bench_load_note)
REPORT
