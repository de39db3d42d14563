import type { Stream } from '../random/stream';
import { lowerBoundInputs } from './ratio';

/**
 * Structured starting inputs for the worst-input search, for n inputs of
 * dimension d of which the first n − f are honest (the search's convention)
 * and the last f Byzantine. Every start is a list of n rows of d numbers with
 * a label saying what it is:
 *
 * - `lower-bound (…)`: the two readings of the universal lower-bound input
 *   (ratio.ts, {@link lowerBoundInputs}): f ones, n − f zeros;
 * - `honest split a/h, Byzantine at t`: a honest inputs at +1 and h − a at
 *   −a/(h − a) along the first axis (honest mean 0, the most lopsided honest
 *   sets a one-dimensional rule can be pushed along), the f Byzantine inputs
 *   together at t on the first axis — the closed-form worst case of the
 *   median at d = 1 is of this shape with a = ⌈n/2⌉ − f
 *   (property-tests/robustness.test.ts);
 * - `collinear`: honest and Byzantine inputs on one random line;
 * - `orthogonal Byzantine at t` (d ≥ 2): Gaussian honest inputs, the
 *   Byzantine cluster at t along an axis;
 * - `random`: Gaussian honest inputs, Byzantine inputs at a random offset.
 *
 * The lower-bound constructions of Bareilles et al. (2026) for Krum and
 * MULTI-KRUM are not among them: their text could not be read from a stored
 * source (reference/robustness-claims.md).
 *
 * @example structuredStarts(5, 1, 1, streamFor(1)).map((s) => s.label).slice(0, 2) // the two lower-bound readings
 */
export function structuredStarts(n: number, f: number, d: number, stream: Stream): { label: string; inputs: number[][] }[] {
  const h = n - f;
  const out: { label: string; inputs: number[][] }[] = [...lowerBoundInputs(n, f, d)];
  const axis = (v: number, c = 0) => Array.from({ length: d }, (_, j) => (j === c ? v : 0));
  const splits = [...new Set([1, f, Math.floor(h / 2), Math.ceil(n / 2) - f, Math.floor(n / 2) - f + 1, h - f, h - 1])].filter((a) => a >= 1 && a <= h - 1);
  for (const a of splits) {
    for (const t of [0.5, 1, 2, 5, 20]) {
      out.push({ label: `honest split ${a}/${h}, Byzantine at ${t}`, inputs: [...Array.from({ length: h }, (_, i) => axis(i < a ? 1 : -a / (h - a))), ...Array.from({ length: f }, () => axis(t))] });
    }
  }
  const gaussian = () => Array.from({ length: d }, () => stream.normal());
  for (let r = 0; r < 2; r++) {
    const dir = gaussian();
    const line = (s: number) => dir.map((x) => s * x);
    out.push({ label: 'collinear', inputs: [...Array.from({ length: h }, () => line(stream.normal())), ...Array.from({ length: f }, () => line(1 + 5 * stream.uniform()))] });
  }
  if (d >= 2) {
    for (const t of [1, 3, 10]) out.push({ label: `orthogonal Byzantine at ${t}`, inputs: [...Array.from({ length: h }, gaussian), ...Array.from({ length: f }, () => axis(t, 1))] });
  }
  return out;
}

/** A random start: Gaussian honest inputs, each Byzantine input at a random offset of scale up to 10 (some together, some spread). */
export function randomStart(n: number, f: number, d: number, stream: Stream): number[][] {
  const h = n - f;
  const gaussian = () => Array.from({ length: d }, () => stream.normal());
  const scale = 10 * stream.uniform();
  const centre = gaussian().map((x) => scale * x);
  const spread = stream.uniform() < 0.5 ? 0 : stream.uniform();
  return [...Array.from({ length: h }, gaussian), ...Array.from({ length: f }, () => centre.map((x) => x + spread * stream.normal()))];
}
