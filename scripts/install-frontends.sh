#!/usr/bin/env bash
# Installs JupyterLab and Notebook 7 into the project-local virtual environment
# .venv-jupyter/ (gitignored), from scripts/frontends-requirements.txt, with pip
# as configured on this machine; does nothing when the environment already
# holds exactly those requirements (.venv-jupyter/.requirements is the copy of
# the file it was installed from). Run by `scripts/ensure-deps.sh --frontends`.
#
# The environment is made by Debian's /usr/bin/python3 (package python3-venv),
# never a pyenv or user Python, so it is the same on every Debian machine.
# `--retries 0`: pip asks every configured index for every package; an index
# that cannot be reached (the public one, on a machine that has only a local
# index) then costs one failed lookup per package instead of five with back-off
# (about 20 minutes in all, measured here).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
venv=.venv-jupyter
requirements=scripts/frontends-requirements.txt
if [ -x "$venv/bin/python" ] && cmp -s "$requirements" "$venv/.requirements" && "$venv/bin/python" -c 'import jupyterlab, notebook' >/dev/null 2>&1; then
  exit 0
fi
if ! /usr/bin/python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  echo "install-frontends: Debian's python3-venv is missing (sudo apt-get install python3-venv); the front-end test will be skipped" >&2
  exit 0
fi
echo "install-frontends: installing $(grep -v '^#' "$requirements" | tr '\n' ' ')into $venv/ with pip" >&2
if [ ! -x "$venv/bin/python" ]; then /usr/bin/python3 -m venv "$venv"; fi
rm -f "$venv/.requirements"
# (pip warns once per package about an index folder that lacks it: noise, filtered.)
if ! "$venv/bin/python" -m pip install --quiet --retries 0 --disable-pip-version-check -r "$requirements" </dev/null 2> >(grep -v 'is ignored: it is neither a file nor a directory' >&2); then
  echo "install-frontends: pip could not install $requirements (see above); the front-end test will fail in CI and be skipped elsewhere" >&2
  exit 0
fi
cp "$requirements" "$venv/.requirements"
