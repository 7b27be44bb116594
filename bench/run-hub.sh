#!/usr/bin/env bash
# Hub benches against a Mosquitto with the hub's own limits: deploy/hub/mosquitto.conf with its listener moved to a
# free port, its logins, ACL and files left out (the bench's clients are anonymous), every other line kept. Point
# them at another broker with BENCH_BROKER=tcp://host:port.
#   bench/run-hub.sh ingest [messages] [samples-per-batch]   bare Paho subscriber vs the gateway, same publisher
#                                          and broker (default 30000 batches of 60 samples)
#   bench/run-hub.sh footprint [seconds]   the gateway as its own -Xmx64m process: start-up, CPU, RSS
#   bench/run-hub.sh fleet N [minutes] [realtime|accelerated|both]   N firmware-sim collars against the packaged
#                                          gateway, one batch per collar per wall minute: 1-minute batches in real
#                                          time, or hourly batches at 60x (default 10 minutes, both); last line:
#                                          fleet N collars: published P, processed Q, dropped D, lag p99 L ms, cpu C%, rss R MiB
#                                          (how each is measured: bench/hub/fleet.py)
# Why not the machine's broker: Mosquitto 2.0.11 (Debian 12) stops holding to a subscriber's receive maximum once
# acknowledgements flow (eclipse-mosquitto/mosquitto#2301), so a subscriber that acknowledges only what is on disk
# can have more than its default max_queued_messages (1000) unacknowledged, and the broker drops the rest. The hub
# config's queue limit is sized for that.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = fleet ]; then
  ./mvnw -q -B -DskipTests -pl edge-gateway,firmware-sim -am package
  ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" # a connection per collar, on both ends
else
  ./mvnw -q -B -DskipTests -pl edge-gateway,bench/detection -am package
fi
broker="${BENCH_BROKER:-}"
if [ -z "$broker" ]; then
  command -v mosquitto >/dev/null || { echo "run-hub: needs mosquitto (apt-get install mosquitto)" >&2; exit 1; }
  dir=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  sed -e "s|^listener 1883.*|listener $port 127.0.0.1|" -e 's|^allow_anonymous false|allow_anonymous true|' \
      -e '/^password_file/d' -e '/^acl_file/d' -e "s|^persistence_location .*|persistence_location $dir/|" \
      -e "s|^log_dest .*|log_dest file $dir/mosquitto.log|" deploy/hub/mosquitto.conf > "$dir/mosquitto.conf"
  echo "user $(id -un)" >> "$dir/mosquitto.conf"
  mosquitto -c "$dir/mosquitto.conf" & pid=$!
  trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  broker="tcp://127.0.0.1:$port"
fi
if [ "${1:-}" = fleet ]; then
  n=${2:?usage: bench/run-hub.sh fleet N [minutes] [realtime|accelerated|both]}
  minutes=${3:-10} mode=${4:-both}
  echo "fleet bench, $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD), $(nproc) cores, broker $broker"
  modes=$mode; [ "$mode" = both ] && modes="realtime accelerated"
  for m in $modes; do python3 bench/hub/fleet.py "$n" "$minutes" "$m" "$broker"; done
  exit 0
fi
java ${BENCH_JAVA_OPTS:-} -Dbroker="$broker" -cp bench/detection/target/detection-benchmarks.jar \
  io.petwatch.bench.HubBench "$@"
