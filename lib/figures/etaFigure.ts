import type { FigureSpec } from '../claims/types';
import { ETA_READINGS, eta, type EtaReading } from '../constants/eta';
import { colour, paperLayout } from './layout';

/**
 * η(n, f) against n for a fixed f, one line per reading of Lemma 1
 * (`as-printed`: denominator m; `as-derived`: n − 2f − 2; `krum`), with
 * m = m̃ = n − f − 2, over the admissible n >= 2f + 3.
 *
 * @example etaFigure(2, 30) // n = 7..30 for f = 2
 */
export function etaFigure(f: number, nMax: number, readings: readonly EtaReading[] = ETA_READINGS): FigureSpec {
  const ns: number[] = [];
  for (let n = 2 * f + 3; n <= nMax; n++) ns.push(n);
  const data = readings.map((reading, i) => ({
    type: 'scatter',
    mode: 'lines+markers',
    name: reading,
    x: ns,
    y: ns.map((n) => eta(n, f, n - f - 2, reading)),
    line: { color: colour(i), width: 2 },
    marker: { size: 5 },
  }));
  return {
    id: `eta-f${f}`,
    title: `η(n, f) for f = ${f}, m = n − f − 2`,
    data,
    layout: paperLayout(`η(n, f) under each reading, f = ${f}, m = m̃ = n − f − 2`, 'n (workers)', 'η(n, f) (dimensionless)'),
  };
}
