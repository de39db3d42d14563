#!/usr/bin/env bash
# `npm run bench`: sets up what is missing (npm packages, the build, and
# Debian's python3-numpy for the baseline timings when run as root), then
# runs the benchmarks. Arguments go to the benchmark program:
#   npm run bench -- --quick
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/ensure-deps.sh --numpy
exec node dist/scripts/bench.js "$@"
