import type { CheckResult, FigureSpec } from '../claims/types';
import { ETA_READINGS } from '../constants/eta';
import { figureSlug } from '../figures/resultFigures';
import { atlasHtml, type Atlas } from './atlas';
import { etaTableRows } from './etaTableRows';
import { escapeHtml, inlineMarkdown, markdownToHtml } from './miniMarkdown';
import { readingScope, type ClaimReport, type CustomRuleReport, type ReportModel } from './model';
import { counterexampleText, levelText, regionText, short, tightnessText } from './oneLine';
import { proofMapSection } from './proofMapHtml';
import { reportFigures } from './reportFigures';

const STYLE = `
body { font-family: Georgia, "Times New Roman", serif; color: #222; max-width: 1000px; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.7em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em; } h3 { margin-top: 1.8em; }
table { border-collapse: collapse; margin: .8em 0; font-size: .9em; } th, td { border: 1px solid #ddd; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.verdict { font-weight: bold; padding: 0 .35em; border-radius: 3px; white-space: nowrap; }
.holds { color: #00684a; background: #e3f5ee; } .fails { color: #a33d00; background: #fbe9df; } .inconclusive, .not-checked { color: #555; background: #eee; }
.surprise { outline: 2px solid #c00; }
.statement { background: #f8f8f4; border-left: 4px solid #bbb; padding: .4em 1em; }
.math { font-family: "Cambria Math", "STIX Two Math", "Latin Modern Math", Georgia, serif; font-style: italic; white-space: nowrap; }
.math.display { display: block; text-align: center; margin: .5em 0; white-space: normal; }
.check { border: 1px solid #e2e2e2; border-radius: 4px; padding: .2em 1em .8em; margin: 1em 0; }
.figure { margin: 1em 0; min-height: 300px; } .meta { color: #555; font-size: .9em; }
code, pre { font-family: Menlo, Consolas, monospace; font-size: .85em; } pre { background: #f6f6f6; padding: .5em; overflow-x: auto; }
`;

function verdictBadge(verdict: string, surprise = false): string {
  const cls = verdict.replace(/\s+/g, '-');
  return `<span class="verdict ${cls}${surprise ? ' surprise' : ''}">${escapeHtml(verdict)}</span>`;
}

function htmlTable(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const td = (x: unknown) => (typeof x === 'number' ? `<td class="num">${escapeHtml(short(x))}</td>` : `<td>${escapeHtml(String(x ?? ''))}</td>`);
  return `<table><thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('')}</tbody></table>`;
}

function figureDiv(f: FigureSpec): string {
  return `<div class="figure js-figure" id="fig-${escapeHtml(f.id)}" data-figure-id="${escapeHtml(f.id)}" aria-label="${escapeHtml(f.title)}"></div>`;
}

function checkSection(r: CheckResult, figures: FigureSpec[]): string {
  const surprise = r.verdict !== r.expected;
  const parts = [
    `<div class="check" id="check-${escapeHtml(figureSlug(r.claimId, r.check, r.reading))}">`,
    `<h4>${escapeHtml(r.check)} — reading <code>${escapeHtml(r.reading)}</code>, ${escapeHtml(r.method)}</h4>`,
    `<p>${verdictBadge(r.verdict, surprise)} expected ${verdictBadge(r.expected)}${surprise ? ' <strong>— a surprise</strong>' : ''}. ${inlineMarkdown(r.summary)}</p>`,
    `<p class="meta region">Region: ${escapeHtml(regionText(r))}.</p>`,
    `<p class="meta">Runs: ${r.runs}${r.runsLabel ? ` (${escapeHtml(r.runsLabel)})` : ''}; seed ${r.seed}.</p>`,
  ];
  if (r.tightness)
    parts.push(`<p>Measured / bound: <strong>${escapeHtml(tightnessText(r))}</strong> (${levelText(r.tightness.level)} interval, ${escapeHtml(r.tightness.method)}).</p>`);
  if (r.counterexample) {
    const replay = r.counterexample.seed !== undefined ? `<br><span class="meta">Replay: <code>fc.assert(property, { seed: ${r.counterexample.seed}${r.counterexample.path ? `, path: '${escapeHtml(r.counterexample.path)}'` : ''} })</code></span>` : '';
    parts.push(`<p><strong>Counterexample.</strong> ${inlineMarkdown(r.counterexample.text)}${replay}</p>`);
    if (r.counterexample.value !== undefined) parts.push(`<details><summary>Counterexample data</summary><pre>${escapeHtml(JSON.stringify(r.counterexample.value, null, 1))}</pre></details>`);
  }
  if (r.repair)
    parts.push(`<p><strong>Repaired statement.</strong> ${inlineMarkdown(r.repair.statement)} — ${verdictBadge(r.repair.verdict)} (${r.repair.runs} runs, seed ${r.repair.seed}). ${inlineMarkdown(r.repair.summary)}</p>`);
  if (r.table) parts.push(htmlTable(r.table.columns, r.table.rows));
  for (const f of figures) parts.push(figureDiv(f));
  if (r.notes) parts.push(markdownToHtml(r.notes));
  parts.push('</div>');
  return parts.join('\n');
}

function claimSection(c: ClaimReport, figuresOf: (r: CheckResult) => FigureSpec[]): string {
  const parts = [
    `<section class="claim" id="claim-${escapeHtml(c.id)}">`,
    `<h3>${escapeHtml(c.id)} — ${inlineMarkdown(c.title)}</h3>`,
    `<p class="meta">${escapeHtml(c.kind)}, group <code>${escapeHtml(c.group)}</code>; ${inlineMarkdown(c.source)}${c.cites.length ? `; cites ${c.cites.map((k) => `<code>${escapeHtml(k)}</code>`).join(', ')}` : ''}.</p>`,
    `<div class="statement">${markdownToHtml(c.statement)}</div>`,
  ];
  if (c.hypotheses) parts.push(`<p><strong>Hypotheses.</strong> ${inlineMarkdown(c.hypotheses)}</p>`);
  if (c.readings.length) parts.push(`<p><strong>Readings.</strong></p><ul>${c.readings.map((r) => `<li><code>${escapeHtml(r.id)}</code>: ${inlineMarkdown(r.description)}</li>`).join('')}</ul>`);
  const scope = readingScope(c);
  if (c.status === 'checked' && scope.untested.length) parts.push(`<p><strong>Scope.</strong> Tested under ${scope.tested.map((r) => `<code>${escapeHtml(r)}</code>`).join(', ')}; <strong>no verdict under</strong> ${scope.untested.map((r) => `<code>${escapeHtml(r)}</code>`).join(', ')} (no check of this claim uses ${scope.untested.length > 1 ? 'these readings' : 'this reading'}).</p>`);
  if (c.status === 'not checked') parts.push(`<p>${verdictBadge('not checked', true)} No check is registered for this claim; this counts as a surprise.</p>`);
  for (const r of c.results) parts.push(checkSection(r, figuresOf(r)));
  parts.push('</section>');
  return parts.join('\n');
}

/** The section of a researcher's rule (`--rule`): a verdict table, then each check as the claims' are shown (its verdicts are never surprises). */
function customRuleSection(rule: CustomRuleReport, figuresOf: (r: CheckResult) => FigureSpec[]): string {
  const rows = rule.results.map((r) => [r.check, r.reading, r.verdict, tightnessText(r), r.summary]);
  return [
    `<h2 id="your-rule">Your rule: ${escapeHtml(rule.name)}</h2>`,
    `<p class="meta">From <code>${escapeHtml(rule.module)}</code>; requires ${escapeHtml(rule.requirement)}; η: ${escapeHtml(rule.eta)}. Every rule-generic check of the workbook, on the grids, seeds and attacks of the paper's checks, with MULTI-KRUM, BULYAN and AGGREGATHOR beside it (column <code>rule</code> of each table). Only your rule's rows decide a verdict; these verdicts are not counted as surprises.</p>`,
    htmlTable(['check', 'reading', 'verdict', 'measured / bound [interval]', 'summary'], rows),
    ...rule.results.map((r) => checkSection({ ...r, expected: r.verdict === 'inconclusive' ? r.expected : r.verdict }, figuresOf(r))),
  ].join('\n');
}

/**
 * index.html: one self-contained page — the Plotly bundle is inlined once,
 * figures are embedded as JSON and drawn on load, so it works from file://
 * with no network. Statements are rendered as Unicode text (see mathText).
 */
export function reportHtml(model: ReportModel, plotlySource: string, extra?: { atlas: Atlas; figure: FigureSpec }): string {
  const { overview, byResult } = reportFigures(model);
  const all = [...overview, ...(extra ? [extra.figure] : []), ...[...byResult.values()].flat()];
  const e = model.environment;
  const summaryRows = model.claims.flatMap((c) =>
    c.status === 'not checked'
      ? [`<tr><td><a href="#claim-${escapeHtml(c.id)}">${escapeHtml(c.id)}</a></td><td>${escapeHtml(c.kind)}</td><td>—</td><td>—</td><td>${verdictBadge('not checked', true)}</td><td>—</td><td>—</td></tr>`]
      : c.results.map(
          (r) =>
            `<tr><td><a href="#claim-${escapeHtml(c.id)}">${escapeHtml(c.id)}</a></td><td>${escapeHtml(c.kind)}</td><td>${escapeHtml(r.check)}</td><td><code>${escapeHtml(r.reading)}</code></td><td>${verdictBadge(r.verdict, r.verdict !== r.expected)}${r.verdict !== r.expected ? ` (expected ${escapeHtml(r.expected)})` : ''}</td><td class="num">${escapeHtml(tightnessText(r))}</td><td>${escapeHtml(counterexampleText(r, 120))}</td></tr>`,
        ),
  );
  const groups = [...new Set(model.claims.map((c) => c.group))];
  const etaRowsHtml = etaTableRows().map((r) => [r.n, r.f, r.m, ...r.cells.map((c) => `${c.eta.toFixed(3)} (η² = ${c.etaSquared})`)]);
  const figureJson = JSON.stringify(Object.fromEntries(all.map((f) => [f.id, { data: f.data, layout: f.layout }]))).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>AggregaThor workbook — verification report (${model.mode}, seed ${model.seed})</title>
<style>${STYLE}</style>
<script>${plotlySource.replace(/<\/script/gi, '<\\/script')}</script>
</head>
<body>
<h1>AggregaThor workbook — verification report</h1>
<p class="meta">Mode <strong>${model.mode}</strong>, seed <strong>${model.seed}</strong>${model.trials ? `, trials ${model.trials}` : ''}${model.only ? `, claims ${escapeHtml(model.only.join(', '))}` : ''}. ${escapeHtml(e.workbook.name)} ${escapeHtml(e.workbook.version)}; node ${escapeHtml(e.node)}; ${escapeHtml(e.machine.cpuModel)} (${e.machine.cores} cores). Packages: ${escapeHtml(Object.entries(e.packages).map(([k, v]) => `${k} ${v}`).join(', '))}. Results schema ${model.schemaVersion}. Math is rendered as Unicode text (no math engine, so the page works offline).</p>
<p><strong>${model.counts.checks} checks over ${model.counts.claims} claims: ${model.counts.asExpected} as expected, ${model.counts.surprises} surprise(s)${model.counts.notChecked ? ` (${model.counts.notChecked} claim(s) not checked)` : ''}.</strong></p>
${model.surprises.length ? `<h2 id="surprises">Surprises</h2><ul>${model.surprises.map((s) => `<li><a href="#${/^[A-Z]/.test(s.claimId) && model.claims.some((c) => c.id === s.claimId) ? 'claim' : 'step'}-${escapeHtml(s.claimId)}">${escapeHtml(s.claimId)}</a>${s.check ? ` / ${escapeHtml(s.check)} (<code>${escapeHtml(s.reading ?? '')}</code>)` : ''}: ${verdictBadge(s.verdict, true)} expected ${escapeHtml(s.expected)} — ${inlineMarkdown(s.summary)}</li>`).join('')}</ul>` : ''}
<h2 id="summary">Summary</h2>
<table><thead><tr><th>Claim</th><th>Kind</th><th>Check</th><th>Reading</th><th>Verdict</th><th>Measured / bound [interval]</th><th>Counterexample</th></tr></thead><tbody>
${summaryRows.join('\n')}
</tbody></table>
${overview.map(figureDiv).join('\n')}
<h2 id="eta">η(n, f) with m = n − f − 2</h2>
${htmlTable(['n', 'f', 'm', ...ETA_READINGS], etaRowsHtml)}
${extra ? `${atlasHtml(extra.atlas)}\n${figureDiv(extra.figure)}` : ''}
${model.proofMap ? proofMapSection(model.proofMap) : ''}
${model.customRule ? customRuleSection(model.customRule, (r) => byResult.get(r) ?? []) : ''}
${groups.map((g) => `<h2 id="group-${escapeHtml(g)}">Group: ${escapeHtml(g)}</h2>\n${model.claims.filter((c) => c.group === g).map((c) => claimSection(c, (r) => byResult.get(r) ?? [])).join('\n')}`).join('\n')}
<script type="application/json" id="figure-data">${figureJson}</script>
<script>
(function () {
  var specs = JSON.parse(document.getElementById('figure-data').textContent);
  var nodes = document.querySelectorAll('.js-figure');
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i], spec = specs[el.getAttribute('data-figure-id')];
    if (!spec) { el.textContent = 'Figure data missing.'; continue; }
    Plotly.newPlot(el, spec.data, spec.layout, { responsive: true, displaylogo: false });
  }
})();
</script>
</body>
</html>
`;
}
