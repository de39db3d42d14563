/**
 * A researcher's own rule (`--rule FILE`, docs/custom-rule.md) in a cluster
 * run: `plan --rule` records the module's path and SHA-256, the shards compute
 * the units its checks declare (the reference rules' leeway series beside it),
 * and `merge` runs the rule's checks as `npm start -- --rule FILE` does; the
 * merged results.json is byte-identical to the single-machine run with the
 * same seed, with 3 shards. A rule file changed after the plan is
 * refused by the shards and the merge (one line naming the file); a missing
 * one by plan.
 *
 * The workbook's own registry, quick mode, `--only D2,rule:leeway --trials 20`:
 * D2 (the leeway series of the four rules) and the rule's leeway check (96 units; measured 86 s of
 * CPU for the whole file on the 2-core machine, 6.6 min of wall time at load average 10).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { assertOneLineError } from './support/cli';
import { assertSameResults, cli, cliOk, temporaryFiles, unitFiles } from './support/clusterRun';

const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregathor-cluster-rule-'));
after(() => fs.rmSync(WORK, { recursive: true, force: true }));
const at = (name: string) => path.join(WORK, name);

/** A coordinate-wise median written from scratch, as module.exports. */
const RULE_JS = `module.exports = {
  name: 'TEST-CLUSTER-MEDIAN',
  requirement: 'n >= 2f + 1',
  admissible: (n, f) => n >= 2 * f + 1,
  aggregate(vectors) {
    const d = vectors[0].length, out = new Float64Array(d), n = vectors.length;
    for (let c = 0; c < d; c++) {
      const col = vectors.map((v) => v[c]).sort((a, b) => a - b);
      out[c] = n % 2 ? col[(n - 1) / 2] : (col[n / 2 - 1] + col[n / 2]) / 2;
    }
    return out;
  },
};
`;
const RULE = at('median-rule.js');
fs.writeFileSync(RULE, RULE_JS);
// --trials 20 (the least the CLI takes): byte identity holds at any trial count, and it halves the cost (14 s of CPU per computation, 33 s at the quick mode's own).
const SELECTION = ['--only', 'D2,rule:leeway', '--seed', '3', '--trials', '20', '--rule', RULE];

// Three shards (the fixture registry's cluster test merges 1, 2, 3 and 5): each shard computes a part of the units.
test('--rule in a cluster run: plan, 3 shards, merge give the results.json of npm start -- --rule FILE', () => {
  cliOk(['verify', ...SELECTION, '--jobs', '2', '--out', at('single')], {}, 0);
  const single = path.join(at('single'), 'results.json');
  const rule = JSON.parse(fs.readFileSync(single, 'utf8')) as { customRule?: { name: string; results: unknown[] } };
  assert.equal(rule.customRule?.name, 'TEST-CLUSTER-MEDIAN', 'the single run has the rule section');
  const shards = 3;
  const run = at(`run-${shards}`);
  const planned = cliOk(['plan', '--run-folder', run, ...SELECTION, '--shards', String(shards)]);
  assert.match(planned.stdout, /Cost estimate: quick grade \(--trials 20, --only D2,rule:leeway, --rule median-rule\.js\)/);
  const plan = JSON.parse(fs.readFileSync(path.join(run, 'plan.json'), 'utf8')) as { verify: { rule?: { module: string; sha256: string } }; units: unknown[] };
  assert.equal(plan.verify.rule?.module, RULE);
  assert.match(plan.verify.rule?.sha256 ?? '', /^[0-9a-f]{64}$/);
  assert.ok(plan.units.length > 0, 'the reference rules\' leeway units are planned');
  for (let i = 0; i < shards; i++) cliOk(['run', '--run-folder', run, '--shard', `${i}/${shards}`, '--jobs', '1']);
  assert.equal(unitFiles(run).length, plan.units.length);
  cliOk(['merge', '--run-folder', run, '--out', at(`merged-${shards}`), '--jobs', '2']);
  assertSameResults(path.join(at(`merged-${shards}`), 'results.json'), single, `--rule, ${shards} shard(s)`);
  assert.deepEqual(temporaryFiles(run), []);
});

test('--rule in a cluster run: a rule changed after the plan is refused by run and merge; a missing one by plan', () => {
  const rule = at('changing-rule.js');
  fs.writeFileSync(rule, RULE_JS);
  const run = at('changed-run');
  cliOk(['plan', '--run-folder', run, '--only', 'rule:leeway', '--seed', '5', '--rule', rule]);
  fs.writeFileSync(rule, RULE_JS.replace('TEST-CLUSTER-MEDIAN', 'TEST-CLUSTER-MEDIAN-2'));
  assertOneLineError(cli(['run', '--run-folder', run, '--shard', '0/1']), /the rule .*changing-rule\.js has changed since the plan was made/);
  assertOneLineError(cli(['merge', '--run-folder', run, '--out', at('changed-report')]), /has changed since the plan was made/);
  assert.ok(!fs.existsSync(at('changed-report')));
  assertOneLineError(cli(['plan', '--run-folder', at('missing-run'), '--rule', at('no-such-rule.js')]), /--rule/);
});
