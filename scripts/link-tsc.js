#!/usr/bin/env node
/**
 * `postinstall`: points node_modules/.bin/tsc (and tsserver) at the project's
 * TypeScript. tslab depends on its own TypeScript 5.0
 * (@tslab/typescript-for-tslab), which declares the same bin names; after
 * `npm ci` the link may go to it, and `npx tsc` then emits JavaScript that
 * Node cannot load into dist/. With this link `npx tsc -p .` is the build.
 * Plain JavaScript: it runs before anything is compiled.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const bin = path.join(root, 'node_modules', '.bin');
for (const name of ['tsc', 'tsserver']) {
  const target = path.join('..', 'typescript', 'bin', name);
  if (!fs.existsSync(path.join(bin, target))) continue; // typescript not installed (production install): nothing to fix
  const link = path.join(bin, name);
  try {
    if (fs.readlinkSync(link) === target) continue;
  } catch {
    // missing, or not a symbolic link
  }
  fs.rmSync(link, { force: true });
  fs.symlinkSync(target, link);
}
