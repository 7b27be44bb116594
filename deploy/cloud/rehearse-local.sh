#!/usr/bin/env bash
# A rehearsal of deploy/cloud/compose.yaml on a machine without Docker: two packaged collectors behind HAProxy with
# this folder's haproxy.cfg, on loopback, against a scratch database on a local PostgreSQL. It checks what the
# deployment files are responsible for: start-up of two replicas on an empty database at once (Flyway's lock), the
# health endpoints the probes use, the compose health check, round robin, /q/ kept internal, X-Forwarded-For
# overwritten by the proxy and trusted by the collectors, fail-over on kill -9, and a graceful stop.
#   deploy/cloud/rehearse-local.sh            (after ./mvnw -pl collector -am -DskipTests package)
# Needs java 17, haproxy, psql, curl; bwrap (Debian: bubblewrap) to run the collectors as in the image: uid 10001,
# read-only root, writable /tmp only. Uses 127.0.0.1 ports 18080-18082 and 18404; PGHOST/PGUSER as usual (default
# 127.0.0.1, postgres; the role must be able to create databases). Ends every process it started and drops the
# database. Exit 0 when every check passed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app=${COLLECTOR_APP:-$here/../../collector/target/quarkus-app}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
work=$(mktemp -d /var/tmp/petwatch-rehearsal.XXXXXX)
db=petwatch_rehearsal_$$
pass=0 fail=0
groups=()

check() { # name, then a command that succeeds when the check passes
    local name=$1; shift
    if "$@"; then echo "PASS $name"; pass=$((pass + 1)); else echo "FAIL $name"; fail=$((fail + 1)); fi
}
cleanup() {
    for g in "${groups[@]}"; do kill -KILL -- "-$g" 2>/dev/null; done
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
    echo "logs: $work"
}
trap cleanup EXIT

[ -f "$app/quarkus-run.jar" ] || { echo "no $app/quarkus-run.jar: package the collector first"; exit 1; }
# A copy, so a rebuild while this runs changes nothing.
cp -r "$app" "$work/app" && chmod -R a+rX "$work"
psql -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db" || exit 1

staff_password=rehearsal-staff-password
cat > "$work/collector.env" <<EOF
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:${PGPORT:-5432}/$db
QUARKUS_DATASOURCE_USERNAME=$PGUSER
QUARKUS_DATASOURCE_PASSWORD=${PGPASSWORD:-unused-with-trust-auth}
PETWATCH_SMS_PROVIDER=recording
PETWATCH_EMAIL_PROVIDER=recording
PETWATCH_PUSH_PROVIDER=recording
PETWATCH_SMS_AUTH_TOKEN=rehearsal-token-$(date +%s%N)
PETWATCH_CONSOLE_SESSION_KEY=rehearsal-console-$(date +%s%N)
PETWATCH_SIGNALS_STRIPE_WEBHOOK_SECRET=whsec_rehearsal-$(date +%s%N)
PETWATCH_SIGNALS_EASYPOST_WEBHOOK_SECRET=rehearsal-easypost-$(date +%s%N)
PETWATCH_SIGNALS_SURVEY_WEBHOOK_SECRET=rehearsal-survey-$(date +%s%N)
PETWATCH_SMS_WEBHOOK_URL=https://collector.example.invalid/api/v1/sms/inbound
QUARKUS_SECURITY_USERS_EMBEDDED_USERS_OPS=$(printf '%s' "ops:PetWatch staff:$staff_password" | sha512sum | cut -d' ' -f1)
QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_OPS=agent,supervisor,operator,crm
QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING=true
QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED=true
QUARKUS_HTTP_PROXY_TRUSTED_PROXIES=127.0.0.1
QUARKUS_SHUTDOWN_TIMEOUT=20s
PETWATCH_PUBLIC_BIND=127.0.0.1
JDK_JAVA_OPTIONS='-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp'
EOF

start_collector() { # port, log; prints the process group
    local cmd=(java -jar quarkus-run.jar)
    if command -v bwrap >/dev/null && [ "$(id -u)" = 0 ]; then
        cmd=(bwrap --ro-bind / / --dev /dev --unshare-pid --proc /proc --perms 1777 --tmpfs /tmp --chdir "$work/app"
             setpriv --reuid=10001 --regid=10001 --clear-groups java -jar quarkus-run.jar)
    fi
    (cd "$work/app" && set -a && . "$work/collector.env" && set +a && QUARKUS_HTTP_PORT=$1 \
        exec setsid "${cmd[@]}" > "$2" 2>&1 < /dev/null) &
    echo $!
}
wait_ready() { # port: up to 120 s
    for _ in $(seq 240); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "127.0.0.1:$1/q/health/ready")" = 200 ] && return 0
        sleep 0.5
    done
    return 1
}
stat_of() { # server, field number of HAProxy's CSV
    curl -s '127.0.0.1:18404/;csv' | awk -F, -v s="$1" -v f="$2" '$1 == "collectors" && $2 == s {print $f}'
}

echo "== two collectors at once on an empty database"
groups+=("$(start_collector 18081 "$work/collector-1.log")")
groups+=("$(start_collector 18082 "$work/collector-2.log")")
check "collector-1 ready" wait_ready 18081
check "collector-2 ready" wait_ready 18082
check "12+ migrations applied once, all successful" test "$(psql -Atd "$db" -c "SELECT count(*) = count(DISTINCT version) AND bool_and(success) AND count(*) >= 12 FROM flyway_schema_history WHERE version IS NOT NULL")" = t
check "exactly one instance migrated" test "$(grep -l 'Successfully applied' "$work"/collector-*.log | wc -l)" = 1
for port in 18081 18082; do
    for probe in ready live started; do
        check "$port /q/health/$probe is 200" test "$(curl -s -o /dev/null -w '%{http_code}' "127.0.0.1:$port/q/health/$probe")" = 200
    done
done
hc=$(python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["x-collector"]["healthcheck"]["test"][3])' "$here/compose.yaml")
check "compose health check passes on a ready instance" bash -c "${hc//8080/18081}"
check "compose health check fails where nothing listens" bash -c "! ( ${hc//8080/18089} ) 2>/dev/null"

echo "== HAProxy with haproxy.cfg (addresses, ports and maxconn substituted)"
sed -e 's/collector-1:8080/127.0.0.1:18081/; s/collector-2:8080/127.0.0.1:18082/' \
    -e 's/^    bind :8080/    bind 127.0.0.1:18080/; s/^    bind :8404/    bind 127.0.0.1:18404/' \
    -e "s/^    maxconn 20000/    maxconn $(( ($(ulimit -n) - 100) / 2 < 20000 ? ($(ulimit -n) - 100) / 2 : 20000 ))/" \
    "$here/haproxy.cfg" > "$work/haproxy.cfg"
check "haproxy -c accepts the configuration" haproxy -q -c -f "$work/haproxy.cfg"
(exec setsid haproxy -f "$work/haproxy.cfg" > "$work/haproxy.log" 2>&1 < /dev/null) &
groups+=("$!")
disown "$!"
for _ in $(seq 40); do [ "$(stat_of collector-2 18)" = UP ] && [ "$(stat_of collector-1 18)" = UP ] && break; sleep 0.5; done
check "both instances UP in HAProxy" test "$(stat_of collector-1 18) $(stat_of collector-2 18)" = "UP UP"
check "/q/metrics is not served through the proxy" test "$(curl -s -o /dev/null -w '%{http_code}' 127.0.0.1:18080/q/metrics)" = 404
before1=$(stat_of collector-1 8) before2=$(stat_of collector-2 8)
codes=$(for _ in $(seq 10); do curl -s -o /dev/null -w '%{http_code} ' -u "ops:$staff_password" 127.0.0.1:18080/api/v1/alerts; done)
check "10 signed-in requests answered 200: $codes" test "$codes" = "$(printf '200 %.0s' $(seq 10))"
check "round robin: 5 and 5" test "$(( $(stat_of collector-1 8) - before1 )) $(( $(stat_of collector-2 8) - before2 ))" = "5 5"

echo "== X-Forwarded-For: set by the proxy, so a client cannot pick the address the guessing throttle counts"
codes=$(for i in $(seq 24); do curl -s -o /dev/null -w '%{http_code} ' -H "X-Forwarded-For: 203.0.113.$i" -u "guess$i:wrong" 127.0.0.1:18080/api/v1/alerts; done)
echo "     24 wrong passwords, each with its own user and spoofed address: $codes"
lockouts() { curl -s "127.0.0.1:$1/q/metrics" | awk '/^petwatch_auth_lockouts_total\{kind="staff",scope="source"\}/ {print int($2)}'; }
check "429s appeared" bash -c "[[ '$codes' == *429* ]]"
check "each instance locked out the client's real address (one source lockout each)" test "$(lockouts 18081) $(lockouts 18082)" = "1 1"
check "the right password from that address waits too" test "$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 198.51.100.7' -u "ops:$staff_password" 127.0.0.1:18080/api/v1/alerts)" = 429

# Control: the same against a proxy that appends to X-Forwarded-For instead: the collectors then believe the
# client's spoofed first entry, and nobody is locked out. The check above can fail, and this is why it would.
sed -e 's/^    http-request set-header X-Forwarded-For %\[src\]/    option forwardfor/' \
    -e 's/127.0.0.1:18080/127.0.0.1:18090/; s/127.0.0.1:18404/127.0.0.1:18405/' "$work/haproxy.cfg" > "$work/haproxy-append.cfg"
(exec setsid haproxy -f "$work/haproxy-append.cfg" > "$work/haproxy-append.log" 2>&1 < /dev/null) &
control=$!
disown "$control"
groups+=("$control")
sleep 5
codes=$(for i in $(seq 24); do curl -s -o /dev/null -w '%{http_code} ' -H "X-Forwarded-For: 192.0.2.$i" -u "probe$i:wrong" 127.0.0.1:18090/api/v1/alerts; done)
echo "     control, appending proxy: $codes"
check "control: with an appending proxy the spoofed addresses are believed (no 429)" bash -c "[[ '$codes' == *401* && '$codes' != *429* ]]"
kill -KILL -- "-$control"

echo "== fail-over and graceful stop (the lockout above still applies, so unauthenticated 404s are used)"
kill -KILL -- "-${groups[0]}"
codes=$(for _ in $(seq 20); do curl -s -o /dev/null -w '%{http_code} ' 127.0.0.1:18080/api/v1/no-such-path; done)
check "kill -9 of collector-1: 20 requests right after, all answered by the application: $codes" test "$codes" = "$(printf '404 %.0s' $(seq 20))"
sleep 7
check "HAProxy marked collector-1 DOWN" test "$(stat_of collector-1 18)" = DOWN
groups[0]=$(start_collector 18081 "$work/collector-1-restart.log")
wait_ready 18081
for _ in $(seq 30); do [ "$(stat_of collector-1 18)" = UP ] && break; sleep 0.5; done
check "restarted collector-1 back UP in HAProxy" test "$(stat_of collector-1 18)" = UP
(for _ in $(seq 60); do curl -s -o /dev/null -w '%{http_code}\n' 127.0.0.1:18080/api/v1/no-such-path; sleep 0.1; done) > "$work/during-stop.txt" &
load=$!
sleep 2
kill -TERM "$(pgrep -g "${groups[1]}" java)"
wait "$load"
check "SIGTERM to collector-2 mid-traffic: 60 of 60 answered by the application" test "$(grep -c '^404$' "$work/during-stop.txt")" = 60
check "collector-2 stopped gracefully" grep -q "stopped in" "$work/collector-2.log"

echo "rehearsal: $pass passed, $fail failed"
[ "$fail" = 0 ]
