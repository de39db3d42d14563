import fc from 'fast-check';
import { defineUnit } from '../../parallel/units';
import { deriveSeed } from '../../random/stream';
import { makeGar } from '../../rules/catalogue';
import { exactLowerBound } from '../../robustness/exactRatio';
import { isEquivariant, searchWorstInput, type SearchResult } from '../../robustness/search';
import { robustnessRatio } from '../../robustness/ratio';
import { fractionOf } from '../../constants/exact';
import type { CheckContext, CheckResult, ClaimCheck } from '../types';
import { listText, regionOf, valuesText } from './region';

/**
 * The robustness-coefficient checks (issue 15; claims R1–R4 of
 * reference/robustness-claims.md). Every κ̂ is the exact replay of a witness
 * found by the worst-input search (lib/robustness/search.ts): a certified
 * lower bound on the rule's (f, κ)-robustness coefficient, never an estimate.
 * One search per (rule, n, f, d) is a unit of work (lib/parallel/units.ts),
 * shared by the checks and spread over the worker threads.
 *
 * What each verdict can and cannot say:
 * - a κ̂ is a lower bound; the search cannot prove an upper bound, so
 *   "finite coefficient" checks hold when no unbounded family was found and
 *   fail with the witness when one was;
 * - the universal lower bound f/(n − 2f) is a theorem for every rule; a rule
 *   whose κ̂ stays below it means the search missed, and the check is then
 *   inconclusive (not a counterexample).
 */

interface SearchSpec { rule: string; n: number; f: number; d: number; seed: number; budget: number }

const searchUnit = defineUnit<SearchSpec, SearchResult>('robustness-search',
  ({ rule, n, f, d, seed, budget }) => searchWorstInput(rule, { n, f, d }, { seed, budget }),
  ({ rule, n, d, budget }) => budget * (1e-6 * n * n * d + 2e-5) * (rule.includes('+') ? 4 : rule === 'bulyan' || rule === 'mda' ? 3 : 1) + 0.02);

/**
 * The registry's worst-input search for one (rule, setting, seed, budget): the unit R1–R4 share. A caller after
 * the run (the report's atlas) gets the value the run already computed, in this thread or from a worker, instead
 * of searching again; called first, it searches and keeps the value.
 */
export function robustnessSearch(rule: string, setting: { n: number; f: number; d: number }, seed: number, budget: number): SearchResult {
  return searchUnit.get({ rule, n: setting.n, f: setting.f, d: setting.d, seed, budget });
}

/** The rules every robustness check measures (the catalogue's rules with an exact or deterministic replay, admissible on the grid). */
export const ROBUSTNESS_RULES = ['average', 'median', 'trimmed-mean', 'geometric-median', 'krum', 'multi-krum', 'bulyan', 'meamed', 'phocas', 'mda', 'nnm+multi-krum'] as const;

interface Grid { settings: { n: number; f: number; d: number }[]; budget: number }

/** Quick: (n, f, d) ∈ {(7, 1, 1), (11, 2, 2)}, 600 evaluations per search. Full: n ∈ {7, 11, 25, 51}, f ∈ {1, ⌊(n − 3)/4⌋, ⌊(n − 3)/2⌋}, d ∈ {1, 2, 5, 10}, 4000 evaluations. */
export function robustnessGrid(ctx: CheckContext): Grid {
  if (ctx.mode === 'quick') return { settings: [{ n: 7, f: 1, d: 1 }, { n: 11, f: 2, d: 2 }], budget: 600 };
  const settings: Grid['settings'] = [];
  for (const n of [7, 11, 25, 51]) {
    for (const f of [...new Set([1, Math.floor((n - 3) / 4), Math.floor((n - 3) / 2)])].filter((x) => x >= 1)) {
      for (const d of [1, 2, 5, 10]) settings.push({ n, f, d });
    }
  }
  return { settings, budget: 4000 };
}

/** Whether a rule runs at a setting: admissible, and for MDA no more than 10⁵ subsets (its exact enumeration). */
function runsAt(rule: string, n: number, f: number): boolean {
  if (!makeGar(rule).admissible(n, f)) return false;
  if (rule === 'mda') { let c = 1; for (let i = 0; i < f; i++) c = (c * (n - i)) / (i + 1); return c <= 1e5; }
  return true;
}

function specsFor(ctx: CheckContext, rules: readonly string[], grid = robustnessGrid(ctx)): SearchSpec[] {
  const out: SearchSpec[] = [];
  for (const s of grid.settings) for (const rule of rules) if (runsAt(rule, s.n, s.f)) out.push({ rule, ...s, seed: ctx.seed, budget: grid.budget });
  return out;
}

function region(ctx: CheckContext, specs: SearchSpec[], extra?: string): string {
  const g = robustnessGrid(ctx);
  return regionOf(
    [listText('rules', [...new Set(specs.map((s) => s.rule))]), `(n, f, d) ∈ {${g.settings.map((s) => `(${s.n}, ${s.f}, ${s.d})`).join(', ')}}`, valuesText('n', specs.map((s) => s.n)), valuesText('f', specs.map((s) => s.f)), valuesText('d', specs.map((s) => s.d))],
    `${specs[0]?.budget ?? g.budget} rule evaluations per search (structured starts, random restarts, Nelder–Mead), seed ${ctx.seed}`,
    extra,
  );
}

const fmt = (x: number) => (x === Infinity ? '∞' : Number.isFinite(x) ? Number(x.toPrecision(6)) : String(x));

function row(r: SearchResult): (string | number)[] {
  return [r.rule, r.n, r.f, r.d, fmt(r.kappaHat), r.exact.length > 40 ? `${r.exact.slice(0, 37)}…` : r.exact, fmt(r.lowerBound), fmt(r.kappaHat / r.lowerBound), r.unbounded ? 'yes' : 'no', r.certificate, r.start];
}
const COLUMNS = ['rule', 'n', 'f', 'd', 'κ̂ (certified)', 'κ̂ exact', 'f/(n − 2f)', 'κ̂ / (f/(n − 2f))', 'unbounded', 'certificate', 'witness from'];

/** For each (rule, n, f), the smallest d of the grid after which κ̂ grows by less than 1 % (one line per rule and (n, f)). */
function growthNote(results: SearchResult[]): string {
  const groups = new Map<string, SearchResult[]>();
  for (const r of results) { const k = `${r.rule} (n = ${r.n}, f = ${r.f})`; groups.set(k, [...(groups.get(k) ?? []), r]); }
  const lines: string[] = [];
  for (const [k, rs] of groups) {
    if (rs.length < 2 || rs.some((r) => r.unbounded)) continue;
    rs.sort((a, b) => a.d - b.d);
    let stop = rs[rs.length - 1].d;
    for (let i = rs.length - 2; i >= 0; i--) { if (rs[i + 1].kappaHat <= rs[i].kappaHat * 1.01) stop = rs[i].d; else break; }
    lines.push(`${k}: κ̂ stops growing (< 1 %) from d = ${stop}${stop === rs[rs.length - 1].d ? ' (still growing at the largest d of the grid, or only there)' : ''}`);
  }
  return lines.length ? `Growth in d:\n\n${lines.map((l) => `- ${l}`).join('\n')}` : '';
}

function base(claimId: string, check: string, reading: string, expected: 'holds' | 'fails', ctx: CheckContext, specs: SearchSpec[]) {
  return { claimId, check, reading, method: 'exact' as const, expected, seed: ctx.seed, runs: specs.length, runsLabel: 'searches (rule × setting), each certified by an exact replay', region: region(ctx, specs) };
}

// ---------------------------------------------------------------- R1: universal lower bound

const R1_EVERY: ClaimCheck = {
  claimId: 'R1', name: 'every-rule', reading: 'as-stated', method: 'exact', expected: 'holds', cost: 0.2,
  units: (ctx) => specsFor(ctx, ROBUSTNESS_RULES).map((s) => searchUnit.call(s)),
  run: (ctx): CheckResult => {
    const specs = specsFor(ctx, ROBUSTNESS_RULES);
    const results = specs.map((s) => searchUnit.get(s));
    const below = results.filter((r) => !r.unbounded && fractionOrZero(r.exact).compare(exactLowerBound(r.n, r.f)) < 0);
    const finite = results.filter((r) => !r.unbounded);
    const ratios = finite.map((r) => r.kappaHat / r.lowerBound);
    const tight = Math.min(...ratios);
    return {
      ...base('R1', 'every-rule', 'as-stated', 'holds', ctx, specs),
      verdict: below.length === 0 ? 'holds' : 'inconclusive',
      summary: below.length === 0
        ? `every rule's certified κ̂ is at least f/(n − 2f) on every setting (${results.length} searches; closest: κ̂ = ${fmt(tight)} × the bound; ${results.filter((r) => r.unbounded).map((r) => r.rule).filter((x, i, a) => a.indexOf(x) === i).join(', ') || 'no rule'} unbounded)`
        : `the search stayed below f/(n − 2f) for ${below.map((r) => `${r.rule} at (${r.n}, ${r.f}, ${r.d})`).join(', ')}: a search miss (the bound is a theorem), not a counterexample`,
      tightness: { estimate: tight, lo: tight, hi: tight, level: 1, method: 'min over rules and settings of κ̂ / (f/(n − 2f)), κ̂ the exact replay of each witness (no sampling error)' },
      table: { columns: COLUMNS, rows: results.map(row) },
      notes: [
        'κ̂ is a certified lower bound on each rule\'s coefficient (exact replay: `exact` for the selection rules, `implementation` for the geometric median, whose float output is replayed). A ratio κ̂/bound of 1 means the search found no input worse than the universal construction.',
        growthNote(results),
      ].filter(Boolean).join('\n\n'),
    };
  },
};

function fractionOrZero(text: string) {
  const [p, q] = text.split('/');
  return fractionOf(BigInt(p), BigInt(q ?? '1'));
}

/** The median at n = 2f + 1, d = 1: its coefficient is (n − 1)/(n + 1 − 2f) = f (derived in property-tests/robustness.test.ts), which equals f/(n − 2f): the bound is attained. */
function attainedSpecs(ctx: CheckContext): SearchSpec[] {
  return (ctx.mode === 'quick' ? [1, 2] : [1, 2, 3, 5, 8]).map((f) => ({ rule: 'median', n: 2 * f + 1, f, d: 1, seed: ctx.seed, budget: ctx.mode === 'quick' ? 300 : 3000 }));
}

const R1_ATTAINED: ClaimCheck = {
  claimId: 'R1', name: 'attained', reading: 'attained', method: 'exact', expected: 'holds', cost: 0.05,
  units: (ctx) => attainedSpecs(ctx).map((s) => searchUnit.call(s)),
  run: (ctx): CheckResult => {
    const specs = attainedSpecs(ctx);
    const results = specs.map((s) => searchUnit.get(s));
    // above f refutes the closed form; below f (beyond rounding of the witness) is a search miss
    const above = results.filter((r) => r.unbounded || fractionOrZero(r.exact).compare(fractionOf(r.f)) > 0);
    const short = results.filter((r) => !above.includes(r) && r.kappaHat < r.f * (1 - 1e-9));
    const verdict = above.length ? 'fails' : short.length ? 'inconclusive' : 'holds';
    const worst = above[0];
    return {
      ...base('R1', 'attained', 'attained', 'holds', ctx, specs),
      region: regionOf(['MEDIAN', valuesText('f', specs.map((s) => s.f)), 'n = 2f + 1', 'd = 1'], `${specs[0].budget} rule evaluations per search, seed ${ctx.seed}`),
      verdict,
      summary: verdict === 'holds' ? `the median's certified κ̂ equals f = f/(n − 2f) at n = 2f + 1, d = 1 for f ∈ {${specs.map((s) => s.f).join(', ')}}: the universal bound is attained`
        : verdict === 'fails' ? `the median's κ̂ exceeds f at (n, f) = (${worst.n}, ${worst.f}): the closed form (n − 1)/(n + 1 − 2f) is wrong` : `the search stayed below f for f ∈ {${short.map((r) => r.f).join(', ')}}`,
      ...(worst ? { counterexample: { text: `MEDIAN at n = ${worst.n}, f = ${worst.f}: κ̂ = ${worst.exact} > f = ${worst.f}`, value: worst.witness } } : {}),
      tightness: (() => { const t = Math.min(...results.map((r) => r.kappaHat / r.f)); return { estimate: t, lo: t, hi: t, level: 1, method: 'min over f of κ̂ / f (exact replay)' }; })(),
      table: { columns: COLUMNS, rows: results.map(row) },
      notes: 'Derivation (property-tests/robustness.test.ts): for odd n at d = 1, at least (n + 1)/2 − f honest inputs lie at or above the median m; with honest mean 0 this forces honest variance ≥ m²·q/(h − q), q = (n + 1)/2 − f, h = n − f, so the ratio is at most (h − q)/q = (n − 1)/(n + 1 − 2f), attained by q honest inputs at m, the others at −qm/(h − q), the Byzantine inputs above m. At n = 2f + 1 this is f = f/(n − 2f).',
    };
  },
};

// ---------------------------------------------------------------- R2: the definition

const R2_AVERAGE: ClaimCheck = {
  claimId: 'R2', name: 'average-unbounded', reading: 'as-stated', method: 'exact', expected: 'holds', cost: 0.02,
  units: (ctx) => specsFor(ctx, ['average']).map((s) => searchUnit.call(s)),
  run: (ctx): CheckResult => {
    const specs = specsFor(ctx, ['average']);
    const results = specs.map((s) => searchUnit.get(s));
    const bounded = results.filter((r) => !r.unbounded || !(r.kappaHat > 1e9));
    return {
      ...base('R2', 'average-unbounded', 'as-stated', 'holds', ctx, specs),
      verdict: bounded.length === 0 ? 'holds' : 'inconclusive',
      summary: bounded.length === 0 ? `the average is (f, κ)-robust for no κ when f ≥ 1: certified ratios above 10⁹ (${results.map((r) => `${fmt(r.kappaHat)} at (${r.n}, ${r.f}, ${r.d})`).join('; ')})`
        : `the search did not certify a ratio above 10⁹ for the average at ${bounded.map((r) => `(${r.n}, ${r.f}, ${r.d})`).join(', ')}`,
      table: { columns: COLUMNS, rows: results.map(row) },
      notes: 'The definition admits a rule only if one κ bounds the ratio over all inputs; the average moves by f/n times the Byzantine offset, so its ratio grows without bound. The escape test scales the Byzantine inputs away from the honest mean by 10, …, 10⁶ and reports unbounded when the ratio grows at every step beyond 10⁹; the witness is the far input, replayed exactly.',
    };
  },
};

const INVARIANCE_RULES = ['median', 'trimmed-mean', 'krum', 'multi-krum', 'meamed', 'geometric-median'];

const R2_INVARIANCE: ClaimCheck = {
  claimId: 'R2', name: 'invariance', reading: 'as-stated', method: 'property', expected: 'holds', cost: 0.3,
  run: (ctx): CheckResult => {
    const numRuns = ctx.trials ?? (ctx.mode === 'quick' ? 60 : 600);
    const seed = deriveSeed(ctx.seed, 'R2', 'invariance') | 0;
    const arb = fc.record({ f: fc.integer({ min: 1, max: 2 }), extra: fc.integer({ min: 3, max: 6 }), d: fc.integer({ min: 1, max: 3 }), rule: fc.constantFrom(...INVARIANCE_RULES) })
      .chain(({ f, extra, d, rule }) => {
        const n = 2 * f + extra;
        return fc.record({
          rule: fc.constant(rule), f: fc.constant(f), n: fc.constant(n),
          inputs: fc.array(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
          a: fc.constantFrom(0.5, 2, 3, -1.5), b: fc.array(fc.integer({ min: -50, max: 50 }), { minLength: d, maxLength: d }),
        });
      });
    const ratio = (rule: string, inputs: number[][], f: number) => robustnessRatio(inputs, inputs.slice(0, inputs.length - f).map((_, i) => i), makeGar(rule).aggregate(inputs.map((r) => Float64Array.from(r)), f));
    const out = fc.check(fc.property(arb, ({ rule, f, n, inputs, a, b }) => {
      if (!makeGar(rule).admissible(n, f) || !isEquivariant(rule)) return true;
      const r0 = ratio(rule, inputs, f), r1 = ratio(rule, inputs.map((r) => r.map((x, c) => a * x + b[c])), f);
      if (!Number.isFinite(r0) || !Number.isFinite(r1)) return r0 === r1;
      return Math.abs(r0 - r1) <= 1e-8 * Math.max(1, r0);
    }), { numRuns, seed });
    const cex = out.counterexample?.[0];
    return {
      claimId: 'R2', check: 'invariance', reading: 'as-stated', method: 'property', expected: 'holds', seed, runs: out.numRuns, runsLabel: 'fast-check runs',
      region: regionOf([listText('rules', INVARIANCE_RULES), 'f ∈ [1, 2]', 'n ∈ [2f + 3, 2f + 6]', 'd ∈ [1, 3]', 'integer coordinates in [−20, 20]'], 'x ↦ a·x + b, a ∈ {0.5, 2, 3, −1.5}, b integer in [−50, 50]^d'),
      verdict: out.failed ? 'fails' : 'holds',
      summary: out.failed ? 'the ratio changed under x ↦ a·x + b for an equivariant rule: the search may not normalise its inputs' : 'the ratio is invariant under x ↦ a·x + b for every equivariant rule tried (relative 1e-8): the search may normalise honest mean 0, variance 1',
      ...(cex ? { counterexample: { text: `${cex.rule}, n = ${cex.n}, f = ${cex.f}, a = ${cex.a}`, value: cex, seed, path: out.counterexamplePath ?? undefined } } : {}),
    };
  },
};

// ---------------------------------------------------------------- R3, R4: MULTI-KRUM and KRUM are robust

function finiteCheck(claimId: string, rule: 'multi-krum' | 'krum'): ClaimCheck {
  return {
    claimId, name: 'finite-coefficient', reading: 'as-printed', method: 'exact', expected: 'holds', cost: 0.05,
    units: (ctx) => specsFor(ctx, [rule]).map((s) => searchUnit.call(s)),
    run: (ctx): CheckResult => {
      const specs = specsFor(ctx, [rule]);
      const results = specs.map((s) => searchUnit.get(s));
      const unbounded = results.filter((r) => r.unbounded);
      const display = rule === 'krum' ? 'KRUM' : 'MULTI-KRUM';
      const u = unbounded[0];
      return {
        ...base(claimId, 'finite-coefficient', 'as-printed', 'holds', ctx, specs),
        verdict: u ? 'fails' : 'holds',
        summary: u ? `${display}'s ratio grows without bound at (n, f, d) = (${u.n}, ${u.f}, ${u.d}): κ̂ = ${u.exact}`
          : `no unbounded family found for ${display}: certified κ̂ ∈ [${fmt(Math.min(...results.map((r) => r.kappaHat)))}, ${fmt(Math.max(...results.map((r) => r.kappaHat)))}] over the grid (lower bounds; the published bounds could not be read, so no tightness)`,
        ...(u ? { counterexample: { text: `${display} at n = ${u.n}, f = ${u.f}, d = ${u.d}: ratio ${u.exact} (escape test)`, value: u.witness } } : {}),
        table: { columns: COLUMNS, rows: results.map(row) },
        notes: `A finite coefficient cannot be proved by search; the check fails if the escape test (Byzantine inputs moved away by 10, …, 10⁶) finds the ratio growing beyond 10⁹. ${growthNote(results)}`,
      };
    },
  };
}

/** The robustness checks, registered under R1–R4. */
export const ROBUSTNESS_CHECKS: ClaimCheck[] = [R1_EVERY, R1_ATTAINED, R2_AVERAGE, R2_INVARIANCE, finiteCheck('R3', 'multi-krum'), finiteCheck('R4', 'krum')];
