#!/usr/bin/env bash
# `npm run bench`: sets up what is missing (npm packages, the build, and
# Debian's python3-numpy for the baseline timings when run as root), then
# runs the benchmarks. Arguments go to the benchmark program:
#   npm run bench -- --quick
#   npm run bench -- --no-cluster   (skips the cluster-run benchmark, which runs full mode twice)
#   npm run bench -- --cluster-only (the cluster-run benchmark alone; with --quick, on quick mode)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/ensure-deps.sh --numpy
case " $* " in
  *" --cluster-only "*) ;;
  *) node dist/scripts/bench.js "$@" ;;
esac
# Cluster runs (issue 16): one process against N shards on this machine, and the projection to 64 cores
# (full mode; quick mode with --quick; skipped with --no-cluster). See scripts/bench-cluster.ts.
case " $* " in
  *" --no-cluster "*) ;;
  *) if [[ " $* " == *" --quick "* ]]; then exec node dist/scripts/bench-cluster.js --quick; else exec node dist/scripts/bench-cluster.js; fi ;;
esac
