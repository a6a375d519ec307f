#!/usr/bin/env bash
# The import (issue 16) against a bare COPY of the same files, side by side, in one run: the generator's venue of
# CUSTOMERS customers (default 10,000; 10 tickets each) written out once as the import's CSV files
# (bench/target/import-bench-<customers>), then per round on an emptied store the import and the baseline (COPY of the
# same data, as the store's column values, into the store's own tables with triggers and foreign keys off), and the
# same COPY as a restore does it (indexes other than primary keys dropped before it and built after it); medians.
# The JVM's GC log goes to bench/target/import-bench-gc-<customers>.log.
#   bench/import-bench.sh [rounds]                    (default 3)
#   CUSTOMERS=100000 bench/import-bench.sh 3
#   GENERATED=true DATA_DIR=<a copy of the count bench's database> CUSTOMERS=1000000 GUARDED=false bench/import-bench.sh 1
#       (the files written from a store that already holds the generator's venue, instead of generating it again in
#       256 MB; without the comparison COPY that keeps the store's triggers and foreign keys)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
shift || true
customers="${CUSTOMERS:-10000}"
./mvnw -B -q -Pbench -pl bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"
uptime
java -Xmx256m -Xlog:gc:file="bench/target/import-bench-gc-$customers.log" -Dstagedoor.bench.rounds="$rounds" -Dstagedoor.bench.customers="$customers" \
    -Dstagedoor.bench.generated="${GENERATED:-false}" -Dstagedoor.bench.guarded="${GUARDED:-true}" \
    -Dstagedoor.bench.files="bench/target/import-bench-$customers" -cp "$classpath" \
    org.stagedoor.bench.imports.ImportBench \
    --stagedoor.embedded-database.data-directory="${DATA_DIR:-$HOME/.stagedoor/import-bench-postgres-$customers}" \
    --stagedoor.embedded-database.port="${PORT:-54339}" --logging.level.root=WARN "$@"
uptime
