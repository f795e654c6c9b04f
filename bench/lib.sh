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

# Starts the throwaway server, or checks the given one, and exports PGHOST, PGPORT, PGUSER.
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
    local port
    for _ in 1 2 3; do
        port=$(bench_free_port)
        if "${run_as[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 30 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c max_connections=200" \
            start > /dev/null; then
            bench_on_exit "${run_as[*]} '$bin/pg_ctl' -D '$data' -m immediate stop > /dev/null"
            export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGDATABASE=postgres
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

# bench_db_create NAME: an empty database owned by the owner role, dropped at exit.
bench_db_create() {
    psql -qX -v ON_ERROR_STOP=1 -c "create database $1 owner $BENCH_OWNER" > /dev/null
    psql -qX -v ON_ERROR_STOP=1 -d "$1" -c "alter schema public owner to $BENCH_OWNER" > /dev/null
    bench_on_exit "psql -qX -c 'drop database if exists $1 with (force)' > /dev/null"
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
# BENCH_JAVA_OPTS, in the environment a deployment gives it. Output goes to BENCH_APP_LOG; the
# process id (the JVM's: the subshell execs it) to $BENCH_TMP/app.pid.
bench_app() {
    local db=$1 java
    shift
    java=$(bench_java)
    local -a env_vars
    mapfile -t env_vars < <(bench_app_env "$db")
    # shellcheck disable=SC2086 # BENCH_JAVA_OPTS holds several options
    (cd "$BENCH_APP_DIR" && echo "$BASHPID" > "$BENCH_TMP/app.pid" && exec env "${env_vars[@]}" "$java" ${BENCH_JAVA_OPTS:-} -jar quarkus-run.jar "$@") \
        >> "${BENCH_APP_LOG:-/dev/null}" 2>&1
}

# bench_serve DATABASE: starts `serve` in the background on free ports, stops it at exit, and
# waits until it is ready (readiness is on the management interface). Sets BENCH_PORT (the API),
# BENCH_SERVICE_PID, and BENCH_APP_LOG to $BENCH_TMP/serve.log.
bench_serve() {
    local management_port
    BENCH_PORT=$(bench_free_port)
    management_port=$(bench_free_port)
    BENCH_APP_LOG=$BENCH_TMP/serve.log
    QUARKUS_HTTP_PORT=$BENCH_PORT QUARKUS_MANAGEMENT_PORT=$management_port bench_app "$1" serve &
    bench_on_exit "bench_stop \$(cat '$BENCH_TMP/app.pid')"
    local ready=http://127.0.0.1:$management_port/q/health/ready
    for _ in $(seq 120); do
        curl -fsS -o /dev/null "$ready" 2> /dev/null && break
        [[ ! -f $BENCH_TMP/app.pid ]] || kill -0 "$(cat "$BENCH_TMP/app.pid")" 2> /dev/null ||
            bench_die "the service stopped: $(tail -n 20 "$BENCH_APP_LOG")"
        sleep 0.5
    done
    curl -fsS -o /dev/null "$ready" || bench_die "the service did not become ready in 60 s: $(tail -n 20 "$BENCH_APP_LOG")"
    BENCH_SERVICE_PID=$(cat "$BENCH_TMP/app.pid")
    bench_log "service ready on port $BENCH_PORT (pid $BENCH_SERVICE_PID)"
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
