#!/usr/bin/env bash
# Fan-out (issue 7): one schedule ("weekly event sales", previous week, XLSX) fanned out to 500 partner companies
# with performances in the period, run now; seconds from "run now" until all 500 runs are COMPLETED and runs/s, on
# 1 node (the bench JVM) and 2 nodes (plus a node in a JVM of its own), both -Xmx256m. Median of the rounds; the
# runs are emptied between rounds. A PostgreSQL of its own (~/.stagedoor/fanout-bench-postgres, port 54332: the bench
# empties the run tables, so never the application's or another bench's), filled once and reused.
# Delivery is recorded in the outbox but not sent (stagedoor.delivery.sender-enabled=false).
#   bench/fanout-bench.sh [rounds]                      (default 3)
#   bench/fanout-bench.sh 3 --stagedoor.scheduler.threads=8      (scheduler settings go to both nodes)
#   bench/fanout-bench.sh 3 --spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
shift || true
./mvnw -B -q -Pbench -pl bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx256m -Dstagedoor.bench.rounds="$rounds" -cp "$classpath" org.stagedoor.bench.fanout.FanOutBench \
    --stagedoor.embedded-database.data-directory="$HOME/.stagedoor/fanout-bench-postgres" \
    --stagedoor.embedded-database.port=54332 \
    --stagedoor.reports.directory="$HOME/.stagedoor/fanout-bench-reports" \
    --stagedoor.delivery.sender-enabled=false \
    --stagedoor.dev-mailbox.port=0 \
    --logging.level.org.stagedoor.scheduler=WARN \
    "$@"
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
