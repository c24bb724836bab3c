#!/usr/bin/env bash
# Builds Meridian and runs the default scenario; extra arguments go to `meridian run`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/build.sh"
cd "$root"
exec ./build/meridian run scenarios/global-ai.yaml "$@"
