#!/usr/bin/env bash
# Report writers against the floor (PostgreSQL COPY of the same query) and against the fastest XLSX
# writer (fastexcel from memory), on 1 M customers / 10 M tickets generated once into
# ~/.stagedoor/bench-postgres and reused. Stagedoor runs with -Xmx256m; ratios and peak heap printed.
#   bench/report-bench.sh [rounds]        (default 3; each figure is the median, after WARM_UP rounds left out, default 2)
#   BENCH_ONLY=customer-list bench/report-bench.sh 3   (only the cases whose name starts so)
#   bench/report-bench.sh 3 --stagedoor.reports.directory=/dev/shm/bench-reports   (Spring settings after the rounds)
#   BENCH_CUSTOMERS=100000 bench/report-bench.sh 3   (smaller data, tickets and events in proportion, in a database
#                                                     of its own: ~/.stagedoor/bench-postgres-100000, any free port)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
shift || true
./mvnw -B -q -Pbench -pl bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"
# The parallel collector: G1 at a 256 MB heap spends much of an XLSX run on large short-lived buffers
# (bench/RESULTS.md, "Garbage collector").
customers="${BENCH_CUSTOMERS:-1000000}"
database=()
if [ "$customers" != 1000000 ]; then
    database=(--stagedoor.embedded-database.data-directory="$HOME/.stagedoor/bench-postgres-$customers"
              --stagedoor.embedded-database.port=0)
fi
java -Xmx256m -XX:+UseParallelGC -Dstagedoor.bench.rounds="$rounds" -Dstagedoor.bench.warm-up="${WARM_UP:-2}" \
    -Dstagedoor.bench.only="${BENCH_ONLY:-}" -Dstagedoor.bench.customers="$customers" -cp "$classpath" \
    org.stagedoor.bench.ReportBench "${database[@]}" "$@"
