#!/usr/bin/env bash
# Fuzzes the running API (npm start) from its own OpenAPI document with schemathesis: every
# operation gets generated valid and invalid input; any 5xx, undocumented status or content type,
# or response that breaks its schema is a finding, and so is any workflow left with a failed
# workflow task afterwards. Not part of `npm test` (it needs minutes and
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
status=0
"$venv/bin/st" run "$api/openapi.json" \
  -H "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --phases examples,coverage,fuzzing \
  --max-examples "${1:-60}" -w 2 || status=$?

# Bad input must be refused at the API, never retried for ever inside a workflow: after the run,
# no workflow may sit with a failed workflow task (TemporalReportedProblems).
temporal=$(node --import tsx -e "import('./scripts/temporal-paths.ts').then((m) => console.log(m.temporalPaths().cli))")
address="${TEMPORAL_ADDRESS:-127.0.0.1:${CIPDESK_TEMPORAL_PORT:-7233}}"
problems=$("$temporal" workflow list --address "$address" --namespace "${TEMPORAL_NAMESPACE:-default}" --query "TemporalReportedProblems IS NOT NULL")
if [ -n "$problems" ]; then
  echo "Workflows with a failed workflow task after the fuzzing run:"
  echo "$problems"
  status=1
else
  echo "No workflow with a failed workflow task (TemporalReportedProblems IS NOT NULL lists nothing)."
fi
exit "$status"
