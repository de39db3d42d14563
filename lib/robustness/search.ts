import { AdmissibilityError, requireInteger } from '../errors';
import { streamFor } from '../random/stream';
import { makeGar, type RuleParameters } from '../rules/catalogue';
import { parseRuleName } from '../rules/index';
import { nelderMead } from './nelderMead';
import { honestMoments, robustnessRatio, universalLowerBound } from './ratio';
import { randomStart, structuredStarts } from './starts';
import { replayWitness, type Replay, type Witness } from './witness';

/**
 * The worst-input search for one rule at one (n, f, d): a lower bound κ̂ on
 * the rule's robustness coefficient, certified by a witness that replays in
 * exact arithmetic (witness.ts).
 *
 * 1. Starts: the structured inputs of starts.ts (the universal lower-bound
 *    input, lopsided honest sets with a Byzantine cluster at several offsets,
 *    collinear inputs, …) and random restarts, all drawn from the seeded
 *    stream (seed, 'robustness', rule, n, f, d): the result depends on the
 *    arguments only.
 * 2. Local search: Nelder–Mead (nelderMead.ts) on all n·d coordinates,
 *    maximising the float ratio, from the best starts, within the budget of
 *    rule evaluations. The honest set is the first n − f indices.
 * 3. For a translation- and scale-equivariant rule the ratio is invariant
 *    under x ↦ a·x + b, so every candidate is normalised (honest mean 0,
 *    honest variance 1) before it is compared or stored.
 * 4. Escape test: the Byzantine inputs of the best candidate are moved away
 *    from the honest mean by factors 10, 10², …, 10⁶. When the ratio grows at
 *    every step and exceeds `unboundedThreshold` (default 10⁹), the rule is
 *    reported `unbounded` (no finite κ) and the far input is the witness; an
 *    exact replay of +∞ (zero honest variance, F(x) ≠ x̄_S) is unbounded too.
 * 5. The best candidates are replayed exactly; κ̂ is the largest replayed
 *    value (never the float one).
 *
 * The budget counts evaluations of the rule (quick mode: a few hundred to a
 * few thousand). Cost per evaluation is the rule's (O(n²d) for Krum).
 *
 * @example searchWorstInput('median', { n: 5, f: 1, d: 1 }, { seed: 1, budget: 300 }).kappaHat // 1 = (n − 1)/(n + 1 − 2f), the median's coefficient at d = 1
 */
export interface SearchOptions {
  seed?: number;
  /** Rule evaluations (default 2000). */
  budget?: number;
  /** Catalogue parameters of the rule (numbers and strings). */
  params?: Record<string, number | string>;
  /** Above this ratio along the escape ray the rule is reported unbounded (default 1e9). */
  unboundedThreshold?: number;
  /** Leave out the universal lower-bound input from the starts (to see whether the generic search reaches the bound by itself). */
  withoutLowerBoundStart?: boolean;
}

export interface SearchResult {
  rule: string;
  params?: Record<string, number | string>;
  n: number;
  f: number;
  d: number;
  seed: number;
  budget: number;
  evaluations: number;
  /** f/(n − 2f). */
  lowerBound: number;
  /** The certified lower bound on the coefficient: the exact replay of the witness (nearest float; +∞ when unbounded by a zero-variance witness). */
  kappaHat: number;
  /** κ̂ exactly: p/q in lowest terms, or `Infinity`. */
  exact: string;
  certificate: Replay['certificate'];
  /** The search found ratios growing without bound (escape test) or an exact +∞. */
  unbounded: boolean;
  /** Whether the rule is translation- and scale-equivariant (the search then normalises its inputs). */
  equivariant: boolean;
  /** Label of the start the witness came from. */
  start: string;
  /** The best float ratio of each kind of start after local search (for the report: which constructions matter). */
  startRatios: { label: string; ratio: number }[];
  witness: Witness;
}

/** Rules (and pre-aggregators) whose output moves with translations and scalings of the inputs, so the ratio is invariant. */
const EQUIVARIANT = new Set(['average', 'median', 'trimmed-mean', 'geometric-median', 'krum', 'multi-krum', 'bulyan', 'aggregathor', 'mda', 'meamed', 'phocas', 'monna', 'caf', 'smea', 'nnm', 'bucketing']);

/** Whether a catalogue name (pre-aggregators included) is translation- and scale-equivariant with these parameters. */
export function isEquivariant(name: string, params: Record<string, number | string> = {}): boolean {
  const { pre, rule } = parseRuleName(name);
  if (rule === 'geometric-median' && params.weiszfeld === 'byzfl') return false;
  return [...pre, rule].every((p) => EQUIVARIANT.has(p));
}

/** x ↦ (x − x̄_S)/σ_S: honest mean 0 and honest variance 1 (unchanged when the honest variance is 0). */
export function normalise(inputs: number[][], honest: readonly number[]): number[][] {
  const { mean, variance } = honestMoments(inputs, honest);
  const s = variance > 0 && Number.isFinite(variance) ? Math.sqrt(variance) : 1;
  return inputs.map((r) => r.map((x, c) => (x - mean[c]) / s));
}

export function searchWorstInput(rule: string, setting: { n: number; f: number; d: number }, options: SearchOptions = {}): SearchResult {
  const { n, f, d } = setting;
  const seed = options.seed ?? 1, budget = options.budget ?? 2000, params = options.params;
  const threshold = options.unboundedThreshold ?? 1e9;
  requireInteger('robustness search', 'f', f, 1);
  requireInteger('robustness search', 'd', d, 1);
  requireInteger('robustness search', 'budget', budget, 1);
  const gar = makeGar(rule, (params ?? {}) as RuleParameters);
  if (!Number.isInteger(n) || n <= 2 * f || !gar.admissible(n, f)) throw new AdmissibilityError(`robustness search (${gar.name})`, `n > 2f and ${gar.requirement}`, { n, f });
  const equivariant = isEquivariant(rule, params);
  const h = n - f;
  const honest = Array.from({ length: h }, (_, i) => i);
  let evaluations = 0;
  const ratioOf = (inputs: number[][]): number => {
    evaluations++;
    try {
      return robustnessRatio(inputs, honest, gar.aggregate(inputs.map((r) => Float64Array.from(r)), f));
    } catch {
      return NaN;
    }
  };
  const stream = streamFor(seed, 'robustness', rule, n, f, d);
  const prepared = (inputs: number[][]) => (equivariant ? normalise(inputs, honest) : inputs);

  // 1. starts
  const starts = structuredStarts(n, f, d, stream.split('structured')).filter((s) => !(options.withoutLowerBoundStart && s.label.startsWith('lower-bound')));
  const restarts = Math.max(4, Math.floor(budget / 250));
  const randomStream = stream.split('random');
  for (let r = 0; r < restarts; r++) starts.push({ label: 'random', inputs: randomStart(n, f, d, randomStream) });
  const candidates = starts.map((s) => { const inputs = prepared(s.inputs); return { label: s.label, inputs, ratio: ratioOf(inputs) }; });
  const finite = (x: number) => (Number.isNaN(x) ? -Infinity : x);
  candidates.sort((a, b) => finite(b.ratio) - finite(a.ratio));

  // 2. local search from the best finite starts (a start at +∞ needs none)
  const pool = candidates.filter((c) => Number.isFinite(c.ratio));
  const locals = Math.min(pool.length, Math.max(2, Math.min(6, Math.floor(budget / 300))));
  const share = Math.floor(Math.max(0, budget - evaluations) / Math.max(1, locals));
  const improved: typeof candidates = [];
  for (let l = 0; l < locals && share > n * d + 2; l++) {
    const c = pool[l];
    const flat = c.inputs.flat();
    const rows = (x: number[]) => Array.from({ length: n }, (_, i) => x.slice(i * d, (i + 1) * d));
    const res = nelderMead((x) => { const v = ratioOf(rows(x)); return Number.isFinite(v) ? -v : v === Infinity ? -1e300 : NaN; }, flat, { maxEvaluations: share, step: 0.25 });
    const inputs = prepared(rows(res.x));
    improved.push({ label: c.label, inputs, ratio: ratioOf(inputs) });
  }
  const all = [...candidates, ...improved].filter((c) => !Number.isNaN(c.ratio)).sort((a, b) => b.ratio - a.ratio);

  // 4. escape test on the best finite candidate
  let unboundedCandidate: (typeof candidates)[number] | undefined;
  const best = all.find((c) => Number.isFinite(c.ratio));
  if (best) {
    const { mean } = honestMoments(best.inputs, honest);
    let previous = best.ratio, growing = true;
    for (let e = 1; e <= 6 && growing; e++) {
      const lambda = 10 ** e;
      const inputs = best.inputs.map((r, i) => (i < h ? [...r] : r.map((x, c) => mean[c] + lambda * (x - mean[c]))));
      const ratio = ratioOf(inputs);
      growing = ratio > previous * (1 + 1e-9);
      previous = ratio;
      if (growing && ratio > threshold) unboundedCandidate = { label: `${best.label}, Byzantine ×10^${e}`, inputs, ratio };
    }
  }

  // 5. exact replays: the best few distinct candidates (and the escape witness)
  const toReplay = unboundedCandidate ? [unboundedCandidate] : all.slice(0, 3);
  const witnessOf = (c: (typeof candidates)[number]): Witness => ({ rule, ...(params ? { params } : {}), n, f, d, honest, inputs: c.inputs, claimedRatio: c.ratio });
  let chosen: { c: (typeof candidates)[number]; replay: Replay } | undefined;
  for (const c of toReplay) {
    const replay = replayWitness(witnessOf(c));
    if (!chosen || replay.value > chosen.replay.value) chosen = { c, replay };
  }
  const startRatios: { label: string; ratio: number }[] = [];
  for (const c of all) {
    const kind = c.label.replace(/ at [\d.]+$/, '').replace(/ \d+\/\d+/, '');
    if (!startRatios.some((s) => s.label === kind)) startRatios.push({ label: kind, ratio: c.ratio });
  }
  const { c, replay } = chosen!;
  return {
    rule, ...(params ? { params } : {}), n, f, d, seed, budget, evaluations, lowerBound: universalLowerBound(n, f),
    kappaHat: replay.value, exact: replay.text, certificate: replay.certificate,
    unbounded: !!unboundedCandidate || replay.value === Infinity, equivariant, start: c.label, startRatios, witness: witnessOf(c),
  };
}
