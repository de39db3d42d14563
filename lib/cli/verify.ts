import * as fs from 'node:fs';
import type { CheckContext } from '../claims/types';
import { runChecks } from '../parallel/pool';
import { loadRegistry } from '../parallel/registrySource';
import type { CheckTask } from '../parallel/task';
import { describeEnvironment } from '../report/environment';
import { buildModel, type ReportModel } from '../report/model';
import { stageFolder } from '../report/outputFolder';
import { writeReport } from '../report/writeReport';
import type { VerifyOptions } from './options';
import { exitStatusFor, onInterrupt } from './lifetime';
import { buildProofMapReport, type ProofMapReport } from '../proof/report';
import { Progress } from './progress';
import { select } from './selection';
import { summaryTable } from './summaryTable';

// The proof map's checks are loaded when a run covers every claim (not for --only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proofModule = () => require('../proof') as typeof import('../proof');

/** What a verification run ends with: the report model, where it went, and the exit status. */
export interface VerifyOutcome {
  model: ReportModel;
  folder: string;
  exitCode: 0 | 1;
  notices: string[];
}

/**
 * The main job: runs the selected claims' checks (on `jobs` worker threads),
 * writes the report into a staging folder beside `--out` and moves it into
 * place when complete, prints the summary table, and returns exit status 0
 * when every check's verdict is the one the registry expects (1 otherwise,
 * listing the surprises). A claim with no check is `not checked`: a surprise.
 */
export async function verify(options: VerifyOptions, io: { out: (s: string) => void; err: (s: string) => void } = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): Promise<VerifyOutcome> {
  const started = process.hrtime.bigint();
  const registry = loadRegistry();
  const selection = select(registry.claims, registry.checks, options.only);
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
    const groupOf = new Map(selection.claims.map((c) => [c.id, c.group]));
    const bar = new Progress(selection.checks, (id) => groupOf.get(id) ?? '?', options.jobs, 1);
    progress = bar;
    const unitTimes = new Map<string, { kind: string; units: number; seconds: number; declaredCost: number }>();
    const outcomes = await runChecks(registry, tasks, {
      jobs: options.jobs,
      onPlan: (units) => bar.planned(units),
      onUnitDone: (unit, seconds) => {
        const k = unitTimes.get(unit.kind) ?? { kind: unit.kind, units: 0, seconds: 0, declaredCost: 0 };
        k.units++;
        k.seconds += seconds;
        k.declaredCost += unit.cost;
        unitTimes.set(unit.kind, k);
        bar.unitFinished(unit);
      },
      onDone: (_, t) => bar.finished(selection.checks[t.index]),
    });
    // The proof map (every step of the paper, checked where it stands) when the run covers every claim.
    let proofMap: ProofMapReport | undefined;
    if (options.only === undefined) {
      bar.status('checking the proof map, step by step…');
      const { PROOF_MAP, runProofMap } = proofModule();
      proofMap = buildProofMapReport(PROOF_MAP, runProofMap({ seed: options.seed, mode: options.mode }), outcomes.map((o) => o.result));
    }
    bar.status('writing the report (figures as SVG and PNG through Chromium)…');

    const model = buildModel({
      claims: selection.claims,
      results: outcomes.map((o) => o.result),
      seed: options.seed,
      mode: options.mode,
      trials: options.trials,
      only: options.only,
      environment: describeEnvironment(),
      proofMap,
    });
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const timings = {
      wallSeconds,
      jobs: options.jobs,
      // declaredCost: the registry's quick-mode estimate (ClaimCheck.cost), beside the measured seconds, to recalibrate it.
      checks: outcomes.map((o, i) => ({ claimId: o.result.claimId, check: o.result.check, reading: o.result.reading, seconds: o.seconds, declaredCost: selection.checks[i].cost })),
      // The shared units of work per kind: how many, their summed seconds, and the summed estimates they were scheduled by.
      units: [...unitTimes.values()].sort((a, b) => (a.kind < b.kind ? -1 : 1)),
    };
    const { notices } = await writeReport(staged.staging, model, timings);
    staged.commit();
    bar.stop();

    io.out(`${summaryTable(model, process.stdout.isTTY ? process.stdout.columns || 160 : Infinity)}\n\n`);
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
    return { model, folder: staged.target, exitCode: model.surprises.length > 0 ? 1 : 0, notices };
  } catch (error) {
    progress?.stop();
    staged.abandon();
    throw error;
  } finally {
    stopListening();
  }
}
