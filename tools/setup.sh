#!/usr/bin/env bash
# Installs what Meridian needs to build and test, from Debian's packages only.
# Idempotent: packages already present are not fetched again. Usage: setup.sh [--with-browser]
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config tzdata
  libboost-graph-dev libyaml-cpp-dev libfmt-dev libspdlog-dev
  catch2 libcli11-dev libhowardhinnant-date-dev nlohmann-json3-dev
  libbenchmark-dev python3 python3-jsonschema python3-yaml
  time                         # GNU time: tools/bench.py's per-process peak RSS
  libopenmpi-dev openmpi-bin   # optional for the build: `compare` under mpirun
)

# The test suite also opens the HTML outputs in a real browser (tests/cli/test_browser.cpp).
[ "${1:-}" = "--with-browser" ] && packages+=(chromium)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  echo "setup: installing ${missing[*]}" >&2
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
