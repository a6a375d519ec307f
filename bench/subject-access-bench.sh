#!/usr/bin/env bash
# Subject access (issue 6) on 10,000,000 sharing-ledger entries: fills a PostgreSQL of its own once
# (~/.stagedoor/subject-access-bench-postgres, port 54331: the bench empties its store, so never the report
# bench's or the application's), then times SubjectAccess.of for 50 random customers and for one customer who
# is in every run, and prints the EXPLAIN plans and a table of median and max milliseconds.
#   bench/subject-access-bench.sh                 (sample of 50)
#   BENCH_SAMPLE=200 bench/subject-access-bench.sh
#   BENCH_REFILL=true bench/subject-access-bench.sh   (fill again even when the data is there)
#   bench/subject-access-bench.sh --spring.datasource.url=jdbc:postgresql://…   (another, empty database)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench -pl bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"
java -Xmx256m -Dstagedoor.bench.sample="${BENCH_SAMPLE:-50}" -Dstagedoor.bench.refill="${BENCH_REFILL:-false}" -cp "$classpath" \
    org.stagedoor.bench.sharing.SubjectAccessBench \
    --stagedoor.embedded-database.data-directory="$HOME/.stagedoor/subject-access-bench-postgres" \
    --stagedoor.embedded-database.port=54331 "$@"
