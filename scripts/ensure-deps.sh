#!/usr/bin/env bash
# Brings a clone of the workbook to a runnable state, doing only what is
# missing, so `npm test` / `npm start` / `npm run bench` work on a fresh
# machine that has nothing but Node 20 and Debian's package manager.
#
#   bash scripts/ensure-deps.sh [--jupyter] [--chromium] [--numpy] [--tex] [--slurm] [--frontends]
#
#   1. Debian packages for the requested features (Jupyter's own client and
#      nbconvert for executing notebooks, Chromium for the browser test and
#      the report's SVG/PNG figures, numpy for the benchmark's baseline):
#      installed with apt-get when missing and we are root; otherwise one
#      line naming what is missing (the features that need them then skip).
#   2. npm packages with `npm ci` when node_modules is missing or older than
#      package-lock.json.
#   3. The build with the project's TypeScript (type errors are fatal), after
#      removing compiled tests whose source is gone, so no stale test ever
#      runs; skipped when dist/ is newer than every source.
#   4. With --jupyter: the project-local tslab kernelspec (scripts/install-kernel.sh).
#   5. With --frontends: Debian's classic notebook (jupyter-notebook) and, in
#      .venv-jupyter/ with pip, JupyterLab and Notebook 7 (scripts/install-frontends.sh),
#      for the front-end browser test.
#
# Everything it prints goes to stderr, so a caller's stdout stays clean.
set -euo pipefail
exec 1>&2

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

want_jupyter=0 want_chromium=0 want_numpy=0 want_tex=0 want_slurm=0 want_frontends=0
for arg in "$@"; do
  case "$arg" in
    --jupyter) want_jupyter=1 ;;
    --chromium) want_chromium=1 ;;
    --numpy) want_numpy=1 ;;
    --tex) want_tex=1 ;;
    --slurm) want_slurm=1 ;;
    --frontends) want_frontends=1 ;;
    *) echo "ensure-deps: unknown option $arg (expected --jupyter, --chromium, --numpy, --tex, --slurm, --frontends)"; exit 2 ;;
  esac
done

# --- 1. Debian packages -------------------------------------------------------
# Package names checked with `apt-cache policy` on Debian 12 (bookworm).
# jupyter-nbconvert + python3-nbclient + jupyter-client + jupyter-core are
# Jupyter's own headless client and HTML exporter; the tslab kernel itself is
# an npm package and needs nothing else from apt (its zeromq binding ships
# prebuilt glibc binaries). Installed with their recommended packages (as on
# the machine where this set-up was verified): chromium recommends
# fonts-liberation, without which screenshots have no readable text, and
# python3-nbconvert recommends python3-jupyter-client.
packages=()
if [ "$want_jupyter" = 1 ]; then packages+=(jupyter-nbconvert python3-nbclient jupyter-client jupyter-core); fi
if [ "$want_chromium" = 1 ]; then packages+=(chromium); fi
# scipy: ByzFL's numpy path computes Krum's distances with scipy.spatial.distance.cdist (the bench times it as written);
# torch: ByzantineMomentum's rules are torch code (bench/torch_baseline.py times them as written, float64).
if [ "$want_numpy" = 1 ]; then packages+=(python3-numpy python3-scipy python3-torch); fi
# TeX Live for the tests that compile every emitted .tex (errata.tex) with pdflatex.
if [ "$want_tex" = 1 ]; then packages+=(texlive-latex-base texlive-latex-recommended lmodern); fi
# A one-node Slurm for the cluster test (scripts/local-slurm.sh runs it with a private config; nothing in /etc is used).
if [ "$want_slurm" = 1 ]; then packages+=(slurm-wlm munge); fi
# The classic notebook front end, and venv for the pip-installed JupyterLab / Notebook 7.
if [ "$want_frontends" = 1 ]; then packages+=(jupyter-notebook python3-venv); fi

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
if [ "${#packages[@]}" -gt 0 ]; then
  if command -v dpkg-query >/dev/null 2>&1; then
    for p in "${packages[@]}"; do is_installed "$p" || missing+=("$p"); done
  else
    # Not Debian: trust the tools being on disk instead of the package database.
    if [ "$want_jupyter" = 1 ] && ! /usr/bin/python3 -c 'import nbclient, nbconvert, jupyter_client' >/dev/null 2>&1; then missing+=(jupyter-nbconvert python3-nbclient jupyter-client jupyter-core); fi
    if [ "$want_chromium" = 1 ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
    if [ "$want_numpy" = 1 ] && ! /usr/bin/python3 -c 'import numpy, scipy, torch' >/dev/null 2>&1; then missing+=(python3-numpy python3-scipy python3-torch); fi
    if [ "$want_tex" = 1 ] && ! command -v pdflatex >/dev/null 2>&1; then missing+=(texlive-latex-base texlive-latex-recommended lmodern); fi
    if [ "$want_slurm" = 1 ] && ! command -v slurmctld >/dev/null 2>&1; then missing+=(slurm-wlm munge); fi
    if [ "$want_frontends" = 1 ] && ! /usr/bin/python3 -c 'import notebook, venv, ensurepip' >/dev/null 2>&1; then missing+=(jupyter-notebook python3-venv); fi
  fi
fi

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-deps: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" </dev/null
  else
    echo "ensure-deps: missing Debian packages: ${missing[*]} (install them with: sudo apt-get install ${missing[*]}); the features that need them will be skipped"
  fi
fi

# --- 2. npm packages ----------------------------------------------------------
# npm writes node_modules/.package-lock.json on every install: if the lock file
# is newer than it, the installed tree is stale.
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # npm ci empties node_modules first, and through a symbolic link it empties the folder the link points to
  # (another checkout's packages, say): refuse, as nothing here created that folder.
  if [ -L node_modules ]; then
    echo "ensure-deps: node_modules is a symbolic link to $(readlink -f node_modules) and needs npm ci (missing or older than package-lock.json); npm ci would empty that folder, so run npm ci there yourself, or replace the link with a folder of this checkout"
    exit 1
  fi
  echo "ensure-deps: npm ci"
  npm ci --no-audit --no-fund </dev/null
fi

# --- 3. Build -----------------------------------------------------------------
# A test file renamed or deleted in the sources must not keep running from dist/.
if [ -d dist/property-tests ]; then
  while IFS= read -r -d '' compiled; do
    source_ts="${compiled#dist/}"
    source_ts="${source_ts%.js}.ts"
    if [ ! -f "$source_ts" ]; then rm -f "$compiled" "$compiled.map" "${compiled%.js}.d.ts"; fi
  done < <(find dist/property-tests -name '*.js' -print0)
fi
# Not `npx tsc`: tslab depends on its own TypeScript 5.0 (@tslab/typescript-for-tslab),
# which also declares a `tsc` bin, and on a fresh `npm ci` node_modules/.bin/tsc may
# point at it. The project compiles with its own devDependency, TypeScript 5.9.
# Skipped when dist/ is current: no source, config or lock file is newer than the
# stamp of the last successful build (so `npm start -- --help` answers at once).
# The stamp is taken before the build starts: a file saved during it is newer.
stamp=dist/.build-stamp
changed=""
if [ -f "$stamp" ]; then
  changed="$(find lib property-tests scripts notebooks tsconfig.json package.json package-lock.json \( -name '*.ts' -o -name '*.json' -o -name '*.wat' \) -newer "$stamp" -print -quit 2>/dev/null || true)"
fi
if [ ! -f "$stamp" ] || [ -n "$changed" ]; then
  echo "ensure-deps: building (TypeScript $(node -p "require('typescript/package.json').version") -p .)"
  mkdir -p dist
  touch "$stamp.next"
  if ! node node_modules/typescript/bin/tsc -p .; then
    rm -f "$stamp.next"
    echo "ensure-deps: the TypeScript build has errors (listed above)"
    exit 1
  fi
  mv "$stamp.next" "$stamp"
fi

# --- 3b. Git filter ----------------------------------------------------------
# Notebooks saved from Jupyter carry their outputs (5 MB with plotly inlined);
# the clean filter of .gitattributes stores them without (scripts/strip-notebook.js).
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git -C "$root" config filter.nbstrip.clean "node scripts/strip-notebook.js"
fi

# --- 4. Kernelspec -----------------------------------------------------------
if [ "$want_jupyter" = 1 ]; then
  bash scripts/install-kernel.sh
fi

# --- 5. Jupyter front ends ----------------------------------------------------
if [ "$want_frontends" = 1 ]; then
  bash scripts/install-frontends.sh
fi
