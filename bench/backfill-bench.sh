#!/usr/bin/env bash
# A backfill of the 1,000,000-contact table while the API serves writes: how long does the
# migration block an API write? Migrates a fresh database with the shipped migrations (V1-V4),
# loads 1,000,000 contacts, copies the database, and then for each variant below starts `serve`
# (release N) on its copy, puts it under a steady write load with wrk (PUT over the whole table,
# one POST in ten) and runs release N+1's `migrate` meanwhile. Release N+1 is the fixture build
# (target/fixture-app, built by `./mvnw package` without -DskipTests) with two more migrations,
# written by this script into its target/fixture-migrations:
#
#   batched   V5 adds contact.nickname nullable, V6 backfills it in batches of 1,000 ids that
#             commit one by one (non-transactional): exactly "Backfill in batches" in
#             docs/migrations.md (keep the two the same)
#   one update  the same V5, and V6 a single transactional `update contact set nickname = first_name`
#
# The server logs every lock wait longer than deadlock_timeout (log_lock_waits), with the user
# in each line: the longest blocked API write is the longest wait of the application role's
# sessions, the migration's own waits are those of the owner role. Prints per variant the migrate
# wall time, the longest lock wait of an API write and of the migration, and what the writes saw
# in the load window (from shortly before the migrate to shortly after): requests/s, failures,
# p99 and max latency. The goal: no API write blocked for 1 s or more with batches.
#
#   ./mvnw package -Dmaven.test.skip && bench/backfill-bench.sh
#
# Environment (defaults in brackets): BENCH_ROWS [1000000], BENCH_CONNECTIONS [8],
# BENCH_THREADS [2], BENCH_WARMUP [15s of the same writes on the fresh service, not counted],
# BENCH_LOCK_LOG_MS [100, the deadlock_timeout: shorter waits are not logged], BENCH_JAVA /
# JAVA_HOME and BENCH_JAVA_OPTS for the JVMs. It needs the throwaway PostgreSQL of bench/lib.sh
# (it reads the server's log), so PGHOST must not be set.

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

rows=${BENCH_ROWS:-1000000}
connections=${BENCH_CONNECTIONS:-8}
threads=${BENCH_THREADS:-2}
warmup=${BENCH_WARMUP:-15s}
lock_log_ms=${BENCH_LOCK_LOG_MS:-100}
fixture_app=$BENCH_ROOT/target/fixture-app
goal_ms=1000

[[ -z ${PGHOST:-} ]] || bench_die "this benchmark reads the lock waits from the server's log: unset PGHOST to use a throwaway server"
bench_require wrk "apt-get install wrk"
bench_require curl "apt-get install curl"
bench_require openssl "apt-get install openssl"
bench_require_app
[[ -f $fixture_app/quarkus-run.jar ]] ||
    bench_die "no fixture build in $fixture_app (release N+1); run ./mvnw package -Dmaven.test.skip first (-DskipTests skips it)"

# Every lock wait longer than the deadlock_timeout is logged when it ends ("acquired ... after N
# ms") or goes on ("still waiting"), with the user and database of the session that waits.
BENCH_PG_CONF="log_lock_waits = on
deadlock_timeout = ${lock_log_ms}ms
log_line_prefix = '%m [%p] %u@%d '"
bench_pg_start
pg_version=$(psql -qAtX -c 'show server_version')
bench_roles_create

base=crm_bench_$(bench_random_word 8)
bench_db_create "$base"
BENCH_APP_LOG=$BENCH_TMP/migrate-base.log bench_app "$base" migrate ||
    bench_die "migrate failed: $(tail -n 20 "$BENCH_TMP/migrate-base.log")"
bench_log "loading $rows contacts"
started=$(bench_now_ms)
bench_contacts_load "$base" 1 "$rows"
bench_log "loaded in $(($(bench_now_ms) - started)) ms"

# Release N+1 of each variant: the fixture build run from a directory whose
# target/fixture-migrations holds V5 and V6.
next_release() {
    local dir=$BENCH_TMP/next-$1
    mkdir -p "$dir/target/fixture-migrations"
    cat > "$dir/target/fixture-migrations/V5__add_contact_nickname.sql" <<'SQL'
set lock_timeout = '${lock_timeout}';
alter table contact add column nickname varchar(50);
SQL
    if [[ $1 == batched ]]; then
        cat > "$dir/target/fixture-migrations/V6__backfill_contact_nickname.sql" <<'SQL'
do $$
declare
    last_id bigint := 0;
    max_id  bigint;
begin
    select coalesce(max(id), 0) into max_id from contact;
    while last_id < max_id loop
        perform set_config('lock_timeout', '2s', true); -- this batch's transaction only
        update contact set nickname = first_name
        where id > last_id and id <= last_id + 1000 and nickname is null;
        last_id := last_id + 1000;
        commit;
    end loop;
end
$$;
SQL
        echo 'executeInTransaction=false' > "$dir/target/fixture-migrations/V6__backfill_contact_nickname.sql.conf"
    else
        echo 'update contact set nickname = first_name;' > "$dir/target/fixture-migrations/V6__backfill_contact_nickname.sql"
    fi
    echo "$dir"
}

variants=(batched "one update")
declare -A dbs
# Each variant gets its own copy of the loaded database (nobody may be connected to the template).
for variant in "${variants[@]}"; do
    dbs[$variant]=crm_bench_$(bench_random_word 8)
    bench_log "copying the database for \"$variant\""
    bench_db_create "${dbs[$variant]}" "$base"
done

BENCH_TOKEN=$(bench_jwt_token 7200)
export BENCH_TOKEN

# run_wrk DURATION FIRST-POSITION TAG: the write load, in the foreground. (In the background wrk
# runs directly, so that $! names it and SIGINT reaches it: it then stops and reports.)
run_wrk() {
    wrk -t "$threads" -c "$connections" -d "$1" --timeout 600s -s "$BENCH_ROOT/bench/backfill.lua" \
        "http://127.0.0.1:$BENCH_PORT" -- "$rows" "$threads" "$2" "$3"
}

# lock_waits DATABASE USER SINCE-BYTE: the longest lock wait (ms) of USER's sessions in DATABASE
# in the server log from byte SINCE-BYTE on, from the "acquired ... after N ms" lines, and, after
# a space, how many logged waits never ended with "acquired" (cancelled, timed out or still on).
lock_waits() {
    tail -c +"$(($3 + 1))" "$BENCH_PG_LOG" | awk -v who="$2@$1" '
        $5 != who { next }
        / LOG: +process [0-9]+ still waiting for / { open[$8] = 1 }
        / LOG: +process [0-9]+ acquired / {
            delete open[$8]
            for (i = 1; i < NF; i++) if ($i == "after") ms = $(i + 1)
            if (ms > longest) longest = ms
        }
        END { n = 0; for (p in open) n++; printf "%.0f %d\n", longest, n }'
}

declare -A migrate_ms api_wait migration_wait unfinished writes_per_s failed p99 max left_null load_after
for variant in "${variants[@]}"; do
    db=${dbs[$variant]}
    tag=$(bench_random_word 6)
    bench_serve "$db"
    bench_log "$variant: warming up the service with $warmup of writes"
    run_wrk "$warmup" "$((rows / 2))" "warm$tag" > /dev/null
    log_start=$(stat -c %s "$BENCH_PG_LOG")
    bench_log "$variant: write load on, load average $(cut -d ' ' -f 1-3 /proc/loadavg)"
    wrk -t "$threads" -c "$connections" -d 3600s --timeout 600s -s "$BENCH_ROOT/bench/backfill.lua" \
        "http://127.0.0.1:$BENCH_PORT" -- "$rows" "$threads" 0 "$tag" > "$BENCH_TMP/wrk.out" 2>&1 &
    wrk_pid=$!
    bench_on_exit "kill $wrk_pid 2> /dev/null"
    sleep 5
    next=$(next_release "$variant")
    bench_log "$variant: release N+1 migrates"
    started=$(bench_now_ms)
    BENCH_APP_DIR=$fixture_app BENCH_APP_WORKDIR=$next BENCH_APP_LOG=$BENCH_TMP/migrate-$tag.log bench_app "$db" migrate ||
        bench_die "$variant: migrate failed: $(tail -n 20 "$BENCH_TMP/migrate-$tag.log")"
    migrate_ms[$variant]=$(($(bench_now_ms) - started))
    grep -q 'Migrated schema from version [45] to 6' "$BENCH_TMP/migrate-$tag.log" ||
        bench_die "$variant: migrate did not apply V5 and V6: $(tail -n 20 "$BENCH_TMP/migrate-$tag.log")"
    bench_log "$variant: migrated in ${migrate_ms[$variant]} ms: $(grep -c 'Retry [0-9]* of' "$BENCH_TMP/migrate-$tag.log" || true) lock-timeout retries"
    sleep 3
    kill -INT "$wrk_pid"
    wait "$wrk_pid" || true
    result=$(grep '^RESULT' "$BENCH_TMP/wrk.out") || bench_die "wrk failed: $(cat "$BENCH_TMP/wrk.out")"
    load_after[$variant]=$(cut -d ' ' -f 1-3 /proc/loadavg)
    bench_stop "$BENCH_SERVICE_PID"

    read -r longest open_waits < <(lock_waits "$db" "$BENCH_APP" "$log_start")
    api_wait[$variant]=$longest unfinished[$variant]=$open_waits
    read -r longest _ < <(lock_waits "$db" "$BENCH_OWNER" "$log_start")
    migration_wait[$variant]=$longest
    writes_per_s[$variant]=$(awk -v r="$(bench_field "$result" requests)" -v s="$(bench_field "$result" seconds)" 'BEGIN { printf "%.0f", r / s }')
    failed[$variant]=$(($(bench_field "$result" errors) + $(bench_field "$result" timeouts) + $(bench_field "$result" non2xx)))
    p99[$variant]=$(awk -v v="$(bench_field "$result" p99_ms)" 'BEGIN { printf "%.0f", v }')
    max[$variant]=$(awk -v v="$(bench_field "$result" max_ms)" 'BEGIN { printf "%.0f", v }')
    # Seeded rows the backfill missed (rows POSTed after it ended are null by design: N does not
    # write the column).
    left_null[$variant]=$(psql -qAtX -d "$db" -c "select count(*) from contact where id <= $rows and nickname is null")
    bench_log "$variant: $result; longest API lock wait ${api_wait[$variant]} ms"
done

# ms_or_less MS: a logged wait, or "< N" when none was long enough to be logged.
ms_or_less() {
    if (($1 == 0)); then echo "< $lock_log_ms"; else echo "$1"; fi
}

{
    printf '\ncrm-service: backfill of contact.nickname on %s contacts while the API writes\n' "$rows"
    printf 'write load: wrk -t%s -c%s, PUT over the whole table (If-Match "0") and one POST in ten, from 5 s\n' "$threads" "$connections"
    printf 'before the migrate to 3 s after it; PostgreSQL %s, lock waits logged from %s ms\n' "$pg_version" "$lock_log_ms"
    printf 'machine: %s\n' "$(bench_machine)"
    for variant in "${variants[@]}"; do
        printf 'load average after "%s": %s\n' "$variant" "${load_after[$variant]}"
    done
    printf '\n%-11s %11s %19s %16s %9s %7s %16s   %s\n' variant "migrate s" "longest API wait ms" \
        "migration wait ms" "writes/s" failed "p99 / max ms" "goal API wait < $goal_ms ms"
    for variant in "${variants[@]}"; do
        verdict=met
        ((api_wait[$variant] < goal_ms && unfinished[$variant] == 0)) || verdict=MISSED
        [[ $variant == batched ]] || verdict="(contrast)"
        printf '%-11s %11s %19s %16s %9s %7s %16s   %s\n' "$variant" \
            "$(awk -v ms="${migrate_ms[$variant]}" 'BEGIN { printf "%.1f", ms / 1000 }')" \
            "$(ms_or_less "${api_wait[$variant]}")" "$(ms_or_less "${migration_wait[$variant]}")" \
            "${writes_per_s[$variant]}" "${failed[$variant]}" "${p99[$variant]} / ${max[$variant]}" "$verdict"
    done
    for variant in "${variants[@]}"; do
        ((unfinished[$variant] == 0)) ||
            printf 'NOTE: "%s": %s API lock waits never ended with the lock (cancelled or failed)\n' "$variant" "${unfinished[$variant]}"
        ((left_null[$variant] == 0)) ||
            printf 'NOTE: "%s": %s seeded contacts still have no nickname\n' "$variant" "${left_null[$variant]}"
    done
    bench_load_note
}
