#!/usr/bin/env bash
# One whole publish through the portal's API, for comparing with publish-bare.sh run by run:
#   1. touch one rule (a `bench_round` annotation set to the current time), so the release has something to publish;
#   2. POST /api/v1/publish with a note and confirm=true: render, lint, promtool, write to every target,
#      reload, verify. Fails (exit 1) unless the release is live on every target.
# Environment (all in .stack/env or .stack/test/env: `set -a; . .stack/test/env; set +a`):
#   PORTAL_URL, Portal__BootstrapApiToken (or PORTAL_TOKEN), BENCH_NAMESPACE (default payments-api).
# Step 1 is one GET and one PUT (tens of milliseconds); it stays inside the timing because a publish with
# nothing changed is refused early and would measure nothing.
set -euo pipefail
url=${PORTAL_URL:?source the stack env first}
token=${PORTAL_TOKEN:-${Portal__BootstrapApiToken:?no API token: set PORTAL_TOKEN}}
namespace=${BENCH_NAMESPACE:-payments-api}
auth=(-H "Authorization: Bearer $token")

id=$(curl -sf "${auth[@]}" "$url/api/v1/rules?namespace=$namespace&kind=alerting&take=1" | jq -r '.items[0].id')
[[ $id != null ]] || { echo "no alerting rule in namespace $namespace: seed first (./portal bench seed-scale)" >&2; exit 1; }
curl -sf "${auth[@]}" "$url/api/v1/rules/$id" \
  | jq --arg round "$(date +%s%N)" '{groupId, kind, name, expr, for, keep_firing_for, labels, annotations: ((.annotations // {}) + {bench_round: $round}), version}' \
  | curl -sf -o /dev/null "${auth[@]}" -X PUT -H 'Content-Type: application/json' --data-binary @- "$url/api/v1/rules/$id" \
  || { echo "could not touch rule $id" >&2; exit 1; }

answer=$(curl -s "${auth[@]}" -X POST -H 'Content-Type: application/json' \
  --data '{"note": "benchmark: publish through the portal", "confirm": true}' "$url/api/v1/publish")
status=$(jq -r '.release.status // "none"' <<<"$answer")
if [[ $status != live ]]; then
  echo "publish did not go live ($status): $(jq -c '{refusal, release: .release.targets}' <<<"$answer" 2>/dev/null || echo "$answer")" >&2
  exit 1
fi
