#!/usr/bin/env node
/**
 * A git "clean" filter for notebooks/*.ipynb (installed by
 * scripts/ensure-deps.sh as filter.nbstrip; see .gitattributes): what git
 * stores is the notebook without outputs, execution counts or front-end
 * state, so saving a notebook from JupyterLab (5 MB with plotly inlined)
 * never reaches a commit. The working copy keeps its outputs.
 *
 *     node scripts/strip-notebook.js < in.ipynb > out.ipynb   (a filter)
 *     node scripts/strip-notebook.js notebooks/*.ipynb         (in place)
 *
 * The output is the repository's format (JSON with one-space indentation,
 * UTF-8 kept, a final newline), so a clean notebook passes through
 * byte for byte. Plain JavaScript: it must run before any build.
 */
'use strict';
const fs = require('node:fs');

/** The notebook without what running it added. */
function strip(text) {
  const nb = JSON.parse(text);
  for (const cell of nb.cells ?? []) {
    if (cell.cell_type === 'code') {
      cell.outputs = [];
      cell.execution_count = null;
    }
    if (cell.metadata) {
      for (const key of ['execution', 'collapsed', 'scrolled', 'jupyter', 'trusted']) delete cell.metadata[key];
    }
  }
  if (nb.metadata) delete nb.metadata.widgets;
  return `${JSON.stringify(nb, null, 1)}\n`;
}

if (require.main === module) {
  const files = process.argv.slice(2);
  if (files.length === 0) process.stdout.write(strip(fs.readFileSync(0, 'utf8')));
  for (const f of files) fs.writeFileSync(f, strip(fs.readFileSync(f, 'utf8')));
}

module.exports = { strip };
