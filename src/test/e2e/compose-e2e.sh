#!/usr/bin/env bash
# End-to-end test of the images, docker-compose.yml and docker-compose.prod.yml on a real
# container engine.
#
#   src/test/e2e/compose-e2e.sh            # the JVM images (./mvnw package)
#   E2E_NATIVE=1 src/test/e2e/compose-e2e.sh   # the native images (target/*-runner must exist)
#
# Needs: docker with `docker compose` (or podman behind the Docker API), a JDK 17+ for ./mvnw,
# curl, jq and openssl. It packages the application, builds the images of two releases (N, and
# N+1 with an extra Flyway location), starts the stack under its own compose project name, random
# host ports, throwaway passwords and a throwaway token issuer (a developer's own stack and .env
# are left alone), and checks: the start order and its time; the API with real tokens; that only
# the API port is published, on 127.0.0.1; persistence across a restart; a no-op second migrate;
# release N+1 migrating while N serves; a failing migration that stops the rollout without
# touching the data; and, with docker-compose.prod.yml, a backup before every migrate, its
# retention, and the restore that undoes a harmful release. Everything it created is removed at
# the end, also when a check fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

readonly PROJECT="crm-e2e-$$"
readonly NEXT_APP_DIR=target/e2e-next
readonly WAIT_TIMEOUT=180
export COMPOSE_PROJECT_NAME=$PROJECT
export CRM_IMAGE_TAG=e2e
if [[ ${E2E_NATIVE:-0} == 1 ]]; then
    readonly DOCKERFILE=src/main/docker/Dockerfile.native FLAVOUR=native
    export E2E_WORKDIR=/work
else
    readonly DOCKERFILE=src/main/docker/Dockerfile.jvm FLAVOUR=jvm
    export E2E_WORKDIR=/deployments
fi

WORK=$(mktemp -d)
STARTED=$SECONDS
CHECKS=()
CURRENT="setting up"

# ---- reporting and teardown ----------------------------------------------------------------------
say() { printf '\n=== [%3d s] %s\n' "$((SECONDS - STARTED))" "$*"; }
pass() {
    CHECKS+=("PASS  $1")
    printf '  PASS  %s\n' "$1"
}
fail() {
    CHECKS+=("FAIL  $1")
    printf '  FAIL  %s\n' "$1" >&2
    exit 1
}
# check DESCRIPTION COMMAND...: one assertion; the first failing one ends the run.
check() {
    local what=$1
    shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}

finish() {
    local rc=$?
    set +e
    # docker-compose.prod.yml requires CRM_VERSION, which a run that failed before step 8 has not set:
    # without it, the logs and the teardown below would fail and leave the stack running.
    export CRM_VERSION=${CRM_VERSION:-$CRM_IMAGE_TAG}
    [[ -n ${LOAD_PID:-} ]] && kill "$LOAD_PID" 2>/dev/null
    if ((rc != 0)); then
        [[ ${CHECKS[*]:-} == *FAIL* ]] || CHECKS+=("FAIL  error while $CURRENT (exit $rc)")
        say "logs of project $PROJECT"
        prod logs --no-color --tail=40 2>&1 | tail -n 150
    fi
    say "teardown"
    prod --profile restore down -v --remove-orphans >/dev/null 2>&1
    docker image rm "crm-service-api:$CRM_IMAGE_TAG" "crm-service-migrate:$CRM_IMAGE_TAG" \
        crm-service-api:e2e-next crm-service-migrate:e2e-next >/dev/null 2>&1
    rm -rf "$WORK" "$NEXT_APP_DIR"
    say "summary ($FLAVOUR images, $((SECONDS - STARTED)) s)"
    printf '  %s\n' "${CHECKS[@]}"
    if ((rc == 0)); then
        printf '\nE2E PASS: %d checks\n' "${#CHECKS[@]}"
    else
        printf '\nE2E FAIL\n'
    fi
    exit "$rc"
}
trap finish EXIT

# ---- helpers -----------------------------------------------------------------------------------
for tool in docker curl jq openssl; do
    command -v "$tool" >/dev/null || { echo "compose-e2e.sh needs $tool on the PATH" >&2; exit 1; }
done

compose() { docker compose "$@"; }
prod() { docker compose -f docker-compose.yml -f docker-compose.prod.yml "$@"; }
# next FOLDER ARGS...: release N+1 with the migrations in src/test/e2e/FOLDER; prod_next with backups.
next() { E2E_MIGRATIONS=$1 docker compose -f docker-compose.yml -f src/test/e2e/next-release.yml "${@:2}"; }
prod_next() {
    E2E_MIGRATIONS=$1 docker compose -f docker-compose.yml -f docker-compose.prod.yml -f src/test/e2e/next-release.yml "${@:2}"
}

free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 40000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

secret() { head -c 18 /dev/urandom | base64 | tr -d '/+='; }

# Throwaway credentials and ports: the environment wins over a developer's .env.
export POSTGRES_PASSWORD CRM_OWNER_PASSWORD CRM_APP_PASSWORD CRM_BACKUP_PASSWORD CRM_HTTP_PORT
POSTGRES_PASSWORD=$(secret)
CRM_OWNER_PASSWORD=$(secret)
CRM_APP_PASSWORD=$(secret)
CRM_BACKUP_PASSWORD=$(secret)
CRM_HTTP_PORT=$(free_port)
readonly BASE="http://127.0.0.1:$CRM_HTTP_PORT"

# A throwaway token issuer: an RSA key pair, and RS256 tokens signed with openssl.
export CRM_JWT_ISSUER=https://e2e-issuer.invalid CRM_JWT_KEY_DIR=$WORK/issuer CRM_JWT_KEYS=/etc/crm/trust/public.pem
mkdir -p "$CRM_JWT_KEY_DIR"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/issuer.key" 2>/dev/null
openssl pkey -in "$WORK/issuer.key" -pubout -out "$CRM_JWT_KEY_DIR/public.pem"
chmod 644 "$CRM_JWT_KEY_DIR/public.pem"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
# token SCOPES: a token of the issuer, valid for an hour.
token() {
    local header payload now
    now=$(date +%s)
    header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
    payload=$(printf '{"iss":"%s","aud":"crm-service","sub":"e2e-operator","iat":%d,"exp":%d,"scope":"%s"}' \
        "$CRM_JWT_ISSUER" "$now" $((now + 3600)) "$1" | b64url)
    printf '%s.%s.%s' "$header" "$payload" \
        "$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$WORK/issuer.key" -binary | b64url)"
}
TOKEN=$(token "contacts:read contacts:write")

container() { echo "$PROJECT-$1-1"; }
state() { docker inspect --format "{{.State.$2}}" "$(container "$1")"; }
epoch_ns() { date -u -d "$1" +%s%N; }

sql() { compose exec -T postgres psql -U postgres -d crm -v ON_ERROR_STOP=1 -tA -c "$1"; }
schema_version() { sql "select version from flyway_schema_history where success and version is not null order by installed_rank desc limit 1"; }
history() { sql "select installed_rank, version, checksum, success from flyway_schema_history order by installed_rank"; }
history_rows() { sql "select count(*) from flyway_schema_history"; }
contacts() { sql "select id, email, version from contact order by id"; }
contact_rows() { sql "select count(*) from contact"; }

# http METHOD PATH [CURL ARGS...]: sets STATUS, with the token unless the arguments bring an
# Authorization of their own; the body is in $WORK/body, the headers in $WORK/headers.
http() {
    local method=$1 path=$2
    shift 2
    local auth=(-H "Authorization: Bearer $TOKEN")
    [[ $* == *Authorization* ]] && auth=()
    STATUS=$(curl -sS -X "$method" -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "${auth[@]}" "$@" "$BASE$path")
}
header() { grep -i "^$1:" "$WORK/headers" | tail -n1 | cut -d' ' -f2- | tr -d '\r'; }
body() { jq -r "$1" "$WORK/body"; }
json() { printf '%s' "$1" | jq -c .; }
create_contact() { # create_contact FIRST LAST EMAIL: prints the contact's path
    http POST /api/contacts -H 'Content-Type: application/json' \
        -d "$(json "{\"firstName\":\"$1\",\"lastName\":\"$2\",\"email\":\"$3\"}")"
    [[ $STATUS == 201 ]] || { echo "POST answered $STATUS: $(cat "$WORK/body")" >&2; return 1; }
    local location
    location=$(header Location)
    echo "${location#"$BASE"}"
}

is() { [[ $1 == "$2" ]] || { printf '    expected [%s], got [%s]\n' "$2" "$1" >&2; return 1; }; }

# A client that reads a contact every 100 ms until stopped; counts the answers other than 200.
start_load() {
    : >"$WORK/load"
    (while :; do
        curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $TOKEN" "$BASE$1" >>"$WORK/load" || echo 000 >>"$WORK/load"
        sleep 0.1
    done) &
    LOAD_PID=$!
}
stop_load() {
    kill "$LOAD_PID" 2>/dev/null
    wait "$LOAD_PID" 2>/dev/null || true
    LOAD_PID=
    LOAD_SENT=$(wc -l <"$WORK/load")
    LOAD_FAILED=$(grep -vc '^200$' "$WORK/load" || true)
}

# ---- 1. build ------------------------------------------------------------------------------------
CURRENT="building"
if [[ $FLAVOUR == native ]]; then
    say "release N: the native executable in target/ (built before, see docs/native.md)"
    ls target/*-runner >/dev/null
else
    say "release N: package the application, its API and migrate-only builds (./mvnw package)"
    ./mvnw -B -q package -DskipTests
fi
# quarkus.flyway.locations is fixed at build time, so release N+1, with migrations the scenarios
# mount, is a build of its own: the same code with a filesystem location added.
say "release N+1: the same code with an extra Flyway location"
# The location is the fixture build's (pom.xml), relative to the working directory of the images.
if [[ $FLAVOUR == native ]]; then
    mkdir -p "$NEXT_APP_DIR/target"
    cp "${E2E_NEXT_RUNNER:?E2E_NATIVE=1 needs E2E_NEXT_RUNNER, the native fixture executable}" \
        "$NEXT_APP_DIR/target/crm-service-runner"
else
    for build in quarkus-app:-Dmigrate-only-build.skip migrate-only/quarkus-app:-Dmigrate-only; do
        ./mvnw -B -q package -DskipTests "${build#*:}" \
            -Dquarkus.flyway.locations=db/migration,filesystem:target/fixture-migrations \
            -Dquarkus.package.output-directory="$PWD/$NEXT_APP_DIR/target/${build%%:*}"
    done
fi

say "build the api and migrate images of both releases ($DOCKERFILE, two targets)"
for target in api migrate; do
    docker build -q -f "$DOCKERFILE" --target "$target" -t "crm-service-$target:$CRM_IMAGE_TAG" . >/dev/null
    docker build -q -f "$DOCKERFILE" --target "$target" -t "crm-service-$target:e2e-next" "$NEXT_APP_DIR" >/dev/null
done
if [[ $FLAVOUR == native ]]; then
    layers() { docker image inspect --format '{{json .RootFS.Layers}}' "$1"; }
    check "api and migrate images share every filesystem layer (one native executable)" \
        is "$(layers "crm-service-api:$CRM_IMAGE_TAG")" "$(layers "crm-service-migrate:$CRM_IMAGE_TAG")"
else
    rest_jars() { docker run --rm --entrypoint sh "$1" -c 'ls /deployments/lib/main | grep -c quarkus-rest || true'; }
    check "the migrate image holds the migrate-only build, without the REST extension" \
        is "$(rest_jars "crm-service-migrate:$CRM_IMAGE_TAG")" 0
    check "the api image holds the API build" test "$(rest_jars "crm-service-api:$CRM_IMAGE_TAG")" -gt 0
fi
check "api image runs 'serve' as user 185" \
    is "$(docker image inspect --format '{{json .Config.Cmd}} {{.Config.User}}' "crm-service-api:$CRM_IMAGE_TAG")" '["serve"] 185'
check "migrate image runs 'migrate' as user 185" \
    is "$(docker image inspect --format '{{json .Config.Cmd}} {{.Config.User}}' "crm-service-migrate:$CRM_IMAGE_TAG")" '["migrate"] 185'
# -XX:AOTMode=on turns a cache the JVM cannot use (another JDK, another class path) into an error.
starts_from_aot_cache() { docker run --rm -e JAVA_OPTS=-XX:AOTMode=on "$1" --help >/dev/null; }
if [[ $FLAVOUR == jvm ]]; then
    for target in api migrate; do
        check "the $target image starts from the AOT cache its build recorded" \
            starts_from_aot_cache "crm-service-$target:$CRM_IMAGE_TAG"
    done
fi

# ---- 2. start ------------------------------------------------------------------------------------
CURRENT="starting the stack"
say "docker compose up -d --wait (project $PROJECT, API on 127.0.0.1:$CRM_HTTP_PORT)"
up_started=$SECONDS
compose up -d --no-build --wait --wait-timeout "$WAIT_TIMEOUT"
printf '  docker compose up to a healthy API: %d s (PostgreSQL initialised, migrated, API started)\n' \
    $((SECONDS - up_started))

migrate_ran_before_api() {
    local finished started
    finished=$(state migrate FinishedAt)
    started=$(state api StartedAt)
    printf '    migrate finished %s, api started %s\n' "$finished" "$started"
    (($(epoch_ns "$finished") <= $(epoch_ns "$started")))
}
check "migrate exited 0" is "$(state migrate ExitCode)" 0
check "migrate finished before api started (engine timestamps)" migrate_ran_before_api
check "api is healthy (its health check asks the management port)" is "$(state api Health.Status)" healthy
check "containers run with a read-only root filesystem" \
    is "$(docker inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$(container api)" "$(container migrate)" | sort -u)" true
published() { docker inspect --format '{{json .NetworkSettings.Ports}}' "$(container "$1")" | jq -c '[to_entries[] | select(.value != null) | {port: .key, host: [.value[].HostIp] | unique}]'; }
check "only the API port is published, on 127.0.0.1" is "$(published api)" '[{"port":"8080/tcp","host":["127.0.0.1"]}]'
check "the database publishes no port" is "$(published postgres)" '[]'

# ---- 3. the API ----------------------------------------------------------------------------------
CURRENT="exercising the API"
say "API: tokens, create, read, update with ETag, delete, bad request"
http GET /api/contacts -H 'Authorization: Bearer not-a-token'
check "GET without a valid token answers 401" is "$STATUS" 401
check "401 challenges for a bearer token" is "$(header WWW-Authenticate | cut -c1-6)" Bearer
http GET /api/contacts -H "Authorization: Bearer $(token contacts:read)"
check "GET with a read-only token answers 200" is "$STATUS" 200
http POST /api/contacts -H "Authorization: Bearer $(token contacts:read)" -H 'Content-Type: application/json' \
    -d '{"firstName":"Read","lastName":"Only","email":"read-only@example.com"}'
check "POST with a read-only token answers 403" is "$STATUS" 403

ada=$(json '{"firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","phone":"+44 20 0000","company":"Analytical Engines"}')
http POST /api/contacts -H 'Content-Type: application/json' -d "$ada"
check "POST /api/contacts returns 201" is "$STATUS" 201
location=$(header Location)
check "201 carries a Location under /api/contacts/" is "${location%/*}" "$BASE/api/contacts"
ada_path=${location#"$BASE"}

http GET "$ada_path"
check "GET returns 200 and the stored email" is "$STATUS $(body .email)" "200 ada@example.com"
etag=$(header ETag)
check "GET returns an ETag" test -n "$etag"

ada_renamed=$(json '{"firstName":"Ada","lastName":"King","email":"ada@example.com","phone":"+44 20 0000","company":"Analytical Engines"}')
http PUT "$ada_path" -H 'Content-Type: application/json' -H "If-Match: $etag" -d "$ada_renamed"
check "PUT with the current ETag returns 200 and the new last name" is "$STATUS $(body .lastName)" "200 King"
check "PUT returns a new ETag" test "$(header ETag)" != "$etag"
http PUT "$ada_path" -H 'Content-Type: application/json' -H "If-Match: $etag" -d "$ada"
check "PUT with a stale ETag returns 412" is "$STATUS" 412

http POST /api/contacts -H 'Content-Type: application/json' -d '{"firstName":"","lastName":"X","email":"not-an-email"}'
check "POST with invalid fields returns 400 problem+json" \
    is "$STATUS $(header Content-Type | cut -d';' -f1)" "400 application/problem+json"

http DELETE "$ada_path"
check "DELETE without If-Match returns 428" is "$STATUS" 428
http GET "$ada_path"
http DELETE "$ada_path" -H "If-Match: $(header ETag)"
check "DELETE with the current ETag returns 204" is "$STATUS" 204
http GET "$ada_path"
check "GET after DELETE returns 404" is "$STATUS" 404

grace_path=$(create_contact Grace Hopper grace@example.com)
pass "POST a contact to keep across restarts and releases"

# ---- 4. restart without -v -----------------------------------------------------------------------
CURRENT="restarting the stack"
say "docker compose down (volume kept), then up again"
compose down
compose up -d --no-build --wait --wait-timeout "$WAIT_TIMEOUT"
check "migrate exited 0 again on the restart" is "$(state migrate ExitCode)" 0
http GET "$grace_path"
check "the contact survived the restart" is "$STATUS $(body .email)" "200 grace@example.com"

# ---- 5. migrate again ----------------------------------------------------------------------------
CURRENT="running migrate again"
say "docker compose run --rm migrate on an up-to-date schema"
version_before=$(schema_version)
history_before=$(history_rows)
check "docker compose run --rm migrate exits 0" compose run --rm migrate
check "the schema version is unchanged ($version_before)" is "$(schema_version)" "$version_before"
check "no row was added to flyway_schema_history" is "$(history_rows)" "$history_before"

# ---- 6. a failing migration ----------------------------------------------------------------------
CURRENT="running the broken-migration scenario"
say "a failing migration: migrate must fail, api must not start, data must be untouched"
contacts_before=$(contact_rows)
history_before=$(history_rows)
version_before=$(schema_version)
compose down
if next broken-migration up -d --no-build --wait --wait-timeout "$WAIT_TIMEOUT"; then
    fail "docker compose up fails when a migration fails"
fi
pass "docker compose up fails when a migration fails"
check "migrate exited non-zero" test "$(state migrate ExitCode)" -ne 0
check "migrate failed on the e2e migration, not on something else" \
    grep -q 'this migration fails on purpose' <(compose logs --no-color migrate 2>&1)
api_never_started() {
    ! docker inspect "$(container api)" >/dev/null 2>&1 ||
        [[ $(state api StartedAt) == 0001-01-01T00:00:00* ]]
}
check "api was never started" api_never_started
check "the schema version is still $version_before" is "$(schema_version)" "$version_before"
check "flyway_schema_history is unchanged" is "$(history_rows)" "$history_before"
check "the contact rows are unchanged ($contacts_before)" is "$(contact_rows)" "$contacts_before"
check "the failed migration left no schema change behind" \
    is "$(sql "select count(*) from information_schema.columns where table_name = 'contact' and column_name = 'e2e_broken_marker'")" 0

say "the released images start again on the same database"
compose up -d --no-build --wait --wait-timeout "$WAIT_TIMEOUT"
http GET "$grace_path"
check "the API serves the kept contact after the failed rollout" is "$STATUS" 200


# ---- 7. release N+1 while N serves ---------------------------------------------------------------
CURRENT="releasing N+1 while N serves"
say "release N+1: its migrate runs while release N serves, then its API replaces N's"
start_load "$grace_path"
sleep 1
check "release N+1's migrate (a column and a concurrent index) exits 0" next next-release run --rm migrate
sleep 1
stop_load
printf '    %d requests to release N during the migration, %d not 200\n' "$LOAD_SENT" "$LOAD_FAILED"
check "release N served every request during the migration" is "$LOAD_FAILED" 0
check "release N stayed healthy on the extended schema" is "$(state api Health.Status)" healthy
next next-release up -d --no-deps --no-build --wait --wait-timeout "$WAIT_TIMEOUT" api
check "release N+1's API is healthy on its schema" is "$(state api Health.Status)" healthy
check "the schema is at version 6" is "$(schema_version)" 6
http GET "$grace_path"
check "release N+1 serves the kept contact" is "$STATUS" 200

# ---- 8. production: backups, retention, restore --------------------------------------------------
CURRENT="running the production stack with backups"
say "docker-compose.prod.yml on a new database: a backup before every migrate"
compose down -v
export CRM_VERSION=$CRM_IMAGE_TAG CRM_BACKUP_KEEP=2
dumps() { prod run --rm --no-deps --entrypoint ls backup -1t /var/lib/postgresql | grep '\.dump$' || true; }
prod up -d --no-build --wait --wait-timeout "$WAIT_TIMEOUT"
check "backup exited 0 before migrate ran" is "$(state backup ExitCode) $(state migrate ExitCode)" "0 0"
backup_finished_before_migrate() { (($(epoch_ns "$(state backup FinishedAt)") <= $(epoch_ns "$(state migrate StartedAt)"))); }
check "the backup finished before migrate started (engine timestamps)" backup_finished_before_migrate
check "the backup logged its dump's size and time" \
    grep -qE "backup: crm-$CRM_VERSION-[0-9TZ]+\.dump done: [0-9]+ bytes in [0-9]+ s" <(prod logs --no-color backup 2>&1)
check "migrate named the dump that precedes it" \
    grep -qE "Migrating after backup crm-$CRM_VERSION-[0-9TZ]+\.dump" <(prod logs --no-color migrate 2>&1)
check "the backup ran as crm_backup, a member of pg_read_all_data only" \
    is "$(grep -c 'as crm_backup to' <(prod logs --no-color backup 2>&1)) $(sql "select string_agg(g.rolname, ',') from pg_auth_members m join pg_roles g on g.oid = m.roleid join pg_roles r on r.oid = m.member where r.rolname = 'crm_backup'")" "1 pg_read_all_data"

say "retention: the newest CRM_BACKUP_KEEP=2 dumps stay, and every dump of the release installed"
for release in r1 r2 r3 r4; do
    sleep 1
    CRM_VERSION=$release prod run --rm --no-deps backup >/dev/null
done
check "after 2 + 2 more backups exactly 2 dumps remain, r4's among them" \
    is "$(dumps | sed -E 's/-[0-9TZ]+\.dump$//' | sort | tr '\n' ' ')" "crm-r3 crm-r4 "

say "a harmful release: its migration deletes every contact, then fails"
grace_path=$(create_contact Grace Hopper grace@example.com)
create_contact Alan Turing alan@example.com >/dev/null
http PUT "$grace_path" -H 'Content-Type: application/json' -H "If-Match: \"0\"" \
    -d '{"firstName":"Grace","lastName":"Hopper","email":"grace@example.com","company":"Navy"}'
check "contacts in place, one changed to version 1" is "$STATUS $(body .version) $(contact_rows)" "200 1 2"
contacts_before=$(contacts)
history_before=$(history)
if CRM_VERSION=harmful prod_next harmful-migration up -d --no-build --wait --wait-timeout "$WAIT_TIMEOUT"; then
    fail "the harmful release's rollout fails"
fi
pass "the harmful release's rollout fails"
check "its backup ran, then its migrate failed" is "$(state backup ExitCode) $(state migrate ExitCode)" "0 1"
check "it deleted the contacts before it failed" is "$(contact_rows)" 0
harmful_dump=$(dumps | grep '^crm-harmful-' | head -n1)
check "the backup before the harmful release is there: $harmful_dump" test -n "$harmful_dump"

say "undo it in one command: src/main/docker/compose-restore.sh $harmful_dump"
check "compose-restore.sh restores, waits for the schema and starts release N's API" \
    src/main/docker/compose-restore.sh "$harmful_dump"
check "every contact is back, with its version" is "$(contacts)" "$contacts_before"
check "the schema history is as before the release" is "$(history)" "$history_before"
check "release N's API is healthy" is "$(state api Health.Status)" healthy
http GET "$grace_path"
check "the API serves the restored contact at version 1" is "$STATUS $(body .version) $(body .company)" "200 1 Navy"

CURRENT="done"
