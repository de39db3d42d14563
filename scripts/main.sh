#!/usr/bin/env bash
# `npm start`: the main job. Sets up what is missing (npm packages, the
# build, and Debian's Chromium when run as root, which the report uses to
# render each figure as SVG and PNG), then verifies every claim of the
# registry and writes the report. Arguments go to the program:
#   npm start -- --help
#   npm start -- --only eta,L1.9 --seed 7 --out report
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# AGGREGATHOR_SKIP_SETUP=1: the caller has set up already (the lifecycle tests, which run npm start many times).
if [ "${AGGREGATHOR_SKIP_SETUP:-}" != 1 ]; then bash scripts/ensure-deps.sh --chromium; fi
# Paths the user types (a vector file, --out) are relative to the folder npm was run in
# (INIT_CWD), not to the repository root npm moves to for its scripts.
cd "${INIT_CWD:-$root}"
exec node "$root/dist/lib/cli/main.js" "$@"
