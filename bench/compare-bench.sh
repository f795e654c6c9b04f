#!/usr/bin/env bash
# Compares builds or JVM options of `serve` on a noisy machine: every variant runs at once against
# one database, each warmed up alone, then short wrk bursts of GET and POST (the workloads of
# api-bench.sh) rotate through them for several rounds, so that what else loads the machine hits
# every variant alike. Prints per variant the medians of requests/s and of the JVM's CPU time per
# request (from /proc), and both as ratios to the first variant; the CPU time moves less than the
# rate when the machine is busy.
#
#   ./mvnw package -DskipTests && cp -r target/quarkus-app /tmp/a     # and /tmp/b from another build
#   BENCH_VARIANTS='a /tmp/a -XX:+UseSerialGC
#   b /tmp/b -XX:+UseSerialGC
#   parallel /tmp/a -XX:+UseParallelGC' bench/compare-bench.sh
#
# BENCH_VARIANTS: one line per variant, "name app-directory JVM-options...". Application settings
# go in as system properties (-Dquarkus.datasource.jdbc.max-size=16). An app directory with an
# app.aot (bench/train-aot-cache.sh) starts from it. Environment (defaults in brackets):
# BENCH_ROUNDS [6], BENCH_BURST [6s], BENCH_WARMUP [60s per workload and variant], BENCH_CONTACTS
# [10000], BENCH_CONNECTIONS [16], BENCH_THREADS [2], BENCH_JAVA / JAVA_HOME, and the PostgreSQL
# choice of bench/lib.sh. Each variant keeps up to its pool's size of connections open.

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

[[ -n ${BENCH_VARIANTS:-} ]] || bench_die "set BENCH_VARIANTS: one line per variant, \"name app-directory JVM-options...\""
rounds=${BENCH_ROUNDS:-6}
burst=${BENCH_BURST:-6s}
bench_api_load

bench_require wrk "apt-get install wrk"
bench_require curl "apt-get install curl"
bench_require openssl "apt-get install openssl"
names=()
declare -A dirs opts
while read -r name dir options; do
    [[ -n $name ]] || continue
    [[ -f $dir/quarkus-run.jar ]] || bench_die "variant $name: no quarkus-run.jar in $dir"
    names+=("$name")
    dirs[$name]=$(realpath "$dir")
    opts[$name]=$options
done <<< "$BENCH_VARIANTS"

BENCH_APP_DIR=${dirs[${names[0]}]} bench_api_setup "$contacts"

# run_wrk PORT WORKLOAD DURATION: prints the RESULT line of contacts.lua.
run_wrk() {
    bench_wrk_contacts "$1" "$2" "$3" "$2-$(bench_random_word 8)" "$contacts" "$threads" "$connections"
}

cpu_ticks() {
    awk '{ print $14 + $15 }' "/proc/$1/stat"
}

declare -A port pid
for name in "${names[@]}"; do
    app_cache=
    [[ ! -f ${dirs[$name]}/app.aot ]] || app_cache=-XX:AOTCache=app.aot
    BENCH_APP_DIR=${dirs[$name]} BENCH_JAVA_OPTS="$app_cache ${opts[$name]}" bench_serve "$BENCH_DB"
    port[$name]=$BENCH_PORT
    pid[$name]=$BENCH_SERVICE_PID
    bench_log "$name: warming up for $warmup per workload"
    run_wrk "$BENCH_PORT" get "$warmup" > /dev/null
    run_wrk "$BENCH_PORT" post "$warmup" > /dev/null
done

samples=$BENCH_TMP/samples
ticks_per_second=$(getconf CLK_TCK)
for round in $(seq "$rounds"); do
    bench_log "round $round of $rounds, load $(cut -d ' ' -f 1 /proc/loadavg)"
    for workload in get post; do
        for k in "${!names[@]}"; do
            # A different variant goes first in each round.
            name=${names[$(((k + round) % ${#names[@]}))]}
            before=$(cpu_ticks "${pid[$name]}")
            result=$(run_wrk "${port[$name]}" "$workload" "$burst")
            after=$(cpu_ticks "${pid[$name]}")
            awk -v name="$name" -v workload="$workload" -v n="$(bench_field "$result" requests)" \
                -v s="$(bench_field "$result" seconds)" -v ticks=$((after - before)) -v hz="$ticks_per_second" \
                -v failed=$(($(bench_field "$result" errors) + $(bench_field "$result" non2xx))) \
                'BEGIN { printf "%s %s %.1f %.1f %d\n", name, workload, n / s, ticks * 1e6 / hz / n, failed }' >> "$samples"
        done
    done
done

# median_of NAME WORKLOAD COLUMN: the median of one column of a variant's samples.
median_of() {
    # shellcheck disable=SC2046 # one number per word
    bench_median $(awk -v name="$1" -v workload="$2" -v column="$3" '$1 == name && $2 == workload { print $column }' "$samples")
}

{
    printf '\ncrm-service variants side by side: %s rounds of %s wrk bursts (-t%s -c%s), %s contacts\n' \
        "$rounds" "$burst" "$threads" "$connections" "$contacts"
    printf 'machine: %s\n' "$(bench_machine)"
    printf '%-12s %-5s %12s %8s %14s %8s %8s %s\n' variant work "req/s" "x ${names[0]}" "CPU µs/req" "x ${names[0]}" failed "peak RSS"
    for workload in get post; do
        first_rate=$(median_of "${names[0]}" "$workload" 3)
        first_cpu=$(median_of "${names[0]}" "$workload" 4)
        for name in "${names[@]}"; do
            rate=$(median_of "$name" "$workload" 3)
            cpu=$(median_of "$name" "$workload" 4)
            printf '%-12s %-5s %12.0f %8s %14.0f %8s %8s %s MiB\n' "$name" "$workload" "$rate" \
                "$(bench_ratio "$rate" "$first_rate")" "$cpu" "$(bench_ratio "$cpu" "$first_cpu")" \
                "$(awk -v name="$name" -v workload="$workload" '$1 == name && $2 == workload { s += $5 } END { print s + 0 }' "$samples")" \
                $(($(awk '/VmHWM/ { print $2 }' "/proc/${pid[$name]}/status") / 1024))
        done
    done
    bench_load_note
}
