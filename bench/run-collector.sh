#!/usr/bin/env bash
# Collector bench on the local PostgreSQL (a fresh schema, dropped afterwards): the packaged collector on a free
# port, then bench/collector's load.
# Usage: bench/run-collector.sh [seconds] [workers] [alerts-per-request] [fixed rate, default half the maximum]
# COLLECTOR_JAVA_OPTS adds JVM options to the collector (for example a JFR recording).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl collector,bench/collector -am package
schema="petwatch_bench_$(date +%s)"
db="jdbc:postgresql://127.0.0.1:5432/test"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log="bench/collector/target/collector.log"
# The bench's CRM import signs in as a staff user with the crm role; the collector keeps only its password digest.
staff_digest=$(printf '%s' 'bench:PetWatch staff:bench-password' | sha512sum | cut -d' ' -f1)
QUARKUS_SECURITY_USERS_EMBEDDED_USERS_BENCH=$staff_digest QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_BENCH=crm \
  QUARKUS_HTTP_PORT=$port QUARKUS_DATASOURCE_JDBC_URL="$db?currentSchema=$schema" QUARKUS_FLYWAY_SCHEMAS=$schema \
  PETWATCH_SEED_LOCATION=classpath:seed/demo-seed.json QUARKUS_LOG_CATEGORY__IO_PETWATCH__LEVEL=WARN \
  java -Xmx512m ${COLLECTOR_JAVA_OPTS:-} -jar collector/target/quarkus-app/quarkus-run.jar > "$log" 2>&1 &
collector=$!
cleanup() {
  kill "$collector" 2>/dev/null || true
  wait "$collector" 2>/dev/null || true
  psql -q -h 127.0.0.1 -U postgres -d test -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
}
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && break
  sleep 0.5
done
java -cp bench/collector/target/petwatch-collector-bench.jar io.petwatch.bench.collector.CollectorBench \
  "http://127.0.0.1:$port" "$db?currentSchema=$schema" "$@"
