import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StepStanding } from '../proof/status';
import type { ProofMapReport, StepEvidence, StepReport } from '../proof/report';
import { escapeHtml } from './miniMarkdown';

/** The paper's text, as shipped in reference/ (dist/lib/report → the repository root). */
export const PAPER_FILE = path.join(__dirname, '..', '..', '..', 'reference', 'aggregathor-supplementary-proofs.txt');

export const STANDING_COLOURS: Record<StepStanding, string> = {
  holds: '#1b7f3b',
  fails: '#b3261e',
  unsupported: '#b06000',
  inconclusive: '#6b5fb5',
  unchecked: '#666666',
};
/** Which standing wins where steps overlap on a line: the one a reader must see. */
const SEVERITY: StepStanding[] = ['fails', 'unsupported', 'inconclusive', 'holds', 'unchecked'];

export function standingBadge(s: StepStanding): string {
  return `<span class="standing" style="background:${STANDING_COLOURS[s]}">${s === 'unsupported' ? 'unsupported by the printed proof' : s}</span>`;
}

function evidenceCell(e: StepEvidence): string {
  const ce = e.counterexample ? ` Counterexample (${e.counterexample.kind}): ${escapeHtml(e.counterexample.text)}` : '';
  const repair = e.repair ? ` <em>Repair:</em> ${escapeHtml(e.repair.statement)} — ${escapeHtml(e.repair.verdict)}.` : '';
  const off = e.verdict !== e.expected ? ` <strong>(expected ${e.expected}: a surprise)</strong>` : '';
  return `<li><code>${escapeHtml(e.check)}</code> [<code>${escapeHtml(e.reading)}</code>] ${escapeHtml(e.verdict)}${off} — ${escapeHtml(e.method)}; region: ${escapeHtml(e.region.text)}.${ce}${repair}</li>`;
}

function stepRow(s: StepReport): string {
  const broken = s.brokenPremises.length ? `<br><small>premise${s.brokenPremises.length > 1 ? 's' : ''} ${s.brokenPremises.map((p) => `<a href="#step-${escapeHtml(p)}">${escapeHtml(p)}</a>`).join(', ')} broken</small>` : '';
  const evidence = s.evidence.length ? `<ul class="evidence">${s.evidence.map(evidenceCell).join('')}</ul>` : `<small>${escapeHtml(s.uncheckedBecause ?? 'no check')}</small>`;
  return `<tr id="step-${escapeHtml(s.id)}"><td><strong>${escapeHtml(s.id)}</strong></td><td><a href="paper.html#line-${s.location.lines[0]}">${s.location.lines[0]}–${s.location.lines[1]}</a><br><small>${escapeHtml(s.location.where)}</small></td><td>${escapeHtml(s.kind)}</td><td>${escapeHtml(s.printed)}</td><td>${standingBadge(s.standing)}<br><small>reading <code>${escapeHtml(s.standingReading)}</code></small>${broken}</td><td>${s.premises.map((p) => `<a href="#step-${escapeHtml(p)}">${escapeHtml(p)}</a>`).join(', ')}</td><td>${evidence}</td></tr>`;
}

/** The proof-map section of index.html: counts per section, then every step with its evidence. */
export function proofMapSection(pm: ProofMapReport): string {
  const c = pm.counts.standings;
  const sections = pm.counts.bySection.map((s) => `<tr><td>${escapeHtml(s.section)}</td><td class="num">${s.steps}</td>${(['holds', 'fails', 'unsupported', 'inconclusive', 'unchecked'] as const).map((k) => `<td class="num">${s.standings[k]}</td>`).join('')}</tr>`);
  const bySection = new Map<string, StepReport[]>();
  for (const s of pm.steps) bySection.set(s.location.section, [...(bySection.get(s.location.section) ?? []), s]);
  return `<h2 id="proof-map">Proof map: every assertion of the paper</h2>
<p><strong>${pm.counts.steps} steps: ${c.holds} hold, ${c.fails} fail, ${c.unsupported} unsupported by the printed proof, ${c.inconclusive} inconclusive, ${c.unchecked} unchecked (definitions).</strong> A step is checked where it stands, as an implication from the premises the proof has established before it; its standing is under the proof's own reading (listed first), with the region it was earned on. “Unsupported” means a premise fails and the step was not shown to hold on its own: it is not the same as false. The paper's text with every step marked: <a href="paper.html">paper.html</a>; the errata: <a href="errata.md">errata.md</a>, <a href="errata.tex">errata.tex</a>.</p>
<table><thead><tr><th>Section</th><th>Steps</th><th>Hold</th><th>Fail</th><th>Unsupported</th><th>Inconclusive</th><th>Unchecked</th></tr></thead><tbody>${sections.join('')}</tbody></table>
${[...bySection.entries()].map(([section, steps]) => `<h3>${escapeHtml(section)}</h3>\n<table class="steps"><thead><tr><th>Step</th><th>Lines</th><th>Kind</th><th>As printed</th><th>Standing</th><th>Premises</th><th>Evidence</th></tr></thead><tbody>\n${steps.map(stepRow).join('\n')}\n</tbody></table>`).join('\n')}`;
}

/**
 * paper.html: the paper's text, line by line, every line that carries an
 * assertion coloured by the standing of the steps on it (the most severe
 * where steps overlap) and linked to their evidence in index.html.
 */
export function paperHtml(pm: ProofMapReport, paperText: string = fs.readFileSync(PAPER_FILE, 'utf8')): string {
  const lines = paperText.replace(/\r\n/g, '\n').split('\n');
  const onLine: StepReport[][] = lines.map(() => []);
  for (const s of pm.steps) for (let l = s.location.lines[0]; l <= s.location.lines[1] && l <= lines.length; l++) onLine[l - 1].push(s);
  const body = lines.map((text, i) => {
    const steps = onLine[i];
    const worst = SEVERITY.find((k) => steps.some((s) => s.standing === k));
    const style = worst ? ` style="border-left:6px solid ${STANDING_COLOURS[worst]};background:${STANDING_COLOURS[worst]}14"` : '';
    const ids = steps.map((s) => `<a href="index.html#step-${escapeHtml(s.id)}" style="color:${STANDING_COLOURS[s.standing]}" title="${escapeHtml(`${s.id}: ${s.standing}`)}">${escapeHtml(s.id)}</a>`).join(' ');
    return `<div class="line" id="line-${i + 1}"${style}><span class="no">${i + 1}</span><span class="text">${escapeHtml(text) || '&nbsp;'}</span><span class="steps">${ids}</span></div>`;
  });
  const legend = SEVERITY.map((k) => `<span style="border-left:6px solid ${STANDING_COLOURS[k]};padding-left:4px;margin-right:12px">${k}</span>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>AggregaThor supplementary proofs — every assertion marked by its verdict</title>
<style>body{font:14px/1.35 system-ui,sans-serif;margin:1.5em;max-width:1200px}.line{display:flex;gap:10px;font-family:ui-monospace,monospace;white-space:pre-wrap;padding-left:4px;border-left:6px solid transparent}.no{color:#999;min-width:3em;text-align:right}.text{flex:1}.steps{min-width:14em;font-size:12px}.steps a{margin-right:4px}</style>
</head><body>
<h1>The paper, with every assertion marked</h1>
<p>Text of reference/aggregathor-supplementary-proofs.txt (extracted from the PDF, so formulas are mangled). Each line that carries a step of the proof map is marked with the standing of its steps (the most severe where several overlap); the step ids on the right link to their evidence in <a href="index.html#proof-map">the report</a>. ${legend}</p>
${body.join('\n')}
</body></html>
`;
}
