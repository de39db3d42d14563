import type { CheckMode, Interval, Verdict } from '../claims/types';
import type { Gar } from '../rules/types';
import { dot } from '../vectors';
import { EXPECTATION_ATTACKS, type AttackSpec } from './attackSpecs';
import { experimentUnits, runExperiment, MOMENT_ORDERS, momentExists, type TrialRecord } from './experiment';
import { meanInterval, ratioOfMeansInterval, scaleInterval, squaredBiasInterval } from './intervals';
import { expectationGrid, expectationTrials, gridRegion, settingKey, sigmaOf, trueGradientOf, type McSetting } from './settings';
import { valuesText } from '../claims/checks/region';
import { bonferroniLevel, FAMILY_LEVEL, upperBoundVerdict } from './verdict';
import type { UnitCall } from '../parallel/units';

/**
 * Monte Carlo checks of the expectation bounds, written against the
 * {@link Gar} interface so that a researcher's own rule goes through the same
 * code as MULTI-KRUM:
 *
 * - {@link checkResilience}: ‖E GAR − g‖² <= η² d σ² (Lemma 1's conclusion, with the η you supply);
 * - {@link checkCone}: ⟨E GAR, g⟩ >= (1 − sin α)‖g‖², sin α = η √d σ / ‖g‖, and the angle of E GAR to g against α;
 * - {@link checkMoments}: E‖GAR‖^r <= c_r E‖G‖^r for r = 2, 3, 4 with the constants you supply.
 *
 * Each reports, for every (setting, attack), measured / bound with a
 * Bonferroni-corrected interval, the verdict of {@link upperBoundVerdict},
 * and the attack that came closest to the bound.
 *
 * @example
 * const report = checkResilience(makeGar('multi-krum'), { eta: (n, f, m) => eta(n, f, m, 'as-derived'), mode: 'quick', seed: 1 });
 * report.verdict; report.worst.tightness; report.closestAttack
 */
export interface BoundOptions {
  mode?: CheckMode;
  seed?: number;
  trials?: number;
  settings?: McSetting[];
  attacks?: readonly AttackSpec[];
  /** Family-wise confidence level (Bonferroni over every setting × attack). Default 0.95. */
  familyLevel?: number;
  /** Stream label; checks with the same label share samples. */
  label?: string;
  /** Record Lemma 1's proof quantities (MULTI-KRUM only; used by the registry's checks). */
  proof?: boolean;
}

/** A rule, or a rule per setting (e.g. MULTI-KRUM with the setting's m and k). */
export type GarFor = Gar | ((s: McSetting) => Gar);

export interface BoundRow {
  setting: string;
  attack: string;
  trials: number;
  measured: Interval;
  bound: number;
  /** measured / bound. */
  tightness: Interval;
  /** Extra columns (e.g. the angle), by name. */
  extra?: Record<string, number>;
  /**
   * True when the interval's normal approximation has no footing: the
   * sampled quantity has infinite variance (second-order quantities under
   * Student-t3 noise, which has no fourth moment). Such rows are shown but
   * do not enter the verdict.
   */
  indicative?: boolean;
}

export interface BoundReport {
  verdict: Verdict;
  /** Per-setting confidence level after Bonferroni. */
  level: number;
  familyLevel: number;
  seed: number;
  trialsPerSetting: number;
  /** Total trials run (settings × attacks × trials). */
  trials: number;
  rows: BoundRow[];
  /** The row with the largest tightness; for a failing verdict, the row that fails most clearly ({@link namedRow}). */
  worst: BoundRow;
  /** Its attack. */
  closestAttack: string;
  /** Settings skipped because the rule is not admissible there. */
  skipped: string[];
  /** Where the verdict was earned: the settings, attacks (and orders r) that have a row, in one line ({@link boundRegion}). */
  region: string;
}

export interface Prepared {
  gar: (s: McSetting) => Gar;
  settings: McSetting[];
  skipped: string[];
  attacks: readonly AttackSpec[];
  /** Trials per (setting, attack) at a setting of full share; {@link Prepared.trialsOf} gives each setting's. */
  trials: number;
  /** Trials per attack at a setting ({@link expectationTrials}: corners may run a share of them). */
  trialsOf: (s: McSetting) => number;
  seed: number;
  familyLevel: number;
  level: number;
  label: string;
  proof: boolean;
}

/** Resolves options into the grid actually run and its Bonferroni level (for `extraComparisons` further tests per setting × attack). */
export function prepareBoundCheck(gar: GarFor, o: BoundOptions, extraComparisons = 1): Prepared {
  const garFor = typeof gar === 'function' ? gar : () => gar;
  const mode = o.mode ?? 'quick';
  const all = o.settings ?? expectationGrid(mode);
  const settings = all.filter((s) => garFor(s).admissible(s.n, s.f));
  const skipped = all.filter((s) => !settings.includes(s)).map(settingKey);
  const attacks = o.attacks ?? EXPECTATION_ATTACKS;
  const familyLevel = o.familyLevel ?? FAMILY_LEVEL;
  return {
    gar: garFor, settings, skipped, attacks, familyLevel,
    trials: expectationTrials(mode, o.trials),
    trialsOf: (s) => expectationTrials(mode, o.trials, s),
    seed: o.seed ?? 1,
    level: bonferroniLevel(familyLevel, settings.length * attacks.length * extraComparisons),
    label: o.label ?? 'expectation',
    proof: o.proof ?? false,
  };
}

/** Runs every (setting, attack) of a prepared grid and maps each to a row. */
export function collectBoundRows(p: Prepared, row: (s: McSetting, records: TrialRecord[], attack: AttackSpec) => BoundRow | BoundRow[] | undefined): BoundRow[] {
  const rows: BoundRow[] = [];
  for (const s of p.settings) {
    for (const a of p.attacks) {
      const records = runExperiment({ gar: p.gar(s), setting: s, attack: a, trials: p.trialsOf(s), seed: p.seed, label: p.label, proof: p.proof });
      const r = row(s, records, a);
      if (Array.isArray(r)) rows.push(...r);
      else if (r) rows.push(r);
    }
  }
  return rows;
}

/** The units of work {@link collectBoundRows} will ask for on a prepared grid (for the runner to compute them beforehand). */
export function boundUnits(p: Prepared): UnitCall[] {
  return p.settings.flatMap((s) => p.attacks.flatMap((a) => experimentUnits({ gar: p.gar(s), setting: s, attack: a, trials: p.trialsOf(s), seed: p.seed, label: p.label, proof: p.proof })));
}

/** The rows whose interval is valid (not {@link BoundRow.indicative}): the ones a verdict may use. */
export function validRows(rows: readonly BoundRow[]): BoundRow[] {
  return rows.filter((r) => !r.indicative);
}

/**
 * Whether the noise family has a finite fourth moment, so that squared norms
 * have finite variance and a CLT interval on their mean is valid. Student-t
 * with 3 degrees of freedom does not.
 */
export function fourthMomentFinite(family: string): boolean {
  return family !== 'student-t3';
}

/** How a check's verdict reads its rows: `upper` (measured / bound <= 1) or `equality` (measured / bound = 1, failing on either side). */
export type BoundRule = 'upper' | 'equality';

/** The rows a verdict or a worst row may use: the valid rows, or every row when none is valid. */
function rowPool(rows: readonly BoundRow[]): readonly BoundRow[] {
  const valid = validRows(rows);
  return valid.length > 0 ? valid : rows;
}

/** The row with the largest tightness estimate (NaN counting as +∞) among the valid rows: what a holding check names. */
export function largestRow(rows: readonly BoundRow[]): BoundRow {
  const pool = rowPool(rows);
  let worst = pool[0];
  for (const r of pool) {
    const e = Number.isNaN(r.tightness.estimate) ? Infinity : r.tightness.estimate;
    const w = Number.isNaN(worst.tightness.estimate) ? Infinity : worst.tightness.estimate;
    if (e > w) worst = r;
  }
  return worst;
}

/**
 * The row that makes a bound check fail, by the rule of `failingRow` in
 * lib/cli/summaryTable.ts and of lib/montecarlo/verdict.ts: among the valid
 * rows (rows marked indicative never enter a verdict), those whose interval
 * lies entirely above 1 (a NaN estimate or lower end counting as +∞), the
 * one with the largest lower end; for an equality check with no such row,
 * those lying entirely below 1, the one with the lowest upper end.
 * Undefined when no row fails on its own (e.g. a pooled verdict).
 */
export function failingBoundRow(rows: readonly BoundRow[], rule: BoundRule = 'upper'): BoundRow | undefined {
  const valid = validRows(rows);
  let best: BoundRow | undefined, bestLo = -Infinity;
  for (const r of valid) {
    const t = r.tightness;
    const lower = Number.isNaN(t.estimate) || Number.isNaN(t.lo) ? Infinity : t.lo;
    if (lower > 1 && (!best || lower > bestLo)) { best = r; bestLo = lower; }
  }
  if (best || rule !== 'equality') return best;
  let bestHi = Infinity;
  for (const r of valid) {
    const upper = r.tightness.hi;
    if (upper < 1 && (!best || upper < bestHi)) { best = r; bestHi = upper; }
  }
  return best;
}

/** The row a check names: for a failing verdict a row that fails ({@link failingBoundRow}), else (or when no row fails on its own) the row with the largest estimate. */
export function namedRow(rows: readonly BoundRow[], verdict: Verdict, rule: BoundRule = 'upper'): BoundRow {
  return (verdict === 'fails' ? failingBoundRow(rows, rule) : undefined) ?? largestRow(rows);
}

/**
 * Builds the report of an upper-bound check from its rows; the worst row and
 * the verdict use the valid rows. For a failing verdict the worst row is a
 * row that fails ({@link namedRow}), so the report never names a row whose
 * interval still contains 1 while another row lies wholly above it.
 */
export function boundReport(p: Prepared, rows: BoundRow[], verdict: Verdict = upperBoundVerdict(validRows(rows).map((r) => r.tightness)), rule: BoundRule = 'upper'): BoundReport {
  const worst = namedRow(rows, verdict, rule);
  return {
    verdict, level: p.level, familyLevel: p.familyLevel, seed: p.seed, trialsPerSetting: p.trials,
    trials: p.settings.reduce((a, s) => a + p.attacks.length * p.trialsOf(s), 0), rows, worst, closestAttack: worst.attack, skipped: p.skipped,
    region: boundRegion(p, rows),
  };
}

/**
 * The region of a bound check: the settings of the prepared grid that have a
 * row (a check may leave settings out, e.g. too few trials with a Byzantine
 * i*), the attacks of the rows, the moment orders r where rows carry one
 * (`…,r=2`), and the trials per (setting, attack).
 */
export function boundRegion(p: Prepared, rows: readonly BoundRow[]): string {
  const ofRow = (r: BoundRow) => r.setting.replace(/,r=\d+$/, '');
  const keys = new Set(rows.map(ofRow));
  const settings = p.settings.filter((s) => keys.has(settingKey(s)));
  const orders = rows.map((r) => /,r=(\d+)$/.exec(r.setting)).filter((x): x is RegExpExecArray => x !== null).map((x) => Number(x[1]));
  return gridRegion(settings, rows.map((r) => r.attack), p.trialsOf ?? p.trials, orders.length ? [valuesText('r', orders)] : []);
}

/** η as a number or as a function of (n, f, m). */
export type EtaSpec = number | ((n: number, f: number, m: number) => number);
const etaAt = (eta: EtaSpec, s: McSetting) => (typeof eta === 'function' ? eta(s.n, s.f, s.m) : eta);

/** ‖E GAR − g‖² against η² d σ², estimated without bias by products of independent pairs. */
export function checkResilience(gar: GarFor, options: BoundOptions & { eta: EtaSpec }): BoundReport {
  const p = prepareBoundCheck(gar, options);
  const rows = collectBoundRows(p, (s, records, a) => {
    const sigma = sigmaOf(s);
    const bound = etaAt(options.eta, s) ** 2 * s.d * sigma * sigma;
    const measured = squaredBiasInterval(records.map((r) => r.aggregate), trueGradientOf(s), p.level);
    return { setting: settingKey(s), attack: a.label, trials: records.length, measured, bound, tightness: scaleInterval(measured, bound) };
  });
  return boundReport(p, rows);
}

/**
 * ⟨E GAR, g⟩ >= (1 − sin α)‖g‖², as the tightness
 *
 *     (‖g‖² − ⟨E GAR, g⟩) / (sin α ‖g‖²) <= 1,   sin α = η √d σ / ‖g‖,
 *
 * and the angle θ between E GAR and g against α = arcsin(sin α): tan θ =
 * ‖P⊥ E GAR‖ / ⟨E GAR, ĝ⟩, with an upper confidence bound from the upper
 * bound of ‖P⊥ E GAR‖² (products of independent pairs) and the lower bound of
 * ⟨E GAR, ĝ⟩ (columns `angle/α` and `angle/α hi`).
 */
export function checkCone(gar: GarFor, options: BoundOptions & { eta: EtaSpec }): BoundReport {
  const p = prepareBoundCheck(gar, options, 2);
  const rows = collectBoundRows(p, (s, records, a) => {
    const g = trueGradientOf(s);
    const g2 = dot(g, g), gn = Math.sqrt(g2);
    const sin = (etaAt(options.eta, s) * Math.sqrt(s.d) * sigmaOf(s)) / gn;
    const inner = meanInterval(records.map((r) => dot(r.aggregate, g)), p.level);
    const deficit: Interval = { estimate: g2 - inner.estimate, lo: g2 - inner.hi, hi: g2 - inner.lo, level: p.level, method: inner.method };
    const along = (x: Float64Array) => dot(x, g) / gn;
    const perp = records.map((r) => { const k = along(r.aggregate) / gn; return r.aggregate.map((x, c) => x - k * g[c]); });
    const perp2 = squaredBiasInterval(perp, new Float64Array(s.d), p.level);
    const par = meanInterval(records.map((r) => along(r.aggregate)), p.level);
    const alpha = Math.asin(Math.min(1, sin));
    const angle = Math.atan2(Math.sqrt(Math.max(0, perp2.estimate)), par.estimate);
    const angleHi = par.lo > 0 ? Math.atan2(Math.sqrt(Math.max(0, perp2.hi)), par.lo) : Math.PI;
    return {
      setting: settingKey(s), attack: a.label, trials: records.length, measured: deficit, bound: sin * g2,
      tightness: scaleInterval(deficit, sin * g2), extra: { 'angle/α': angle / alpha, 'angle/α hi': angleHi / alpha },
    };
  });
  return boundReport(p, rows);
}

/**
 * E‖GAR‖^r <= c_r(s) E‖G‖^r for r = 2, 3, 4, as the ratio of means
 * E‖GAR‖^r / E‖G‖^r (delta method) divided by c_r. E‖G‖^r is estimated by
 * the mean of ‖V_j‖^r over the trial's correct vectors. Orders r for which
 * the noise family has no finite moment are left out ({@link momentExists});
 * under Student-t3 noise even r = 2 has infinite variance, so those rows are
 * shown as indicative and left out of the verdict.
 */
export function checkMoments(gar: GarFor, options: BoundOptions & { constant: (r: number, s: McSetting) => number }): BoundReport {
  const p = prepareBoundCheck(gar, options, MOMENT_ORDERS.length);
  const rows = collectBoundRows(p, (s, records, a) =>
    MOMENT_ORDERS.flatMap((r, i) => {
      if (!momentExists(s.family, r)) return [];
      const measured = ratioOfMeansInterval(records.map((x) => x.aggregateNorm[i]), records.map((x) => x.correctNorm[i]), p.level);
      const bound = options.constant(r, s);
      return [{ setting: `${settingKey(s)},r=${r}`, attack: a.label, trials: records.length, measured, bound, tightness: scaleInterval(measured, bound), indicative: !fourthMomentFinite(s.family) }];
    }),
  );
  return boundReport(p, rows);
}
