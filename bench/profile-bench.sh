#!/usr/bin/env bash
# Where the service's time goes under api-bench.sh's load. Starts `serve` on a database with
# contacts, warms it up as api-bench.sh does, then for each workload (GET by id, POST) samples the
# JVM's CPU with async-profiler while wrk runs, and prints:
# - requests/s, p50 and p99;
# - per request, the CPU time of the JVM and of PostgreSQL, and how long the JVM's threads waited
#   for a CPU while runnable (schedstat): on a saturated machine that wait, not the CPU time, makes
#   the tail latency;
# - the GC pauses in the window;
# - the JVM's CPU samples by component: the innermost frame outside the JDK, by package.
# The collapsed stacks stay in BENCH_PROFILE_DIR for flame graphs (flamegraph.pl, speedscope, or
# any tool that reads the collapsed format).
#
#   ./mvnw package -DskipTests && bench/profile-bench.sh
#
# Environment (defaults in brackets): BENCH_CONTACTS [10000], BENCH_DURATION [15s],
# BENCH_CONNECTIONS [16], BENCH_THREADS [2], BENCH_WARMUP [60s per workload], BENCH_JAVA /
# JAVA_HOME and BENCH_JAVA_OPTS for the service's JVM, BENCH_PROFILER (a linux-x64
# libasyncProfiler.so; by default ./mvnw fetches tools.profiler:async-profiler from Maven Central),
# BENCH_PROFILE_DIR [target/profile], and the PostgreSQL choice of bench/lib.sh.

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

bench_api_load
profile_dir=${BENCH_PROFILE_DIR:-$BENCH_ROOT/target/profile}
async_profiler_version=4.2

bench_require wrk "apt-get install wrk"
bench_require curl "apt-get install curl"
bench_require openssl "apt-get install openssl"
bench_require unzip "apt-get install unzip"
bench_require_app
jcmd=$(dirname "$(bench_java)")/jcmd
[[ -x $jcmd ]] || bench_die "no jcmd next to $(bench_java): set BENCH_JAVA to a JDK's java"

profiler=${BENCH_PROFILER:-}
if [[ -z $profiler ]]; then
    "$BENCH_ROOT/mvnw" -q -f "$BENCH_ROOT/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        -Dartifact="tools.profiler:async-profiler:$async_profiler_version" -DoutputDirectory="$BENCH_TMP" ||
        bench_die "could not fetch async-profiler $async_profiler_version; set BENCH_PROFILER to a libasyncProfiler.so"
    unzip -q -d "$BENCH_TMP" "$BENCH_TMP/async-profiler-$async_profiler_version.jar" linux-x64/libasyncProfiler.so
    profiler=$BENCH_TMP/linux-x64/libasyncProfiler.so
fi
mkdir -p "$profile_dir"

bench_api_setup "$contacts"
gc_log=$BENCH_TMP/gc.log
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -XX:+EnableDynamicAgentLoading -Xlog:gc:file=$gc_log" bench_serve "$BENCH_DB"
pid=$BENCH_SERVICE_PID

run_wrk() {
    bench_wrk_contacts "$BENCH_PORT" "$1" "$2" "$1-$(bench_random_word 8)" "$contacts" "$threads" "$connections"
}

# Nanoseconds the JVM's threads have waited, runnable, for a CPU so far.
cpu_wait_ns() {
    cat "/proc/$pid/task/"*/schedstat 2> /dev/null | awk '{ s += $2 } END { printf "%.0f", s }'
}

# components COLLAPSED: the share of samples per component, largest first.
components() {
    awk '
        function component(frame) {
            if (frame ~ /^com\/acme\//) return "crm-service (com.acme)"
            if (frame ~ /^org\/hibernate\/validator\//) return "Hibernate Validator"
            if (frame ~ /^org\/hibernate\//) return "Hibernate ORM"
            if (frame ~ /^org\/postgresql\//) return "pgjdbc"
            if (frame ~ /^io\/agroal\//) return "Agroal (pool)"
            if (frame ~ /^(com\/arjuna|io\/quarkus\/narayana|org\/jboss\/tm)\//) return "Narayana (transactions)"
            if (frame ~ /^com\/fasterxml\/jackson\//) return "Jackson"
            if (frame ~ /^(org\/jboss\/resteasy\/reactive|io\/quarkus\/resteasy\/reactive|jakarta\/ws\/rs)\//) return "Quarkus REST"
            if (frame ~ /^(io\/smallrye\/jwt|org\/jose4j|io\/quarkus\/smallrye\/jwt)\//) return "SmallRye JWT"
            if (frame ~ /^(io\/vertx|io\/netty)\//) return "Vert.x and Netty"
            if (frame ~ /^org\/jboss\/threads\//) return "worker pool (JBoss Threads)"
            if (frame ~ /^com\/github\/benmanes\/caffeine\//) return "Caffeine (token cache)"
            if (frame ~ /^(io\/micrometer|io\/quarkus\/micrometer)\//) return "Micrometer"
            if (frame ~ /^(org\/jboss\/logmanager|org\/jboss\/logging|io\/quarkus\/logging)\//) return "logging"
            if (frame ~ /^(io\/quarkus\/arc|io\/smallrye\/mutiny|io\/smallrye\/context)\//) return "ArC, Mutiny, context propagation"
            if (frame ~ /^io\/quarkus\//) return "Quarkus, other"
            return ""
        }
        {
            samples = $NF
            total += samples
            n = split(substr($0, 1, length($0) - length($NF) - 1), frames, ";")
            name = ""
            if ($0 ~ /CompileBroker::/) name = "JIT compiler"
            else if ($0 ~ /(VMThread::|WorkerThread::run)/) name = "GC and VM operations"
            for (i = n; i >= 1 && name == ""; i--) {
                frame = frames[i]
                if (frame !~ /\// || frame ~ /^(java|jdk|sun)\//) continue
                name = component(frame)
                if (name == "") name = "other libraries"
            }
            if (name == "") name = ($0 ~ /(^|;)(java|jdk|sun)\// ? "the JDK alone" : "JVM and kernel, no Java frame")
            by[name] += samples
            # async-profiler marks kernel frames: the sample was taken in a system call.
            if (frames[n] ~ /_\[k\]$/) { kernel[name] += samples; kernel_total += samples }
        }
        END {
            for (name in by) printf "%.1f\t%s\t%.1f\n", 100 * by[name] / total, name, 100 * kernel[name] / total
            printf "-1\t%d samples, %.1f %% of them in the kernel\n", total, 100 * kernel_total / total
        }' "$1" | sort -t $'\t' -k 1,1nr |
        awk -F '\t' '$1 < 0 { print "  (" $2 ")"; next } { printf "  %-34s %5.1f %%   in the kernel %5.1f %%\n", $2, $1, $3 }'
}

declare -A report
for workload in get post; do
    bench_log "$workload: warming up for $warmup"
    run_wrk "$workload" "$warmup" > /dev/null
    out=$profile_dir/$workload.collapsed
    gc_from=$(stat -c %s "$gc_log")
    cpu_before=$(bench_cpu_mark "$pid")
    wait_before=$(cpu_wait_ns)
    # jcmd would split the agent's options at "=" unless they are quoted.
    "$jcmd" "$pid" JVMTI.agent_load "$profiler" '"start,event=cpu,interval=1ms"' > /dev/null
    bench_log "$workload: profiling for $duration"
    result=$(run_wrk "$workload" "$duration")
    "$jcmd" "$pid" JVMTI.agent_load "$profiler" "\"stop,file=$out,collapsed\"" > /dev/null
    [[ -s $out ]] || bench_die "async-profiler wrote no $out: $(tail -n 5 "$BENCH_APP_LOG")"
    wait_after=$(cpu_wait_ns)
    requests=$(bench_field "$result" requests)
    read -r jvm_us pg_us < <(bench_cpu_per_request "$cpu_before" "$(bench_cpu_mark "$pid")" "$requests")
    report[$workload]=$(
        awk -v n="$requests" -v s="$(bench_field "$result" seconds)" -v p50="$(bench_field "$result" p50_ms)" \
            -v p99="$(bench_field "$result" p99_ms)" -v jvm="$jvm_us" \
            -v pg="$pg_us" -v waited=$((wait_after - wait_before)) \
            'BEGIN { printf "%.0f requests/s, p50 %s ms, p99 %s ms\nper request: JVM CPU %s µs, PostgreSQL CPU %s µs, JVM threads waiting for a CPU %.0f µs\n",
                     n / s, p50, p99, jvm, pg, waited / 1000 / n }'
        tail -c +"$((gc_from + 1))" "$gc_log" | awk '/Pause/ { sub(/ms$/, "", $NF); n++; t += $NF; if ($NF > m) m = $NF }
            END { printf "GC pauses: %d, %.1f ms in all, longest %.1f ms\n", n, t, m }'
        echo "JVM CPU samples by component (the innermost frame outside the JDK), stacks in $out:"
        components "$out"
    )
done

printf '\ncrm-service profile: %s contacts, wrk -t%s -c%s -d%s after %s warm-up per workload\n' \
    "$contacts" "$threads" "$connections" "$duration" "$warmup"
printf 'machine: %s\nservice JVM options: %s\n' "$(bench_machine)" "${BENCH_JAVA_OPTS:-(none)}"
for workload in get post; do
    printf '\n%s\n%s\n' "${workload^^}" "${report[$workload]}"
done
bench_load_note
