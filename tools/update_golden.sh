#!/usr/bin/env bash
# Regenerates tests/golden/*.json from tests/golden/cases.txt with the built binary, then shows
# the diff to review. Usage: tools/update_golden.sh [build-dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
cd "$root"
while read -r name scenario args; do
  case "$name" in ''|'#'*) continue ;; esac
  out=$(mktemp -d)
  # shellcheck disable=SC2086
  "$build/meridian" run "$scenario" $args --quiet -o "$out" --set 'outputs=[summary]'
  python3 - "$out/summary.json" "tests/golden/$name.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for k in ("wall_s", "events_per_s"):
    doc["run"].pop(k, None)
open(sys.argv[2], "w").write(json.dumps(doc, indent=2) + "\n")
PY
  rm -rf "$out"
done < tests/golden/cases.txt
git --no-pager diff --stat -- tests/golden || true
