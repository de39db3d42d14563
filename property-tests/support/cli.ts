import assert from 'node:assert/strict';
import type { SpawnSyncReturns } from 'node:child_process';

/**
 * A user error as the CLI must report it: the program finished, exit status
 * 2, exactly one stderr line `error: …` matching `pattern`, no stack trace,
 * no internal error. Returns the line.
 */
export function assertOneLineError(r: SpawnSyncReturns<string>, pattern: RegExp): string {
  assert.equal(r.error, undefined, `the program did not finish: ${r.error?.message}`);
  assert.equal(r.status, 2, `exit status 2 expected, got ${r.status}; stderr: ${r.stderr}`);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one stderr line expected, got:\n${r.stderr}`);
  assert.match(lines[0], /^error: /);
  assert.doesNotMatch(lines[0], /internal error/);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at |node:internal|\bError:/);
  return lines[0];
}
