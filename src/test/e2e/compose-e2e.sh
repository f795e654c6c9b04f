#!/usr/bin/env bash
# End-to-end test of the two images and docker-compose.yml on a real container engine.
#
#   src/test/e2e/compose-e2e.sh
#
# Needs: docker with `docker compose` (or podman behind the Docker API), a JDK 17+ for ./mvnw,
# curl and jq. It packages the application, builds both images, starts the stack under its own
# compose project name, random host ports and throwaway passwords (a developer's own stack and
# .env are left alone), checks the start order, the API, persistence across a restart, that a
# second migrate is a no-op and that a failing migration stops the rollout without touching the
# data. Everything it created is removed at the end, also when a check fails.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

readonly PROJECT="crm-e2e-$$"
readonly BROKEN_APP_DIR=target/e2e-broken
readonly BROKEN_IMAGE=crm-service-migrate:e2e-broken
readonly WAIT_TIMEOUT=180
export CRM_IMAGE_TAG=e2e

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
    if ((rc != 0)); then
        [[ ${CHECKS[*]:-} == *FAIL* ]] || CHECKS+=("FAIL  error while $CURRENT (exit $rc)")
        say "logs of project $PROJECT"
        compose logs --no-color --tail=40 2>&1 | tail -n 150
    fi
    say "teardown"
    compose down -v --remove-orphans >/dev/null 2>&1
    docker image rm "crm-service-api:$CRM_IMAGE_TAG" "crm-service-migrate:$CRM_IMAGE_TAG" "$BROKEN_IMAGE" \
        >/dev/null 2>&1
    rm -rf "$WORK" "$BROKEN_APP_DIR"
    say "summary ($((SECONDS - STARTED)) s)"
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
for tool in docker curl jq; do
    command -v "$tool" >/dev/null || { echo "compose-e2e.sh needs $tool on the PATH" >&2; exit 1; }
done

compose() { docker compose -p "$PROJECT" "$@"; }

free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 40000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

secret() { head -c 18 /dev/urandom | base64 | tr -d '/+='; }

# Throwaway credentials and ports: the environment wins over a developer's .env.
export POSTGRES_PASSWORD CRM_OWNER_PASSWORD CRM_APP_PASSWORD CRM_HTTP_PORT CRM_DB_PORT
POSTGRES_PASSWORD=$(secret)
CRM_OWNER_PASSWORD=$(secret)
CRM_APP_PASSWORD=$(secret)
CRM_HTTP_PORT=$(free_port)
CRM_DB_PORT=$(free_port)
readonly BASE="http://127.0.0.1:$CRM_HTTP_PORT"

container() { echo "$PROJECT-$1-1"; }
state() { docker inspect --format "{{.State.$2}}" "$(container "$1")"; }
epoch_ns() { date -u -d "$1" +%s%N; }

sql() { compose exec -T postgres psql -U postgres -d crm -v ON_ERROR_STOP=1 -tA -c "$1"; }
schema_version() { sql "select version from flyway_schema_history where success and version is not null order by installed_rank desc limit 1"; }
history_rows() { sql "select count(*) from flyway_schema_history"; }
contact_rows() { sql "select count(*) from contact"; }

# http METHOD PATH [CURL ARGS...]: sets STATUS; the body is in $WORK/body, headers in $WORK/headers.
http() {
    local method=$1 path=$2
    shift 2
    STATUS=$(curl -sS -X "$method" -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$@" "$BASE$path")
}
header() { grep -i "^$1:" "$WORK/headers" | tail -n1 | cut -d' ' -f2- | tr -d '\r'; }
body() { jq -r "$1" "$WORK/body"; }
json() { printf '%s' "$1" | jq -c .; }

is() { [[ $1 == "$2" ]] || { printf '    expected [%s], got [%s]\n' "$2" "$1" >&2; return 1; }; }

# ---- 1. build ------------------------------------------------------------------------------------
CURRENT="building"
say "package the application (./mvnw package) and a variant with an extra Flyway location"
./mvnw -B -q package -DskipTests
# quarkus.flyway.locations is fixed at build time, so the broken-migration scenario needs its own
# build: the same code with a filesystem location added, where the test mounts a failing migration.
./mvnw -B -q package -DskipTests \
    -Dquarkus.flyway.locations=db/migration,filesystem:/deployments/e2e-migrations \
    -Dquarkus.package.output-directory="${BROKEN_APP_DIR#target/}/target/quarkus-app"

say "build the api and migrate images (one Dockerfile, two targets)"
compose build --quiet
docker build -q -f src/main/docker/Dockerfile.jvm --target migrate -t "$BROKEN_IMAGE" "$BROKEN_APP_DIR" >/dev/null
layers() { docker image inspect --format '{{json .RootFS.Layers}}' "$1"; }
check "api and migrate images share every filesystem layer" \
    is "$(layers "crm-service-api:$CRM_IMAGE_TAG")" "$(layers "crm-service-migrate:$CRM_IMAGE_TAG")"
check "api image runs 'serve' as user 185" \
    is "$(docker image inspect --format '{{json .Config.Cmd}} {{.Config.User}}' "crm-service-api:$CRM_IMAGE_TAG")" '["serve"] 185'
check "migrate image runs 'migrate' as user 185" \
    is "$(docker image inspect --format '{{json .Config.Cmd}} {{.Config.User}}' "crm-service-migrate:$CRM_IMAGE_TAG")" '["migrate"] 185'

# ---- 2. start ------------------------------------------------------------------------------------
CURRENT="starting the stack"
say "docker compose up -d --wait (project $PROJECT, API on port $CRM_HTTP_PORT)"
compose up -d --wait --wait-timeout "$WAIT_TIMEOUT"

migrate_ran_before_api() {
    local finished started
    finished=$(state migrate FinishedAt)
    started=$(state api StartedAt)
    printf '    migrate finished %s, api started %s\n' "$finished" "$started"
    (($(epoch_ns "$finished") <= $(epoch_ns "$started")))
}
check "migrate exited 0" is "$(state migrate ExitCode)" 0
check "migrate finished before api started (engine timestamps)" migrate_ran_before_api
check "api is healthy" is "$(state api Health.Status)" healthy
check "containers run with a read-only root filesystem" \
    is "$(docker inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$(container api)" "$(container migrate)" | sort -u)" true

# ---- 3. the API ----------------------------------------------------------------------------------
CURRENT="exercising the API"
say "API: create, read, update with ETag, delete, bad request"
ada=$(json '{"firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","phone":"+44 20 0000","company":"Analytical Engines"}')
http POST /api/contacts -H 'Content-Type: application/json' -d "$ada"
check "POST /api/contacts returns 201" is "$STATUS" 201
location=$(header Location)
check "201 carries a Location under /api/contacts/" is "${location%/*}" "$BASE/api/contacts"
ada_path=${location#"$BASE"}

http GET "$ada_path"
check "GET returns 200" is "$STATUS" 200
check "GET returns the stored email" is "$(body .email)" ada@example.com
etag=$(header ETag)
check "GET returns an ETag" test -n "$etag"

ada_renamed=$(json '{"firstName":"Ada","lastName":"King","email":"ada@example.com","phone":"+44 20 0000","company":"Analytical Engines"}')
http PUT "$ada_path" -H 'Content-Type: application/json' -H "If-Match: $etag" -d "$ada_renamed"
check "PUT with the current ETag returns 200" is "$STATUS" 200
check "PUT returns the new last name" is "$(body .lastName)" King
check "PUT returns a new ETag" test "$(header ETag)" != "$etag"
http PUT "$ada_path" -H 'Content-Type: application/json' -H "If-Match: $etag" -d "$ada"
check "PUT with a stale ETag returns 412" is "$STATUS" 412

http POST /api/contacts -H 'Content-Type: application/json' -d '{"firstName":"","lastName":"X","email":"not-an-email"}'
check "POST with invalid fields returns 400" is "$STATUS" 400
check "400 is application/problem+json" is "$(header Content-Type | cut -d';' -f1)" application/problem+json

http DELETE "$ada_path"
check "DELETE returns 204" is "$STATUS" 204
http GET "$ada_path"
check "GET after DELETE returns 404" is "$STATUS" 404

grace=$(json '{"firstName":"Grace","lastName":"Hopper","email":"grace@example.com"}')
http POST /api/contacts -H 'Content-Type: application/json' -d "$grace"
check "POST a contact to keep across restarts returns 201" is "$STATUS" 201
grace_path=$(header Location)
grace_path=${grace_path#"$BASE"}

# ---- 4. restart without -v -----------------------------------------------------------------------
CURRENT="restarting the stack"
say "docker compose down (volume kept), then up again"
compose down
compose up -d --wait --wait-timeout "$WAIT_TIMEOUT"
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
compose down
if compose -f docker-compose.yml -f src/test/e2e/broken-migration.yml up -d --wait --wait-timeout "$WAIT_TIMEOUT"; then
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
compose up -d --wait --wait-timeout "$WAIT_TIMEOUT"
http GET "$grace_path"
check "the API serves the kept contact after the failed rollout" is "$STATUS" 200

CURRENT="done"
