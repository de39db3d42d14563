#!/usr/bin/env bash
# `npm test`: sets up whatever is missing (Debian's Jupyter client,
# Chromium, TeX Live, a one-node Slurm and the classic notebook when run as root, npm packages, the build,
# the tslab kernelspec, JupyterLab and Notebook 7 in .venv-jupyter/),
# then runs every test -- property tests, notebook execution, browser tests (exports and real Jupyter front ends) --
# in one invocation of node's test runner, whose summary is the last thing
# printed.
#
# Extra arguments go to node's test runner, e.g.
#   npm test -- --test-name-pattern=KRUM
# To run a single file after a build:
#   node --test dist/property-tests/<name>.test.js
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/ensure-deps.sh --jupyter --chromium --tex --slurm --frontends

# One id per run: the notebook and browser tests share one execution of each notebook.
export AGGREGATHOR_TEST_RUN="run-$(date +%s)-$$"
export JUPYTER_PATH="$root/.jupyter-local${JUPYTER_PATH:+:$JUPYTER_PATH}"
export JUPYTER_RUNTIME_DIR="$root/.jupyter-local/runtime"
rm -rf build/notebooks build/notebook-fixtures build/browser-fixtures build/screenshots

exec node --test --test-concurrency=2 --test-reporter=spec "$@" dist/property-tests/
