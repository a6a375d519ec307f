#!/usr/bin/env bash
# Live counts of customer lists (issue 14) against a naive count of the same list over the base tables, side by
# side, on CUSTOMERS customers (default 1 M, 10 tickets each) generated once into a database of that size
# (~/.stagedoor/count-bench-postgres-<customers>) and reused. Prints per list: the count, naive and our p50,
# their ratio, and p95, over the rounds (one warm-up round left out; before it, our count runs untimed for up to
# WARM_SECONDS, default 1, at most 500 times, so that its Java code is compiled as in a portal that has served
# counts); stops if the two counts ever differ.
#   bench/count-bench.sh [rounds]                      (default 5)
#   CUSTOMERS=100000 bench/count-bench.sh 5            (a smaller venue, in its own database)
#   DATA_DIR=/path/to/copy bench/count-bench.sh 5      (another copy of the database, e.g. to try a migration)
#   BENCH_FOR=partner bench/count-bench.sh 5           (only the partner companies' lists; or venue)
#   BENCH_LIST="three together" bench/count-bench.sh 1 (only the lists whose name contains it)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
shift || true
customers="${CUSTOMERS:-1000000}"
./mvnw -B -q -Pbench -pl bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"
java -Xmx512m -Dstagedoor.bench.rounds="$rounds" -Dstagedoor.bench.warm-seconds="${WARM_SECONDS:-1}" \
    -Dstagedoor.bench.customers="$customers" \
    -Dstagedoor.bench.for="${BENCH_FOR:-}" -Dstagedoor.bench.list="${BENCH_LIST:-}" -cp "$classpath" \
    org.stagedoor.bench.count.CountBench \
    --stagedoor.embedded-database.data-directory="${DATA_DIR:-$HOME/.stagedoor/count-bench-postgres-$customers}" \
    --stagedoor.embedded-database.port="${PORT:-54337}" --stagedoor.reports.count-timeout=120s "$@"
