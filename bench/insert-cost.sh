#!/usr/bin/env bash
# PostgreSQL's CPU per stored alert for the collector's own insert statement (AlertRows.store on a schema its Flyway
# migrations built) against the baseline service's, from many connections at once, on the local PostgreSQL, with no
# HTTP server in the way: bench/insert-cost/InsertCost.java, run on the packaged collector's classpath. Each variant
# gets a fresh schema in database `test`, dropped after it. Run it on an otherwise idle PostgreSQL: the WAL and buffer
# figures are server-wide.
#
# Usage: bench/insert-cost.sh [--threads 16] [--uploads 20000] [--size 100] [--rounds 1]
#          [--variants collector,collector-all-episodes,baseline]
#   collector-all-episodes: the collector's schema with V8's index of every alert by (collar, kind, window start)
#   added back (V30 keeps only RESOLVED alerts in it).
# Environment: SKIP_BUILD=1 uses the collector and the baseline already packaged; PETWATCH_BENCH_JDBC_URL another
# PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -B -DskipTests -pl collector,bench/baseline -am package
app=collector/target/quarkus-app
# The baseline's table and statement come from its own jar (BaselineRows), so both measure the same insert.
baseline=bench/baseline/target/quarkus-app/app
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "$app/app/*:$baseline/*:$app/lib/boot/*:$app/lib/main/*" bench/insert-cost/InsertCost.java "$@"
