#!/usr/bin/env bash
# Writes the project-local tslab kernelspec to .jupyter-local/kernels/tslab/
# (gitignored), pointing at this clone's node and node_modules/tslab, so the
# notebooks run on the TypeScript kernel and library versions of the lock
# file, never on a system-wide install. Jupyter finds it through
#
#   JUPYTER_PATH="$PWD/.jupyter-local" jupyter lab      (or nbclient, nbconvert)
#
# The kernel is named `tslab`, the name the notebooks' metadata asks for, so
# VS Code and JupyterLab also match a user's own tslab install when this one
# is not on JUPYTER_PATH. Absolute paths, because a kernel is started from
# the notebook's folder by a process whose PATH we do not control.
#
# The file is the one `tslab install` writes (see node_modules/tslab/python/
# install.py), written directly because that script imports IPython, which
# Debian's Jupyter client packages do not pull in.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_bin="$(command -v node)"
tslab_bin="$root/node_modules/tslab/bin/tslab"
if [ ! -f "$tslab_bin" ]; then
  echo "install-kernel: $tslab_bin not found; run npm ci first" >&2
  exit 1
fi
spec_dir="$root/.jupyter-local/kernels/tslab"
mkdir -p "$spec_dir"
node -e '
  const [nodeBin, tslabBin, out] = process.argv.slice(1);
  const spec = {
    argv: [nodeBin, tslabBin, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (tslab, aggregathor-workbook)",
    language: "typescript",
  };
  const text = JSON.stringify(spec, null, 1) + "\n";
  const fs = require("fs");
  const old = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : "";
  if (old !== text) fs.writeFileSync(out, text);
' "$node_bin" "$tslab_bin" "$spec_dir/kernel.json"
