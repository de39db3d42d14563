import { ETA_READINGS, eta, type EtaReading } from '../constants/eta';

/** Greatest common divisor of two positive BigInts (Euclid). */
function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * The rows of the report's η table (index.html, report.md, eta.tex): for each
 * (n, f) of {@link ETA_TABLE_SETTINGS}, with m = m̃ = n − f − 2, η as a float
 * and η² as a reduced fraction. The fraction is computed here with BigInt
 * rather than with lib/constants/exact.ts, so that writing a report does not
 * load mathjs; the `constants` command uses exact.ts, and the CLI test checks
 * both against values derived by hand.
 *
 *     η² = 2 ((n − f)·den + num) / den, with
 *     as-printed: num = f m + f² (m + 1), den = m
 *     as-derived: num = f m + f² (m + 1), den = n − 2f − 2
 *     krum:       num = f (n − f − 2) + f² (n − f − 1), den = n − 2f − 2
 *
 * @example etaSquaredFraction(11, 2, 7, 'as-printed') // '218/7'
 */
export function etaSquaredFraction(n: number, f: number, m: number, reading: EtaReading): string {
  eta(n, f, m, reading); // the same one-line admissibility errors as everywhere else
  const [N, F, M] = [BigInt(n), BigInt(f), BigInt(m)];
  const den = reading === 'as-printed' ? M : N - 2n * F - 2n;
  const num = reading === 'krum' ? F * (N - F - 2n) + F * F * (N - F - 1n) : F * M + F * F * (M + 1n);
  const p = 2n * ((N - F) * den + num);
  const g = gcd(p, den);
  const [top, bottom] = [p / g, den / g];
  return bottom === 1n ? `${top}` : `${top}/${bottom}`;
}

/** The (n, f) pairs of the report's η table: a few cluster sizes, each with f near the AGGREGATHOR bound (n − 3)/4 and, for small n, near the MULTI-KRUM bound (n − 3)/2. */
export const ETA_TABLE_SETTINGS: readonly [number, number][] = [
  [7, 1], [7, 2], [11, 2], [11, 4], [15, 3], [15, 6], [19, 4], [23, 5], [31, 7], [51, 12],
];

export interface EtaTableRow {
  n: number;
  f: number;
  m: number;
  cells: { reading: EtaReading; eta: number; etaSquared: string }[];
}

/** The η table's rows, readings in the order of ETA_READINGS. */
export function etaTableRows(settings: readonly [number, number][] = ETA_TABLE_SETTINGS): EtaTableRow[] {
  return settings.map(([n, f]) => {
    const m = n - f - 2;
    return { n, f, m, cells: ETA_READINGS.map((reading) => ({ reading, eta: eta(n, f, m, reading), etaSquared: etaSquaredFraction(n, f, m, reading) })) };
  });
}
