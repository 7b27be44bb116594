#!/usr/bin/env bash
# Static checks of deploy/cloud, for machines without Docker or Kubernetes: every YAML file parses (PyYAML, and
# yamllint when present), compose.yaml interpolates (docker compose or docker-compose `config`, with a filled-in
# copy of .env.example), haproxy.cfg passes `haproxy -c`, the kustomization builds, and every manifest validates
# against the Kubernetes API schemas (npm package kubernetes-models, installed into a temporary folder).
# A missing tool is reported as SKIP. Exit 0 when nothing failed.
#   deploy/cloud/check-static.sh
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
result() { # status, name
    echo "$1 $2"
    [ "$1" = FAIL ] && failed=1
    return 0
}
have() { command -v "$1" >/dev/null; }

# YAML
if python3 -c 'import yaml' 2>/dev/null; then
    if python3 - "$here" <<'EOF'
import glob, sys, yaml
for f in [sys.argv[1] + '/compose.yaml'] + sorted(glob.glob(sys.argv[1] + '/k8s/*.yaml')):
    list(yaml.safe_load_all(open(f)))
EOF
    then result PASS "YAML parses (PyYAML)"; else result FAIL "YAML parses (PyYAML)"; fi
else
    result SKIP "YAML parses (no PyYAML)"
fi
if have yamllint; then
    yamllint -d '{extends: default, rules: {line-length: {max: 120}, document-start: disable}}' \
        "$here/compose.yaml" "$here"/k8s/*.yaml && result PASS yamllint || result FAIL yamllint
else
    result SKIP "yamllint (not installed)"
fi

# Compose
cp "$here/compose.yaml" "$here/haproxy.cfg" "$tmp/"
sed 's/^QUARKUS_DATASOURCE_PASSWORD=$/QUARKUS_DATASOURCE_PASSWORD=static-check-only/' "$here/.env.example" > "$tmp/.env"
if docker compose version >/dev/null 2>&1; then compose=(docker compose)
elif have docker-compose; then compose=(docker-compose)
else compose=()
fi
if [ ${#compose[@]} -gt 0 ]; then
    (cd "$tmp" && "${compose[@]}" -f compose.yaml config >/dev/null) \
        && result PASS "compose config (${compose[*]})" || result FAIL "compose config (${compose[*]})"
    rm "$tmp/.env"
    (cd "$tmp" && ! "${compose[@]}" -f compose.yaml config >/dev/null 2>&1) \
        && result PASS "compose refuses to run without .env" || result FAIL "compose refuses to run without .env"
else
    result SKIP "compose config (neither docker compose nor docker-compose)"
fi

# HAProxy (collector-1/collector-2 resolve only on Docker's network: those two warnings are expected)
if have haproxy; then
    haproxy -c -f "$here/haproxy.cfg" >/dev/null 2>&1 && result PASS "haproxy -c" || result FAIL "haproxy -c"
else
    result SKIP "haproxy -c (not installed)"
fi

# Kubernetes
built="$tmp/kustomized.yaml"
if have kubectl; then kubectl kustomize "$here/k8s" > "$built"
elif have kustomize; then kustomize build "$here/k8s" > "$built"
else built=""
fi
if [ -n "$built" ] && [ -s "$built" ]; then result PASS "kustomize build"
elif [ -n "$built" ]; then result FAIL "kustomize build"
else result SKIP "kustomize build (neither kubectl nor kustomize)"
fi
if have node && have npm && python3 -c 'import yaml' 2>/dev/null; then
    python3 - "$here" "$built" > "$tmp/docs.json" <<'EOF'
import glob, json, sys, yaml
docs = []
for f in sorted(glob.glob(sys.argv[1] + '/k8s/*.yaml')):
    if not f.endswith('kustomization.yaml'):
        docs += [{'file': f.split('/')[-1], 'doc': d} for d in yaml.safe_load_all(open(f)) if d]
if sys.argv[2]:
    docs += [{'file': 'kustomize build', 'doc': d} for d in yaml.safe_load_all(open(sys.argv[2])) if d]
print(json.dumps(docs))
EOF
    if (cd "$tmp" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund kubernetes-models@5.1.0 >/dev/null 2>&1); then
        cat > "$tmp/validate.mjs" <<'EOF'
import { readFileSync } from 'node:fs';
const docs = JSON.parse(readFileSync('./docs.json', 'utf8'));
const mods = {
  'v1': await import('kubernetes-models/v1'),
  'apps/v1': await import('kubernetes-models/apps/v1'),
  'autoscaling/v2': await import('kubernetes-models/autoscaling/v2'),
  'policy/v1': await import('kubernetes-models/policy/v1'),
};
let failed = 0;
for (const { file, doc } of docs) {
  const Kind = mods[doc.apiVersion]?.[doc.kind];
  try {
    if (!Kind) throw new Error(`no schema for ${doc.apiVersion} ${doc.kind}`);
    new Kind(doc).validate();
  } catch (e) { failed++; console.log(`  ${file} ${doc.kind}: ${e.message}`); }
}
// The validator must reject a broken copy, or passing proves nothing.
const broken = structuredClone(docs.find(x => x.doc.kind === 'Deployment').doc);
broken.spec.template.spec.containers[0].readinessProbe.httpGet.port = { not: 'a port' };
let rejected = false;
try { new mods['apps/v1'].Deployment(broken).validate(); } catch { rejected = true; }
if (!rejected) { failed++; console.log('  a broken Deployment was not rejected'); }
console.log(`  ${docs.length} documents checked`);
process.exit(failed ? 1 : 0);
EOF
        (cd "$tmp" && node validate.mjs) && result PASS "Kubernetes schemas (kubernetes-models 5.1.0)" \
            || result FAIL "Kubernetes schemas (kubernetes-models 5.1.0)"
    else
        result SKIP "Kubernetes schemas (npm install kubernetes-models failed)"
    fi
else
    result SKIP "Kubernetes schemas (needs node, npm and PyYAML)"
fi

[ "$failed" = 0 ]
