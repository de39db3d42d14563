import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CheckContext } from '../claims/types';
import { runChecks, type PoolOptions } from '../parallel/pool';
import { DEFAULT_REGISTRY_MODULE, loadRegistry } from '../parallel/registrySource';
import type { CheckTask } from '../parallel/task';
import { describeEnvironment } from '../report/environment';
import { buildModel, type ReportModel } from '../report/model';
import { stageFolder } from '../report/outputFolder';
import { writeReport } from '../report/writeReport';
import type { VerifyOptions } from './options';
import { exitStatusFor, onInterrupt } from './lifetime';
import { buildProofMapReport, type ProofMapReport } from '../proof/report';
import { Progress } from './progress';
import { select, splitOnly } from './selection';
import { customRuleSummary, summaryTable } from './summaryTable';
import type { ClaimCheck } from '../claims/types';
import { UserError } from './userError';

// The proof map's checks are loaded when a run covers every claim (not for --only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proofModule = () => require('../proof') as typeof import('../proof');
// The checks of a researcher's rule are loaded with --rule only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const customModule = () => require('../custom/ruleChecks') as typeof import('../custom/ruleChecks');

/**
 * Whether a run checks the proof map (every step of the paper, where it stands): when it covers every claim of
 * the workbook's own registry. The map's steps lean on that registry's results (a step's claim checked
 * independently), so a run with --only, or on another registry (AGGREGATHOR_REGISTRY), has no proof map.
 */
export function checksProofMap(only: readonly string[] | undefined, registryModule: string): boolean {
  return only === undefined && path.resolve(registryModule) === path.resolve(DEFAULT_REGISTRY_MODULE);
}

/** What a verification run ends with: the report model, where it went, and the exit status. */
export interface VerifyOutcome {
  model: ReportModel;
  folder: string;
  exitCode: 0 | 1;
  notices: string[];
}

/** The report section of the user's rule: its name and requirement as the module gives them, where η came from, the results. */
function customRuleReport(spec: { module: string; eta?: number }, results: ReportModel['claims'][number]['results']): NonNullable<Parameters<typeof buildModel>[0]['customRule']> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadCustomRule } = require('../custom/loadRule') as typeof import('../custom/loadRule');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const rule = loadCustomRule(spec.module);
  const eta = spec.eta !== undefined ? `η = ${spec.eta} (--eta)` : rule.eta ? 'η(n, f, m) exported by the module' : "none given: Lemma 1's as-derived η(n, f, m), MULTI-KRUM's";
  return { name: rule.gar.name, requirement: rule.gar.requirement, module: path.basename(spec.module), eta, results };
}

/** The estimate of a full or paper-grade run on this machine and on a cluster, on stderr (lib/cluster/estimate.ts). */
function printRunEstimate(options: VerifyOptions, tasks: CheckTask[], checks: ClaimCheck[], io: { err: (s: string) => void }): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { planUnits } = require('../parallel/pool') as typeof import('../parallel/pool');
  const { runEstimateLines } = require('../cluster/estimate') as typeof import('../cluster/estimate');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const units = planUnits(checks, tasks).units;
  const v = { mode: options.mode, seeds: [options.seed], trials: options.trials ?? null, only: options.only ?? null, grade: options.mode };
  io.err(`${runEstimateLines(units, { count: checks.length, declaredCost: checks.reduce((s, c) => s + c.cost, 0) }, v, options.jobs).join('\n')}\n`);
}

/**
 * The main job: runs the selected claims' checks (on `jobs` worker threads),
 * writes the report into a staging folder beside `--out` and moves it into
 * place when complete, prints the summary table, and returns exit status 0
 * when every check's verdict is the one the registry expects (1 otherwise,
 * listing the surprises). A claim with no check is `not checked`: a surprise.
 * `hooks.storedUnit` hands it unit values computed elsewhere (`merge`).
 */
export async function verify(options: VerifyOptions, io: { out: (s: string) => void; err: (s: string) => void } = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }, hooks: Pick<PoolOptions, 'storedUnit'> = {}): Promise<VerifyOutcome> {
  const started = process.hrtime.bigint();
  const registry = loadRegistry();
  // --rule: the user's rule gets every rule-generic check, selected by --only like the claims (see splitOnly).
  const customSpec = options.rule !== undefined ? { module: options.rule, ...(options.eta !== undefined ? { eta: options.eta } : {}) } : undefined;
  const allCustom: ClaimCheck[] = customSpec ? customModule().customRuleChecks(customSpec) : [];
  const split = splitOnly(options.only, customSpec !== undefined, allCustom.map((c) => c.name));
  const selection = select(registry.claims, registry.checks, split.paper);
  const customChecks = customSpec ? allCustom.filter((c) => split.custom(c.name, customModule().CUSTOM_CHECK_GROUPS[c.name])) : [];
  if (selection.checks.length === 0 && customChecks.length === 0 && selection.claims.length === 0) throw new UserError(`--only ${options.only?.join(',')} selects no check (with --rule, a group name or rule:NAME selects your rule's checks)`);
  const staged = stageFolder(options.out); // fails before any check runs when the folder is not writable
  const existedBefore = fs.existsSync(staged.target);
  let progress: Progress | undefined;
  // An interrupted run commits nothing: the staging folder goes, worker threads and Chromium end with the process.
  const stopListening = onInterrupt((cause, detail) => {
    progress?.stop();
    staged.abandon();
    io.err(`${detail}: no report was written; ${existedBefore ? `${staged.target} is left as it was` : `${staged.target} was not created`}\n`);
    process.exit(exitStatusFor(cause));
  });
  try {
    const ctx: CheckContext = { mode: options.mode, seed: options.seed, ...(options.trials !== undefined ? { trials: options.trials } : {}) };
    const tasks: CheckTask[] = selection.checks.map((c, index) => ({ index, registryIndex: registry.checks.indexOf(c), claimId: c.claimId, name: c.name, reading: c.reading, ctx }));
    // The user's rule's checks follow the claims' (each worker rebuilds them from the module path in the task).
    // `--only rule` / `rule:NAME` alone: the user's rule by itself, without MULTI-KRUM, BULYAN and AGGREGATHOR beside it (a quick look).
    const alone = options.only !== undefined && options.only.every((t) => /^rule(:|$)/i.test(t));
    const customCtx: CheckContext = alone ? { ...ctx, params: { references: 'off' } } : ctx;
    for (const c of customChecks) tasks.push({ index: tasks.length, registryIndex: allCustom.indexOf(c), claimId: c.claimId, name: c.name, reading: c.reading, ctx: customCtx, customRule: customSpec, ...(customModule().SHARED_TRIALS.includes(c.name) ? { sharedWith: 'your-rule-trials' } : {}) });
    const allChecks = [...selection.checks, ...customChecks];
    // Full and paper grade: the cost estimate first (lib/cluster/estimate.ts), from the units the checks declare.
    if (options.mode !== 'quick' && !hooks.storedUnit) printRunEstimate(options, tasks, allChecks, io);
    const groupOf = new Map(selection.claims.map((c) => [c.id, c.group]));
    const bar = new Progress(allChecks, (id) => groupOf.get(id) ?? (id === 'rule' ? 'your rule' : '?'), options.jobs, 1);
    progress = bar;
    const unitTimes = new Map<string, { kind: string; units: number; seconds: number; declaredCost: number }>();
    const outcomes = await runChecks(registry, tasks, {
      jobs: options.jobs,
      storedUnit: hooks.storedUnit, // `merge` of a cluster run: the units come from the run folder (lib/cluster)
      onPlan: (units) => bar.planned(units),
      onUnitDone: (unit, seconds) => {
        const k = unitTimes.get(unit.kind) ?? { kind: unit.kind, units: 0, seconds: 0, declaredCost: 0 };
        k.units++;
        k.seconds += seconds;
        k.declaredCost += unit.cost;
        unitTimes.set(unit.kind, k);
        bar.unitFinished(unit);
      },
      onDone: (_, t) => bar.finished(allChecks[t.index]),
    });
    const paperOutcomes = outcomes.slice(0, selection.checks.length);
    const customOutcomes = outcomes.slice(selection.checks.length);
    let proofMap: ProofMapReport | undefined;
    if (checksProofMap(options.only, registry.modulePath)) {
      bar.status('checking the proof map, step by step…');
      const { PROOF_MAP, runProofMap } = proofModule();
      // The proof map has no paper grade (its exhaustive grids stop at full's): a paper-grade run checks it at full.
      proofMap = buildProofMapReport(PROOF_MAP, runProofMap({ seed: options.seed, mode: options.mode === 'paper' ? 'full' : options.mode }), paperOutcomes.map((o) => o.result));
    }
    bar.status('writing the report (figures as SVG and PNG through Chromium)…');

    const model = buildModel({
      claims: selection.claims,
      results: paperOutcomes.map((o) => o.result),
      seed: options.seed,
      mode: options.mode,
      trials: options.trials,
      only: options.only,
      environment: describeEnvironment(),
      proofMap,
      ...(customSpec ? { customRule: customRuleReport(customSpec, customOutcomes.map((o) => o.result)) } : {}),
    });
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const timings = {
      wallSeconds,
      jobs: options.jobs,
      // declaredCost: the registry's quick-mode estimate (ClaimCheck.cost), beside the measured seconds, to recalibrate it.
      checks: outcomes.map((o, i) => ({ claimId: o.result.claimId, check: o.result.check, reading: o.result.reading, seconds: o.seconds, declaredCost: allChecks[i].cost })),
      // The shared units of work per kind: how many, their summed seconds, and the summed estimates they were scheduled by.
      units: [...unitTimes.values()].sort((a, b) => (a.kind < b.kind ? -1 : 1)),
    };
    const { notices } = await writeReport(staged.staging, model, timings);
    staged.commit();
    bar.stop();

    const width = process.stdout.isTTY ? process.stdout.columns || 160 : Infinity;
    if (model.claims.length > 0) io.out(`${summaryTable(model, width)}\n\n`);
    if (model.customRule) io.out(`${customRuleSummary(model.customRule, width)}\n\n`);
    for (const n of notices) io.err(`notice: ${n}\n`);
    if (model.proofMap) {
      const c = model.proofMap.counts.standings;
      io.out(`Proof map: ${model.proofMap.counts.steps} steps of the paper, ${c.holds} hold, ${c.fails} fail, ${c.unsupported} unsupported by the printed proof, ${c.inconclusive} inconclusive, ${c.unchecked} unchecked; errata in ${staged.target}/errata.md\n`);
    }
    const total = Number(process.hrtime.bigint() - started) / 1e9;
    io.out(`${model.counts.checks} checks over ${model.counts.claims} claims in ${total.toFixed(1)} s (${options.mode} mode, seed ${options.seed}, ${options.jobs} job${options.jobs > 1 ? 's' : ''}): ${model.counts.asExpected} as expected, ${model.counts.surprises} surprise(s). Report: ${staged.target}\n`);
    if (model.surprises.length > 0) {
      io.err(`Surprises (verdict differs from the registry's expectation):\n`);
      for (const s of model.surprises) io.err(`  ${s.claimId}${s.check ? ` / ${s.check} (${s.reading})` : ''}: ${s.verdict}, expected ${s.expected} — ${s.summary}\n`);
    }
    if (model.customRule) {
      const c = model.customRule.counts;
      io.out(`Your rule ${model.customRule.name}: ${model.customRule.results.length} checks, ${c.holds} hold, ${c.fails} fail, ${c.inconclusive} inconclusive (not counted as surprises; the exit status speaks for the paper's claims only).\n`);
    }
    return { model, folder: staged.target, exitCode: model.surprises.length > 0 ? 1 : 0, notices };
  } catch (error) {
    progress?.stop();
    staged.abandon();
    throw error;
  } finally {
    stopListening();
  }
}
