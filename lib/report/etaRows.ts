import { ETA_READINGS, etaSquared, type EtaReading } from '../constants/eta';
import { etaExact, etaSquaredExact, sinAlphaExact, slowdownExact, type ExactConstant } from '../constants/exact';
import { requireInteger, requireThat } from '../errors';

/** One line of the η table: exact η² (a fraction), η exactly (√ of it, decimal) and as the float the workbook uses. */
export interface EtaRow {
  reading: EtaReading;
  /** η² as a reduced fraction, e.g. `182/5`. */
  etaSquaredExact: string;
  etaSquared: number;
  eta: number;
  /** η to 40 significant digits (lib/constants/exact.ts). */
  etaDecimal: string;
  /** sin α = η √d σ / ‖g‖ when d, σ and ‖g‖ are given. */
  sinAlpha?: ExactConstant;
}

/**
 * The η rows of every reading of Lemma 1 for (n, f, m) — see
 * lib/constants/exact.ts for the formulas — with sin α when d, σ, ‖g‖ are
 * given. Inadmissible n, f, m throw the one-line AdmissibilityError.
 *
 * @example etaRows(11, 2, 7)[1].etaSquaredExact // '182/5' (as-derived: 2 (9 + (14 + 32)/5))
 */
export function etaRows(n: number, f: number, m: number, scale?: { d: number; sigma: number; gNorm: number }): EtaRow[] {
  return ETA_READINGS.map((reading) => {
    const e = etaExact(n, f, m, reading);
    const row: EtaRow = { reading, etaSquaredExact: etaSquaredExact(n, f, m, reading).toFraction(), etaSquared: etaSquared(n, f, m, reading), eta: e.float, etaDecimal: e.decimal };
    if (scale) row.sinAlpha = sinAlphaExact(n, f, scale.d, scale.sigma, scale.gNorm, m, reading);
    return row;
  });
}

/** m̃ and the slowdowns of T1 (ii), T2 (ii) and A1. */
export interface Slowdown {
  mTildeMultiKrum: number;
  slowdownMultiKrum: ExactConstant;
  /** Undefined when n < 4f + 3 (AGGREGATHOR inadmissible). */
  mTildeAggregathor?: number;
  slowdownAggregathor?: ExactConstant;
  /** A1: √(m / n). */
  slowdownAbstract: ExactConstant;
}

/**
 * Slowdowns relative to averaging with no Byzantine worker, exactly:
 * T1 (ii) √(m̃/n) with m̃ = n − f − 2 (MULTI-KRUM), T2 (ii) √(m̃/n) with
 * m̃ = n − 2f − 2 (AGGREGATHOR, needs n >= 4f + 3), A1 √(m/n).
 *
 * @example slowdowns(11, 2, 7).slowdownMultiKrum.float // √(7/11) ≈ 0.798
 */
export function slowdowns(n: number, f: number, m: number): Slowdown {
  requireInteger('slowdown table', 'f', f, 0);
  requireInteger('slowdown table', 'n', n, 1);
  requireThat(n >= 2 * f + 3, 'slowdown table', 'n >= 2f + 3', { n, f });
  requireInteger('slowdown table', 'm', m, 1, n - f - 2);
  const out: Slowdown = { mTildeMultiKrum: n - f - 2, slowdownMultiKrum: slowdownExact(n - f - 2, n), slowdownAbstract: slowdownExact(m, n) };
  if (n >= 4 * f + 3) {
    out.mTildeAggregathor = n - 2 * f - 2;
    out.slowdownAggregathor = slowdownExact(n - 2 * f - 2, n);
  }
  return out;
}
