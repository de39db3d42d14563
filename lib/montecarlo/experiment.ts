import { byzantineMask, drawByzantineSlots, placeInputs } from '../attacks/placement';
import { sampleAround } from '../random/distributions';
import { multiKrum } from '../rules/krum';
import type { Gar } from '../rules/types';
import { isFiniteVector, norm, squaredDistance } from '../vectors';
import { attackOf, type AttackSpec } from './attackSpecs';
import { settingKey, sigmaOf, trueGradientOf, type McSetting } from './settings';
import { runTrialRange } from './trials';
import { makeGar } from '../rules/catalogue';
import { canonicalJson, chunks, clearUnits, defineUnit, type UnitCall } from '../parallel/units';

/** Moments r = 2, 3, 4 (condition (ii) of (α, f)-resilience). */
export const MOMENT_ORDERS = [2, 3, 4] as const;

/**
 * Whether E|X|^r is finite for the noise family: Student t with ν = 3 has
 * moments of order < 3 only, so E‖G‖³ and E‖G‖⁴ are infinite and the moment
 * checks leave those rows out (a sample mean of an infinite expectation has
 * no interval). Its squared norms also have infinite variance, so CLT
 * intervals on second-order quantities are only indicative for that family.
 */
export function momentExists(family: string, r: number): boolean {
  return family !== 'student-t3' || r < 3;
}

/** What Lemma 1's proof talks about, measured on one trial of MULTI-KRUM (Byzantine inputs are the last f). */
export interface ProofRecord {
  /** N̄(i*) = (1/δc(i*)) Σ_{i* → correct j} V_j. */
  neighbourMean: Float64Array;
  /** 1 when i* is Byzantine. */
  byzantineWorst: number;
  /** ‖B_{i*} − N̄(i*)‖² when i* is Byzantine, else 0. */
  byzantineDeviation2: number;
  /** ‖MK − N̄(i*)‖². */
  mkToNeighbourMean2: number;
  /** Mean over correct i of (1/δc(i)) Σ_{i → correct j} ‖V_i − V_j‖² (L1.3 on the neighbours the rule chose). */
  neighbourSpread2: number;
  /** ‖V_1 − V_2‖² for two fixed correct workers (L1.3 for an independent pair). */
  pair2: number;
  /** For r = 2, 3, 4: ‖MK‖^r, ‖X_{i*}‖^r, ‖B_{i*}‖^r·I(i* Byzantine), mean_j ‖V_j‖^r, max_j ‖V_j‖^r, ‖B_{i*} − N̄(i*)‖^r·I. */
  mk: number[];
  worst: number[];
  byzantineWorstNorm: number[];
  correctNorm: number[];
  maxCorrectNorm: number[];
  byzantineDeviation: number[];
}

export interface TrialRecord {
  aggregate: Float64Array;
  /** For r = 2, 3, 4: ‖GAR‖^r and mean_j ‖V_j‖^r over the correct vectors of the trial (an unbiased estimate of E‖G‖^r). */
  aggregateNorm: number[];
  correctNorm: number[];
  proof?: ProofRecord;
}

export interface ExperimentSpec {
  /** The rule under test (the attack is run against the same rule). */
  gar: Gar;
  setting: McSetting;
  attack: AttackSpec;
  trials: number;
  seed: number;
  /** Names the stream path; experiments with the same label, seed, setting and attack share samples. */
  label: string;
  /** Also record Lemma 1's proof quantities (the rule must be MULTI-KRUM with the setting's m and k). */
  proof?: boolean;
}

/** Trials per unit of work: small enough to spread a setting over threads, large enough that messages cost nothing. */
export const EXPERIMENT_CHUNK = 40;

/** One chunk of an experiment as plain JSON: the rule by its catalogue name, trials from … to − 1. */
export interface ExperimentChunkSpec {
  rule: { name: string; params: Record<string, number | string> };
  setting: McSetting;
  attack: AttackSpec;
  seed: number;
  label: string;
  proof: boolean;
  from: number;
  to: number;
}

/**
 * Seconds per trial on this kind of machine, fitted to measured unit times:
 * drawing and recording (~n d), plus the aggregations — one, or about 13 for
 * the leeway attack's search and 40 for the adaptive attack's line searches —
 * each a fixed overhead plus the n² d of the distances.
 */
function trialCost(s: McSetting, attack: AttackSpec): number {
  const aggregations = attack.name === 'adaptive' ? 40 : attack.name === 'leeway' ? 13 : 1.5;
  return 1e-5 + 5e-8 * s.n * s.d + aggregations * (2e-5 + 2.5e-9 * s.n * s.n * s.d);
}

export const experimentChunk = defineUnit<ExperimentChunkSpec, TrialRecord[]>(
  'experiment-trials',
  (spec) => experimentTrials(makeGar(spec.rule.name, spec.rule.params), spec.setting, spec.attack, spec.seed, spec.label, spec.proof, spec.from, spec.to),
  (spec) => (spec.to - spec.from) * trialCost(spec.setting, spec.attack),
);

const cache = new Map<string, TrialRecord[]>();
let trialsRun = 0;

/** Forget memoised experiments (results are deterministic, so this only frees memory) and reset the trial counter. */
export function clearExperimentCache(): void {
  cache.clear();
  clearUnits();
  trialsRun = 0;
}

/** Forgets the assembled experiments only, keeping the units of work they were assembled from (for tests that watch which units a check asks for). */
export function clearAssembledExperiments(): void {
  cache.clear();
}

/** Trials of distinct experiments asked for through {@link runExperiment} since the last {@link clearExperimentCache} (memoised ones count once). */
export function experimentTrialsRun(): number {
  return trialsRun;
}

/** The chunk specs of an experiment whose rule can be rebuilt in another thread, else undefined. */
function chunkSpecs(spec: ExperimentSpec): ExperimentChunkSpec[] | undefined {
  const rule = spec.gar.rule;
  if (!rule) return undefined;
  return chunks(spec.trials, EXPERIMENT_CHUNK).map(([from, to]) => ({
    rule, setting: spec.setting, attack: spec.attack, seed: spec.seed, label: spec.label, proof: spec.proof ?? false, from, to,
  }));
}

/** The units of work of an experiment (empty for a rule that cannot leave this thread). */
export function experimentUnits(spec: ExperimentSpec): UnitCall[] {
  return (chunkSpecs(spec) ?? []).map((c) => experimentChunk.call(c));
}

/**
 * Runs (or recalls) the trials of one (rule, setting, attack). Trial t draws
 * the n − f correct vectors from `streamFor(seed, label, setting, attack, t)`
 * split per worker, and gives the attack its own split, so every number is a
 * function of the seed and the names alone — and the trials can be computed
 * in chunks, on any thread ({@link experimentChunk}), with the same result.
 */
export function runExperiment(spec: ExperimentSpec): TrialRecord[] {
  const { gar, setting, attack, trials, seed, label } = spec;
  const key = `${label}|${gar.name}|${gar.rule ? canonicalJson(gar.rule) : ''}|${seed}|${trials}|${settingKey(setting)}|${attack.label}|${spec.proof ? 'proof' : ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const parts = chunkSpecs(spec);
  const records = parts
    ? parts.flatMap((c) => experimentChunk.get(c))
    : experimentTrials(gar, setting, attack, seed, label, spec.proof ?? false, 0, trials);
  cache.set(key, records);
  trialsRun += records.length;
  return records;
}

function experimentTrials(gar: Gar, setting: McSetting, attack: AttackSpec, seed: number, label: string, proof: boolean, from: number, to: number): TrialRecord[] {
  const { n, f, m, k, family } = setting;
  const sigma = sigmaOf(setting);
  const g = trueGradientOf(setting);
  const named = attackOf(attack);
  return runTrialRange(seed, label, `${settingKey(setting)}|${attack.label}`, from, to, (stream) => {
    const correct = Array.from({ length: n - f }, (_, j) => sampleAround(g, sigma, family, stream.split('worker', j)));
    const slots = drawByzantineSlots(n, f, stream.split('placement'));
    const byzantine = f > 0 ? named.run({ correct, n, f, gar, stream: stream.split('attack'), trueGradient: g, byzantineSlots: slots }) : [];
    const vectors = placeInputs(correct, byzantine, slots);
    const correctNorm = MOMENT_ORDERS.map((r) => correct.reduce((s, v) => s + norm(v) ** r, 0) / correct.length);
    if (!proof) {
      const aggregate = gar.aggregate(vectors, f);
      return { aggregate, aggregateNorm: MOMENT_ORDERS.map((r) => norm(aggregate) ** r), correctNorm };
    }
    const { aggregate, diagnostics } = multiKrum(vectors, { f, m, k, byzantine: slots });
    const rec = proofRecord(vectors, correct, byzantineMask(n, slots), aggregate, diagnostics.worstSelected, diagnostics.neighbours);
    return { aggregate, aggregateNorm: rec.mk, correctNorm, proof: rec };
  });
}

function proofRecord(vectors: readonly Float64Array[], correct: readonly Float64Array[], byzantine: readonly boolean[], mk: Float64Array, iStar: number, neighbours: number[][]): ProofRecord {
  const d = mk.length;
  const nCorrect = correct.length;
  const isCorrect = (j: number) => !byzantine[j];
  const correctNeighbours = (i: number) => neighbours[i].filter(isCorrect);
  const nb = correctNeighbours(iStar);
  // No correct neighbour (possible only when k <= f): N̄(i*) is undefined, and NaN says so.
  const neighbourMean = new Float64Array(d).fill(nb.length === 0 ? NaN : 0);
  for (const j of nb) for (let c = 0; c < d; c++) neighbourMean[c] += vectors[j][c] / nb.length;
  const byz = !isCorrect(iStar) && isFiniteVector(vectors[iStar]);
  const dev2 = byz ? squaredDistance(vectors[iStar], neighbourMean) : 0;
  let spread = 0;
  for (let i = 0; i < vectors.length; i++) {
    if (!isCorrect(i)) continue;
    const cn = correctNeighbours(i);
    let s = 0;
    for (const j of cn) s += squaredDistance(vectors[i], vectors[j]);
    spread += cn.length > 0 ? s / cn.length : 0;
  }
  const correctNorms = correct.map(norm);
  const mkNorm = norm(mk), worstNorm = norm(vectors[iStar]), maxNorm = Math.max(...correctNorms);
  const pow = (x: number) => MOMENT_ORDERS.map((r) => x ** r);
  return {
    neighbourMean,
    byzantineWorst: byz ? 1 : 0,
    byzantineDeviation2: dev2,
    mkToNeighbourMean2: squaredDistance(mk, neighbourMean),
    neighbourSpread2: spread / nCorrect,
    pair2: squaredDistance(correct[0], correct[1]),
    mk: pow(mkNorm),
    worst: pow(worstNorm),
    byzantineWorstNorm: byz ? pow(worstNorm) : [0, 0, 0],
    correctNorm: MOMENT_ORDERS.map((r) => correctNorms.reduce((s, x) => s + x ** r, 0) / nCorrect),
    maxCorrectNorm: pow(maxNorm),
    byzantineDeviation: byz ? pow(Math.sqrt(dev2)) : [0, 0, 0],
  };
}
