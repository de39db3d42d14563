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

/** The region column: {@link regionBrief} (n, f, m, k, d, r terms), with the set symbols it uses. */
function regionCell(r: CheckResult): string {
  return escapeLatex(regionBrief(r))
    .replace(/∈/g, '$\\in$').replace(/∅/g, '$\\emptyset$').replace(/⌈/g, '$\\lceil$').replace(/⌉/g, '$\\rceil$').replace(/⌊/g, '$\\lfloor$').replace(/⌋/g, '$\\rfloor$');
}

/**
 * verdicts.tex: every check's verdict as a `longtable` that fits the text
 * width and breaks across pages, one block per claim group: claim id, check
 * (reading; method), verdict (expected), measured / bound with its interval,
 * and the parameter region. Needs \usepackage{booktabs,longtable,array}.
 */
export function verdictsTable(model: ReportModel): string {
  const groups = [...new Set(model.claims.map((c) => c.group))];
  const rows: string[] = [];
  for (const g of groups) {
    rows.push(`\\midrule\n\\multicolumn{5}{@{}l}{\\textit{${escapeLatex(g)}}} \\\\*`);
    for (const c of model.claims.filter((x) => x.group === g)) {
      if (c.status === 'not checked') rows.push(`${escapeLatex(c.id)} & -- & not checked & -- & -- \\\\`);
      for (const r of c.results)
        rows.push(`${escapeLatex(r.claimId)} & ${escapeLatex(`${r.check} (${r.reading}; ${r.method})`)} & ${escapeLatex(r.verdict)} (expected ${escapeLatex(r.expected)}) & ${tightnessCell(r)} & ${regionCell(r)} \\\\`);
    }
  }
  const col = (w: number) => `>{\\raggedright\\arraybackslash}p{${w}\\linewidth}`;
  return [
    '% Verdicts of the AggregaThor workbook; needs \\usepackage{booktabs,longtable,array}.',
    `% seed ${model.seed}, ${model.mode} mode${model.trials ? `, ${model.trials} trials` : ''}; results.json schema ${model.schemaVersion}.`,
    '\\begingroup',
    '\\footnotesize',
    '\\setlength{\\tabcolsep}{3pt}',
    `\\begin{longtable}{@{}${col(0.07)}${col(0.31)}${col(0.14)}${col(0.17)}${col(0.2)}@{}}`,
    `\\caption{Verdicts for the claims of the AggregaThor supplementary proofs (${model.mode} mode, seed ${model.seed}). Measured/bound is the measured value over the bound with its confidence interval. Region: the parameter values the verdict was earned on (report.md gives the full region: attacks, noise, trials).}\\label{tab:aggregathor-verdicts}\\\\`,
    '\\toprule',
    'Claim & Check (reading; method) & Verdict & Measured / bound [interval] & Region (parameters) \\\\',
    '\\endfirsthead',
    '\\toprule',
    'Claim & Check (reading; method) & Verdict & Measured / bound [interval] & Region (parameters) \\\\',
    '\\endhead',
    '\\bottomrule',
    '\\endfoot',
    ...rows,
    '\\end{longtable}',
    '\\endgroup',
    '',
  ].join('\n');
}

/**
 * your-rule.tex (with `--rule`): every rule-generic check of the user's
 * rule as a `longtable` of the same shape as verdicts.tex — check (reading;
 * method), verdict, measured / bound with its interval, the parameter
 * region — captioned with the rule's name and where η came from. Needs
 * \usepackage{booktabs,longtable,array}.
 */
export function customRuleTable(model: ReportModel): string | undefined {
  const rule = model.customRule;
  if (!rule) return undefined;
  const col = (w: number) => `>{\\raggedright\\arraybackslash}p{${w}\\linewidth}`;
  const header = 'Check (reading; method) & Verdict & Measured / bound [interval] & Region (parameters) \\\\';
  return [
    `% Your rule ${rule.name} (${rule.module}) through the AggregaThor workbook's rule-generic checks; needs \\usepackage{booktabs,longtable,array}.`,
    `% seed ${model.seed}, ${model.mode} mode${model.trials ? `, ${model.trials} trials` : ''}; results.json schema ${model.schemaVersion}.`,
    '\\begingroup',
    '\\footnotesize',
    '\\setlength{\\tabcolsep}{3pt}',
    `\\begin{longtable}{@{}${col(0.3)}${col(0.13)}${col(0.22)}${col(0.29)}@{}}`,
    `\\caption{${escapeLatex(rule.name)} (requires ${escapeLatex(rule.requirement)}) under the rule-generic checks of the AggregaThor workbook (${model.mode} mode, seed ${model.seed}); $\\eta$: ${escapeLatex(rule.eta)}. MULTI-KRUM, BULYAN and AGGREGATHOR on the same grids are in report.md and the CSV tables.}\\label{tab:your-rule}\\\\`,
    '\\toprule', header, '\\endfirsthead', '\\toprule', header, '\\endhead', '\\bottomrule', '\\endfoot',
    ...rule.results.map((r) => `${escapeLatex(`${r.check} (${r.reading}; ${r.method})`)} & ${escapeLatex(r.verdict)} & ${tightnessCell(r)} & ${regionCell(r)} \\\\`),
    '\\end{longtable}',
    '\\endgroup',
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
