#!/usr/bin/env bash
# Builds and runs the detection JMH benchmark. Extra arguments go to JMH (e.g. -prof gc).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl bench/detection -am package
exec java -jar bench/detection/target/detection-benchmarks.jar DetectionBenchmark "$@"
