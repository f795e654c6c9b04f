#!/usr/bin/env bash
# Records JDK 25's AOT caches, app.aot, of both builds the way the images' build records theirs
# (src/main/docker/Dockerfile.jvm): for the API build (target/quarkus-app), a training run of
# `serve` with no database and no token issuer, asked the same few requests, then stopped; for the
# migrate-only build (target/migrate-only/quarkus-app), a `migrate` that finds no database and
# gives up at once, with the migrate image's JVM options. The JVM writes the cache as it exits. The
# benchmarks then measure what the images run:
#
#   ./mvnw package -DskipTests
#   BENCH_JAVA=/path/to/jdk-25/bin/java bench/train-aot-cache.sh
#   BENCH_JAVA=/path/to/jdk-25/bin/java BENCH_JAVA_OPTS=-XX:AOTCache=app.aot bench/api-bench.sh
#
# The cache belongs to this build and to the JDK build that recorded it: record it again after
# either changes.

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

bench_require_app
BENCH_APP_DIR=$BENCH_MIGRATE_APP_DIR bench_require_app
bench_require curl "apt-get install curl"
"$(bench_java)" -XX:AOTMode=off -version > /dev/null 2>&1 ||
    bench_die "$(bench_java) has no AOT cache (JDK 25 needed); set BENCH_JAVA or JAVA_HOME"

# recorded DIR: logs the cache written in DIR.
recorded() {
    bench_log "recorded $1/app.aot ($(du -h "$1/app.aot" | cut -f 1)) with $("$(bench_java)" -version 2>&1 | head -n 1)"
}

http=http://127.0.0.1:$(bench_free_port)
management=http://127.0.0.1:$(bench_free_port)
rm -f "$BENCH_APP_DIR/app.aot"
# Nothing listens on 127.0.0.1:1: the training needs no database and no token issuer.
(cd "$BENCH_APP_DIR" && exec env QUARKUS_HTTP_PORT="${http##*:}" QUARKUS_MANAGEMENT_PORT="${management##*:}" \
    QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:1/training \
    QUARKUS_DATASOURCE_USERNAME=training QUARKUS_DATASOURCE_PASSWORD=training \
    MP_JWT_VERIFY_ISSUER=https://training.invalid MP_JWT_VERIFY_PUBLICKEY_LOCATION=http://127.0.0.1:1/jwks \
    QUARKUS_SHUTDOWN_DELAY_ENABLED=false \
    "$(bench_java)" -XX:AOTCacheOutput=app.aot -jar quarkus-run.jar serve) > "$BENCH_TMP/train.log" 2>&1 &
pid=$!
until curl -fsS -o /dev/null "$management/q/health/live" 2> /dev/null; do
    kill -0 "$pid" 2> /dev/null || bench_die "the training run stopped: $(tail -n 20 "$BENCH_TMP/train.log")"
    sleep 0.2
done
curl -sS -o /dev/null "$http/api/contacts"
curl -sS -o /dev/null -H 'Authorization: Bearer not.a.token' "$http/api/contacts/1"
curl -sS -o /dev/null "$management/q/health/ready"
kill "$pid"
wait "$pid" || true
[[ -s $BENCH_APP_DIR/app.aot ]] || bench_die "no cache was written: $(tail -n 20 "$BENCH_TMP/train.log")"
recorded "$BENCH_APP_DIR"

rm -f "$BENCH_MIGRATE_APP_DIR/app.aot"
rc=0
(cd "$BENCH_MIGRATE_APP_DIR" && exec env QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:1/training \
    QUARKUS_DATASOURCE_USERNAME=training QUARKUS_DATASOURCE_PASSWORD=training CRM_MIGRATION_CONNECT_DEADLINE=0s \
    "$(bench_java)" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:AOTCacheOutput=app.aot -jar quarkus-run.jar migrate) \
    > "$BENCH_TMP/train-migrate.log" 2>&1 || rc=$?
((rc == 3)) && [[ -s $BENCH_MIGRATE_APP_DIR/app.aot ]] ||
    bench_die "the migrate training exited $rc without a cache: $(tail -n 20 "$BENCH_TMP/train-migrate.log")"
recorded "$BENCH_MIGRATE_APP_DIR"
