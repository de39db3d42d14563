#!/usr/bin/env bash
# Executes notebooks headlessly with Jupyter's own client on the project's
# tslab kernel, writing executed copies and HTML exports to build/notebooks/.
# Stops at the first failing cell, naming notebook, cell, source and error.
#   bash scripts/notebooks.sh                         # every notebook
#   bash scripts/notebooks.sh notebooks/00-tour.ipynb # some
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/ensure-deps.sh --jupyter
export JUPYTER_PATH="$root/.jupyter-local${JUPYTER_PATH:+:$JUPYTER_PATH}"
export JUPYTER_RUNTIME_DIR="$root/.jupyter-local/runtime"
# The kernels share the units of work they compute (lib/cluster/unitCache.ts): notebooks that run the same
# trials compute them once. The folder is this script's own: emptied at each invocation, so every invocation computes
# every unit at least once.
export AGGREGATHOR_UNIT_CACHE="$root/build/notebooks/unit-cache"
rm -rf "$AGGREGATHOR_UNIT_CACHE"
if [ "$#" -eq 0 ]; then set -- notebooks/*.ipynb; fi
exec /usr/bin/python3 scripts/execute_notebooks.py --out build/notebooks --summary build/notebooks/summary.json "$@"
