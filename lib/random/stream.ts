import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * Seeded random streams. Every random draw of the workbook comes from a
 * {@link Stream}; a stream is named by a root seed and a path of labels
 * (`streamFor(seed, 'L1', trial)`), so that each trial, each worker and each
 * step has its own independent generator and results never depend on the order
 * in which trials run or on how many threads run them.
 *
 * The generator is pure-rand's xoroshiro128+ (the one fast-check uses); the
 * path is folded into its 32-bit seed with murmur3's finaliser.
 */
export interface Stream {
  /** Uniform in [0, 1), 53 random bits. */
  uniform(): number;
  /** Standard normal N(0, 1) (polar Box–Muller, second value cached). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** An independent child stream named by `labels`. */
  split(...labels: (string | number)[]): Stream;
  /** The 32-bit seed this stream was created from. */
  readonly seed: number;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds a root seed and a path of labels into one 32-bit seed. */
export function deriveSeed(seed: number, ...labels: (string | number)[]): number {
  let h = fmix32((seed >>> 0) ^ 0x9e3779b9);
  for (const label of labels) {
    const s = String(label);
    h = fmix32(h ^ 0x27d4eb2f);
    for (let i = 0; i < s.length; i++) h = fmix32(h ^ (s.charCodeAt(i) + Math.imul(i + 1, 0x165667b1)));
    h = fmix32(h + s.length);
  }
  return h >>> 0;
}

class XoroshiroStream implements Stream {
  private readonly rng;
  private spare = NaN;

  constructor(readonly seed: number) {
    this.rng = xoroshiro128plus(seed | 0);
  }

  uniform(): number {
    const hi = this.rng.next() >>> 5; // 27 bits
    const lo = this.rng.next() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const k = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * k;
    return u * k;
  }

  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  split(...labels: (string | number)[]): Stream {
    return new XoroshiroStream(deriveSeed(this.seed, ...labels));
  }
}

/** The stream named by a root seed and a path of labels. */
export function streamFor(seed: number, ...labels: (string | number)[]): Stream {
  return new XoroshiroStream(labels.length === 0 ? seed >>> 0 : deriveSeed(seed, ...labels));
}
