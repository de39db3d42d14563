import type { CheckResult } from '../claims/types';
import { numberFromJson } from '../parallel/plainJson';

/** A number in 4 significant digits for terminal and Markdown tables. */
export function short(x: unknown): string {
  const v = numberFromJson(x);
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(2);
  return Number(v.toPrecision(4)).toString();
}

/** `0.83 [0.79, 0.88]` — the tightness ratio with its interval, or `—`. */
export function tightnessText(r: CheckResult): string {
  const t = r.tightness;
  return t ? `${short(t.estimate)} [${short(t.lo)}, ${short(t.hi)}]` : '—';
}

/** `fails (expected fails)` or just `holds` when as expected. */
export function verdictText(r: CheckResult): string {
  return r.verdict === r.expected ? r.verdict : `${r.verdict} (expected ${r.expected})`;
}

/** The counterexample in one line, shortened to `max` characters, or `—`. */
export function counterexampleText(r: CheckResult, max = 80): string {
  const text = r.counterexample?.text?.replace(/\s+/g, ' ').trim();
  if (!text) return '—';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The region a verdict was earned on, in one line, or `—` (results from before regions, or a check that could not run). */
export function regionText(r: CheckResult): string {
  return r.region?.replace(/\s+/g, ' ').trim() || '—';
}

/**
 * The region shortened to its parameters: the `n …`, `f …`, `m …`, `k …`,
 * `d …` and `r …` terms of its first group, for narrow places (verdicts.tex).
 * `—` when it has none.
 */
export function regionBrief(r: CheckResult): string {
  const first = regionText(r).split('; ')[0];
  const terms = first.match(/(?:^|, )(?:declared )?[nfmkdr] (?:= [^,]+|∈ (?:\{[^}]*\}|\[[^\]]*\]))/g) ?? [];
  return terms.map((t) => t.replace(/^, /, '')).join('; ') || '—';
}

/** A confidence level as a percentage: 0.95 → `95%`, 0.997 → `99.7%`. */
export function levelText(level: number): string {
  return `${Number((level * 100).toFixed(2))}%`;
}
