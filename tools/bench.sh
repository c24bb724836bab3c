#!/usr/bin/env bash
# Builds Meridian (Release) and runs its benchmarks; prints ratios measured in the same run.
# Usage: tools/bench.sh [--quick]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/build.sh"
exec python3 "$root/tools/bench.py" --build "$root/build" "$@"
