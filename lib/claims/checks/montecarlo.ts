import { ETA_READINGS, eta, type EtaReading } from '../../constants/eta';
import { EXPECTATION_ATTACKS } from '../../montecarlo/attackSpecs';
import { AdmissibilityError, requireInteger, requireThat } from '../../errors';
import { NOISE_FAMILIES } from '../../random/distributions';
import {
  boundUnits, checkCone, checkMoments, checkResilience, collectBoundRows, prepareBoundCheck, boundReport, failingBoundRow, fourthMomentFinite, namedRow, validRows,
  type BoundOptions, type BoundReport, type BoundRow, type BoundRule,
} from '../../montecarlo/bounds';
import { MOMENT_ORDERS, momentExists, runExperiment, type TrialRecord } from '../../montecarlo/experiment';
import { meanInterval, zQuantile, ratioOfMeansInterval, scaleInterval, squaredBiasInterval } from '../../montecarlo/intervals';
import { budgetUnits, leewayUnits, measureBudget, measureLeeway, STRONG_EXPONENT_THRESHOLD, type BudgetOptions, type BudgetSeries, type LeewayOptions, type LeewaySeries } from '../../montecarlo/leeway';
import { expectationGrid, expectationTrials, fewNeighboursGrid, gridRegion, maxEta, readsAs, settingKey, sigmaOf, trueGradientOf, type McSetting } from '../../montecarlo/settings';
import { listText, rangeText, regionOf, valuesText } from './region';
import { bonferroniLevel, equalityVerdict, FAMILY_LEVEL } from '../../montecarlo/verdict';
import { makeGar } from '../../rules/catalogue';
import type { Gar } from '../../rules/types';
import type { UnitCall } from '../../parallel/units';
import type { Prepared } from '../../montecarlo/bounds';
import type { CheckContext, CheckMode, CheckResult, ClaimCheck, ExpectedVerdict, Interval, Verdict } from '../types';
import { CATALOGUE_RULES, CATALOGUE_RULE_NAMES } from '../../rules/index';

/**
 * The Monte Carlo checks of the expectation claims (L1, L1.2, L1.3, L1.7,
 * L1.8, L1.9, L1.10–L1.12, D3, D2, T2 (i), T2.1, F1), registered under their
 * claim ids. They all go through the Gar-generic functions of
 * `lib/montecarlo/` (checkResilience, checkCone, checkMoments,
 * measureLeeway, measureBudget); the Lemma 1 checks share one memoised set of
 * trials per (setting, attack), with Lemma 1's proof quantities recorded.
 *
 * Verdict rule (every check): intervals at the Bonferroni level 1 − 0.05/S
 * over the S (setting × attack [× r]) rows of the check, so the family-wise
 * confidence is 95 %; a bound fails when some row's interval lies entirely
 * past it, holds when every row's interval lies within it, and is
 * inconclusive otherwise.
 */

const LEMMA1 = 'lemma1';
const multiKrumFor = (s: McSetting): Gar => makeGar('multi-krum', { m: s.m, k: s.k });

const round = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(6)) : x);
/** A table cell: 6 significant digits, non-finite values spelled out (JSON has no NaN). */
const cell = (x: number): number | string => (Number.isFinite(x) ? Number(x.toPrecision(6)) : String(x));

/** The grid and attacks a context asks for (`params` may pin one setting, an attack or a family); `grid` is the grid when no setting is pinned. */
function optionsFor(ctx: CheckContext, grid: (mode: CheckMode) => McSetting[] = expectationGrid): BoundOptions {
  const p = ctx.params ?? {};
  // Parameters pin one setting; each is checked here, so a typo or an inadmissible setting is one sentence, not a crash.
  const where = 'the Lemma 1 Monte Carlo checks';
  if ((p.n === undefined) !== (p.f === undefined)) throw new AdmissibilityError(where, 'n and f together (one setting), or neither', { n: String(p.n ?? 'not given'), f: String(p.f ?? 'not given') });
  if (p.family !== undefined && !(NOISE_FAMILIES as readonly string[]).includes(String(p.family))) throw new AdmissibilityError(where, `a noise family among ${NOISE_FAMILIES.join(', ')}`, { family: String(p.family) });
  if (p.attack !== undefined && !EXPECTATION_ATTACKS.some((a) => a.label === p.attack)) throw new AdmissibilityError(where, `an attack among ${EXPECTATION_ATTACKS.map((a) => a.label).join(', ')}`, { attack: String(p.attack) });
  let settings = grid(ctx.mode);
  if (p.n !== undefined && p.f !== undefined) {
    const n = Number(p.n), f = Number(p.f);
    requireInteger(where, 'f', f, 0);
    requireThat(Number.isInteger(n) && n >= 2 * f + 3, where, 'n >= 2f + 3 (MULTI-KRUM, Lemma 1)', { n, f });
    const m = p.m ?? n - f - 2;
    requireInteger(where, 'm', Number(m), 1, n - f - 2);
    const k = p.k ?? n - f - 2;
    requireInteger(where, 'k', Number(k), 1, n - 1);
    const d = p.d ?? 10;
    requireInteger(where, 'd', Number(d), 1, 1e6);
    const sinAlpha = Number(p.sinAlpha ?? 0.95);
    requireThat(sinAlpha > 0 && sinAlpha < 1, where, '0 < sinAlpha < 1', { sinAlpha });
    settings = [{ n, f, m: Number(m), k: Number(k), d: Number(d), sinAlpha, family: (p.family as McSetting['family']) ?? 'gaussian', gNorm: 1 }];
  } else if (p.family) settings = settings.map((s) => ({ ...s, family: p.family as McSetting['family'] }));
  const attacks = p.attack ? EXPECTATION_ATTACKS.filter((a) => a.label === p.attack) : EXPECTATION_ATTACKS;
  return { mode: ctx.mode, seed: ctx.seed, trials: ctx.trials, settings, attacks, label: LEMMA1, proof: true };
}

/** Table of a bound report: one row per (setting, attack), with the attack closest to the bound in each setting marked. */
function boundTable(rows: BoundRow[]): CheckResult['table'] {
  const extra = [...new Set(rows.flatMap((r) => Object.keys(r.extra ?? {})))];
  const closest = new Map<string, BoundRow>();
  for (const r of validRows(rows)) {
    const c = closest.get(r.setting);
    if (!c || r.tightness.estimate > c.tightness.estimate || Number.isNaN(r.tightness.estimate)) closest.set(r.setting, r);
  }
  return {
    columns: ['setting', 'attack', 'trials', 'measured', 'bound', 'tightness', 'lo', 'hi', 'closest in setting', 'interval valid', ...extra],
    rows: rows.map((r) => [
      r.setting, r.attack, r.trials, cell(r.measured.estimate), cell(r.bound), cell(r.tightness.estimate), cell(r.tightness.lo), cell(r.tightness.hi),
      closest.get(r.setting) === r ? 'yes' : '', r.indicative ? 'no (infinite variance)' : 'yes', ...extra.map((k) => cell(r.extra?.[k] ?? NaN)),
    ]),
  };
}

function plainInterval(iv: Interval): Interval {
  return { estimate: round(iv.estimate), lo: round(iv.lo), hi: round(iv.hi), level: iv.level, method: iv.method };
}

const VERDICT_RULE =
  'Intervals are CLT / delta-method intervals with Student t quantiles at the Bonferroni level 1 − 0.05/S over the S rows, family-wise 95 %. ' +
  'A bound fails if some row lies entirely past it, holds if every row lies within it, and is inconclusive otherwise. ' +
  'Rows marked "interval valid: no" average a quantity of infinite variance (second-order quantities under Student-t3 noise, which has no fourth moment): no CLT interval is valid there, so they are shown but left out of the verdict.';

/**
 * A check's result from its bound report. The row it names (summary and
 * `tightness`) is, for a failing verdict, a row that fails by the verdict's
 * own rule (`rule`: `equality` for the checks whose verdict is
 * {@link equalityVerdict}), the one failing most clearly — the rule of
 * `failingRow` in lib/cli/summaryTable.ts; for any other verdict, or when no
 * single row fails (a pooled verdict), the row with the largest estimate.
 */
export function fromReport(id: string, name: string, reading: string, expected: ExpectedVerdict, rep: BoundReport, what: string, notes = '', verdict: Verdict = rep.verdict, rule: BoundRule = 'upper'): CheckResult {
  const failing = verdict === 'fails' ? failingBoundRow(rep.rows, rule) : undefined;
  const w = namedRow(rep.rows, verdict, rule);
  return {
    claimId: id, check: name, reading, method: 'monte-carlo', verdict, expected, region: rep.region,
    summary: `${what}: ${verdict}; ${failing ? 'failing row' : 'worst tightness'} ${round(w.tightness.estimate)} [${round(w.tightness.lo)}, ${round(w.tightness.hi)}] at ${w.setting} under ${w.attack}`,
    seed: rep.seed, runs: rep.trials, runsLabel: `Monte Carlo trials (${rep.rows.length} rows × ${rep.trialsPerSetting} trials${rep.rows.some((r) => r.trials < rep.trialsPerSetting) ? ', fewer at the costly corners' : ''})`,
    tightness: plainInterval({ ...w.tightness, method: `${w.tightness.method}; Bonferroni over ${rep.rows.length} rows` }),
    table: boundTable(rep.rows),
    notes: `${VERDICT_RULE} ${failing ? 'Attack of the failing row' : 'Closest attack overall'}: **${w.attack}**.${rep.skipped.length ? ` Skipped (rule not admissible): ${rep.skipped.join('; ')}.` : ''} ${notes}`.trim(),
  };
}

/** Rows of a Lemma 1 proof quantity, computed from the shared MULTI-KRUM trials. */
function proofRows(ctx: CheckContext, comparisons: number, row: (s: McSetting, r: TrialRecord[], level: number, attack: string) => BoundRow | BoundRow[] | undefined, keep: (s: McSetting) => boolean = () => true, familyLevel = FAMILY_LEVEL) {
  const o = optionsFor(ctx);
  o.settings = (o.settings ?? []).filter(keep);
  o.familyLevel = familyLevel;
  const p = prepareBoundCheck(multiKrumFor, o, comparisons);
  return { p, rows: collectBoundRows(p, (s, records, a) => row(s, records, p.level, a.label)) };
}

type RowOf = (s: McSetting, r: TrialRecord[], level: number, attack: string) => BoundRow | BoundRow[] | undefined;

/** Does this row's interval reject `value` (or is its estimate undefined)? {@link equalityVerdict} on the one row. */
const rejects = (r: BoundRow, value: number) => equalityVerdict([r.tightness], value) === 'fails';

/** The stream label of confirmation draws: fresh samples, independent of the main run's (same seed, another name). */
export const CONFIRMATION_LABEL = 'confirmation';

/**
 * The equality verdict with a confirmation run (issue 13, item 4). A row
 * whose interval rejects the identity at the family level is drawn again —
 * the same setting, attack, trial count and per-row level, from fresh
 * samples of their own stream (label `…/confirmation`) — and the identity
 * fails only where the new draws reject it too. A true identity then fails
 * a seed at about the square of its one-run rate: at seed 82 of 100, L1.3's
 * pair identity was rejected once, in the row n = 3, f = 0, d = 1, uniform
 * noise, 0.762 [0.526, 0.998] — a skewed square whose sample spread is
 * small exactly when its sample mean is, so its CLT interval misses from
 * below more often than its level says. A false identity (L1.10 at m > 1)
 * is rejected again at once: rows are confirmed clearest first, and one
 * confirmed row decides, so a failing check costs one row's redraw.
 *
 * The redraws run in this thread, outside the plan of units: they are
 * needed only after a rejection, so no runner can know them beforehand.
 */
function confirmedEquality(p: Prepared, rows: readonly BoundRow[], row: RowOf, value = 1): { verdict: Verdict; note: string } {
  const valid = validRows([...rows]);
  if (valid.length === 0) return { verdict: 'inconclusive', note: '' };
  const excess = (r: BoundRow) => (Number.isNaN(r.tightness.estimate) ? Infinity : Math.max(r.tightness.lo - value, value - r.tightness.hi) / Math.max(r.tightness.hi - r.tightness.lo, Number.MIN_VALUE));
  const rejected = valid.filter((r) => rejects(r, value)).sort((a, b) => excess(b) - excess(a));
  if (rejected.length === 0) return { verdict: 'holds', note: '' };
  const confirmation = { ...p, label: `${p.label}/${CONFIRMATION_LABEL}` };
  let checked = 0;
  for (const first of rejected) {
    checked++;
    const s = p.settings.find((x) => first.setting === settingKey(x) || first.setting.startsWith(`${settingKey(x)},`));
    const attack = p.attacks.find((a) => a.label === first.attack);
    if (!s || !attack) continue;
    // A rule without its plain-JSON description runs in this thread (no unit): see above.
    const gar = { ...confirmation.gar(s), rule: undefined };
    const records = runExperiment({ gar, setting: s, attack, trials: p.trialsOf(s), seed: p.seed, label: confirmation.label, proof: p.proof });
    const again = ([] as BoundRow[]).concat(row(s, records, p.level, attack.label) ?? []).find((r) => r.setting === first.setting && r.attack === first.attack);
    if (again && rejects(again, value)) {
      return { verdict: 'fails', note: ` Confirmation with fresh draws (label ${confirmation.label}): the row ${first.setting} / ${first.attack} rejected ${value} again, ${round(again.tightness.estimate)} [${round(again.tightness.lo)}, ${round(again.tightness.hi)}] (${checked} of ${rejected.length} rejecting rows redrawn, clearest first).` };
    }
  }
  return { verdict: 'holds', note: ` Confirmation with fresh draws (label ${confirmation.label}): ${rejected.length} row(s) rejected ${value} (${rejected.map((r) => `${r.setting} / ${r.attack}`).join('; ')}); none did again with new samples, so no difference is confirmed.` };
}

/** The units of work (chunks of the shared Lemma 1 trials) of the settings `keep` selects: what proofRows and the bound checks will ask for. */
function lemma1Units(ctx: CheckContext, keep: (s: McSetting) => boolean = () => true): UnitCall[] {
  const o = optionsFor(ctx);
  o.settings = (o.settings ?? []).filter(keep);
  return boundUnits(prepareBoundCheck(multiKrumFor, o));
}

/** The result of a check whose grid has no row for its reading (never a vacuous pass). */
function noRows(ctx: CheckContext, claimId: string, check: string, reading: string, expected: ExpectedVerdict, why = `no setting of the ${ctx.mode} grid has the reading ${reading}`): CheckResult {
  const o = optionsFor(ctx);
  const region = `no row; the ${ctx.mode} grid searched: ${gridRegion(o.settings ?? [], (o.attacks ?? []).map((a) => a.label), (st) => expectationTrials(ctx.mode, ctx.trials, st))}`;
  return { claimId, check, reading, method: 'monte-carlo', verdict: 'inconclusive', expected, region, summary: why, seed: ctx.seed, runs: 0 };
}

const etaOf = (reading: EtaReading) => (n: number, f: number, m: number) => eta(n, f, m, reading);
const scaledEta = (e: (n: number, f: number, m: number) => number, k: number) => (n: number, f: number, m: number) => k * e(n, f, m);

/**
 * `params.boundScale` multiplies every bound a check compares with (1 by
 * default). It exists to show that each check can fail: with a deliberately
 * wrong bound (e.g. η halved is boundScale 1/4 on η²) the verdict must turn.
 * The result's notes say when it is not 1.
 */
function boundScale(ctx: CheckContext): number {
  const k = Number(ctx.params?.boundScale ?? 1);
  return Number.isFinite(k) && k > 0 ? k : 1;
}

// ---------------------------------------------------------------- L1, L1.8
/** Why the lemma-level checks' region stops at k >= f + 1. */
const K_ABOVE_F_NOTE = 'The grid keeps k >= f + 1 (every vector keeps a correct neighbour); the corner k = m < f, which the hypotheses admit under the proof\'s reading k = m, is the separate check L1/monte-carlo-at-k=m<f, where the lemma fails.';

function l1Check(reading: EtaReading): ClaimCheck {
  return {
    claimId: 'L1', name: 'monte-carlo', reading, method: 'monte-carlo', expected: 'holds', cost: 0.3,
    units: (ctx) => lemma1Units(ctx),
    run: (ctx) => {
      const rep = checkResilience(multiKrumFor, { ...optionsFor(ctx), eta: scaledEta(etaOf(reading), Math.sqrt(boundScale(ctx))) });
      return fromReport('L1', 'monte-carlo', reading, 'holds', rep, `‖E MK − g‖² <= η²dσ² (η ${reading})`,
        `measured = ‖E MK − g‖², estimated without bias from products of independent pairs of trials; bound = η²(n, f) d σ². ${K_ABOVE_F_NOTE}`);
    },
  };
}

/**
 * Lemma 1 at the corner k = m < f (the proof's reading of the score with
 * fewer neighbours than Byzantine workers): f identical Byzantine vectors are
 * each other's k nearest neighbours, score 0 and are selected wherever the
 * attacker puts them, so ‖E MK − g‖² is as large as the attacker likes. The
 * hypotheses as printed (2f + 2 < n, m <= n − f − 2) admit this corner, so it
 * is its own check, expected to fail, against the largest η of the three
 * readings; the main L1 checks run on {@link expectationGrid}, where k >= f + 1.
 */
const FEW_NEIGHBOURS = 'monte-carlo-at-k=m<f';
const l1FewNeighboursCheck: ClaimCheck = {
  claimId: 'L1', name: FEW_NEIGHBOURS, reading: 'k=m', method: 'monte-carlo', expected: 'fails', cost: 0.1,
  units: (ctx) => boundUnits(prepareBoundCheck(multiKrumFor, optionsFor(ctx, fewNeighboursGrid))),
  run: (ctx) => {
    const o = optionsFor(ctx, fewNeighboursGrid);
    const rep = checkResilience(multiKrumFor, { ...o, eta: scaledEta(maxEta, Math.sqrt(boundScale(ctx))) });
    // The smallest counterexample setting: fewest workers, then fewest dimensions.
    const smallest = [...(o.settings ?? [])].sort((a, b) => a.n - b.n || a.d - b.d)[0];
    const rows = rep.rows.filter((r) => smallest && r.setting === settingKey(smallest));
    const worstThere = rows.length ? rows.reduce((a, b) => (b.tightness.lo > a.tightness.lo ? b : a)) : undefined;
    const r = fromReport('L1', FEW_NEIGHBOURS, 'k=m', 'fails', rep, '‖E MK − g‖² <= η²dσ² under k = m with m < f (η the largest of the three readings)',
      'Region: the proof\'s reading of the score, k = m neighbours, with m < f (f >= 2, so n >= 7); the hypotheses of Lemma 1 as printed (2f + 2 < n, 1 <= m <= n − f − 2) admit it. ' +
      'There the f Byzantine vectors, sent as identical copies, are each other\'s k nearest neighbours, score 0, and are selected wherever they are: no bound on ‖E MK − g‖² can hold. ' +
      'The settings with k <= f are kept out of every other Monte Carlo check of Lemma 1 (their grid has k >= f + 1): the proof\'s steps divide by δc(i), which can be 0 here (registry L1.3/well-defined k=m, L1.12/byzantine-norm k=m). ' +
      'Under the code\'s reading k = n − f − 2 (and k = n − f − 1, n − f) k >= f + 1 always holds and the main L1 checks hold.');
    return worstThere && smallest
      ? { ...r, summary: `${r.summary}; smallest counterexample n = ${smallest.n}, f = ${smallest.f}, m = k = ${smallest.m}, d = ${smallest.d}: bias²/(η²dσ²) = ${round(worstThere.tightness.estimate)} [${round(worstThere.tightness.lo)}, ${round(worstThere.tightness.hi)}] under ${worstThere.attack}` }
      : r;
  },
};

const l18Check: ClaimCheck = {
  claimId: 'L1.8', name: 'monte-carlo-inequality', reading: 'as-derived', method: 'monte-carlo', expected: 'holds', cost: 0.3,
  units: (ctx) => lemma1Units(ctx),
  run: (ctx) => {
    const { p, rows } = proofRows(ctx, 1, (s, records, level, attack) => {
      const sigma2 = sigmaOf(s) ** 2;
      const q = s.n - 2 * s.f - 2;
      // The middle expression of L1.8, written out term by term (not through etaSquared).
      const middle = boundScale(ctx) * ((s.n - s.f) + s.f * (s.m / q + (s.f * (s.m + 1)) / q)) * 2 * s.d * sigma2;
      const measured = squaredBiasInterval(records.map((r) => r.aggregate), trueGradientOf(s), level);
      const jensen = meanInterval(records.map((r) => r.proof!.mkToNeighbourMean2), level);
      return {
        setting: settingKey(s), attack, trials: records.length, measured, bound: middle, tightness: scaleInterval(measured, middle),
        extra: {
          'E‖MK − N̄‖² / bound': jensen.estimate / middle,
          'bound / η²(as-derived)dσ²': middle / (eta(s.n, s.f, s.m, 'as-derived') ** 2 * s.d * sigma2),
          'bound / η²(as-printed)dσ²': middle / (eta(s.n, s.f, s.m, 'as-printed') ** 2 * s.d * sigma2),
        },
      };
    });
    return fromReport('L1.8', 'monte-carlo-inequality', 'as-derived', 'holds', boundReport(p, rows), '‖E MK − g‖² <= (n − f)2dσ² + f(m/(n−2f−2) + f(m+1)/(n−2f−2))2dσ²',
      'The bound is L1.8\'s middle expression computed term by term. Its ratio to η²dσ² is 1 for the as-derived η (the last "<=" of L1.8 is in fact an equality) and differs from 1 for the as-printed η unless m = n − 2f − 2. ' +
      'The column E‖MK − N̄‖² / bound is the Jensen step of L1.2, the quantity the proof actually bounds.');
  },
};

// ---------------------------------------------------------------- L1.9, D3 (i)
function coneCheck(id: 'L1' | 'L1.9' | 'D3', reading: EtaReading, name: string): ClaimCheck {
  return {
    claimId: id, name, reading, method: 'monte-carlo', expected: 'holds', cost: 0.3,
    units: (ctx) => lemma1Units(ctx),
    run: (ctx) => {
      const rep = checkCone(multiKrumFor, { ...optionsFor(ctx), eta: scaledEta(etaOf(reading), boundScale(ctx)) });
      const angles = rep.rows.map((r) => r.extra?.['angle/α hi'] ?? NaN);
      return fromReport(id, name, reading, 'holds', rep, `⟨E MK, g⟩ >= (1 − sin α)‖g‖² (η ${reading})`,
        `tightness = (‖g‖² − ⟨E MK, g⟩) / (sin α ‖g‖²). Largest upper confidence bound of angle(E MK, g)/α over the rows: ${round(Math.max(...angles))} (<= 1 means E MK lies in the cone of half-angle α). ${K_ABOVE_F_NOTE}`);
    },
  };
}

// ---------------------------------------------------------------- L1.2
/**
 * Pools row intervals of non-negative quantities into the mean of their
 * estimates with a one-sided 95% lower bound: se_row = (hi − lo) / (2 z_row),
 * se = √(Σ se_row²) / R, lo = mean − 1.645 se.
 */
function pooledPositiveMean(ivs: readonly Interval[]): { estimate: number; lo: number } {
  const R = ivs.length;
  const estimate = ivs.reduce((a, iv) => a + iv.estimate, 0) / R;
  const se = Math.sqrt(ivs.reduce((a, iv) => a + ((iv.hi - iv.lo) / (2 * zQuantile(iv.level))) ** 2, 0)) / R;
  return { estimate, lo: estimate - zQuantile(0.9) * se };
}

/** The neighbour-count readings, the proof's own (k = m) first. */
const K_READINGS = ['k=m', 'k=n-f-2', 'k=n-f-1', 'k=n-f'] as const;

/**
 * Expected verdict of L1.2's premise E N̄(i*) = g under each neighbour-count
 * reading: it fails under all four. N̄(i*) averages the correct neighbours of
 * i*, a subset of the correct vectors chosen by their distance to x_{i*},
 * itself chosen from the data. When i* is a Byzantine vector off the correct
 * mean, its correct neighbours are the correct vectors nearest to it: under
 * k = m and k = n − f − 2 (at m = n − f − 2), the f − 1 other Byzantine
 * copies take f − 1 of the k places and the rest are the k − f + 1 nearest of
 * the n − f correct vectors; under k = n − f − 1 and k = n − f, the n − 2f and
 * n − 2f + 1 nearest. At n = 2f + 3 that is 2, 3 or 4 of the f + 3 correct
 * vectors, and their mean is pulled towards x_{i*}. When i* is correct the
 * mean leaves out V_{i*} and the f farthest (k = n − f − 1) or f − 1 farthest
 * (k = n − f), again a data-chosen subset. Only at f = 0 with symmetric noise
 * is the premise exact (reflecting every V about g maps the selection to
 * itself). The grid's corners at n = 2f + 3, f = 24 make the bias large under
 * every reading (bias²/dσ² about 0.1 pooled, lower bounds far above 0).
 */
const l12Expected = (_reading: string): ExpectedVerdict => 'fails';

/** One row of L1.2: the squared bias ‖E N̄(i*) − g‖² of the mean of i*'s correct neighbours, relative to dσ². */
function neighbourBiasRow(s: McSetting, records: TrialRecord[], level: number, attack: string) {
  const dsig2 = s.d * sigmaOf(s) ** 2;
  const measured = squaredBiasInterval(records.map((r) => r.proof!.neighbourMean), trueGradientOf(s), level);
  const iStarByz = records.reduce((a, r) => a + r.proof!.byzantineWorst, 0) / records.length;
  return { setting: settingKey(s), attack, trials: records.length, measured, bound: dsig2, tightness: scaleInterval(measured, dsig2), extra: { 'P(i* Byzantine)': iStarByz } };
}

const l12Check = (reading: string): ClaimCheck => ({
  claimId: 'L1.2', name: 'monte-carlo-neighbour-bias', reading, method: 'monte-carlo', expected: l12Expected(reading), cost: 0.3,
  units: (ctx) => lemma1Units(ctx, (s) => readsAs(s, reading)),
  run: (ctx) => {
    const { p, rows } = proofRows(ctx, 1, neighbourBiasRow, (s) => readsAs(s, reading));
    if (rows.length === 0) return noRows(ctx, 'L1.2', 'monte-carlo-neighbour-bias', reading, l12Expected(reading));
    const rep = boundReport(p, rows);
    // The premise is E N̄(i*) = g in every setting. The squared bias is >= 0 in every row, so the rows can be
    // pooled: the mean of the rows' unbiased bias²/dσ² estimates is > 0 iff some row has a bias. One pooled
    // one-sided test at 95% has far more power than a Bonferroni-corrected test per row (which detected the
    // bias at some seeds and not at others), and keeps the false-failure rate at 5% when there is no bias.
    const pooled = pooledPositiveMean(rows.map((r) => r.tightness));
    const verdict: Verdict = rows.some((r) => Number.isNaN(r.tightness.estimate)) || pooled.lo > 0 ? 'fails' : 'holds';
    return fromReport('L1.2', 'monte-carlo-neighbour-bias', reading, l12Expected(reading), rep, 'premise E[(1/δc(i*)) Σ_{i*→correct j} V_j] = g', 
      'measured = ‖E N̄(i*) − g‖² (products of independent pairs), shown relative to dσ² (the "tightness" column is bias²/dσ²). ' +
      `Verdict: the premise fails when the pooled mean of bias²/dσ² over the ${rows.length} rows of this reading is surely above 0 (one-sided 95%: ${round(pooled.estimate)}, lower bound ${round(pooled.lo)}), holds otherwise (no detectable bias; the interval width says how small a bias could hide). ` +
      'Rows are the settings of the grid whose k is this reading (a setting with k = m = n − f − 2 counts under both). The bias is largest at n = 2f + 3 with f large, where i*\'s correct neighbours are 2 to 4 of the f + 3 correct vectors; at f = 0 with symmetric noise the premise is exact.', verdict);
  },
});

// ---------------------------------------------------------------- L1.3
const T3_NOTE = 'Rows with student-t3 noise: t with 3 degrees of freedom has no fourth moment, so ‖V_i − V_j‖² has infinite variance; its CLT interval is shown as indicative and left out of the verdict.';
/**
 * The family-wise level of the two-sided equality checks. An identity that is
 * true in expectation is rejected at a rate of one minus the level: at 95 %
 * the L1.3 pair identity failed at seed 5 of the first ten tried. At 99.9 %
 * a true identity fails at about one seed in a thousand; the false equality
 * of L1.10 (m > 1), 1.27 [1.22, 1.31] at 95 %, is still rejected.
 */
export const EQUALITY_FAMILY_LEVEL = 0.999;

const l13PairCheck: ClaimCheck = {
  claimId: 'L1.3', name: 'monte-carlo-pair', reading: 'as-printed', method: 'monte-carlo', expected: 'holds', cost: 0.1,
  units: (ctx) => lemma1Units(ctx),
  run: (ctx) => {
    const pairRow: RowOf = (s, records, level, attack) => {
      const bound = boundScale(ctx) * 2 * s.d * sigmaOf(s) ** 2;
      const measured = meanInterval(records.map((r) => r.proof!.pair2), level);
      return { setting: settingKey(s), attack, trials: records.length, measured, bound, tightness: scaleInterval(measured, bound), indicative: !fourthMomentFinite(s.family) };
    };
    const { p, rows } = proofRows(ctx, 1, pairRow, undefined, EQUALITY_FAMILY_LEVEL);
    const { verdict, note } = confirmedEquality(p, rows, pairRow);
    const rep = boundReport(p, rows, verdict, 'equality');
    return fromReport('L1.3', 'monte-carlo-pair', 'as-printed', 'holds', rep, 'E‖V_i − V_j‖² = 2dσ² for two correct workers',
      'Equality check: fails if some row\'s interval of E‖V_1 − V_2‖²/(2dσ²) excludes 1 and the same row drawn again from fresh samples excludes it too (a confirmation run). ' + T3_NOTE + note, verdict, 'equality');
  },
};

const l13NeighbourCheck: ClaimCheck = {
  claimId: 'L1.3', name: 'monte-carlo-neighbours', reading: 'as-printed', method: 'monte-carlo', expected: 'holds', cost: 0.1,
  units: (ctx) => lemma1Units(ctx),
  run: (ctx) => {
    const { p, rows } = proofRows(ctx, 1, (s, records, level, attack) => {
      const bound = boundScale(ctx) * 2 * s.d * sigmaOf(s) ** 2;
      const measured = meanInterval(records.map((r) => r.proof!.neighbourSpread2), level);
      return { setting: settingKey(s), attack, trials: records.length, measured, bound, tightness: scaleInterval(measured, bound), indicative: !fourthMomentFinite(s.family) };
    });
    // Nearest neighbours are closer than average, so the bound holds, and it is attained (equality in expectation) when every
    // other correct vector is a neighbour (k >= n − f − 1 with no Byzantine neighbour). A two-sided "inconclusive" would then be
    // the expected outcome of an exact bound, so this check is one-sided: it fails only when some valid row lies entirely above 1.
    const valid = validRows(rows);
    const verdict: Verdict = valid.length === 0 ? 'inconclusive' : valid.some((r) => r.tightness.lo > 1 || Number.isNaN(r.tightness.estimate)) ? 'fails' : 'holds';
    return fromReport('L1.3', 'monte-carlo-neighbours', 'as-printed', 'holds', boundReport(p, rows, verdict), 'E[(1/δc(i)) Σ_{i→correct j} ‖V_i − V_j‖²] <= 2dσ² on the neighbours the rule chose',
      'measured = the mean over correct i of (1/δc(i)) Σ over i\'s correct neighbours of ‖V_i − V_j‖², under attack. ' +
      'One-sided verdict: fails when some valid row lies entirely above 1, holds otherwise; rows whose interval contains 1 attain the bound (every other correct vector is a neighbour, so the average is exactly 2dσ² in expectation). ' + T3_NOTE, verdict);
  },
};

// ---------------------------------------------------------------- L1.7
const l17Check = (reading: string): ClaimCheck => ({
  claimId: 'L1.7', name: 'monte-carlo', reading, method: 'monte-carlo', expected: 'holds', cost: 0.1,
  units: (ctx) => lemma1Units(ctx, (s) => readsAs(s, reading)),
  run: (ctx) => {
    let unreached = 0;
    const { p, rows } = proofRows(ctx, 1, (s, records, level, attack) => {
      const hits = records.reduce((a, r) => a + r.proof!.byzantineWorst, 0);
      if (hits < 10) { unreached++; return undefined; }
      const q = s.n - 2 * s.f - 2;
      const bound = boundScale(ctx) * (s.m / q + (s.f / q) * (s.m + 1)) * 2 * s.d * sigmaOf(s) ** 2;
      const measured = ratioOfMeansInterval(records.map((r) => r.proof!.byzantineDeviation2), records.map((r) => r.proof!.byzantineWorst), level);
      return { setting: settingKey(s), attack, trials: records.length, measured, bound, tightness: scaleInterval(measured, bound), extra: { 'P(i* Byzantine)': hits / records.length }, indicative: !fourthMomentFinite(s.family) };
    }, (s) => readsAs(s, reading));
    if (rows.length === 0) return noRows(ctx, 'L1.7', 'monte-carlo', reading, 'holds', 'no setting of this reading where a Byzantine vector was the worst selected in 10 trials or more');
    return fromReport('L1.7', 'monte-carlo', reading, 'holds', boundReport(p, rows), 'E[‖B_k − N̄(k)‖² | i* = k] <= (m/(n−2f−2) + f(m+1)/(n−2f−2)) 2dσ²',
      `measured = E[‖B_{i*} − N̄(i*)‖² · I(i* Byzantine)] / P(i* Byzantine), a ratio of means (delta method). Rows with fewer than 10 trials where i* was Byzantine are left out (${unreached} of them). Under readings other than k = m the printed bound (written with m) is tested beyond the proof's own reading.`);
  },
});

// ---------------------------------------------------------------- L1.10 – L1.12, D3 (ii)
/** ‖B_k − N̄(k)‖ <= c·max_j ‖V_j‖ with c = 2√(k/(k − f + 1)) (L1.5, L1.6 with δc(k) >= k − f + 1, every distance <= 2 max‖V_j‖). */
export function deviationConstant(s: McSetting): number {
  return 2 * Math.sqrt(s.k / (s.k - s.f + 1));
}
/** ‖MK‖ <= C·max_j ‖V_j‖ with C = 1 + c: the explicit constant of L1.11–L1.12 (valid when k <= n − f − 2, so ζ(i) exists). */
export function normConstant(s: McSetting): number {
  return 1 + deviationConstant(s);
}
const hasZeta = (s: McSetting) => s.k <= s.n - s.f - 2;

function momentRows(ctx: CheckContext, x: (r: TrialRecord, i: number) => number, y: (r: TrialRecord, i: number, s: McSetting) => number, bound: (s: McSetting, r: number) => number, keep: (s: McSetting) => boolean, familyLevel = FAMILY_LEVEL) {
  const row: RowOf = (s, records, level, attack) =>
    MOMENT_ORDERS.flatMap((r, i) => {
      if (!momentExists(s.family, r)) return [];
      const measured = ratioOfMeansInterval(records.map((t) => x(t, i)), records.map((t) => y(t, i, s)), level);
      const b = boundScale(ctx) * bound(s, r);
      return [{ setting: `${settingKey(s)},r=${r}`, attack, trials: records.length, measured, bound: b, tightness: scaleInterval(measured, b), indicative: !fourthMomentFinite(s.family) }];
    });
  return { ...proofRows(ctx, MOMENT_ORDERS.length, row, keep, familyLevel), row };
}

function l110Equality(which: 'm=1' | 'm>1'): ClaimCheck {
  const expected: ExpectedVerdict = which === 'm=1' ? 'holds' : 'fails';
  return {
    claimId: 'L1.10', name: `monte-carlo-equality-${which}`, reading: 'as-printed', method: 'monte-carlo', expected, cost: 0.1,
    units: (ctx) => lemma1Units(ctx, (s) => (which === 'm=1' ? s.m === 1 : s.m > 1)),
    run: (ctx) => {
      const { p, rows, row } = momentRows(ctx, (t, i) => t.proof!.mk[i], (t, i) => t.proof!.worst[i], () => 1, (s) => (which === 'm=1' ? s.m === 1 : s.m > 1), EQUALITY_FAMILY_LEVEL);
      const { verdict, note } = confirmedEquality(p, rows, row);
      return fromReport('L1.10', `monte-carlo-equality-${which}`, 'as-printed', expected, boundReport(p, rows, verdict, 'equality'), `E‖MK‖^r = E‖X_{i*}‖^r (${which})`,
        'The printed first line of L1.10 writes E‖MK‖^r as Σ_i E‖X_i‖^r I(i* = i) = E‖X_{i*}‖^r. measured = E‖MK‖^r / E‖X_{i*}‖^r (delta method); equality fails when some interval excludes 1 and the same row drawn again from fresh samples excludes it too (a confirmation run). For m = 1, MK = X_{i*} and the ratio is exactly 1.' + note,
        verdict, 'equality');
    },
  };
}

const l110Inequality: ClaimCheck = {
  claimId: 'L1.10', name: 'monte-carlo-inequality', reading: 'as-printed', method: 'monte-carlo', expected: 'holds', cost: 0.1,
  units: (ctx) => lemma1Units(ctx),
  run: (ctx) => {
    const { p, rows } = momentRows(ctx, (t, i) => t.proof!.mk[i], (t, i, s) => (s.n - s.f) * t.proof!.correctNorm[i] + t.proof!.byzantineWorstNorm[i], () => 1, () => true);
    return fromReport('L1.10', 'monte-carlo-inequality', 'as-printed', 'holds', boundReport(p, rows), 'E‖MK‖^r <= (n − f)E‖G‖^r + Σ_k E‖B_k‖^r I(i* = k)',
      'measured = E‖MK‖^r / ((n − f)E‖G‖^r + E[‖B_{i*}‖^r I(i* Byzantine)]), ratio of means (delta method), bound 1.');
  },
};

const l111Check: ClaimCheck = {
  claimId: 'L1.11', name: 'monte-carlo', reading: 'repaired', method: 'monte-carlo', expected: 'holds', cost: 0.1,
  units: (ctx) => lemma1Units(ctx, hasZeta),
  run: (ctx) => {
    const { p, rows } = momentRows(ctx, (t, i) => t.proof!.byzantineDeviation[i], (t, i) => t.proof!.maxCorrectNorm[i], (s, r) => deviationConstant(s) ** r, hasZeta);
    return fromReport('L1.11', 'monte-carlo', 'repaired', 'holds', boundReport(p, rows), 'E[‖B_{i*} − N̄(i*)‖^r I(i* Byzantine)] <= c^r E max_j ‖V_j‖^r, c = 2√(k/(k − f + 1))',
      'L1.11 leaves its constant C unnamed; this is the explicit form its steps give (δc(k) >= k − f + 1, every distance between vectors within the correct ball <= 2 max‖V_j‖). Settings with k > n − f − 2 are left out: there ζ(i) may not exist and the step has no footing.');
  },
};

const l112Check: ClaimCheck = {
  claimId: 'L1.12', name: 'monte-carlo', reading: 'repaired', method: 'monte-carlo', expected: 'holds', cost: 0.1,
  units: (ctx) => lemma1Units(ctx, hasZeta),
  run: (ctx) => {
    const { p, rows } = momentRows(ctx, (t, i) => t.proof!.mk[i], (t, i) => t.proof!.maxCorrectNorm[i], (s, r) => normConstant(s) ** r, hasZeta);
    return fromReport('L1.12', 'monte-carlo', 'repaired', 'holds', boundReport(p, rows), 'E‖MK‖^r <= C^r E max_j ‖V_j‖^r, C = 1 + 2√(k/(k − f + 1))',
      'The explicit constant of L1.12: every selected vector is correct (norm <= max‖V_j‖) or a Byzantine vector within c·max‖V_j‖ of a mean of correct vectors. Settings with k > n − f − 2 are left out.');
  },
};

const d3MomentsCheck: ClaimCheck = {
  claimId: 'D3', name: 'monte-carlo-moments', reading: 'as-printed', method: 'monte-carlo', expected: 'holds', cost: 0.1,
  units: (ctx) => lemma1Units(ctx, hasZeta),
  run: (ctx) => {
    const o = optionsFor(ctx);
    o.settings = (o.settings ?? []).filter(hasZeta);
    const rep = checkMoments(multiKrumFor, { ...o, constant: (r, s) => boundScale(ctx) * normConstant(s) ** r * (s.n - s.f) });
    return fromReport('D3', 'monte-carlo-moments', 'as-printed', 'holds', rep, 'condition (ii): E‖MK‖^r <= C^r (n − f) E‖G‖^r, r = 2, 3, 4',
      'The linear combination of condition (ii) made explicit: C^r (n − f) E‖G‖^r with C = 1 + 2√(k/(k − f + 1)) (max_j ‖V_j‖^r <= Σ_j ‖V_j‖^r).');
  },
};

// ---------------------------------------------------------------- D2, T2 (i), T2.1
export const LEEWAY_RULES = ['multi-krum', 'bulyan', 'aggregathor', 'median'] as const;
/** n and f of the leeway series. */
const LEEWAY_N = 11, LEEWAY_F = 2;

/**
 * The rules of the leeway series: the paper's four; in the paper grade every
 * rule of the catalogue (lib/rules/index.ts) admissible at n = 11, f = 2
 * after them, so D2's table sets each beside the paper's weak and strong
 * rules — at d up to {@link CATALOGUE_LEEWAY_MAX_D} (one trial of the
 * geometric median at d = 10⁶ takes minutes: the paper's four alone go to 10⁶).
 */
export function leewayRules(mode: CheckMode): string[] {
  if (mode !== 'paper') return [...LEEWAY_RULES];
  const extra = CATALOGUE_RULE_NAMES.filter((r) => !(LEEWAY_RULES as readonly string[]).includes(r) && CATALOGUE_RULES[r].admissible(LEEWAY_N, LEEWAY_F));
  return [...LEEWAY_RULES, ...extra];
}

/** The largest d of the paper grade's leeway series of the catalogue's rules beyond the paper's four. */
export const CATALOGUE_LEEWAY_MAX_D = 10000;

/** The leeway options of one rule's series: the catalogue's rules beyond the paper's four stop at {@link CATALOGUE_LEEWAY_MAX_D}. */
function leewayOptionsOf(o: LeewayOptions, rule: string): LeewayOptions {
  return (LEEWAY_RULES as readonly string[]).includes(rule) ? o : { ...o, ds: o.ds.filter((d) => d <= CATALOGUE_LEEWAY_MAX_D) };
}

/** The dimensions of the leeway (and strong-resilience) exponents: up to 10³ (quick), 10⁴ (full), 10⁶ (paper). */
export function leewayDimensions(mode: CheckMode): number[] {
  return mode === 'quick' ? [10, 100, 1000] : mode === 'full' ? [10, 100, 1000, 10000] : [10, 100, 1000, 10000, 100000, 1000000];
}

/**
 * Trials per (rule, attack, d) of the paper grade at dimension d: 10× full's
 * 100 up to d = 10⁴, 250 at d = 10⁵ and 100 (full's count) at d = 10⁶, where
 * one trial of the adaptive attacker costs seconds.
 */
export function paperLeewayTrials(d: number): number {
  return d <= 10000 ? 1000 : d <= 100000 ? 250 : 100;
}

const leewayCache = new Map<string, LeewaySeries[]>();
/** Forget memoised leeway series (results are deterministic; this only matters for timing and memory). */
export function clearLeewayCache(): void {
  leewayCache.clear();
}
/** The leeway series of the rules ({@link leewayRules}) under the leeway and adaptive attacks (n = 11, f = 2), memoised per (mode, seed, trials). */
export function leewaySeries(ctx: CheckContext): LeewaySeries[] {
  const o = leewayOptions(ctx);
  const key = `${ctx.mode}|${ctx.seed}|${o.trials}`;
  const hit = leewayCache.get(key);
  if (hit) return hit;
  const out = leewayRules(ctx.mode).flatMap((r) => measureLeeway(makeGar(r), leewayOptionsOf(o, r)));
  leewayCache.set(key, out);
  return out;
}

function leewayOptions(ctx: CheckContext): LeewayOptions {
  const trials = ctx.trials ?? (ctx.mode === 'quick' ? 64 : 100);
  const paper = ctx.mode === 'paper' && ctx.trials === undefined ? { trialsAt: paperLeewayTrials } : {};
  return { n: LEEWAY_N, f: LEEWAY_F, ds: leewayDimensions(ctx.mode), trials, ...paper, seed: ctx.seed, comparisons: leewayRules(ctx.mode).length * 2 };
}

/** The units of work of {@link leewaySeries}: every rule's series (the D2, T2 and T2.1 checks each read some of them). */
function leewaySeriesUnits(ctx: CheckContext): UnitCall[] {
  const o = leewayOptions(ctx);
  return leewayRules(ctx.mode).flatMap((r) => leewayUnits(makeGar(r), leewayOptionsOf(o, r)));
}

function leewayTable(series: LeewaySeries[]): CheckResult['table'] {
  return {
    columns: ['rule', 'attack', 'd', 'E|GAR_0 − V_1,0|', 'lo', 'hi', 'E min_j |GAR_0 − V_j,0|', 'exponent', 'exp lo', 'exp hi', 'fit residual', 'fit p (χ²)', 'local exponent (two largest d)', 'local lo', 'local hi', 'verdict from', 'verdict'],
    rows: series.flatMap((s) => s.ds.map((d, j) => [
      s.rule, s.attack, d, cell(s.deviation[j].estimate), cell(s.deviation[j].lo), cell(s.deviation[j].hi), cell(s.closest[j].estimate),
      cell(s.exponent.estimate), cell(s.exponent.lo), cell(s.exponent.hi), cell(s.exponent.residual), cell(s.exponent.fitP),
      cell(s.localExponent.estimate), cell(s.localExponent.lo), cell(s.localExponent.hi), s.verdictFrom, s.verdict,
    ])),
  };
}

const LEEWAY_NOTES =
  'Correct vectors g + σε with σ = 1/√d (total noise E‖G − g‖² = 1 fixed, so O(1/√d) per coordinate is the natural scale), n = 11, f = 2, attacked coordinate 0. ' +
  'G is read as a correct worker fixed before the attack (V_1); the literal "closest correct value" reading is shown beside it and is 0 whenever the output coordinate is a correct value. ' +
  `Exponent p of E|GAR_0 − G_0| ∝ d^p by log-log least squares, interval from the Monte Carlo error of each mean (delta method), Bonferroni over ${LEEWAY_RULES.length * 2} (rule, attack) series. ` +
  `Strong resilience holds for a series when its interval is below ${STRONG_EXPONENT_THRESHOLD}, fails when above, inconclusive otherwise. When the power law over every d is rejected by its χ² goodness of fit (column "fit p") at the same level, the verdict uses the local exponent between the two largest d (column "verdict from").`;

/** The exponent a series' verdict rests on. */
const used = (s: LeewaySeries) => (s.verdictFrom === 'local' ? s.localExponent : s.exponent);

function leewayResult(id: string, name: string, rules: string[], expected: ExpectedVerdict, ctx: CheckContext, what: string, combine: (s: LeewaySeries[]) => Verdict): CheckResult {
  const all = leewaySeries(ctx);
  const series = all.filter((s) => rules.includes(s.rule));
  const verdict = combine(series);
  const worst = series.reduce((a, b) => (used(b).estimate > used(a).estimate ? b : a));
  const o = leewayOptions(ctx);
  const region = regionOf(
    [valuesText('n', [o.n]), valuesText('f', [o.f]), valuesText('d', series.flatMap((s) => s.ds)), 'σ = 1/√d', 'attacked coordinate 0', 'each rule at its default m (MULTI-KRUM m = n − f − 2)'],
    listText('rules', series.map((s) => s.rule)), listText('attacks', series.map((s) => s.attack)),
    o.trialsAt ? `trials per (rule, attack, d): ${[...new Set(o.ds.map((d) => o.trialsAt!(d)))].map((t) => `${t} at d ∈ {${o.ds.filter((d) => o.trialsAt!(d) === t).join(', ')}}`).join(', ')}` : `${o.trials} trials per (rule, attack, d)`,
  );
  return {
    claimId: id, check: name, reading: 'as-printed', method: 'monte-carlo', verdict, expected, region,
    summary: `${what}: ${verdict}; ${series.map((s) => { const e = used(s); return `${s.rule}/${s.attack} p${s.verdictFrom === 'local' ? ' (local)' : ''} = ${round(e.estimate)} [${round(e.lo)}, ${round(e.hi)}]`; }).join('; ')}`,
    seed: ctx.seed, runs: series.reduce((a, s) => a + s.trials, 0), runsLabel: 'Monte Carlo trials (series × dimensions × trials)',
    // Tightness here: the fitted exponent against the O(1/√d) rate, p / (−1/2), for the series closest to failing.
    tightness: plainInterval({ estimate: used(worst).estimate / -0.5, lo: used(worst).hi / -0.5, hi: used(worst).lo / -0.5, level: used(worst).level, method: `${worst.verdictFrom} fitted exponent / (−1/2) for ${worst.rule} under ${worst.attack} (1 = the O(1/√d) rate, 0 = no decay)` }),
    table: leewayTable(series),
    series: series.map((s) => ({ name: `${s.rule} / ${s.attack}`, xLabel: 'd', yLabel: 'E|GAR_0 − G_0|', x: s.ds, y: s.deviation.map((iv) => round(iv.estimate)), lo: s.deviation.map((iv) => round(iv.lo)), hi: s.deviation.map((iv) => round(iv.hi)) })),
    figures: [{
      id: `${id}-leeway`, title: 'Coordinate-wise deviation E|GAR_0 − G_0| as d grows (σ = 1/√d)',
      data: series.map((s) => ({ type: 'scatter', mode: 'lines+markers', name: `${s.rule} / ${s.attack}`, x: s.ds, y: s.deviation.map((iv) => round(iv.estimate)), error_y: { type: 'data', symmetric: false, array: s.deviation.map((iv) => round(iv.hi - iv.estimate)), arrayminus: s.deviation.map((iv) => round(iv.estimate - iv.lo)) } })),
      layout: { xaxis: { type: 'log', title: { text: 'd' } }, yaxis: { type: 'log', title: { text: 'E|GAR_0 − G_0|' } } },
    }],
    notes: `${LEEWAY_NOTES}${ctx.mode === 'paper' ? ` Paper grade: the Bonferroni correction is over the ${o.comparisons} (rule, attack) series of every rule measured (not 8); the catalogue's rules beyond the paper's four run at d <= ${CATALOGUE_LEEWAY_MAX_D}.` : ''} Attack with the largest deviation at the largest d: ${series.reduce((a, b) => (b.deviation[b.deviation.length - 1].estimate > a.deviation[a.deviation.length - 1].estimate ? b : a)).attack}.`,
  };
}

const allHold = (s: LeewaySeries[]): Verdict => (s.some((x) => x.verdict === 'fails') ? 'fails' : s.every((x) => x.verdict === 'holds') ? 'holds' : 'inconclusive');

const d2Check: ClaimCheck = {
  claimId: 'D2', name: 'monte-carlo-leeway', reading: 'as-printed', method: 'monte-carlo', expected: 'holds', cost: 0.1,
  units: leewaySeriesUnits,
  run: (ctx) => leewayResult('D2', 'monte-carlo-leeway', ctx.mode === 'paper' ? leewaySeries(ctx).map((s) => s.rule) : ['MULTI-KRUM', 'MEDIAN'], 'holds', ctx, 'the definition separates weak from strong resilience (MULTI-KRUM not strong, MEDIAN strong)', (series) => {
    const mk = series.filter((s) => s.rule === 'MULTI-KRUM');
    const med = series.filter((s) => s.rule === 'MEDIAN');
    const mkNotStrong = mk.some((s) => s.verdict === 'fails');
    const medStrong = allHold(med);
    if (mkNotStrong && medStrong === 'holds') return 'holds';
    if (!mkNotStrong && mk.every((s) => s.verdict === 'holds')) return 'fails';
    if (medStrong === 'fails') return 'fails';
    return 'inconclusive';
  }),
};

const t2Check: ClaimCheck = {
  claimId: 'T2', name: 'monte-carlo-strong', reading: 'as-printed', method: 'monte-carlo', expected: 'holds', cost: 0.1,
  units: leewaySeriesUnits,
  run: (ctx) => leewayResult('T2', 'monte-carlo-strong', ['AGGREGATHOR'], 'holds', ctx, '(i) AGGREGATHOR is strongly Byzantine-resilient', allHold),
};

const t21Check: ClaimCheck = {
  claimId: 'T2.1', name: 'monte-carlo-bulyan', reading: 'as-printed', method: 'monte-carlo', expected: 'holds', cost: 0.1,
  units: leewaySeriesUnits,
  run: (ctx) => leewayResult('T2.1', 'monte-carlo-bulyan', ['BULYAN'], 'holds', ctx, 'BULYAN (θ = n − 2f Krum rounds) keeps E|GAR_i − G_i| = O(1/√d)', allHold),
};

// ---------------------------------------------------------------- F1
export const F1_ABOUT = 1.5;
export const F1_EXPONENT_TOLERANCE = 0.15;

const F1_RULES = ['krum', 'multi-krum'] as const;
function f1Options(ctx: CheckContext): BudgetOptions {
  // 2400 trials: KRUM's budget at d = 3 is about 0.77 √3 σ, 0.1 above the
  // 1/1.5 edge of "about √3"; at 800 trials the interval reached the edge at
  // 1 of 100 consecutive seeds (seed 45), at 2400 its half-width is 0.03.
  // The paper grade: 10× the trials, d up to 10⁴.
  const trials = ctx.trials ?? (ctx.mode === 'paper' ? 24000 : 2400);
  const ds = ctx.mode === 'quick' ? [3, 10, 30, 100, 300] : ctx.mode === 'full' ? [3, 10, 30, 100, 300, 1000, 3000] : [3, 10, 30, 100, 300, 1000, 3000, 10000];
  return { n: 5, f: 1, ds, trials, seed: ctx.seed, level: bonferroniLevel(FAMILY_LEVEL, F1_RULES.length * 2) };
}

const f1Check: ClaimCheck = {
  claimId: 'F1', name: 'monte-carlo-budget', reading: 'as-printed', method: 'monte-carlo', expected: 'holds', cost: 0.1,
  units: (ctx) => F1_RULES.flatMap((r) => budgetUnits(makeGar(r), f1Options(ctx))),
  run: (ctx) => {
    const series: BudgetSeries[] = F1_RULES.map((r) => measureBudget(makeGar(r), f1Options(ctx)));
    const verdicts: Verdict[] = [];
    for (const s of series) {
      const b3 = scaleInterval(s.budget[0], boundScale(ctx) * Math.sqrt(3));
      verdicts.push(b3.lo >= 1 / F1_ABOUT && b3.hi <= F1_ABOUT ? 'holds' : b3.hi < 1 / F1_ABOUT || b3.lo > F1_ABOUT ? 'fails' : 'inconclusive');
      const e = s.exponent;
      verdicts.push(e.lo >= 0.5 - F1_EXPONENT_TOLERANCE && e.hi <= 0.5 + F1_EXPONENT_TOLERANCE ? 'holds' : e.hi < 0.5 - F1_EXPONENT_TOLERANCE || e.lo > 0.5 + F1_EXPONENT_TOLERANCE ? 'fails' : 'inconclusive');
    }
    const verdict: Verdict = verdicts.includes('fails') ? 'fails' : verdicts.every((v) => v === 'holds') ? 'holds' : 'inconclusive';
    const krum3 = scaleInterval(series[0].budget[0], Math.sqrt(3));
    const o = f1Options(ctx);
    const region = regionOf([valuesText('n', [o.n]), valuesText('f', [o.f]), valuesText('d', o.ds), 'correct vectors N(0, σ²I_d)', 'one Byzantine vector along axis 3'], listText('rules', series.map((s) => s.rule)), `${o.trials} trials per (rule, d)`);
    return {
      claimId: 'F1', check: 'monte-carlo-budget', reading: 'as-printed', method: 'monte-carlo', verdict, expected: 'holds', region,
      summary: `budget at d = 3: ${series.map((s) => `${s.rule} ${round(s.budget[0].estimate)}σ`).join(', ')} (√3 = 1.732); growth exponent ${series.map((s) => `${s.rule} ${round(s.exponent.estimate)} [${round(s.exponent.lo)}, ${round(s.exponent.hi)}]`).join(', ')}: ${verdict}`,
      seed: ctx.seed, runs: series.reduce((a, s) => a + s.trials, 0), runsLabel: 'Monte Carlo trials (rules × dimensions × trials)',
      tightness: plainInterval({ ...krum3, method: 'KRUM budget at d = 3 / (√3 σ), mean interval, Bonferroni over 4 tests' }),
      table: {
        columns: ['rule', 'd', 'E t*/σ', 'lo', 'hi', 'E t*/(√d σ)', 'exponent', 'exp lo', 'exp hi'],
        rows: series.flatMap((s) => s.ds.map((d, j) => [s.rule, d, cell(s.budget[j].estimate), cell(s.budget[j].lo), cell(s.budget[j].hi), cell(s.budget[j].estimate / Math.sqrt(d)), cell(s.exponent.estimate), cell(s.exponent.lo), cell(s.exponent.hi)])),
      },
      series: series.map((s) => ({ name: s.rule, xLabel: 'd', yLabel: 'E t*/σ', x: s.ds, y: s.budget.map((b) => round(b.estimate)), lo: s.budget.map((b) => round(b.lo)), hi: s.budget.map((b) => round(b.hi)) })),
      notes:
        'n = 5, f = 1 (the smallest n Krum admits; the figure has two correct workers). Disagreement := σ, the per-coordinate standard deviation of the correct vectors (their spread along any one axis, L3 included); correct vectors N(0, σ²I_d). ' +
        'Budget t* := the largest distance along axis 3 from the correct mean at which one Byzantine vector still moves the rule\'s output along that axis (grid, then binary search against the actual rule). ' +
        `"About √3" is read as within a factor ${F1_ABOUT} of √3σ at d = 3; "amplified by √d" as a fitted exponent within ${F1_EXPONENT_TOLERANCE} of 1/2. ` +
        'Heuristic: the Byzantine vector at distance t from the mean is at squared distance ≈ dσ² + t² from each correct vector, which are 2dσ² apart, so it stays selected while t ≲ √d σ.',
    };
  },
};

/** Marks a result computed against a deliberately scaled bound, so it can never be mistaken for the real verdict. */
function markScaled(check: ClaimCheck): ClaimCheck {
  return {
    ...check,
    run: async (ctx) => {
      const r = await check.run(ctx);
      const k = boundScale(ctx);
      return k === 1 ? r : { ...r, summary: `[bound × ${k}] ${r.summary}`, notes: `${r.notes ?? ''} **Deliberately wrong bound: every bound multiplied by ${k} (params.boundScale).**`.trim() };
    },
  };
}

/** The montecarlo checks, registered under their claim ids. */
export const MONTECARLO_CHECKS: ClaimCheck[] = ([
  ...ETA_READINGS.map(l1Check),
  l1FewNeighboursCheck,
  ...(['as-derived', 'krum'] as const).map((r) => coneCheck('L1', r, 'monte-carlo-cone')),
  l18Check,
  // Every neighbour-count reading, the proof's (k = m) first: the grid's corners at n = 2f + 3, f = 24
  // make each reading's bias large enough for a verdict that does not depend on the seed.
  ...K_READINGS.map(l12Check),
  l13PairCheck,
  l13NeighbourCheck,
  ...K_READINGS.map(l17Check),
  coneCheck('L1.9', 'as-printed', 'monte-carlo-cone'),
  coneCheck('D3', 'as-printed', 'monte-carlo-cone'),
  d3MomentsCheck,
  l110Equality('m=1'),
  l110Equality('m>1'),
  l110Inequality,
  l111Check,
  l112Check,
  d2Check,
  t2Check,
  t21Check,
  f1Check,
] as ClaimCheck[]).map(markScaled);

