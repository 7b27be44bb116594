#!/usr/bin/env bash
# Hub benches against the local Mosquitto (override with -Dbroker=tcp://host:port before the mode):
#   bench/run-hub.sh ingest [messages] [samples-per-batch]   bare Paho subscriber vs the gateway, same publisher
#                                          and broker (default 30000 batches of 60 samples)
#   bench/run-hub.sh footprint [seconds]   the gateway as its own -Xmx64m process: start-up, CPU, RSS
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl edge-gateway,bench/detection -am package
exec java ${BENCH_JAVA_OPTS:-} -cp bench/detection/target/detection-benchmarks.jar io.petwatch.bench.HubBench "$@"
