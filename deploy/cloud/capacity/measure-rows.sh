#!/usr/bin/env bash
# Row sizes (with indexes) and WAL volume per alert for CAPACITY.md, on synthetic rows shaped like the collector's.
# Creates a scratch database, applies the collector's Flyway migrations with psql in version order, runs
# measure-rows.sql, prints the figures and drops the database. Needs psql and a PostgreSQL you may create databases on.
#   deploy/cloud/capacity/measure-rows.sh [episodes per kind, default 20000]
# PGHOST/PGPORT/PGUSER apply as usual (default here: 127.0.0.1, postgres).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
migrations="$here/../../../collector/src/main/resources/db/migration"
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
db=petwatch_capacity_$$
episodes=${1:-20000}
psql -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db"
trap 'psql -q -d postgres -c "DROP DATABASE IF EXISTS $db"' EXIT
for f in $(ls "$migrations" | sort -t V -k2 -n); do
    psql -q -v ON_ERROR_STOP=1 -d "$db" -f "$migrations/$f"
done
psql -q -v ON_ERROR_STOP=1 -v episodes="$episodes" -d "$db" -f "$here/measure-rows.sql"
