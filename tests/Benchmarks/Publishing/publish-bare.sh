#!/usr/bin/env bash
# What publishing the same files by hand at least costs: `promtool check rules` on the rule files the portal
# keeps in the first target's rules directory, then POST /-/reload on every target (the HA pair).
# Pair it run by run with publish-through-portal.sh. Environment (from the stack env file):
#   PORTAL_PROMTOOL (default promtool), Publishing__Targets__0__RulesDirectory, Publishing__Targets__N__Url.
set -euo pipefail
rules=${Publishing__Targets__0__RulesDirectory:?source the stack env first}
shopt -s nullglob
files=("$rules"/*.yml)
((${#files[@]} > 0)) || { echo "no rule files in $rules: publish once through the portal first" >&2; exit 1; }
"${PORTAL_PROMTOOL:-promtool}" check rules "${files[@]}" >/dev/null
for n in 0 1 2 3 4 5 6 7; do
  var="Publishing__Targets__${n}__Url"
  [[ -n ${!var:-} ]] || continue
  curl -sf -o /dev/null -X POST "${!var}/-/reload"
done
