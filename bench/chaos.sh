#!/usr/bin/env bash
# Chaos run (issue 12): the same fleet through the shipped hub broker config, the packaged gateway, the simulator and
# the packaged collector, once without faults and once with gateway kill -9s, a graceful and a kill -9 broker restart
# with batches queued, a minute without the collector, a poison collar and a burst of junk collars; prints the
# comparison and, last, "chaos: gateway kills K, broker restarts B, ...". Exit 0 when every guarantee held, 3 if not.
#   bench/chaos.sh            the full run (23 collars x 14 days at 50 batches/s; about 7 minutes)
#   bench/chaos.sh --brief    the shorter version ChaosIT runs in CI (12 collars x 12 days at 120 batches/s)
# PostgreSQL is embedded on a free port unless PETWATCH_DB_URL (and PETWATCH_DB_USER/_PASSWORD) name one.
# Needs the mosquitto and mosquitto_passwd binaries (Debian package mosquitto).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v mosquitto >/dev/null || { echo "chaos: needs mosquitto (apt-get install mosquitto)" >&2; exit 1; }
./mvnw -q -B -DskipTests -pl collector,deploy/demo -am package
exec java -cp deploy/demo/target/petwatch-demo.jar io.petwatch.demo.chaos.ChaosMain "$@"
