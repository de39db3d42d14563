import type { ProofMapReport } from '../proof/report';
import type { CheckResult, FigureSpec } from '../claims/types';
import { ETA_READINGS } from '../constants/eta';
import { atlasMarkdown, type Atlas } from './atlas';
import { etaTableRows } from './etaTableRows';
import { reportFigures } from './reportFigures';
import { readingScope } from './model';
import type { ClaimReport, CustomRuleReport, ReportModel } from './model';
import { counterexampleText, levelText, regionText, short, tightnessText, verdictText } from './oneLine';

/** A Markdown table cell: pipes escaped, newlines flattened. */
function cell(x: unknown): string {
  return String(x ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function mdTable(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [`| ${columns.map(cell).join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map((x) => cell(typeof x === 'number' ? short(x) : x)).join(' | ')} |`)].join('\n');
}

function checkSection(r: CheckResult, figures: readonly FigureSpec[], images: boolean): string {
  const lines: string[] = [`#### ${r.check} — reading \`${r.reading}\`, ${r.method}`, '', `**Verdict: ${verdictText(r)}.** ${r.summary}`, ''];
  lines.push(`- Region: ${regionText(r)}.`);
  lines.push(`- Runs: ${r.runs}${r.runsLabel ? ` (${r.runsLabel})` : ''}; seed ${r.seed}.`);
  if (r.tightness) lines.push(`- Measured / bound: ${tightnessText(r)} (${levelText(r.tightness.level)} interval, ${r.tightness.method}).`);
  if (r.counterexample) {
    const replay = r.counterexample.seed !== undefined ? ` Replay: \`fc.assert(property, { seed: ${r.counterexample.seed}${r.counterexample.path ? `, path: '${r.counterexample.path}'` : ''} })\`.` : '';
    lines.push(`- Counterexample: ${r.counterexample.text}.${replay}`);
  }
  if (r.repair) lines.push(`- Repaired statement: ${r.repair.statement} — **${r.repair.verdict}** (${r.repair.runs} runs, seed ${r.repair.seed}): ${r.repair.summary}`);
  if (r.table) lines.push('', mdTable(r.table.columns, r.table.rows));
  if (figures.length > 0) {
    lines.push('');
    for (const f of figures) lines.push(images ? `![${f.title}](figures/${f.id}.svg)` : `- Figure: ${f.title} (interactive in index.html)`);
  }
  if (r.notes) lines.push('', r.notes);
  return lines.join('\n');
}

function claimSection(c: ClaimReport, figuresOf: (r: CheckResult) => FigureSpec[], images: boolean): string {
  const lines = [`### ${c.id} — ${c.title}`, '', `*${c.kind}, group \`${c.group}\`; ${c.source}.*`, '', c.statement, ''];
  if (c.hypotheses) lines.push(`**Hypotheses.** ${c.hypotheses}`, '');
  if (c.readings.length > 0) lines.push('**Readings.**', ...c.readings.map((r) => `- \`${r.id}\`: ${r.description}`), '');
  const scope = readingScope(c);
  if (c.status === 'checked' && scope.untested.length) lines.push(`**Scope.** Tested under ${scope.tested.map((r) => `\`${r}\``).join(', ')}; **no verdict under** ${scope.untested.map((r) => `\`${r}\``).join(', ')} (no check of this claim uses ${scope.untested.length > 1 ? 'these readings' : 'this reading'}).`, '');
  if (c.status === 'not checked') lines.push('**Not checked**: no check is registered for this claim (counted as a surprise).', '');
  for (const r of c.results) lines.push(checkSection(r, figuresOf(r), images), '');
  return lines.join('\n');
}

/**
 * The section of a researcher's rule (`--rule`): what it is, a verdict table,
 * then each check as the claims' checks are shown. Its verdicts are about
 * the user's rule and never count as surprises.
 */
function customRuleSection(rule: CustomRuleReport, figuresOf: (r: CheckResult) => FigureSpec[], images: boolean): string {
  const lines = [
    `## Your rule: ${rule.name}`,
    '',
    `*From \`${rule.module}\`; requires ${rule.requirement}; η: ${rule.eta}.* Every rule-generic check of the workbook, on the grids, seeds and attacks of the paper's checks, with MULTI-KRUM, BULYAN and AGGREGATHOR beside it (column \`rule\` of each table). Only your rule's rows decide a verdict; these verdicts are not counted as surprises.`,
    '',
    mdTable(['check', 'reading', 'verdict', 'measured/bound [interval]', 'summary'], rule.results.map((r) => [r.check, r.reading, r.verdict, tightnessText(r), r.summary])),
    '',
  ];
  // No expectation to meet: a check of your rule shows its verdict alone.
  for (const r of rule.results) lines.push(checkSection({ ...r, expected: r.verdict === 'inconclusive' ? r.expected : r.verdict }, figuresOf(r), images), '');
  return lines.join('\n');
}

/**
 * report.md: the same content as index.html in Markdown (statements keep
 * their LaTeX between dollars, which GitHub and most editors render), with
 * figures linked as SVG when they were rendered.
 */
/** The proof map in report.md: counts per section, then one row per step. */
function proofMapMarkdown(pm: ProofMapReport): string {
  const c = pm.counts.standings;
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const out = [
    '## Proof map: every assertion of the paper',
    '',
    `**${pm.counts.steps} steps: ${c.holds} hold, ${c.fails} fail, ${c.unsupported} unsupported by the printed proof, ${c.inconclusive} inconclusive, ${c.unchecked} unchecked (definitions).** Each standing is under the proof's own reading, on the region stated; the errata are in errata.md and errata.tex, the paper with every assertion marked in paper.html.`,
    '',
    mdTable(['section', 'steps', 'hold', 'fail', 'unsupported', 'inconclusive', 'unchecked'], pm.counts.bySection.map((s) => [s.section, s.steps, s.standings.holds, s.standings.fails, s.standings.unsupported, s.standings.inconclusive, s.standings.unchecked])),
    '',
    mdTable(
      ['step', 'lines', 'as printed', 'standing', 'reading', 'region', 'evidence'],
      pm.steps.map((s) => {
        const e = s.evidence.find((x) => x.reading === s.standingReading) ?? s.evidence[0];
        const evidence = e ? (e.counterexample ? `counterexample (${e.counterexample.kind}): ${e.counterexample.text}` : e.summary) : s.uncheckedBecause ?? '';
        return [s.id, `${s.location.lines[0]}–${s.location.lines[1]}`, cell(s.printed), s.standing + (s.brokenPremises.length ? ` (premise ${s.brokenPremises.join(', ')} broken)` : ''), s.standingReading, cell(e?.region.text ?? '—'), cell(evidence)];
      }),
    ),
  ];
  return out.join('\n');
}

export function reportMarkdown(model: ReportModel, options: { images: boolean; atlas?: { atlas: Atlas; figure: FigureSpec } }): string {
  const e = model.environment;
  const rows: unknown[][] = [];
  for (const c of model.claims) {
    if (c.status === 'not checked') rows.push([c.id, c.kind, '—', '—', 'not checked', '—', '—']);
    for (const r of c.results) rows.push([r.claimId, c.kind, r.check, r.reading, verdictText(r), tightnessText(r), counterexampleText(r, 100)]);
  }
  const eta = etaTableRows().map((r) => [r.n, r.f, r.m, ...r.cells.map((c) => `${c.eta.toFixed(3)} (η² = ${c.etaSquared})`)]);
  const out = [
    '# AggregaThor workbook — verification report',
    '',
    `Mode **${model.mode}**, seed **${model.seed}**${model.trials ? `, trials ${model.trials}` : ''}${model.only ? `, claims ${model.only.join(', ')}` : ''}. ${e.workbook.name} ${e.workbook.version}, node ${e.node} on ${e.machine.cpuModel} (${e.machine.cores} cores). Packages: ${Object.entries(e.packages).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    '',
    `**${model.counts.checks} checks over ${model.counts.claims} claims: ${model.counts.asExpected} as expected, ${model.counts.surprises} surprise(s)${model.counts.notChecked ? ` (${model.counts.notChecked} claim(s) not checked)` : ''}.**`,
    '',
  ];
  if (model.surprises.length > 0) out.push('## Surprises', '', ...model.surprises.map((s) => `- ${s.claimId}${s.check ? ` / ${s.check} (${s.reading})` : ''}: ${s.verdict}, expected ${s.expected} — ${s.summary}`), '');
  out.push('## Summary', '', mdTable(['claim', 'kind', 'check', 'reading', 'verdict', 'measured/bound [interval]', 'counterexample'], rows), '');
  out.push('## η(n, f) with m = n − f − 2', '', mdTable(['n', 'f', 'm', ...ETA_READINGS], eta), '');
  if (options.atlas) out.push(atlasMarkdown(options.atlas.atlas, options.atlas.figure, options.images), '');
  if (model.proofMap) out.push(proofMapMarkdown(model.proofMap), '');
  const { byResult } = reportFigures(model);
  if (model.customRule) out.push(customRuleSection(model.customRule, (r) => byResult.get(r) ?? [], options.images), '');
  out.push('## Claims', '');
  for (const c of model.claims) out.push(claimSection(c, (r) => byResult.get(r) ?? [], options.images));
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}
