#!/usr/bin/env bash
# The collector side by side with a bare baseline service (bench/baseline: parse the protobuf upload, insert one row
# per alert, no auth, no triage), on the local PostgreSQL, in one run. Each runs from its packaged quarkus-app on a
# free port with a fresh schema of its own in database `test` (both dropped at the end).
#
#   1. ingest: the same closed-loop load against each, uploads of 1 and of 100 alerts, after a warm-up, measured in
#      slices that alternate between the two. Every hub (default 64) is a registered hub of the collector with its own
#      collars and token, and posts on its own HTTP/1.1 keep-alive connection, one upload at a time. The collector runs with PETWATCH_TRIAGE_WORKERS=0 (it ingests and
#      decides nothing); a collector that refuses 0 runs with its default workers, and the output says so.
#   (Then the ingest schemas are dropped and PostgreSQL checkpointed, and the bench waits for autovacuum to be idle.)
#   2. triage catch-up: a fresh collector schema gets a backlog of alerts (default 100,000, uploads of 100) from a
#      collector that decides nothing; then a collector with its default workers starts on that schema and decides
#      the backlog: X = alerts decided / span of their processed_at (the polled rate is printed too).
#   3. notify: on that schema, vacuumed and analyzed first (as autovacuum would have after the catch-up), open loop at a fixed rate (2,000 alerts/s), each alert its customer's only one (no
#      quiet hours, no caps reached): T = p95 of messages.sent_at - alerts.received_at for those alerts. A warm-up
#      pass at the same rate on other customers comes first (the JIT had not compiled this path after the catch-up);
#      triage and relay settle, then only the measured pass counts.
#
# With --instances 2, after the one-instance ingest phases the same two ingest phases run again against two packaged
# collectors (each PETWATCH_TRIAGE_WORKERS=0, the same environment, on the same schema as the first, each on its own
# free port) behind HAProxy (round robin, keep-alive, health check on /q/health/ready; haproxy.cfg in the run
# directory, haproxy in the foreground as a child of this script), alternating with the same baseline service; the
# collector's CPU is both instances' summed (HAProxy's counts under "other processes"). Triage catch-up and notify
# stay single-instance. The summary then adds, just before the last line:
#   instances 2: single S1 alerts/s (R1x2 of baseline), batched100 S100 alerts/s (R2x2)
#
# The last line (always the one-instance figures): collector/baseline single R1, batched100 R2, triage X/s, notify p95 T ms
#
# Usage: bench/run-collector.sh [seconds] [--warmup S] [--slices N] [--hubs N] [--ingest-customers N] [--backlog N]
#          [--notify-rate R] [--notify-seconds S] [--notify-warmup S] [--notify-per-request K] [--profile] [--instances 1]
#   seconds: each side's measured closed-loop time per upload size (default 20, in 4 slices that alternate between
#     the collector and the baseline, so a change in the machine's other load falls on both; warm-up 60 s each: after
#     10 s the collector's JIT compiler still took a third of its CPU and after 30 s a quarter, so the ratio measured
#     compilation, not serving; the baseline's was done within 10 s)
#   --profile (or PROFILE=1): async-profiler (Maven Central, unpacked by bench/collector's build) in both servers;
#     each measured phase (and the catch-up) is profiled on its own (ctimer, 1 ms) and summarised with
#     bench/collector/profile_summary.py: bench/collector/target/run-*/profile/
#   --instances: 1 (default), or 2: the ingest phases also against two collectors behind HAProxy (see above;
#     not profiled).
# Environment: COLLECTOR_JAVA_OPTS / BASELINE_JAVA_OPTS add JVM options (a JFR recording, say:
#   COLLECTOR_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/c.jfr,settings=profile); COLLECTOR_APP runs another
#   build of the collector (a quarkus-app directory); SKIP_BUILD=1 skips the Maven build.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=20 warmup=60 slices=4 hubs=64 ingest_customers=4000 backlog=100000 notify_rate=2000 notify_seconds=10 notify_warmup=30
notify_per_request=10
instances=1 profile=${PROFILE:-0}
while [ $# -gt 0 ]; do
  case "$1" in
    --warmup) warmup=$2; shift 2 ;;
    --slices) slices=$2; shift 2 ;;
    --hubs) hubs=$2; shift 2 ;;
    --ingest-customers) ingest_customers=$2; shift 2 ;;
    --backlog) backlog=$2; shift 2 ;;
    --notify-rate) notify_rate=$2; shift 2 ;;
    --notify-seconds) notify_seconds=$2; shift 2 ;;
    --notify-warmup) notify_warmup=$2; shift 2 ;;
    --notify-per-request) notify_per_request=$2; shift 2 ;;
    --profile) profile=1; shift ;;
    --instances) instances=$2; shift 2 ;;
    [0-9]*) seconds=$1; shift ;;
    *) echo "unknown argument: $1 (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
done
if [ "$instances" != 1 ] && [ "$instances" != 2 ]; then
  echo "--instances $instances: 1 or 2 collector instances are supported" >&2
  exit 2
fi
haproxy_bin=""
if [ "$instances" = 2 ]; then
  haproxy_bin=$(command -v haproxy || true)
  for c in /usr/sbin/haproxy /usr/local/sbin/haproxy; do [ -z "$haproxy_bin" ] && [ -x "$c" ] && haproxy_bin=$c; done
  [ -n "$haproxy_bin" ] || { echo "--instances 2 needs haproxy (apt-get install -y haproxy)" >&2; exit 2; }
fi

collector_app=${COLLECTOR_APP:-collector/target/quarkus-app}
baseline_app=bench/baseline/target/quarkus-app
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  modules=bench/baseline,bench/collector
  [ -z "${COLLECTOR_APP:-}" ] && modules=collector,$modules
  ./mvnw -q -B -DskipTests -pl "$modules" -am package
fi
case "$(uname -m)" in aarch64|arm64) arch=linux-arm64 ;; *) arch=linux-x64 ;; esac
profiler_lib=$PWD/bench/collector/target/async-profiler/$arch/libasyncProfiler.so

out=bench/collector/target/run-$(date +%Y%m%d-%H%M%S)
mkdir -p "$out"
results=$out/results.properties
stamp="$(date +%s)_$$"
ingest_schema="petwatch_bench_ingest_$stamp"
triage_schema="petwatch_bench_triage_$stamp"
baseline_schema="petwatch_baseline_$stamp"
db="jdbc:postgresql://127.0.0.1:5432/test"
# The production profile will refuse to start without explicit providers and secrets: pass fakes, and a fresh secret.
sms_token=$(openssl rand -hex 16 2>/dev/null || python3 -c 'import secrets; print(secrets.token_hex(16))')
# The bench signs in as a staff user with the crm role (hub registration, CRM import); the collector keeps only the
# password's digest.
staff_digest=$(printf '%s' 'bench:PetWatch staff:bench-password' | sha512sum | cut -d' ' -f1)
profile_opts=""
if [ "$profile" = 1 ]; then
  [ -f "$profiler_lib" ] || { echo "no $profiler_lib: build bench/collector first" >&2; exit 1; }
  mkdir -p "$out/profile"
  # Loaded at start-up, started and stopped per measured phase by the bench (CollectorBench's Profiler).
  profile_opts="-agentpath:$profiler_lib -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
fi

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

collector_pid="" baseline_pid="" collector_a_pid="" collector_b_pid="" haproxy_pid=""
cleanup() {
  for pid in $haproxy_pid $collector_a_pid $collector_b_pid $collector_pid $baseline_pid; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  for schema in "$ingest_schema" "$triage_schema" "$baseline_schema"; do
    psql -q -h 127.0.0.1 -U postgres -d test -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE" \
      >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT

# start_collector NAME SCHEMA [WORKERS]: the packaged collector on a free port against a bench schema.
start_collector() {
  local name=$1 workers=${3:-}
  collector_schema=$2
  collector_port=$(free_port)
  collector_log=$out/collector-$name.log
  # shellcheck disable=SC2086
  env ${workers:+PETWATCH_TRIAGE_WORKERS=$workers} \
    PETWATCH_SMS_PROVIDER=recording PETWATCH_EMAIL_PROVIDER=recording PETWATCH_PUSH_PROVIDER=recording \
    PETWATCH_SMS_AUTH_TOKEN="$sms_token" PETWATCH_CONSOLE_SESSION_KEY="$sms_token-console" \
    QUARKUS_SECURITY_USERS_EMBEDDED_USERS_BENCH="$staff_digest" QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_BENCH=crm \
    QUARKUS_HTTP_PORT="$collector_port" QUARKUS_DATASOURCE_JDBC_URL="$db?currentSchema=$collector_schema" \
    QUARKUS_FLYWAY_SCHEMAS="$collector_schema" PETWATCH_SEED_LOCATION=classpath:seed/demo-seed.json \
    QUARKUS_LOG_CATEGORY__IO_PETWATCH__LEVEL=WARN \
    java -Xmx512m $profile_opts ${COLLECTOR_JAVA_OPTS:-} -jar "$collector_app/quarkus-run.jar" > "$collector_log" 2>&1 &
  collector_pid=$!
}

# start_ingest_collector NAME SCHEMA: a collector that only stores (PETWATCH_TRIAGE_WORKERS=0), or, if this build
# refuses 0, one with its default workers (said once).
ingest_workers=0
start_ingest_collector() {
  start_collector "$1" "$2" "$ingest_workers"
  if ! wait_up "$collector_pid" "http://127.0.0.1:$collector_port/q/health/ready"; then
    wait "$collector_pid" 2>/dev/null || true
    [ -n "$ingest_workers" ] || { tail -30 "$collector_log"; exit 1; }
    reason=$(grep -m1 -o 'petwatch.triage.workers[^"]*' "$collector_log" | head -c 200 || true)
    echo "this collector does not start with PETWATCH_TRIAGE_WORKERS=0 (${reason:-see $collector_log}):"
    echo "  the ingest phases and the backlog run with its default triage workers deciding alongside, and the"
    echo "  catch-up measures what is left RECEIVED when it stops"
    mv "$collector_log" "${collector_log%.log}-refused.log"
    ingest_workers=""
    start_collector "$1" "$2"
    wait_up "$collector_pid" "http://127.0.0.1:$collector_port/q/health/ready" || { tail -30 "$collector_log"; exit 1; }
  fi
}

# wait_up PID URL: 0 once URL answers (any HTTP status), 1 if the process ended first.
wait_up() {
  local pid=$1 url=$2
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || return 1
    code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
    [ "$code" != 000 ] && [ "$code" != 503 ] && return 0
    sleep 0.5
  done
  echo "$url did not come up within 120 s" >&2
  return 1
}

stop_collector() {
  kill "$collector_pid" 2>/dev/null || true
  wait "$collector_pid" 2>/dev/null || true
  collector_pid=""
}

bench() {
  java -Xmx512m -jar bench/collector/target/petwatch-collector-bench.jar "$@"
}

exec > >(tee "$out/bench.txt") 2>&1
echo "collector bench, $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- collector 2>/dev/null || echo ' (collector/ has uncommitted changes)'); collector: $collector_app"
echo "$(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

baseline_port=$(free_port)
BASELINE_SCHEMA="$baseline_schema" QUARKUS_HTTP_PORT="$baseline_port" QUARKUS_DATASOURCE_JDBC_URL="$db" \
  java -Xmx512m $profile_opts ${BASELINE_JAVA_OPTS:-} -jar "$baseline_app/quarkus-run.jar" > "$out/baseline.log" 2>&1 &
baseline_pid=$!

start_ingest_collector ingest "$ingest_schema"
wait_up "$baseline_pid" "http://127.0.0.1:$baseline_port/api/v1/alerts" || { tail -30 "$out/baseline.log"; exit 1; }
echo "collector on port $collector_port (schema $ingest_schema, PETWATCH_TRIAGE_WORKERS=${ingest_workers:-default}),"\
  "baseline on port $baseline_port (schema $baseline_schema)"

bench setup --base="http://127.0.0.1:$collector_port" --fleet="$out/fleet-ingest.txt" --hubs="$hubs" \
  --ingest="$ingest_customers" --notify-rate=0 --notify-seconds=0 --notify-per-request=1

for per in 1 100; do
  phase=single; [ "$per" = 100 ] && phase=batched100
  echo "ingest, $per alert(s) per upload: $warmup s warm-up each, then $seconds s each measured in $slices slices," \
    "alternating collector and baseline"
  profiling=()
  [ "$profile" = 1 ] && profiling=(--profile-lib="$profiler_lib" --profile-dir="$out/profile")
  bench load --phase="$phase" --fleet="$out/fleet-ingest.txt" --per-request="$per" --warmup="$warmup" \
    --seconds="$seconds" --slices="$slices" --results="$results" --jdbc="$db" \
    --collector-base="http://127.0.0.1:$collector_port" --collector-pid="$collector_pid" \
    --baseline-base="http://127.0.0.1:$baseline_port" --baseline-pid="$baseline_pid" "${profiling[@]}"
done
stop_collector

if [ "$instances" = 2 ]; then
  # Two collectors on the ingest schema (its hubs and fleet as registered above), started one after the other so that
  # only one runs the migrations, behind HAProxy.
  start_ingest_collector ingest-a "$ingest_schema"
  collector_a_pid=$collector_pid collector_a_port=$collector_port collector_pid=""
  start_ingest_collector ingest-b "$ingest_schema"
  collector_b_pid=$collector_pid collector_b_port=$collector_port collector_pid=""
  haproxy_port=$(free_port)
  cat > "$out/haproxy.cfg" <<EOF
# bench/run-collector.sh --instances 2: round robin over two packaged collectors on the same schema.
# No per-request log (it would cost CPU on the bench's two cores); start-up and health changes go to haproxy.log.
global
    log stdout format raw local0 notice
    maxconn 1024
    nbthread 1

defaults
    mode http
    log global
    option http-keep-alive
    option redispatch
    retries 2
    timeout connect 1s
    timeout client 60s
    timeout server 30s
    timeout check 1s

frontend collectors
    bind 127.0.0.1:$haproxy_port
    # The collectors trust this proxy's X-Forwarded-For (quarkus.http.proxy.*): it is always the proxy's own.
    http-request del-header X-Forwarded-For
    option forwardfor
    default_backend collectors

backend collectors
    balance roundrobin
    option httpchk GET /q/health/ready
    http-check expect status 200
    default-server inter 500ms fastinter 250ms downinter 500ms fall 2 rise 2
    server collector-a 127.0.0.1:$collector_a_port check
    server collector-b 127.0.0.1:$collector_b_port check
EOF
  "$haproxy_bin" -c -f "$out/haproxy.cfg" > "$out/haproxy-check.log" 2>&1 \
    || { cat "$out/haproxy-check.log"; exit 1; }
  "$haproxy_bin" -db -f "$out/haproxy.cfg" > "$out/haproxy.log" 2>&1 &
  haproxy_pid=$!
  # Up once the proxy answers readiness with 200 (a collector is in the rotation); then a little longer for the
  # other (rise 2 at 500 ms), and the warm-up follows anyway.
  for _ in $(seq 1 60); do
    kill -0 "$haproxy_pid" 2>/dev/null || { cat "$out/haproxy.log"; exit 1; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$haproxy_port/q/health/ready" || true)" = 200 ] && break
    sleep 0.5
  done
  sleep 2
  echo "two collectors on ports $collector_a_port and $collector_b_port (schema $ingest_schema,"\
    "PETWATCH_TRIAGE_WORKERS=${ingest_workers:-default}) behind HAProxy on port $haproxy_port ($out/haproxy.cfg)"
  for per in 1 100; do
    phase=single; [ "$per" = 100 ] && phase=batched100
    echo "ingest, 2 instances, $per alert(s) per upload: $warmup s warm-up each, then $seconds s each measured in"\
      "$slices slices, alternating the two collectors (through HAProxy) and the baseline"
    bench load --phase="x2.$phase" --fleet="$out/fleet-ingest.txt" --per-request="$per" --warmup="$warmup" \
      --seconds="$seconds" --slices="$slices" --results="$results" --jdbc="$db" \
      --collector-base="http://127.0.0.1:$haproxy_port" --collector-pid="$collector_a_pid,$collector_b_pid" \
      --baseline-base="http://127.0.0.1:$baseline_port" --baseline-pid="$baseline_pid"
  done
  for pid in $haproxy_pid $collector_a_pid $collector_b_pid; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  haproxy_pid="" collector_a_pid="" collector_b_pid=""
fi

kill "$baseline_pid" 2>/dev/null || true
wait "$baseline_pid" 2>/dev/null || true
baseline_pid=""

# The ingest phases leave millions of rows in two schemas nothing reads again: drop them, checkpoint, and wait (up
# to 120 s) until no autovacuum worker runs, so the catch-up and notify phases share the machine with none of their
# cleanup (their own tables' vacuum still counts). T was 4.9 s after the full ingest phases and 0.37 s after 2 s ones
# (same code and notify load); this step alone did not close that gap (bench/README.md, session 8).
psql -q -h 127.0.0.1 -U postgres -d test -c "SET client_min_messages = warning" \
  -c "DROP SCHEMA IF EXISTS $ingest_schema CASCADE" -c "DROP SCHEMA IF EXISTS $baseline_schema CASCADE" \
  -c "CHECKPOINT" >/dev/null
quiet_since=$(date +%s)
for _ in $(seq 1 240); do
  busy=$(psql -At -h 127.0.0.1 -U postgres -d test \
    -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'" 2>/dev/null || echo 0)
  [ "$busy" = 0 ] && break
  sleep 0.5
done
echo "ingest schemas dropped, checkpoint done, autovacuum idle after $(( $(date +%s) - quiet_since )) s"

echo "triage catch-up: $backlog alerts stored on a fresh schema by a collector with PETWATCH_TRIAGE_WORKERS=${ingest_workers:-default},"\
  "then decided by a new collector with its default workers"
start_ingest_collector backlog "$triage_schema"
bench setup --base="http://127.0.0.1:$collector_port" --fleet="$out/fleet-triage.txt" --hubs="$hubs" \
  --ingest="$ingest_customers" --notify-rate="$notify_rate" --notify-seconds="$notify_seconds" \
  --notify-warmup="$notify_warmup" --notify-per-request="$notify_per_request"
bench backlog --base="http://127.0.0.1:$collector_port" --fleet="$out/fleet-triage.txt" --alerts="$backlog" \
  --per-request=100
stop_collector
since_ms=$(date +%s%3N)
start_collector triage "$triage_schema"
wait_up "$collector_pid" "http://127.0.0.1:$collector_port/q/health/ready" || { tail -30 "$collector_log"; exit 1; }
profiling=()
[ "$profile" = 1 ] && profiling=(--profile-lib="$profiler_lib" --profile-out="$out/profile/triage-collector.collapsed")
bench catchup --jdbc="$db?currentSchema=$triage_schema" --since-ms="$since_ms" --results="$results" \
  --pid="$collector_pid" "${profiling[@]}"

# Production PostgreSQL runs autovacuum, whose vacuum and analyze would follow the catch-up's 100,000 changed
# alerts (thresholds: 50 rows + 20% of the table dead, 10% changed). This machine's runs with autovacuum off (the CI
# image's setting), so the notify phase would walk the catch-up's dead row versions in every queue index and its
# planner would judge statements by statistics of empty tables: the bench vacuums and analyzes, as autovacuum would.
psql -q -h 127.0.0.1 -U postgres -d test -At \
  -c "SELECT format('VACUUM (ANALYZE) %I.%I;', schemaname, tablename) FROM pg_tables WHERE schemaname = '$triage_schema'" \
  | psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d test >/dev/null
echo "  $triage_schema vacuumed and analyzed (as autovacuum would have after the catch-up)"

echo "notify: $notify_rate alerts/s for $notify_seconds s after a $notify_warmup s warm-up pass at that rate,"\
  "$notify_per_request alerts per upload, one alert per customer"
bench notify --base="http://127.0.0.1:$collector_port" --fleet="$out/fleet-triage.txt" --jdbc="$db?currentSchema=$triage_schema" \
  --rate="$notify_rate" --notify-warmup="$notify_warmup" --per-request="$notify_per_request" --results="$results" --pid="$collector_pid"
stop_collector

if [ "$profile" = 1 ]; then
  for f in "$out"/profile/*.collapsed; do
    python3 bench/collector/profile_summary.py "$f" > "${f%.collapsed}.txt"
  done
  echo "profiles: $out/profile/*.collapsed, summaries in $out/profile/*.txt"
fi
bench report --results="$results"
