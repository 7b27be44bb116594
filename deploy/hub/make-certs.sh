#!/usr/bin/env bash
# Makes a small private CA and the certificates for TLS on the hub broker (Mosquitto) and mutual TLS for the
# gateway: ca.crt, broker.crt/.key and gateway.crt/.key (PKCS#8 keys, as the gateway reads them).
# Usage: deploy/hub/make-certs.sh OUT_DIR [BROKER_HOSTNAME]
set -euo pipefail
out="${1:?usage: make-certs.sh OUT_DIR [BROKER_HOSTNAME]}"
host="${2:-$(hostname)}"
mkdir -p "$out"
cd "$out"
umask 077

openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=PetWatch hub CA" \
  -keyout ca.key -out ca.crt 2>/dev/null
sign() { # name, subject, extensions
  openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$1.key" -out "$1.csr" 2>/dev/null
  printf '%s\n' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 -sha256 \
    -extfile "$1.ext" -out "$1.crt" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}
sign broker "/CN=$host" "subjectAltName=DNS:$host,DNS:localhost,IP:127.0.0.1"
# The gateway's CN is its broker username when Mosquitto sets use_identity_as_username.
sign gateway "/CN=petwatch-gateway" "extendedKeyUsage=clientAuth"
chmod 644 ca.crt broker.crt gateway.crt
echo "Wrote ca.crt, broker.crt, broker.key, gateway.crt, gateway.key to $out"
