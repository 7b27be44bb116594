#!/usr/bin/env bash
# PetWatch demo: builds what it needs, then runs simulator -> broker -> gateway -> collector -> SMS once.
# --serve keeps the collector and its support console running afterwards (it prints the sign-ins), until Ctrl-C.
# With no environment it embeds an MQTT 5 broker (HiveMQ CE) and PostgreSQL on free ports.
# Real services instead: PETWATCH_MQTT_URL=tcp://127.0.0.1:1883 PETWATCH_DB_URL=jdbc:postgresql://127.0.0.1:5432/test
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Building (tests skipped; run ./mvnw verify for those)..." >&2
./mvnw -q -B -DskipTests -pl collector,deploy/demo -am package
exec java -jar deploy/demo/target/petwatch-demo.jar "$@"
