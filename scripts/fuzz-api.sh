#!/usr/bin/env bash
# Fuzzes the running API (npm start) from its own OpenAPI document with schemathesis: every
# operation gets generated valid and invalid input; any 5xx, undocumented status or content type,
# or response that breaks its schema is a finding. Not part of `npm test` (it needs minutes and
# a running system); run it before a release and after changing routes or schemas.
#   npm start            # in another terminal
#   bash scripts/fuzz-api.sh [max-examples]
set -euo pipefail
cd "$(dirname "$0")/.."
SCHEMATHESIS_VERSION=4.32.5
venv=.tools/fuzz-venv
if [ ! -x "$venv/bin/st" ] || ! "$venv/bin/st" --version | grep -q "$SCHEMATHESIS_VERSION"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION"
fi
api="http://127.0.0.1:${PORT:-3000}"
token=$(node -e "console.log(require('./${CIPDESK_DATA_DIR:-.data}/dev-tokens.json').find(t => t.role === 'admin').token)")
exec "$venv/bin/st" run "$api/openapi.json" \
  -H "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --phases examples,coverage,fuzzing \
  --max-examples "${1:-60}" -w 2
