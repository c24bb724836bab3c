#!/usr/bin/env bash
# `meridian compare` under mpirun: two ranks write the same compare.json as one thread, only
# rank 0 prints, and a failure on rank 1 ends the whole job with exit 2 instead of hanging it.
# Usage: compare_mpi.sh MERIDIAN MPIEXEC WORK_DIR (run from the repository root).
set -uo pipefail

meridian=$1 mpiexec=$2 work=$3
rm -rf "$work" && mkdir -p "$work"

# Root in containers and CI; two ranks even on a one-core machine. Open MPI's shared-memory
# transport copies between processes with CMA, which containers often forbid: plain copies work
# everywhere and these messages are small.
mpirun=("$mpiexec" --allow-run-as-root --oversubscribe --tag-output)
export OMPI_MCA_btl_vader_single_copy_mechanism=none

scenario=scenarios/examples/mmc-single-region.yaml
args=(--set horizon=2h --set warmup=10m --vary workloads.mm8.arrivals.rate=2.8/s,3.2/s
      --vary policies.queue=fifo,priority --replications 3)

fail() { echo "FAIL: $*"; exit 1; }

"$meridian" compare "$scenario" "${args[@]}" -o "$work/threads" --jobs 1 --quiet ||
  fail "threaded compare exited $?"

# Not --quiet: rank 0 prints the table, and rank 1 must print nothing at all.
timeout 120 "${mpirun[@]}" -np 2 "$meridian" compare "$scenario" "${args[@]}" -o "$work/ranks" \
  </dev/null >"$work/ranks.out" 2>&1
code=$?
[ "$code" -eq 0 ] || { cat "$work/ranks.out"; fail "mpirun compare exited $code"; }
for file in compare.json compare.csv compare.html; do
  cmp "$work/threads/$file" "$work/ranks/$file" || fail "$file differs between --jobs 1 and -np 2"
done
grep -Eq '^\[[0-9]+,0\]<stdout>: ?outputs in ' "$work/ranks.out" ||
  { cat "$work/ranks.out"; fail "rank 0 printed no table"; }
if grep -Eq '^\[[0-9]+,1\]<' "$work/ranks.out"; then
  cat "$work/ranks.out"; fail "rank 1 printed something"
fi

# Rank 1 cannot read its scenario: rank 0 reports it, and every rank exits 2.
timeout 120 "${mpirun[@]}" -np 1 "$meridian" compare "$scenario" "${args[@]}" -o "$work/broken" --quiet : \
  -np 1 "$meridian" compare "$work/missing.yaml" "${args[@]}" -o "$work/broken" --quiet \
  </dev/null >"$work/broken.out" 2>&1
code=$?
[ "$code" -eq 2 ] || { cat "$work/broken.out"; fail "a failure on rank 1 exited $code, not 2"; }
grep -Eq '^\[[0-9]+,0\]<stderr>: ?meridian compare: rank 1 \(.*\) failed:' "$work/broken.out" ||
  { cat "$work/broken.out"; fail "rank 0 did not report rank 1's failure"; }
[ ! -e "$work/broken/compare.json" ] || fail "a failed comparison wrote compare.json"

echo "compare under mpirun: same files as one thread, rank 1 silent, rank 1's failure reported"
