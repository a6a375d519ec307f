#!/usr/bin/env bash
# Portal under load (issue 7): starts the application (partner-portal/target/stagedoor.jar, -Xmx256m) on its own
# port and its own embedded PostgreSQL (~/.stagedoor/portal-load-bench-postgres, port 54333; demo data on first
# start), then a load driver in another JVM on the same machine: 200 sessions, each logged in through the form as one
# of 20 partner users, load the portal's home page and run history in turn for a 10 s warm-up and 30 s measured
# (p50/p90/p99/max per page), then one session downloads a 50 MB run file, against reading it from disk (MB/s, ratio).
# The driver, the application and PostgreSQL share the machine's cores.
#   bench/portal-load-bench.sh
#   BENCH_THINK_MS=1000 bench/portal-load-bench.sh          (a pause between a session's pages: people reading)
#   BENCH_SESSIONS=50 BENCH_SECONDS=60 bench/portal-load-bench.sh
#   APP_JAVA_OPTS="-Xmx512m" bench/portal-load-bench.sh     (the application's JVM options)
set -euo pipefail
cd "$(dirname "$0")/.."
port="${BENCH_PORT:-18080}"
data="$HOME/.stagedoor/portal-load-bench-postgres"
reports="$HOME/.stagedoor/portal-load-bench-reports"
./mvnw -B -q -Pbench -pl partner-portal,bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

log="$(mktemp -t stagedoor-portal-load-XXXXXX.log)"
# shellcheck disable=SC2086 # APP_JAVA_OPTS holds several options
java ${APP_JAVA_OPTS:--Xmx256m} -jar partner-portal/target/stagedoor.jar --server.port="$port" \
    --stagedoor.embedded-database.data-directory="$data" --stagedoor.embedded-database.port=54333 \
    --stagedoor.reports.directory="$reports" --stagedoor.dev-mailbox.port=0 \
    --stagedoor.delivery.sender-enabled=false --stagedoor.delivery.portal-base-url="http://localhost:$port" \
    >"$log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true' EXIT
echo "Application starting (pid $app, log $log)"
for _ in $(seq 1 300); do
    if curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null; then
        break
    fi
    if ! kill -0 "$app" 2>/dev/null; then
        echo "The application stopped; its log: $log" >&2
        exit 1
    fi
    sleep 1
done
curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null || { echo "The application did not start; log: $log" >&2; exit 1; }

java -Xmx512m -cp "$classpath" \
    -Dbench.base-url="http://127.0.0.1:$port" \
    -Dbench.jdbc-url="jdbc:postgresql://localhost:54333/postgres" \
    -Dbench.reports="$reports" \
    -Dbench.sessions="${BENCH_SESSIONS:-200}" \
    -Dbench.users="${BENCH_USERS:-20}" \
    -Dbench.history="${BENCH_HISTORY:-200}" \
    -Dbench.warm-up-seconds="${BENCH_WARM_UP_SECONDS:-10}" \
    -Dbench.seconds="${BENCH_SECONDS:-30}" \
    -Dbench.think-ms="${BENCH_THINK_MS:-0}" \
    -Dbench.downloads="${BENCH_DOWNLOADS:-5}" \
    -Dbench.file-mb="${BENCH_FILE_MB:-50}" \
    org.stagedoor.bench.portal.PortalLoadBench
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
