/**
 * A small claim registry for the cluster tests (loaded through
 * AGGREGATHOR_REGISTRY), so that plan / run / merge and their fault cases
 * run in seconds on known checks.
 *
 * Its unit values hold every kind of number a real unit may (Float64Array,
 * NaN, ±Infinity, −0, nested objects and arrays), and its checks put an
 * exact fingerprint of those values (every float's 64 bits, every type)
 * into results.json: a unit value that came back from disk different in any
 * bit or type from what a worker thread hands over would change results.json.
 *
 * AGGREGATHOR_CLUSTER_FIXTURE_SLEEP_MS makes every unit sleep that long
 * (never changing its value), so a test can kill a shard part-way through.
 */
import { createHash } from 'node:crypto';
import type { CheckContext, CheckResult, Claim, ClaimCheck } from '../lib/claims/types';
import { chunks, defineUnit } from '../lib/parallel/units';
import { streamFor } from '../lib/random/stream';

const always = { text: 'none', holds: () => true };

export const CLAIMS: Claim[] = [
  { id: 'C1', group: 'moments', title: 'The mean of uniform draws is near 1/2', statement: '$\\mathbb{E} U = 1/2$.', kind: 'expectation', hypotheses: always, readings: [{ id: 'as-printed', description: 'as printed' }], source: 'fixture', cites: [] },
  { id: 'C2', group: 'moments', title: 'Special values survive', statement: 'NaN, infinities and −0 come back as they left.', kind: 'deterministic', hypotheses: always, readings: [{ id: 'as-printed', description: 'as printed' }], source: 'fixture', cites: [] },
];

interface Piece {
  seed: number;
  label: string;
  from: number;
  to: number;
}

export interface PieceValue {
  draws: Float64Array;
  specials: number[];
  nested: { from: number; label: string; halves: Float64Array[] };
}

/** Blocks this thread for `ms` milliseconds (a unit is synchronous). */
function sleep(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Draws from … to − 1 of a seeded stream, with NaN, ±Infinity and −0 mixed in: one unit of work. */
export const piece = defineUnit<Piece, PieceValue>(
  'cluster-fixture-piece',
  ({ seed, label, from, to }) => {
    sleep(Number(process.env.AGGREGATHOR_CLUSTER_FIXTURE_SLEEP_MS ?? 0));
    const s = streamFor(seed, 'cluster-fixture', label, from);
    const draws = Float64Array.from({ length: to - from }, () => s.uniform());
    const half = Math.floor(draws.length / 2);
    return { draws, specials: [NaN, Infinity, -Infinity, -0, s.normal() * 1e308, Number.MIN_VALUE], nested: { from, label, halves: [draws.slice(0, half), draws.slice(half)] } };
  },
  ({ from, to }) => (to - from) * 1e-4,
);

const pieces = (ctx: CheckContext, label: string): Piece[] => chunks(ctx.trials ?? (ctx.mode !== 'quick' ? 2000 : 600), 25).map(([from, to]) => ({ seed: ctx.seed, label, from, to }));

/** SHA-256 of a value's exact content: every float's bits, every type, every key. */
export function exactFingerprint(value: unknown): string {
  const h = createHash('sha256');
  const walk = (v: unknown): void => {
    if (typeof v === 'number') {
      const b = Buffer.alloc(8);
      b.writeDoubleBE(v);
      h.update('n').update(b);
    } else if (v instanceof Float64Array) {
      h.update(`F${v.length}:`).update(Buffer.from(v.buffer, v.byteOffset, v.byteLength));
    } else if (Array.isArray(v)) {
      h.update(`A${v.length}[`);
      v.forEach(walk);
      h.update(']');
    } else if (v !== null && typeof v === 'object') {
      h.update(`O${v.constructor?.name}{`);
      for (const k of Object.keys(v).sort()) {
        h.update(`${k}:`);
        walk((v as Record<string, unknown>)[k]);
      }
      h.update('}');
    } else h.update(`${typeof v}:${String(v)}`);
  };
  walk(value);
  return h.digest('hex');
}

function meanCheck(ctx: CheckContext): CheckResult {
  const values = pieces(ctx, 'C1').map((p) => piece.get(p));
  const all = values.flatMap((v) => [...v.draws]);
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  const se = Math.sqrt(1 / 12 / all.length);
  return {
    claimId: 'C1', check: 'mean', reading: 'as-printed', method: 'monte-carlo', verdict: Math.abs(mean - 0.5) <= 4 * se ? 'holds' : 'fails', expected: 'holds',
    summary: `mean ${mean} of ${all.length} draws; exact fingerprint of the unit values ${exactFingerprint(values)}`, seed: ctx.seed, runs: all.length, runsLabel: 'draws',
  };
}

function specialsCheck(ctx: CheckContext): CheckResult {
  const values = pieces(ctx, 'C2').map((p) => piece.get(p));
  const ok = values.every((v) => Number.isNaN(v.specials[0]) && v.specials[1] === Infinity && v.specials[2] === -Infinity && Object.is(v.specials[3], -0) && v.nested.halves.every((x) => x instanceof Float64Array));
  return {
    claimId: 'C2', check: 'specials', reading: 'as-printed', method: 'property', verdict: ok ? 'holds' : 'fails', expected: 'holds',
    summary: `${values.length} pieces; exact fingerprint ${exactFingerprint(values)}`, seed: ctx.seed, runs: values.length,
  };
}

export const ALL_CHECKS: ClaimCheck[] = [
  { claimId: 'C1', name: 'mean', reading: 'as-printed', method: 'monte-carlo', expected: 'holds', cost: 0.01, run: meanCheck, units: (ctx) => pieces(ctx, 'C1').map((p) => piece.call(p)) },
  { claimId: 'C2', name: 'specials', reading: 'as-printed', method: 'property', expected: 'holds', cost: 0.01, run: specialsCheck, units: (ctx) => pieces(ctx, 'C2').map((p) => piece.call(p)) },
];

export function claims(): readonly Claim[] {
  return CLAIMS;
}
