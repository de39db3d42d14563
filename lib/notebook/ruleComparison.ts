/**
 * Rules side by side in a notebook: the `BoundReport`s of checkResilience,
 * checkCone or checkMoments for several rules as one table — the verdict,
 * the bound each rule was held to, its worst (setting, attack) with the
 * interval of measured / bound, the trials and the settings skipped — and
 * the worst rows of each behind a fold. Pure HTML from the reports: no
 * number is computed here.
 *
 * @example
 * boundComparisonHtml('Resilience', [{ rule: 'MINE', bound: 'η = 1 (measured)', report: checkResilience(mine, { eta: 1 }) }])
 */
import type { BoundReport } from '../montecarlo/bounds';
import type { LeewaySeries } from '../montecarlo/leeway';
import { escapeHtml } from '../report/miniMarkdown';
import { short } from '../report/oneLine';
import { verdictBadge } from './show';

export interface RuleBoundEntry {
  rule: string;
  /** The bound the rule was held to, in words (e.g. `η as derived`, `η = 1: measures the η² needed`). */
  bound: string;
  report: BoundReport;
}

const interval = (x: { estimate: number; lo: number; hi: number }) => `${short(x.estimate)} [${short(x.lo)}, ${short(x.hi)}]`;

/** One table row per rule, then each rule's worst rows (at most `worst`) in a fold. */
export function boundComparisonHtml(title: string, entries: readonly RuleBoundEntry[], worst = 5): string {
  const rows = entries.map((e) => {
    const r = e.report;
    return `<tr><td><strong>${escapeHtml(e.rule)}</strong></td><td>${escapeHtml(e.bound)}</td><td>${verdictBadge(r.verdict)}</td><td>${escapeHtml(r.worst.setting)} · <em>${escapeHtml(r.worst.attack)}</em></td><td style="text-align:right">${escapeHtml(interval(r.worst.tightness))}</td><td style="text-align:right">${r.trials}</td><td>${r.skipped.length ? `${r.skipped.length} setting(s) not admissible` : '—'}</td></tr>`;
  });
  const folds = entries.map((e) => {
    const sorted = [...e.report.rows].sort((a, b) => (Number.isNaN(b.tightness.estimate) ? Infinity : b.tightness.estimate) - (Number.isNaN(a.tightness.estimate) ? Infinity : a.tightness.estimate)).slice(0, worst);
    const body = sorted.map((r) => `<tr><td>${escapeHtml(r.setting)}</td><td>${escapeHtml(r.attack)}</td><td style="text-align:right">${escapeHtml(interval(r.tightness))}</td></tr>`).join('');
    return `<details><summary>${escapeHtml(e.rule)}: the ${sorted.length} worst of ${e.report.rows.length} rows (setting × attack)</summary><table><thead><tr><th>setting</th><th>attack</th><th>measured / bound</th></tr></thead><tbody>${body}</tbody></table></details>`;
  });
  return `<div class="aw-compare" style="font-family:Georgia,serif"><p><strong>${escapeHtml(title)}</strong> (family-wise level ${short(100 * (entries[0]?.report.familyLevel ?? 0.95))} %, Bonferroni over every row; <em>holds</em>: every interval at or below 1; <em>fails</em>: some interval entirely above 1)</p>
<table><thead><tr><th>rule</th><th>bound</th><th>verdict</th><th>worst setting · attack</th><th>measured / bound</th><th>trials</th><th>skipped</th></tr></thead><tbody>${rows.join('')}</tbody></table>${folds.join('')}</div>`;
}

/** measureLeeway's series of several rules as one table: fitted exponent of the attacked coordinate's deviation in d, and the verdict. */
export function leewayComparisonHtml(series: readonly LeewaySeries[]): string {
  const rows = series.map((s) => `<tr><td><strong>${escapeHtml(s.rule)}</strong></td><td>${escapeHtml(s.attack)}</td><td style="text-align:right">${escapeHtml(interval(s.exponent))}</td><td>${verdictBadge(s.verdict)}</td><td>${s.ds.join(', ')}</td><td style="text-align:right">${s.trials}</td></tr>`);
  return `<div class="aw-compare" style="font-family:Georgia,serif"><p><strong>Coordinate-wise leeway as d grows</strong> (exponent ≈ −1/2: strong resilience; ≈ 0: the √d leeway; verdict <em>holds</em> when the whole interval is below −1/4)</p>
<table><thead><tr><th>rule</th><th>attack</th><th>exponent of d</th><th>strong resilience</th><th>d</th><th>trials per d</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}
