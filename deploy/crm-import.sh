#!/usr/bin/env bash
# Imports a CRM export (CSV with a header row, or a JSON array) into the collector: every row is checked first,
# and one bad row imports nothing; the rejected rows and their reasons are printed. Exit 0 imported, 1 refused.
# Usage: PETWATCH_STAFF_USER=... PETWATCH_STAFF_PASSWORD=... deploy/crm-import.sh FILE [COLLECTOR_URL]
#        (a staff user with the crm role; the URL defaults to http://127.0.0.1:8080)
#        PETWATCH_IMPORT_OPTIONS=charset=windows-1252 for a file not in UTF-8 (without a byte-order mark), and
#        move_collars=true to let the import move collars between customers (join both with &).
set -euo pipefail
file="${1:?usage: crm-import.sh FILE.csv|FILE.json [COLLECTOR_URL]}"
url="${2:-${PETWATCH_COLLECTOR_URL:-http://127.0.0.1:8080}}"
user="${PETWATCH_STAFF_USER:?set PETWATCH_STAFF_USER and PETWATCH_STAFF_PASSWORD to a staff user with the crm role}"
password="${PETWATCH_STAFF_PASSWORD:?set PETWATCH_STAFF_PASSWORD for $user}"
case "$file" in
  *.json) type=application/json ;;
  *) type=text/csv ;;
esac
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# The password goes to curl on stdin as a config line (quotes and backslashes escaped), never on its command line
# where ps would show it.
login="$user:$password"
login=${login//\\/\\\\}
login=${login//\"/\\\"}
code=$(printf 'user = "%s"\n' "$login" | curl -sS -K - -o "$out" -w '%{http_code}' \
  -H "Content-Type: $type" --data-binary "@$file" "$url/api/v1/customers/import${PETWATCH_IMPORT_OPTIONS:+?$PETWATCH_IMPORT_OPTIONS}")
case "$code" in
  401) echo "the collector refused the sign-in of $user: wrong user or password" >&2 ;;
  403) echo "$user may not import: the crm role is needed" >&2 ;;
  000) echo "no answer from the collector at $url" >&2 ;;
  *) cat "$out"; echo ;;
esac
[ "$code" = 200 ]
