#!/usr/bin/env bash
# Imports a CRM export (CSV with a header row, or a JSON array) into the collector: every row is checked first,
# and one bad row imports nothing; the rejected rows and their reasons are printed. Exit 0 imported, 1 refused.
# Usage: deploy/crm-import.sh FILE [COLLECTOR_URL]   (default http://127.0.0.1:8080)
set -euo pipefail
file="${1:?usage: crm-import.sh FILE.csv|FILE.json [COLLECTOR_URL]}"
url="${2:-${PETWATCH_COLLECTOR_URL:-http://127.0.0.1:8080}}"
case "$file" in
  *.json) type=application/json ;;
  *) type=text/csv ;;
esac
out=$(mktemp)
trap 'rm -f "$out"' EXIT
code=$(curl -sS -o "$out" -w '%{http_code}' -H "Content-Type: $type" --data-binary "@$file" "$url/api/v1/customers/import")
cat "$out"; echo
[ "$code" = 200 ]
