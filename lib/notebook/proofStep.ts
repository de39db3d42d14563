/**
 * One proof step in a notebook: the step of the proof map (lib/proof/map)
 * with its id, the assertion as printed, where it is in the paper, the steps
 * it rests on, then its own checks run where the step stands, each verdict
 * with its region, counterexample and repair. The step ids are the thread the
 * notebooks, the report and the tests share (`L1.4`, `L1.7.c`, `T2.1` …).
 *
 * `showStep('L1.7.c', settings)` is the step-level twin of `show('L1.7')`:
 * a claim section runs the claim's registry checks with `show`, and inside it
 * a notebook walks the proof one step at a time with `showStep`.
 *
 * @example
 * stepResults('L1.1.d', { seed: 1 })[0].verdict   // 'holds' (δb(i) ≤ f)
 * showStep('L1.7.c', { mode: 'quick', seed: 1 }); // the (m + 1) factor, its counterexample and repair
 */
import { AdmissibilityError, requireInteger } from '../errors';
import { PROOF_MAP, proofStep, runStepCheck, type ProofStep, type StepResult } from '../proof';
import { texToText } from '../report/mathText';
import { escapeHtml } from '../report/miniMarkdown';
import { showHtml } from './display';
import { verdictBadge } from './show';

/** The settings a notebook passes: `{ mode: 'quick', seed: 1 }` (mode widened to string by the notebook). */
export interface StepSettings {
  mode?: string;
  seed?: number;
}

/** The step with this id, or one sentence naming some admissible ids. */
export function stepById(id: string): ProofStep {
  const s = proofStep(id);
  if (s) return s;
  // The steps under the longest known prefix of the id (L1.99 → the steps of L1), to say what was probably meant.
  const parts = id.split('.');
  let near: string[] = [];
  for (let len = parts.length - 1; len >= 1 && near.length === 0; len--) {
    const prefix = parts.slice(0, len).join('.');
    near = PROOF_MAP.filter((x) => x.id === prefix || x.id.startsWith(`${prefix}.`)).map((x) => x.id).slice(0, 12);
  }
  throw new AdmissibilityError('showStep', `a step id of the proof map (${near.length ? `e.g. ${near.join(', ')}` : 'npm start -- coverage lists them'})`, { step: id });
}

function runOptions(settings: StepSettings): { seed: number; mode: 'quick' | 'full' } {
  const mode = settings.mode ?? 'quick';
  if (mode !== 'quick' && mode !== 'full') throw new AdmissibilityError('showStep', "mode 'quick' or 'full'", { mode });
  const seed = settings.seed ?? 1;
  requireInteger('showStep', 'seed', seed, 0, 2 ** 32 - 1);
  return { seed, mode };
}

/** Runs every own check of a step (none for a definition or a step checked only through the registry). */
export function stepResults(id: string, settings: StepSettings = {}): StepResult[] {
  const s = stepById(id);
  const opts = runOptions(settings);
  return s.checks.map((c) => runStepCheck(s, c, opts));
}

/** The HTML of a step: statement as printed, location, premises, readings, then each result (pure: testable without a kernel). */
export function stepHtml(s: ProofStep, results: readonly StepResult[]): string {
  const expected = new Map(s.checks.map((c) => [`${c.name}|${c.reading}`, c.expected] as const));
  const parts = [`<div class="aw-step" data-step="${escapeHtml(s.id)}" style="border-left:4px solid #bbb;padding:.2em 1em;margin:.5em 0;font-family:Georgia,serif">`];
  parts.push(`<p><strong>Step ${escapeHtml(s.id)}</strong> <small>(${escapeHtml(s.kind)}; ${escapeHtml(s.location.section)}, lines ${s.location.lines[0]}–${s.location.lines[1]}, ${escapeHtml(s.location.where)})</small></p>`);
  // Steps transcribed as TeX source (Lemma 2's) are typeset to Unicode/HTML, as the report does; the others are plain Unicode already.
  const printed = s.printed.includes('\\') ? texToText(s.printed, 'html') : escapeHtml(s.printed);
  parts.push(`<p style="background:#f8f8f4;padding:.3em .6em"><strong>As printed.</strong> ${printed}</p>`);
  if (s.premises.length) parts.push(`<p><small>Rests on: ${s.premises.map((p) => `<code>${escapeHtml(p)}</code>`).join(', ')}</small></p>`);
  if (s.readings.length > 1) parts.push(`<p><small>Readings: ${s.readings.map((r) => `<code>${escapeHtml(r.id)}</code> ${escapeHtml(r.description)}`).join('; ')}</small></p>`);
  if (results.length === 0) {
    const why = s.uncheckedBecause ?? (s.registryChecks?.length ? `checked through the registry: ${s.registryChecks.join(', ')}` : 'no check of its own');
    parts.push(`<p>${verdictBadge('not checked')} ${escapeHtml(why)}</p>`);
  }
  s.checks.forEach((c, i) => {
    const r = results[i];
    if (!r) return;
    const exp = expected.get(`${c.name}|${c.reading}`);
    const surprise = exp !== undefined && r.verdict !== exp;
    parts.push(`<p>${verdictBadge(r.verdict, surprise)} <code>${escapeHtml(c.name)}</code> [${escapeHtml(r.reading)}], ${escapeHtml(r.method)}, ${r.runs} runs, seed ${r.seed}${surprise ? ` — <strong>a surprise: expected ${escapeHtml(exp!)}</strong>` : ''}. ${escapeHtml(r.summary)}<br><small>Region: ${escapeHtml(r.region.text)}</small></p>`);
    if (r.counterexample) parts.push(`<p><strong>Counterexample</strong> <small>(${escapeHtml(r.counterexample.kind)}; ${escapeHtml(r.counterexample.foundBy)})</small>: ${escapeHtml(r.counterexample.text)}</p>`);
    if (r.repair) parts.push(`<p><strong>Repair.</strong> ${escapeHtml(r.repair.statement)} — ${verdictBadge(r.repair.verdict)} ${escapeHtml(r.repair.summary)}</p>`);
  });
  parts.push('</div>');
  return parts.join('\n');
}

/**
 * Runs a step's own checks and displays the step with its verdicts. Returns
 * nothing, so that a notebook cell ending in `showStep(…)` shows the step
 * once, not also the results as data (use {@link stepResults} for those).
 */
export function showStep(id: string, settings: StepSettings = {}): void {
  showHtml(stepHtml(stepById(id), stepResults(id, settings)));
}
