#!/usr/bin/env bash
# Replaces target/quarkus-app/app.aot, which `-Paot` records from the application's start only,
# with a cache trained on a whole `migrate` of an empty database (JEP 514's one-step training):
# it then also holds the classes of the JDBC driver, Flyway's migration path and the shutdown,
# which the schema commands load on every run.
#
#   JAVA_HOME=/path/to/jdk-25 ./mvnw package -DskipTests -Paot && bench/train-aot-cache.sh
#
# Use the same JDK build to train and to run. The PostgreSQL choice is described in bench/lib.sh.

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

bench_require_app
[[ -f $BENCH_APP_DIR/app.aot ]] ||
    bench_die "no AOT build in $BENCH_APP_DIR; build with JDK 25: ./mvnw package -DskipTests -Paot"
"$(bench_java)" -XX:AOTMode=off -version > /dev/null 2>&1 ||
    bench_die "$(bench_java) has no AOT cache (JDK 24 or newer needed); set BENCH_JAVA or JAVA_HOME"
bench_pg_start
bench_roles_create
db=crm_train_$(bench_random_word 8)
bench_db_create "$db"

export BENCH_APP_LOG=$BENCH_TMP/train.log
rm -f "$BENCH_APP_DIR/app.aot.new"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -XX:AOTCacheOutput=app.aot.new" bench_app "$db" migrate ||
    bench_die "the training run failed: $(tail -n 20 "$BENCH_APP_LOG")"
[[ -s $BENCH_APP_DIR/app.aot.new ]] || bench_die "no cache was written: $(tail -n 20 "$BENCH_APP_LOG")"
mv "$BENCH_APP_DIR/app.aot.new" "$BENCH_APP_DIR/app.aot"
bench_log "trained $BENCH_APP_DIR/app.aot ($(du -h "$BENCH_APP_DIR/app.aot" | cut -f 1)) on migrate with $("$(bench_java)" -version 2>&1 | head -n 1)"
