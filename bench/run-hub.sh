#!/usr/bin/env bash
# Hub benches against the local Mosquitto (override with -Dbroker=tcp://host:port before the mode):
#   bench/run-hub.sh ingest [messages]     bare Paho subscriber vs the gateway, same publisher and broker
#   bench/run-hub.sh footprint [seconds]   the gateway as its own -Xmx64m process: start-up, CPU, RSS
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl edge-gateway,bench/detection -am package
exec java -cp bench/detection/target/detection-benchmarks.jar io.petwatch.bench.HubBench "$@"
