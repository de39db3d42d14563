import { requireInteger } from '../errors';
import { SECTION_2, SECTION_3, LEMMA_1 } from './admissible';
import { etaSquaredExact, etaExact, slowdownExact, mTildeSection2, mTildeSection3, floatDecimalString, sqrtDecimal, fractionOf, type ExactConstant } from './exact';
import type { EtaReading } from './eta';

/**
 * The table of the paper's constants for a range of n and f, exact and
 * decimal, as plain data (for the CLI's `constants` subcommand, the notebooks
 * and the report). One row per (n, f) of section 2’s range, boundary
 * n = 2f + 2 included (there η is undefined and the row says so).
 *
 * η is evaluated at m = m̃ = n − f − 2 (section 2’s choice); the as-printed and
 * as-derived readings differ exactly when f > 0 and m ≠ n − 2f − 2.
 *
 * @example constantsTable({ nMax: 7, fMax: 1 }).rows[0] // { n: 3, f: 0, ... }
 */

/** η under one reading at m = m̃: the exact η², and η exact / decimal / float. */
export interface EtaEntry {
  reading: EtaReading;
  etaSquared: string;
  eta: ExactConstant;
  /** η printed to `digits` significant digits, rounded once from the exact value, and from the float's exact binary value: the test requires them equal. */
  printed: { exact: string; float: string };
}

export interface ConstantsRow {
  n: number;
  f: number;
  section2: boolean;
  section3: boolean;
  lemma1: boolean;
  /** n − f − 2 (section 2). */
  mTilde2: number;
  /** n − 2f − 2 (section 3); null when section 3 does not admit (n, f). */
  mTilde3: number | null;
  /** η at m = m̃₂ under each reading; empty when Lemma 1 does not apply (n = 2f + 2). */
  eta: EtaEntry[];
  /** √(m̃₂/n), T1 (ii). */
  slowdown2: ExactConstant | null;
  /** √(m̃₃/n), T2 (ii); null outside section 3. */
  slowdown3: ExactConstant | null;
  /** Why a column is empty, if one is. */
  note: string;
}

export interface ConstantsTable {
  digits: number;
  columns: string[];
  rows: ConstantsRow[];
}

const READINGS: EtaReading[] = ['as-printed', 'as-derived', 'krum'];

/** The constants for 3 <= n <= nMax and 0 <= f <= min(fMax, (n − 2)/2). `digits`: significant digits of the printed columns. */
export function constantsTable(options: { nMax?: number; fMax?: number; digits?: number } = {}): ConstantsTable {
  const nMax = options.nMax ?? 25, fMax = options.fMax ?? 5, digits = options.digits ?? 12;
  requireInteger('constants table', 'nMax', nMax, 3, 10_000);
  requireInteger('constants table', 'fMax', fMax, 0);
  requireInteger('constants table', 'digits', digits, 1, 17);
  const rows: ConstantsRow[] = [];
  for (let n = 3; n <= nMax; n++) {
    for (let f = 0; f <= fMax && SECTION_2.holds(n, f); f++) {
      const lemma1 = LEMMA_1.holds(n, f), section3 = SECTION_3.holds(n, f);
      const m2 = mTildeSection2(n, f), m3 = mTildeSection3(n, f);
      const eta: EtaEntry[] = lemma1
        ? READINGS.map((reading) => {
            const e = etaExact(n, f, m2, reading), sq = etaSquaredExact(n, f, m2, reading);
            return { reading, etaSquared: sq.toFraction(), eta: e, printed: { exact: sqrtDecimal(sq, digits), float: floatDecimalString(e.float, digits) } };
          })
        : [];
      rows.push({
        n, f, section2: true, section3, lemma1, mTilde2: m2, mTilde3: section3 ? m3 : null, eta,
        slowdown2: slowdownExact(m2, n),
        slowdown3: section3 ? slowdownExact(m3, n) : null,
        note: lemma1 ? '' : 'n = 2f + 2: admitted by section 2 (f <= (n − 2)/2) but not by Lemma 1 (2f + 2 < n); η’s denominator n − 2f − 2 is 0',
      });
    }
  }
  return {
    digits,
    columns: ['n', 'f', 'section 2', 'section 3', 'Lemma 1', 'm̃₂ = n−f−2', 'm̃₃ = n−2f−2', 'η² as printed', 'η² as derived', 'η² Krum', 'η as printed', 'η as derived', 'η Krum', '√(m̃₂/n)', '√(m̃₃/n)'],
    rows,
  };
}

/** The table flattened to printable strings, one array per row in the order of `columns`. */
export function constantsTableCells(table: ConstantsTable): string[][] {
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  const etaOf = (r: ConstantsRow, reading: EtaReading) => r.eta.find((e) => e.reading === reading);
  return table.rows.map((r) => [
    String(r.n), String(r.f), yes(r.section2), yes(r.section3), yes(r.lemma1), String(r.mTilde2), r.mTilde3 === null ? '—' : String(r.mTilde3),
    ...READINGS.map((x) => etaOf(r, x)?.etaSquared ?? 'undefined'),
    ...READINGS.map((x) => etaOf(r, x)?.printed.exact ?? 'undefined'),
    sqrtDecimal(fractionOf(r.mTilde2, r.n), table.digits),
    r.mTilde3 !== null ? sqrtDecimal(fractionOf(r.mTilde3, r.n), table.digits) : '—',
  ]);
}
