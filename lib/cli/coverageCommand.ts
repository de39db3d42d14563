import * as os from 'node:os';
import type { CheckContext, CheckResult } from '../claims/types';
import { runChecks } from '../parallel/pool';
import { loadRegistry } from '../parallel/registrySource';
import type { CheckTask } from '../parallel/task';
import { parseOrExplain, integerOption, DEFAULT_SEED } from './options';
import { UserError } from './userError';
import { PROOF_MAP, proofSections, runProofMap } from '../proof';
import { buildProofMapReport, type ProofMapReport, type StepReport } from '../proof/report';
import type { ProofStep } from '../proof/types';

/** `coverage`: the proof map, each step with its checks, and with --run their verdicts and standings. */
export interface CoverageOptions {
  run: boolean;
  seed: number;
  mode: 'quick' | 'full';
  json: boolean;
  section?: string;
  help: boolean;
}

export function parseCoverageOptions(args: string[]): CoverageOptions {
  const { values, positionals } = parseOrExplain({
    args,
    allowPositionals: true,
    options: {
      run: { type: 'boolean', default: false },
      seed: { type: 'string' },
      full: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      section: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (positionals.length > 0) throw new UserError(`coverage takes no positional argument; got "${positionals[0]}" (see coverage --help)`);
  if (values.section !== undefined) {
    const known = proofSections();
    if (!known.some((s) => s.toLowerCase().includes(values.section!.toLowerCase())))
      throw new UserError(`coverage --section needs part of a section name (${known.slice(0, 6).join('; ')}; …); got "${values.section}"`);
  }
  return {
    run: values.run ?? false,
    seed: integerOption('seed', values.seed, 0, 2 ** 32 - 1) ?? DEFAULT_SEED,
    mode: values.full ? 'full' : 'quick',
    json: values.json ?? false,
    section: values.section,
    help: values.help ?? false,
  };
}

/** Why a step has no check of its own, or the names of its checks. */
function checksCell(s: ProofStep): string {
  const own = s.checks.map((c) => `${c.name} (${c.reading})`);
  const reg = (s.registryChecks ?? []).map((r) => `registry ${r}`);
  const all = [...own, ...reg];
  return all.length ? all.join('; ') : `none: ${s.uncheckedBecause ?? 'NO REASON GIVEN'}`;
}

function standingCell(r: StepReport): string {
  const broken = r.brokenPremises.length ? ` (premise${r.brokenPremises.length > 1 ? 's' : ''} ${r.brokenPremises.join(', ')} broken)` : '';
  const region = r.evidence.find((e) => e.reading === r.standingReading)?.region.text;
  return `${r.standing} [${r.standingReading}]${broken}${region ? ` — region: ${region}` : ''}`;
}

/** The text the command prints. */
export function coverageText(o: CoverageOptions, report?: ProofMapReport): string {
  const steps = PROOF_MAP.filter((s) => !o.section || s.location.section.toLowerCase().includes(o.section.toLowerCase()));
  const byId = new Map(report?.steps.map((s) => [s.id, s]));
  const lines: string[] = [];
  let section = '';
  for (const s of steps) {
    if (s.location.section !== section) {
      section = s.location.section;
      lines.push('', `== ${section}`);
    }
    lines.push(`${s.id.padEnd(10)} lines ${`${s.location.lines[0]}–${s.location.lines[1]}`.padEnd(9)} ${s.kind.padEnd(11)} ${s.printed.length > 90 ? `${s.printed.slice(0, 89)}…` : s.printed}`);
    lines.push(`${' '.repeat(11)}checks: ${checksCell(s)}`);
    const r = byId.get(s.id);
    if (r) lines.push(`${' '.repeat(11)}standing: ${standingCell(r)}`);
  }
  const unchecked = steps.filter((s) => s.checks.length === 0 && (s.registryChecks ?? []).length === 0);
  const unexplained = unchecked.filter((s) => !s.uncheckedBecause);
  lines.push('', `${steps.length} steps: ${steps.length - unchecked.length} with checks, ${unchecked.length} without (${unchecked.length - unexplained.length} with a stated reason${unexplained.length ? `, ${unexplained.length} WITHOUT: ${unexplained.map((s) => s.id).join(', ')}` : ''}).`);
  if (report) {
    const c = report.counts.standings;
    lines.push(`standings (seed ${o.seed}, ${o.mode} mode): ${c.holds} hold, ${c.fails} fail, ${c.unsupported} unsupported by the printed proof, ${c.inconclusive} inconclusive, ${c.unchecked} unchecked; ${report.counts.surprises} result(s) differ from their check's expectation.`);
  }
  return `${lines.join('\n').trimStart()}\n`;
}

/**
 * The results of the claim-registry checks that the map's steps name (`registryChecks`, "L1.3/monte-carlo-pair"),
 * run as `npm start` runs them: the same context (mode, seed), on worker threads, units shared. Without them a step
 * whose evidence is a registry check would stand as unchecked here while the report, which has them, gives its
 * verdict: `coverage --run` and the report would disagree at the same seed.
 */
export async function registryResultsForSteps(seed: number, mode: 'quick' | 'full', jobs = os.availableParallelism()): Promise<CheckResult[]> {
  const registry = loadRegistry();
  const named = new Set(PROOF_MAP.flatMap((s) => s.registryChecks ?? []));
  const checks = registry.checks.filter((c) => named.has(`${c.claimId}/${c.name}`));
  const ctx: CheckContext = { mode, seed };
  const tasks: CheckTask[] = checks.map((c, index) => ({ index, registryIndex: registry.checks.indexOf(c), claimId: c.claimId, name: c.name, reading: c.reading, ctx }));
  const outcomes = await runChecks(registry, tasks, { jobs: Math.max(1, jobs) });
  return outcomes.map((o) => o.result);
}

/** Runs the command; resolves to its exit status (1 when a step lacks both a check and a reason, or a result is a surprise). */
export async function coverageCommand(o: CoverageOptions, out: (s: string) => void = (s) => process.stdout.write(s), log: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  let report: ProofMapReport | undefined;
  if (o.run) {
    log(`coverage: running the claim-registry checks the steps name (${o.mode} mode, seed ${o.seed}), then every step's own checks…\n`);
    const registryResults = await registryResultsForSteps(o.seed, o.mode);
    report = buildProofMapReport(PROOF_MAP, runProofMap({ seed: o.seed, mode: o.mode }), registryResults);
  }
  if (o.json) out(`${JSON.stringify(report ?? { steps: PROOF_MAP.map((s) => ({ id: s.id, location: s.location, kind: s.kind, printed: s.printed, premises: s.premises, checks: s.checks.map((c) => ({ name: c.name, reading: c.reading, expected: c.expected })), registryChecks: s.registryChecks ?? [], uncheckedBecause: s.uncheckedBecause ?? null })) }, null, 1)}\n`);
  else out(coverageText(o, report));
  const unexplained = PROOF_MAP.some((s) => s.checks.length === 0 && (s.registryChecks ?? []).length === 0 && !s.uncheckedBecause);
  return unexplained || (report && report.counts.surprises > 0) ? 1 : 0;
}
