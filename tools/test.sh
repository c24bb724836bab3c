#!/usr/bin/env bash
# Builds Meridian and runs every test under CTest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/setup.sh" --with-browser
"$root/tools/build.sh"
cd "$root/build"
ctest --output-on-failure --parallel "$(nproc)" "$@"
