import type { CheckResult, FigureSpec } from '../claims/types';
import { withHouseStyle } from './layout';
import { groupSeriesByAxes, seriesFigure } from './seriesFigure';

const TRANSLITERATION: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', η: 'eta', ζ: 'zeta', σ: 'sigma', ρ: 'rho', φ: 'phi', θ: 'theta', μ: 'mu', ξ: 'xi',
  '²': '2', '³': '3', '⁴': '4', '√': 'sqrt', '‖': '', '≤': 'le', '≥': 'ge', '−': '-', '·': '', 'm̃': 'mtilde', '̃': '',
};

/**
 * A figure or file id safe in file names and HTML ids: ASCII letters,
 * digits, dot, dash; Greek letters and math signs spelled out.
 *
 * @example figureSlug('L1.8', 'monte-carlo', 'η² d σ²') // 'L1.8--monte-carlo--eta2-d-sigma2'
 */
export function figureSlug(...parts: string[]): string {
  return parts
    .map((p) => [...p].map((c) => TRANSLITERATION[c] ?? c).join(''))
    .join('--')
    .replace(/[^A-Za-z0-9.\-]+/g, '-')
    .replace(/-{3,}/g, '--')
    .replace(/^-+|-+$/g, '');
}

/**
 * The figures of one check result: the figures the check built itself, and
 * one figure per group of its measured series that no figure of the check
 * already plots (a check that draws its own figure from its series gets no
 * duplicate). Ids are made unique and file-safe by prefixing the claim and
 * check and reading, so the HTML, SVG and PNG of a figure share one name.
 *
 * @example resultFigures(result).map((f) => f.id) // ['L1.8--monte-carlo--as-derived--eta-vs-n', ...]
 */
export function resultFigures(result: CheckResult): FigureSpec[] {
  const own = (result.figures ?? []).map((f, i) => withHouseStyle({ ...f, id: figureSlug(result.claimId, result.check, result.reading, f.id || `figure-${i + 1}`) }));
  const plotted = new Set<string>();
  for (const f of result.figures ?? []) for (const t of f.data) if (typeof t.name === 'string') plotted.add(t.name);
  const fromSeries: FigureSpec[] = [];
  const pending = (result.series ?? []).filter((s) => !plotted.has(s.name));
  groupSeriesByAxes(pending).forEach((group, i) => {
    const title = `${result.claimId} (${result.check}, ${result.reading}): ${group[0].yLabel} against ${group[0].xLabel}`;
    fromSeries.push(seriesFigure(figureSlug(result.claimId, result.check, result.reading, `series-${i + 1}`), title, group));
  });
  const all = [...own, ...fromSeries];
  const seen = new Map<string, number>();
  return all.map((f) => {
    const k = seen.get(f.id) ?? 0;
    seen.set(f.id, k + 1);
    return k === 0 ? f : { ...f, id: `${f.id}-${k + 1}` };
  });
}
