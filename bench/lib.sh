# shellcheck shell=bash
# Shared by the benchmark scripts (sourced, not run): tool checks, a throwaway PostgreSQL or a
# given one, databases set up like production (an owner role and an application role), the
# packaged application, and small statistics helpers.
#
# PostgreSQL: with PGHOST set, the benchmarks use that server through the standard libpq
# variables (PGHOST, PGPORT, PGUSER, PGPASSWORD); the user needs CREATEDB and CREATEROLE, and
# everything the run creates is dropped at exit. Without PGHOST they start a throwaway server
# from the PostgreSQL binaries in BENCH_PG_BIN (default: the newest /usr/lib/postgresql/*/bin),
# on a free port of 127.0.0.1 with trust authentication, and delete it at exit.

set -euo pipefail

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_APP_DIR=${BENCH_APP_DIR:-$BENCH_ROOT/target/quarkus-app}
# The migrate-only build, which the migrate image ships: migrate-bench.sh times the schema commands on it.
BENCH_MIGRATE_APP_DIR=${BENCH_MIGRATE_APP_DIR:-$BENCH_ROOT/target/migrate-only/quarkus-app}
# The native executable, when the benchmarks should also run it (docs/native.md builds it): the
# scripts then measure both flavours in the same run. bench_app runs the one BENCH_FLAVOUR names.
if [[ -n ${BENCH_NATIVE:-} ]]; then
    [[ -x $BENCH_NATIVE ]] || { printf 'bench: BENCH_NATIVE=%s is not an executable\n' "$BENCH_NATIVE" >&2; exit 1; }
    BENCH_NATIVE=$(realpath "$BENCH_NATIVE")
fi
BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench.XXXXXX")
BENCH_CLEANUPS=()

bench_log() {
    printf '[bench] %s\n' "$*" >&2
}

bench_die() {
    printf 'bench: %s\n' "$*" >&2
    exit 1
}

# Runs the registered clean-ups, newest first, then removes the temporary directory.
bench_cleanup() {
    local i
    for ((i = ${#BENCH_CLEANUPS[@]} - 1; i >= 0; i--)); do
        eval "${BENCH_CLEANUPS[i]}" || true
    done
    rm -rf "$BENCH_TMP"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

bench_on_exit() {
    BENCH_CLEANUPS+=("$1")
}

# bench_require TOOL HOW-TO-INSTALL
bench_require() {
    command -v "$1" > /dev/null || bench_die "$1 is not installed; install it with: $2"
}

bench_require_app() {
    [[ -f $BENCH_APP_DIR/quarkus-run.jar ]] ||
        bench_die "no packaged application in $BENCH_APP_DIR; run ./mvnw package -DskipTests first"
}

# The Java used to run the application: BENCH_JAVA, else JAVA_HOME's, else the one on the PATH.
bench_java() {
    if [[ -n ${BENCH_JAVA:-} ]]; then
        echo "$BENCH_JAVA"
    elif [[ -n ${JAVA_HOME:-} ]]; then
        echo "$JAVA_HOME/bin/java"
    else
        command -v java || bench_die "no java found; set BENCH_JAVA or JAVA_HOME"
    fi
}

bench_random_word() {
    tr -dc 'a-z0-9' < /dev/urandom | head -c "${1:-12}" || true
}

bench_port_is_free() {
    ! (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null
}

bench_free_port() {
    local port
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 40000))
        if bench_port_is_free "$port"; then
            echo "$port"
            return
        fi
    done
    bench_die "found no free port"
}

# Starts the throwaway server, or checks the given one, and exports PGHOST, PGPORT, PGUSER. The
# throwaway server gets the postgresql.conf lines in BENCH_PG_CONF, and BENCH_PG_LOG names its log.
bench_pg_start() {
    bench_require psql "apt-get install postgresql-client"
    if [[ -n ${PGHOST:-} ]]; then
        [[ $PGHOST != /* ]] || bench_die "PGHOST must name a TCP host: the application connects with JDBC"
        bench_log "using the PostgreSQL server at $PGHOST:${PGPORT:-5432}"
        export PGPORT=${PGPORT:-5432} PGDATABASE=${PGDATABASE:-postgres}
        psql -qAtc 'select 1' > /dev/null || bench_die "cannot connect to $PGHOST:$PGPORT as ${PGUSER:-${USER:-?}}"
        return
    fi
    local bin=${BENCH_PG_BIN:-$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
    [[ -x $bin/initdb && -x $bin/pg_ctl ]] ||
        bench_die "no PostgreSQL server binaries found; set PGHOST to use a server, or install one (apt-get install postgresql) or set BENCH_PG_BIN"
    local data=$BENCH_TMP/pgdata run_as=()
    mkdir "$data"
    # PostgreSQL refuses to run as root.
    if [[ $(id -u) == 0 ]]; then
        run_as=(runuser -u nobody --)
        chmod 755 "$BENCH_TMP"
        chown nobody "$data"
    fi
    "${run_as[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust --no-sync > "$BENCH_TMP/initdb.log" 2>&1 ||
        bench_die "initdb failed: $(tail -n 5 "$BENCH_TMP/initdb.log")"
    # Settings a benchmark asks for (BENCH_PG_CONF, postgresql.conf lines), such as lock-wait logging.
    [[ -z ${BENCH_PG_CONF:-} ]] || printf '%s\n' "$BENCH_PG_CONF" >> "$data/postgresql.conf"
    local port
    for _ in 1 2 3; do
        port=$(bench_free_port)
        if "${run_as[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c max_connections=200" \
            start > /dev/null; then
            bench_on_exit "${run_as[*]} '$bin/pg_ctl' -D '$data' -m immediate stop > /dev/null"
            export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGDATABASE=postgres
            # shellcheck disable=SC2034 # read by the scripts
            BENCH_PG_LOG=$data/server.log
            BENCH_PG_PID=$(head -n 1 "$data/postmaster.pid")
            unset PGPASSWORD
            bench_log "started a throwaway PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
            return
        fi
    done
    bench_die "PostgreSQL did not start: $(tail -n 5 "$data/server.log")"
}

# Creates the roles of one run, as in production: an owner that runs the migrations and an
# application role with row access only. Sets BENCH_OWNER, BENCH_APP and their passwords.
bench_roles_create() {
    local suffix
    suffix=$(bench_random_word 8)
    BENCH_OWNER=crm_bench_owner_$suffix BENCH_APP=crm_bench_app_$suffix
    BENCH_OWNER_PASSWORD=$(bench_random_word 24) BENCH_APP_PASSWORD=$(bench_random_word 24)
    psql -qX -v ON_ERROR_STOP=1 -c "create role $BENCH_OWNER login password '$BENCH_OWNER_PASSWORD'" \
        -c "create role $BENCH_APP login password '$BENCH_APP_PASSWORD'" \
        -c "grant $BENCH_OWNER to current_user" > /dev/null
    bench_on_exit "psql -qX -c 'drop role if exists $BENCH_OWNER' -c 'drop role if exists $BENCH_APP' > /dev/null"
}

# bench_db_create NAME [TEMPLATE]: an empty database owned by the owner role, or a copy of the
# database TEMPLATE (nobody may be connected to it), dropped at exit.
bench_db_create() {
    psql -qX -v ON_ERROR_STOP=1 -c "create database $1 owner $BENCH_OWNER${2:+ template $2}" > /dev/null
    psql -qX -v ON_ERROR_STOP=1 -d "$1" -c "alter schema public owner to $BENCH_OWNER" > /dev/null
    bench_on_exit "psql -qX -c 'drop database if exists $1 with (force)' > /dev/null"
}

# bench_contacts_load DATABASE FIRST LAST: adds the contacts with ids FIRST to LAST, in one
# statement, as the application role would have written them (version 0): 30 first names, 60 last
# names, unique emails on 1,000 domains, a company for 3 in 4 of them, one creation time per 20 s
# (a few out of order). Then vacuum analyze, as autovacuum would have done by then: statistics,
# the visibility map, GIN pending lists merged.
bench_contacts_load() {
    psql -qX -v ON_ERROR_STOP=1 -d "$1" > /dev/null <<SQL
insert into contact (id, first_name, last_name, email, phone, company, created_at, updated_at, version)
select i, f, l, lower(f) || '.' || lower(l) || '.' || i || '@example' || (i % 1000) || '.com',
       '+41 44 ' || lpad(i::text, 7, '0'),
       case when i % 4 = 0 then null else 'Company ' || (i * 7 % 20000) end,
       timestamptz '2024-01-01' + i * interval '20 seconds' - (i % 13) * interval '1 minute', now(), 0
from (select i,
             (array['Ada','Alan','Grace','Edsger','Barbara','Donald','Ken','Dennis','Linus','Margaret',
                    'John','Mary','Tim','Frances','Niklaus','Leslie','Radia','Whitfield','Adele','Jean',
                    'Sophie','Karen','Hedy','Annie','Katherine','Dorothy','Evelyn','Lynn','Carol','Shafi'])[1 + i % 30] as f,
             (array['Lovelace','Turing','Hopper','Dijkstra','Liskov','Knuth','Thompson','Ritchie','Torvalds','Hamilton',
                    'Backus','Wirth','Lamport','Perlman','Diffie','Goldberg','Berners-Lee','Allen','Bartik','Wilson',
                    'Johnson','Sparck','Lamarr','Easley','Vaughan','Shaw','Conway','Kay','Goldwasser','Hellman',
                    'Stroustrup','Gosling','Pike','Kernighan','Cerf','Kahn','Engelbart','Hoare','Milner','Rivest',
                    'Shamir','Adleman','Yao','Valiant','Karp','Cook','Tarjan','Hopcroft','Ullman','Aho',
                    'Sutherland','Bachman','Codd','Gray','Stonebraker','Hennessy','Patterson','Metcalfe','Hinton','LeCun'])[1 + (i::bigint * 7919) % 60] as l
      from generate_series($2, $3) as i) as generated;
select setval('contact_seq', $3 + 100);
vacuum analyze contact;
SQL
}

# bench_api_load: sets contacts, duration, connections, threads (wrk's) and warmup, the load that
# api-bench.sh, profile-bench.sh and compare-bench.sh put on the API, from BENCH_CONTACTS,
# BENCH_DURATION, BENCH_CONNECTIONS, BENCH_THREADS and BENCH_WARMUP (defaults: api-bench.sh).
bench_api_load() {
    contacts=${BENCH_CONTACTS:-10000}
    duration=${BENCH_DURATION:-15s}
    connections=${BENCH_CONNECTIONS:-16}
    threads=${BENCH_THREADS:-2}
    warmup=${BENCH_WARMUP:-60s}
}

# bench_api_setup CONTACTS: the PostgreSQL server, the run's roles, its bearer token (exported as
# BENCH_TOKEN, which contacts.lua sends) and a database that BENCH_APP_DIR's build migrated, with
# contacts 1..CONTACTS. Sets BENCH_DB.
bench_api_setup() {
    bench_pg_start
    bench_roles_create
    BENCH_TOKEN=$(bench_jwt_token)
    export BENCH_TOKEN
    BENCH_DB=crm_bench_$(bench_random_word 8)
    bench_db_create "$BENCH_DB"
    BENCH_APP_LOG=$BENCH_TMP/migrate.log bench_app "$BENCH_DB" migrate ||
        bench_die "migrate failed: $(tail -n 20 "$BENCH_TMP/migrate.log")"
    bench_contacts_load "$BENCH_DB" 1 "$1"
}

# bench_app_env DATABASE: the environment the application gets, as a deployment sets it.
bench_app_env() {
    echo "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:$PGPORT/$1"
    echo "QUARKUS_DATASOURCE_USERNAME=$BENCH_APP"
    echo "QUARKUS_DATASOURCE_PASSWORD=$BENCH_APP_PASSWORD"
    echo "QUARKUS_FLYWAY_USERNAME=$BENCH_OWNER"
    echo "QUARKUS_FLYWAY_PASSWORD=$BENCH_OWNER_PASSWORD"
    echo "CRM_DB_APP_ROLE=$BENCH_APP"
    echo "MP_JWT_VERIFY_PUBLICKEY_LOCATION=$(bench_jwt_key)"
    echo "MP_JWT_VERIFY_ISSUER=$BENCH_JWT_ISSUER"
}

# The benchmarks' own token issuer: an RSA key made for the run, whose public half the service
# trusts (bench_app_env), and the tokens it signs.
BENCH_JWT_ISSUER=https://bench.crm-service.invalid

# bench_jwt_key: the path of the issuer's public key (PEM), made on first use.
bench_jwt_key() {
    if [[ ! -f $BENCH_TMP/jwt-public.pem ]]; then
        bench_require openssl "apt-get install openssl"
        openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$BENCH_TMP/jwt-private.pem" 2> /dev/null
        openssl pkey -in "$BENCH_TMP/jwt-private.pem" -pubout -out "$BENCH_TMP/jwt-public.pem"
    fi
    echo "$BENCH_TMP/jwt-public.pem"
}

bench_base64url() {
    openssl base64 -A | tr '+/' '-_' | tr -d '='
}

# bench_jwt_token [SECONDS]: a bearer token (RS256) with both scopes, valid for SECONDS [3600],
# as the service's identity provider would issue it.
bench_jwt_token() {
    bench_jwt_key > /dev/null
    local now header payload
    now=$(date +%s)
    header=$(printf '{"alg":"RS256","typ":"JWT"}' | bench_base64url)
    payload=$(printf '{"iss":"%s","aud":"crm-service","sub":"bench","scope":"contacts:read contacts:write","iat":%d,"exp":%d}' \
        "$BENCH_JWT_ISSUER" "$now" "$((now + ${1:-3600}))" | bench_base64url)
    printf '%s.%s.%s' "$header" "$payload" \
        "$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$BENCH_TMP/jwt-private.pem" -binary | bench_base64url)"
}

# bench_app DATABASE [COMMAND...]: runs the packaged application in the foreground, from its
# own directory (an AOT cache or AppCDS archive records the class path as it was there), with
# BENCH_JAVA_OPTS, in the environment a deployment gives it; with BENCH_FLAVOUR=native, the
# executable BENCH_NATIVE instead. With BENCH_APP_WORKDIR, the jar runs from that directory
# instead (the fixture build reads the migrations in target/fixture-migrations under it). Output
# goes to BENCH_APP_LOG; the process id (the service's: the subshell execs it) to $BENCH_TMP/app.pid.
bench_app() {
    local db=$1
    shift
    local -a env_vars command
    mapfile -t env_vars < <(bench_app_env "$db")
    if [[ ${BENCH_FLAVOUR:-jvm} == native ]]; then
        command=("$BENCH_NATIVE")
    elif [[ -n ${BENCH_APP_WORKDIR:-} ]]; then
        # shellcheck disable=SC2206 # BENCH_JAVA_OPTS holds several options
        command=("$(bench_java)" ${BENCH_JAVA_OPTS:-} -jar "$BENCH_APP_DIR/quarkus-run.jar")
    else
        # shellcheck disable=SC2206 # BENCH_JAVA_OPTS holds several options
        command=("$(bench_java)" ${BENCH_JAVA_OPTS:-} -jar quarkus-run.jar)
    fi
    (cd "${BENCH_APP_WORKDIR:-$BENCH_APP_DIR}" && echo "$BASHPID" > "$BENCH_TMP/app.pid" && exec env "${env_vars[@]}" "${command[@]}" "$@") \
        >> "${BENCH_APP_LOG:-/dev/null}" 2>&1
}

# bench_serve DATABASE: starts `serve` (of BENCH_FLAVOUR) in the background on free ports, stops it
# at exit, and waits until it is ready (readiness is on the management interface). Sets BENCH_PORT
# (the API), BENCH_SERVICE_PID, BENCH_READY_MS (process start to the first ready answer) and
# BENCH_APP_LOG to $BENCH_TMP/serve.log.
bench_serve() {
    local management_port started ready
    BENCH_PORT=$(bench_free_port)
    management_port=$(bench_free_port)
    BENCH_APP_LOG=$BENCH_TMP/serve.log
    rm -f "$BENCH_TMP/app.pid"
    started=$(bench_now_ms)
    QUARKUS_HTTP_PORT=$BENCH_PORT QUARKUS_MANAGEMENT_PORT=$management_port bench_app "$1" serve &
    ready=http://127.0.0.1:$management_port/q/health/ready
    # Polled every 10 ms: a native start takes well under 0.1 s.
    until curl -fsS -o /dev/null "$ready" 2> /dev/null; do
        (($(bench_now_ms) - started < 60000)) || bench_die "the service did not become ready in 60 s: $(tail -n 20 "$BENCH_APP_LOG")"
        [[ ! -f $BENCH_TMP/app.pid ]] || kill -0 "$(cat "$BENCH_TMP/app.pid")" 2> /dev/null ||
            bench_die "the service stopped: $(tail -n 20 "$BENCH_APP_LOG")"
        sleep 0.01
    done
    BENCH_READY_MS=$(($(bench_now_ms) - started))
    BENCH_SERVICE_PID=$(cat "$BENCH_TMP/app.pid")
    bench_on_exit "bench_stop $BENCH_SERVICE_PID"
    bench_log "service ready on port $BENCH_PORT (pid $BENCH_SERVICE_PID) in $BENCH_READY_MS ms"
}

# bench_stop PID: stops a process and waits up to 10 s for it to end.
bench_stop() {
    kill "$1" 2> /dev/null || return 0
    for _ in $(seq 100); do
        kill -0 "$1" 2> /dev/null || return 0
        sleep 0.1
    done
    kill -9 "$1" 2> /dev/null || true
}

# bench_session_pids PID: the processes of the session PID leads (the FastAPI peer runs several),
# or PID alone.
bench_session_pids() {
    local pids
    pids=$(ps -o pid= -s "$1")
    echo "${pids:-$1}"
}

# bench_cpu_ticks PID...: the CPU time, in clock ticks, that the processes and their ended children
# have used so far.
bench_cpu_ticks() {
    local pid total=0
    for pid in "$@"; do
        total=$((total + $(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pid/stat" 2> /dev/null || echo 0)))
    done
    echo "$total"
}

# bench_cpu_mark PID: the CPU ticks used so far by the session PID leads and by the throwaway
# server's processes, as "SERVICE DATABASE" (DATABASE "-" for a server given by PGHOST, whose
# processes this machine may not see). bench_cpu_per_request compares two marks.
bench_cpu_mark() {
    local database=-
    # shellcheck disable=SC2046 # one process id per word
    [[ -z ${BENCH_PG_PID:-} ]] || database=$(bench_cpu_ticks "$BENCH_PG_PID" $(ps -o pid= --ppid "$BENCH_PG_PID"))
    # shellcheck disable=SC2046 # one process id per word
    echo "$(bench_cpu_ticks $(bench_session_pids "$1")) $database"
}

# bench_cpu_per_request BEFORE AFTER REQUESTS: the CPU microseconds per request between two marks
# of bench_cpu_mark, as "SERVICE DATABASE" (DATABASE "-" without the database's figure).
bench_cpu_per_request() {
    awk -v before="$1" -v after="$2" -v n="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN {
        split(before, b, " "); split(after, a, " ")
        per_request = n == 0 ? 0 : 1e6 / hz / n
        printf "%.0f %s\n", (a[1] - b[1]) * per_request, b[2] == "-" ? "-" : sprintf("%.0f", (a[2] - b[2]) * per_request)
    }'
}

bench_now_ms() {
    echo $(($(date +%s%N) / 1000000))
}

# bench_median NUMBER...: the median, rounded (the mean of the two middle values for an even count).
bench_median() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%.0f\n", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bench_ratio A B [DECIMALS]
bench_ratio() {
    awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { printf "%.*f", d, b == 0 ? 0 : a / b }'
}

# Says so when other processes compete for the CPU: the figures are then low and noisy.
bench_load_note() {
    local load
    load=$(cut -d ' ' -f 1 /proc/loadavg)
    if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
        echo "NOTE: load average $load on $(nproc) cores: other processes compete for the CPU, so these figures are low and noisy; re-run on an idle machine"
    fi
}

bench_machine() {
    printf '%s, %s cores, load average %s, %s\n' "$(uname -sr)" "$(nproc)" \
        "$(cut -d ' ' -f 1-3 /proc/loadavg)" "$("$(bench_java)" -version 2>&1 | head -n 1)"
}

# bench_field LINE NAME: the value of NAME=value in the RESULT line a wrk script printed.
bench_field() {
    sed -E "s/.* $2=([^ ]+).*/\1/" <<< "$1"
}

# bench_wrk_contacts PORT WORKLOAD DURATION TAG CONTACTS THREADS CONNECTIONS: one wrk run of
# bench/contacts.lua (WORKLOAD get or post) against the service on PORT; prints its RESULT line.
bench_wrk_contacts() {
    local out
    out=$(wrk -t "$6" -c "$7" -d "$3" -s "$BENCH_ROOT/bench/contacts.lua" "http://127.0.0.1:$1" -- "$2" "$5" "$4")
    grep '^RESULT' <<< "$out" || bench_die "wrk failed: $out"
}
