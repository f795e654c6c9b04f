#!/usr/bin/env bash
# Every benchmark in one run, with the JVM set up as the images run it: records JDK 25's AOT caches
# of both builds (train-aot-cache.sh), then runs
#   api-bench.sh       with the API image's options (the cache, the serial collector and the heap
#                      it has in its 512 MiB container: 128 MiB)
#   profile-bench.sh   with the API image's options: where the time of a GET and of a POST goes
#   migrate-bench.sh   with the migrate image's build and options (the cache, C1 alone, the serial
#                      collector)
#   scale-bench.sh     with the API image's options
#   backfill-bench.sh  with the API image's options (the cache of this build does not fit the
#                      fixture build it runs as release N+1: that one starts without a cache)
# and prints their summaries one after another. With BENCH_PEERS the API and the schema commands
# are measured against the peers in the same run. About 35 minutes.
#
#   ./mvnw package -Dmaven.test.skip     # builds the fixture release too, which backfill-bench.sh needs
#   BENCH_JAVA=/path/to/jdk-25/bin/java BENCH_PEERS=/path/to/peers bench/all.sh
#
# Environment: what the scripts take (bench/lib.sh and each script's header), except
# BENCH_JAVA_OPTS, which this script sets per benchmark.

set -euo pipefail
bench=$(dirname "$0")
export BENCH_APP_DIR=${BENCH_APP_DIR:-$(cd "$bench/.." && pwd)/target/quarkus-app}
export BENCH_MIGRATE_APP_DIR=${BENCH_MIGRATE_APP_DIR:-$(cd "$bench/.." && pwd)/target/migrate-only/quarkus-app}
api_options="-XX:AOTCache=app.aot -XX:+UseSerialGC -Xmx128m"
migrate_options="-XX:AOTCache=app.aot -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

# migrate-bench.sh times the Flyway CLI the peers build: say so before the half-hour starts, not in it.
if [[ -n ${BENCH_PEERS:-} ]] && ! compgen -G "$BENCH_PEERS/flyway/cli/target/lib/flyway-commandline-*.jar" > /dev/null; then
    echo "bench: build the peers' Flyway CLI first: $BENCH_PEERS/flyway/build.sh" >&2
    exit 1
fi
"$bench/train-aot-cache.sh"
BENCH_JAVA_OPTS=$api_options "$bench/api-bench.sh"
BENCH_JAVA_OPTS=$api_options "$bench/profile-bench.sh"
BENCH_JAVA_OPTS=$migrate_options "$bench/migrate-bench.sh"
BENCH_JAVA_OPTS=$api_options "$bench/scale-bench.sh"
BENCH_JAVA_OPTS=$api_options "$bench/backfill-bench.sh"
