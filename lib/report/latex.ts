import type { CheckResult } from '../claims/types';
import { ETA_READINGS } from '../constants/eta';
import { numberFromJson } from '../parallel/plainJson';
import { ETA_TABLE_SETTINGS, etaTableRows } from './etaTableRows';
import type { ReportModel } from './model';
import { regionBrief } from './oneLine';

/**
 * Escapes text for LaTeX (outside math): the special characters, `<` and `>`
 * (which OT1 fonts would print as ¡ ¿), and the Greek letters and symbols the
 * registry's names and readings use, as inline math.
 *
 * @example escapeLatex('k=n-f-2 & η ≤ 1') // 'k=n-f-2 \\& $\\eta$ $\\le$ 1'
 */
export function escapeLatex(s: string): string {
  return s
    .replace(/\\/g, '\\textbackslash{}')
    .replace(/([#$%&_{}])/g, '\\$1')
    .replace(/~/g, '\\textasciitilde{}')
    .replace(/\^/g, '\\textasciicircum{}')
    .replace(/</g, '\\textless{}')
    .replace(/>/g, '\\textgreater{}')
    .replace(/≤/g, '$\\le$').replace(/≥/g, '$\\ge$').replace(/η/g, '$\\eta$').replace(/σ/g, '$\\sigma$').replace(/α/g, '$\\alpha$')
    .replace(/‖/g, '$\\|$').replace(/√/g, '$\\surd$').replace(/−/g, '--').replace(/δ/g, '$\\delta$').replace(/ζ/g, '$\\zeta$')
    .replace(/→/g, '$\\to$').replace(/×/g, '$\\times$').replace(/²/g, '$^2$').replace(/·/g, '$\\cdot$').replace(/m̃/g, '$\\tilde m$')
    .replace(/∞/g, '$\\infty$').replace(/⇒/g, '$\\Rightarrow$').replace(/⇔/g, '$\\Leftrightarrow$').replace(/≠/g, '$\\ne$').replace(/Σ/g, '$\\Sigma$')
    .replace(/β/g, '$\\beta$').replace(/γ/g, '$\\gamma$').replace(/ρ/g, '$\\rho$').replace(/ξ/g, '$\\xi$').replace(/φ/g, '$\\varphi$').replace(/θ/g, '$\\theta$')
    .replace(/—/g, '---').replace(/–/g, '--');
}

/** A number with 3 significant digits for a table (∞, NaN spelled out). */
export function sig3(x: unknown): string {
  const v = numberFromJson(x);
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '$\\infty$' : '$-\\infty$';
  return Number(v.toPrecision(3)).toString();
}

function tightnessCell(r: CheckResult): string {
  if (!r.tightness) return '--';
  return `${sig3(r.tightness.estimate)} [${sig3(r.tightness.lo)}, ${sig3(r.tightness.hi)}]`;
}

/**
 * verdicts.tex: a booktabs table, one row per check (claim id, reading,
 * method, verdict, expected, tightness ratio with interval). Needs
 * \usepackage{booktabs}.
 */
/** The region column: {@link regionBrief} (n, f, m, k, d, r terms) in \\scriptsize, with the set symbols it uses. */
function regionCell(r: CheckResult): string {
  const text = escapeLatex(regionBrief(r))
    .replace(/∈/g, '$\\in$').replace(/∅/g, '$\\emptyset$').replace(/⌈/g, '$\\lceil$').replace(/⌉/g, '$\\rceil$').replace(/⌊/g, '$\\lfloor$').replace(/⌋/g, '$\\rfloor$');
  return `{\\scriptsize ${text}}`;
}

export function verdictsTable(model: ReportModel): string {
  const rows: string[] = [];
  for (const c of model.claims) {
    if (c.status === 'not checked') rows.push(`${escapeLatex(c.id)} & -- & -- & not checked & -- & -- & -- \\\\`);
    for (const r of c.results)
      rows.push([r.claimId, `${r.check} (${r.reading})`, r.method, r.verdict, r.expected].map(escapeLatex).join(' & ') + ` & ${tightnessCell(r)} & ${regionCell(r)} \\\\`);
  }
  return [
    '% Verdicts of the AggregaThor workbook; needs \\usepackage{booktabs}.',
    `% seed ${model.seed}, ${model.mode} mode${model.trials ? `, ${model.trials} trials` : ''}; results.json schema ${model.schemaVersion}.`,
    '\\begin{table}[t]',
    '\\centering',
    '\\small',
    '\\begin{tabular}{lllllrp{4.2cm}}',
    '\\toprule',
    'Claim & Check (reading) & Method & Verdict & Expected & Measured/bound [interval] & Region (parameters) \\\\',
    '\\midrule',
    ...rows,
    '\\bottomrule',
    '\\end{tabular}',
    `\\caption{Verdicts for the claims of the AggregaThor supplementary proofs (${model.mode} mode, seed ${model.seed}). Tightness is the measured value over the bound with its confidence interval. Region: the parameter values the verdict was earned on (report.md gives the full region: attacks, noise, trials).}`,
    '\\label{tab:aggregathor-verdicts}',
    '\\end{table}',
    '',
  ].join('\n');
}

/** eta.tex: η(n, f) under the three readings, with m = m̃ = n − f − 2, over the report's (n, f) grid. */
export function etaTable(settings: readonly [number, number][] = ETA_TABLE_SETTINGS): string {
  const rows = etaTableRows(settings).map((r) => {
    const cells = r.cells.map((c) => `${c.eta.toFixed(3)} & $${c.etaSquared.replace(/^(\d+)\/(\d+)$/, '\\tfrac{$1}{$2}')}$`);
    return `${r.n} & ${r.f} & ${r.m} & ${cells.join(' & ')} \\\\`;
  });
  return [
    '% eta(n, f) of Lemma 1 under each reading; needs \\usepackage{booktabs} and amsmath.',
    '\\begin{table}[t]',
    '\\centering',
    '\\small',
    '\\begin{tabular}{rrr' + 'rr'.repeat(ETA_READINGS.length) + '}',
    '\\toprule',
    ` & & & ${ETA_READINGS.map((r) => `\\multicolumn{2}{c}{${r}}`).join(' & ')} \\\\`,
    `$n$ & $f$ & $m$ & ${ETA_READINGS.map(() => '$\\eta$ & $\\eta^2$').join(' & ')} \\\\`,
    '\\midrule',
    ...rows,
    '\\bottomrule',
    '\\end{tabular}',
    '\\caption{$\\eta(n,f)$ with $m = \\tilde m = n - f - 2$: as printed in Lemma 1 (denominator $m$), as derived at the end of its proof (denominator $n - 2f - 2$), and Krum\'s constant. $\\eta^2$ is exact.}',
    '\\label{tab:aggregathor-eta}',
    '\\end{table}',
    '',
  ].join('\n');
}
