/**
 * The plan of a cluster run: every unit of work a verification run with the
 * given options would compute, with its estimated cost, written to
 * `RUN/plan.json` by `plan` and read by every shard and by `merge`.
 *
 * The units are exactly the ones the single-machine run computes: the plan is
 * built by the same code (the registry's declared units, lib/parallel/pool's
 * `planUnits`) from the same check context ({ mode, seed, trials }), so
 * merging the stored values gives the same results byte for byte. The plan
 * holds no timestamp and no host name: planning twice with the same options
 * and build gives the same bytes, so any shard may (re)write it.
 *
 * `build` is a fingerprint of the compiled library (SHA-256 over dist/lib's
 * .js files and the registry module): a shard or a merge running another
 * build of the workbook would compute other values, and is refused.
 *
 * @example
 *   const plan = buildPlan({ mode: 'quick', seeds: [7] });
 *   plan.units.length // → the distinct units of quick mode at seed 7, most expensive first
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CheckContext, CheckMode, ClaimCheck } from '../claims/types';
import { select, splitOnly } from '../cli/selection';
import { UserError } from '../cli/userError';
import { planUnits } from '../parallel/pool';
import { DEFAULT_REGISTRY_MODULE, loadRegistry, type RegistryView } from '../parallel/registrySource';
import type { CheckTask } from '../parallel/task';
import { unitKey, type UnitCall } from '../parallel/units';
import { describeEnvironment } from '../report/environment';
import { unitHash } from './unitFile';

export const PLAN_FORMAT = 'aggregathor-run/1';

/** The verification a run stands for: what `npm start -- --seed s [--full | --grade paper] [--only …] [--trials …] [--rule FILE]` runs, once per seed. */
export interface PlannedVerification {
  mode: CheckMode;
  seeds: number[];
  trials: number | null;
  only: string[] | null;
  /** The grade it was planned with: the mode (`paper`: the paper grade's grids, at several seeds). */
  grade: CheckMode;
  /**
   * `--rule FILE` (absent without one): the rule's module as an absolute path
   * (every node must see it there), the SHA-256 of its bytes (a shard or a
   * merge that finds other bytes is refused: the values would differ), and `--eta`.
   */
  rule?: { module: string; sha256: string; eta?: number };
}

export interface PlannedUnit {
  /** SHA-256 of the unit key: its file name. */
  hash: string;
  kind: string;
  /** Estimated seconds of one thread (the unit kind's own model, lib/parallel/units). */
  cost: number;
  spec: unknown;
}

export interface Plan {
  format: typeof PLAN_FORMAT;
  workbook: { name: string; version: string };
  build: string;
  node: string;
  /** The registry module when AGGREGATHOR_REGISTRY names one, else null (the workbook's). */
  registry: string | null;
  verify: PlannedVerification;
  /** The checks run by `merge` (per seed): how many, and the registry's estimate of their own work in seconds (quick-mode scale). */
  checks: { count: number; declaredCost: number };
  /** Most expensive first (ties by hash): the order shards compute them in. */
  units: PlannedUnit[];
}

/** Fingerprint of the compiled library: SHA-256 over the relative path and bytes of every .js file under dist/lib, and the registry module. */
export function buildFingerprint(libRoot = path.join(__dirname, '..'), registryModule = process.env.AGGREGATHOR_REGISTRY || DEFAULT_REGISTRY_MODULE): string {
  const hash = createHash('sha256');
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else if (e.name.endsWith('.js')) hash.update(`${r}\0`).update(fs.readFileSync(path.join(dir, e.name))).update('\0');
    }
  };
  walk(libRoot, '');
  const registry = path.resolve(registryModule);
  if (!registry.startsWith(path.resolve(libRoot) + path.sep) && fs.existsSync(registry)) hash.update('registry\0').update(fs.readFileSync(registry));
  return hash.digest('hex');
}

/** SHA-256 of a file's bytes (the rule module of `--rule`); one line naming the option when unreadable. */
export function fileSha256(file: string, option = '--rule'): string {
  try {
    return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch (error) {
    throw new UserError(`${option} ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}); every node of a cluster run must see the rule at this path`);
  }
}

/**
 * The check tasks of one seed, exactly as `verify` builds them
 * (lib/cli/verify.ts): the registry's selected checks, then with `--rule`
 * the checks of the researcher's rule (selected by `--only` as verify
 * selects them), each with the tasks' checks beside it.
 */
export function tasksWithChecks(registry: RegistryView, v: Pick<PlannedVerification, 'mode' | 'trials' | 'only' | 'rule'>, seed: number): { tasks: CheckTask[]; checks: (ClaimCheck | undefined)[] } {
  const only = v.only ?? undefined;
  const customSpec = v.rule ? { module: v.rule.module, ...(v.rule.eta !== undefined ? { eta: v.rule.eta } : {}) } : undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const custom = customSpec ? (require('../custom/ruleChecks') as typeof import('../custom/ruleChecks')) : undefined;
  const allCustom: ClaimCheck[] = custom && customSpec ? custom.customRuleChecks(customSpec) : [];
  const split = splitOnly(only, customSpec !== undefined, allCustom.map((c) => c.name));
  const selection = select(registry.claims, registry.checks, split.paper);
  const ctx: CheckContext = { mode: v.mode, seed, ...(v.trials !== null ? { trials: v.trials } : {}) };
  const tasks: CheckTask[] = selection.checks.map((c, index) => ({ index, registryIndex: registry.checks.indexOf(c), claimId: c.claimId, name: c.name, reading: c.reading, ctx }));
  const checks: (ClaimCheck | undefined)[] = [...selection.checks];
  if (custom && customSpec) {
    const customChecks = allCustom.filter((c) => split.custom(c.name, custom.CUSTOM_CHECK_GROUPS[c.name]));
    const alone = only !== undefined && only.every((t) => /^rule(:|$)/i.test(t));
    const customCtx: CheckContext = alone ? { ...ctx, params: { references: 'off' } } : ctx;
    for (const c of customChecks) {
      tasks.push({ index: tasks.length, registryIndex: allCustom.indexOf(c), claimId: c.claimId, name: c.name, reading: c.reading, ctx: customCtx, customRule: customSpec, ...(custom.SHARED_TRIALS.includes(c.name) ? { sharedWith: 'your-rule-trials' } : {}) });
      checks.push(c);
    }
  }
  return { tasks, checks };
}

/** The check tasks of one seed, exactly as `verify` builds them (lib/cli/verify.ts). */
export function tasksFor(registry: RegistryView, v: Pick<PlannedVerification, 'mode' | 'trials' | 'only' | 'rule'>, seed: number): CheckTask[] {
  return tasksWithChecks(registry, v, seed).tasks;
}

/** The distinct units of every seed's run, most expensive first (ties by key hash), and the checks' count and declared cost per seed. */
export function plannedUnits(registry: RegistryView, v: PlannedVerification): { units: PlannedUnit[]; checks: Plan['checks'] } {
  const byHash = new Map<string, PlannedUnit>();
  let checks = { count: 0, declaredCost: 0 };
  for (const seed of v.seeds) {
    const { tasks, checks: found } = tasksWithChecks(registry, v, seed);
    checks = { count: tasks.length, declaredCost: found.reduce((s, c) => s + (c?.cost ?? 0), 0) };
    for (const u of planUnits(found, tasks).units) {
      const hash = unitHash(unitKey(u));
      if (!byHash.has(hash)) byHash.set(hash, { hash, kind: u.kind, cost: u.cost, spec: u.spec });
    }
  }
  const units = [...byHash.values()].sort((a, b) => b.cost - a.cost || (a.hash < b.hash ? -1 : 1));
  return { units, checks };
}

/** The plan of a run with these options (loads the registry: every unit kind is defined by then). */
export function buildPlan(v: PlannedVerification, registry: RegistryView = loadRegistry()): Plan {
  const env = describeEnvironment();
  const { units, checks } = plannedUnits(registry, v);
  return {
    format: PLAN_FORMAT,
    workbook: env.workbook,
    build: buildFingerprint(),
    node: process.version,
    registry: process.env.AGGREGATHOR_REGISTRY ? path.resolve(process.env.AGGREGATHOR_REGISTRY) : null,
    verify: v,
    checks,
    units,
  };
}

/** plan.json exactly as written (two-space indent, final newline): the same options and build give the same bytes. */
export function planJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 1)}\n`;
}

/** A unit of the plan as the pool names it. */
export function unitCallOf(u: PlannedUnit): UnitCall {
  return { kind: u.kind, spec: u.spec, cost: u.cost };
}

/**
 * Reads and checks `RUN/plan.json`: present, of this format, and made by this
 * build (and registry). Every failure is one line naming the folder and what
 * to do.
 */
export function readPlan(runFolder: string, options: { checkBuild?: boolean } = {}): Plan {
  const file = path.join(runFolder, 'plan.json');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`--run-folder ${runFolder}: no plan.json there; write one first with: aggregathor-workbook plan --run-folder ${runFolder} [--full] [--seed n]`);
    throw new UserError(`--run-folder ${runFolder}: cannot read plan.json (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let plan: Plan;
  try {
    plan = JSON.parse(text) as Plan;
  } catch {
    throw new UserError(`--run-folder ${runFolder}: plan.json is not JSON (damaged?); write it again with aggregathor-workbook plan`);
  }
  if (plan?.format !== PLAN_FORMAT || !Array.isArray(plan.units) || !plan.verify || !Array.isArray(plan.verify.seeds))
    throw new UserError(`--run-folder ${runFolder}: plan.json is not a plan of this workbook (format ${JSON.stringify(plan?.format)}, expected ${PLAN_FORMAT})`);
  if (plan.verify.rule) {
    const now = fileSha256(plan.verify.rule.module);
    if (now !== plan.verify.rule.sha256)
      throw new UserError(`--run-folder ${runFolder}: the rule ${plan.verify.rule.module} has changed since the plan was made (SHA-256 ${now.slice(0, 12)}, planned ${plan.verify.rule.sha256.slice(0, 12)}); plan a new run for the new rule`);
  }
  if (options.checkBuild !== false) {
    const here = buildFingerprint();
    if (plan.build !== here)
      throw new UserError(
        `--run-folder ${runFolder}: the plan was made by another build of the workbook (fingerprint ${plan.build.slice(0, 12)}, this one ${here.slice(0, 12)}); every shard and the merge must run the same build, or their unit values could differ`,
      );
    const registry = process.env.AGGREGATHOR_REGISTRY ? path.resolve(process.env.AGGREGATHOR_REGISTRY) : null;
    if (plan.registry !== registry) throw new UserError(`--run-folder ${runFolder}: the plan was made with the registry ${plan.registry ?? 'of the workbook'}, this process uses ${registry ?? 'the workbook\'s'} (AGGREGATHOR_REGISTRY)`);
  }
  return plan;
}
