/**
 * `npx tsc` is the project's TypeScript (issue 14, "no documented command
 * may break the build"): after `npm ci`, scripts/link-tsc.js (postinstall)
 * points node_modules/.bin/tsc at the typescript devDependency, not at the
 * TypeScript 5.0 that tslab brings, whose output Node cannot load.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');

test('node_modules/.bin/tsc is the project’s TypeScript, whatever tslab brings', () => {
  const expected = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'typescript', 'package.json'), 'utf8')) as { version: string }).version;
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['--version'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), `Version ${expected}`);
  const tslabTs = path.join(ROOT, 'node_modules', '@tslab', 'typescript-for-tslab', 'package.json');
  if (fs.existsSync(tslabTs)) assert.notEqual((JSON.parse(fs.readFileSync(tslabTs, 'utf8')) as { version: string }).version, expected, 'the two TypeScripts differ, so this test tells them apart');
});

test('the set-up skips the build when dist/ is current, so `npm start -- --help` answers at once (issue 12)', () => {
  // npm test built dist/ and stamped it just before the tests: nothing is newer than the stamp.
  const stamp = path.join(ROOT, 'dist', '.build-stamp');
  assert.ok(fs.existsSync(stamp), 'the set-up stamps a successful build');
  const started = Date.now();
  const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'ensure-deps.sh')], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /ensure-deps: building/, 'dist/ is current: no rebuild');
  assert.ok(Date.now() - started < 10_000, `the set-up took ${Date.now() - started} ms`);
  const help = spawnSync('npm', ['start', '--silent', '--', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(help.status, 0, help.stderr);
  assert.match(help.stdout, /^aggregathor-workbook — /);
  assert.doesNotMatch(help.stderr, /building/);
});

test('the set-up never runs npm ci through a node_modules that is a symbolic link (npm would empty the folder it points to)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregathor-setup-link-'));
  try {
    const shared = path.join(dir, 'shared-node_modules');
    fs.mkdirSync(shared);
    fs.writeFileSync(path.join(shared, '.package-lock.json'), '{}');
    fs.writeFileSync(path.join(shared, 'someone-elses-package.txt'), 'kept');
    const checkout = path.join(dir, 'checkout');
    fs.mkdirSync(path.join(checkout, 'scripts'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'scripts', 'ensure-deps.sh'), path.join(checkout, 'scripts', 'ensure-deps.sh'));
    fs.symlinkSync(shared, path.join(checkout, 'node_modules'));
    // A lock file newer than the linked tree: the case where the set-up would run npm ci.
    fs.writeFileSync(path.join(checkout, 'package-lock.json'), '{}');
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(checkout, 'package-lock.json'), later, later);
    const r = spawnSync('bash', [path.join(checkout, 'scripts', 'ensure-deps.sh')], { cwd: checkout, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^ensure-deps: node_modules is a symbolic link to .*shared-node_modules and needs npm ci .*npm ci would empty that folder/);
    assert.deepEqual(fs.readdirSync(shared).sort(), ['.package-lock.json', 'someone-elses-package.txt'], 'the linked folder is untouched');
    assert.ok(fs.lstatSync(path.join(checkout, 'node_modules')).isSymbolicLink(), 'the link is untouched');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
