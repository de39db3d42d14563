/**
 * One call per claim in a notebook: `await show('L1.8')` renders the claim's
 * statement as printed, its hypotheses and readings, runs every check the
 * registry holds for it (quick settings unless told otherwise) and renders
 * each verdict with its evidence — summary, runs and seed, the measured /
 * bound interval, the fast-check counterexample with the `{ seed, path }`
 * that replays it, the repaired statement, the evidence table, notes and
 * figures — as one rich HTML output.
 *
 * The same call with parameters re-runs the checks there:
 *
 *     await show('L1.8', { n: 15, f: 3, attack: 'alie' });
 *     await show('T1', { mode: 'full', seed: 7, except: ['mnist'] });
 *
 * `mode`, `seed`, `trials`, `checks` (names to run) and `except` (names to
 * skip) choose what runs; every other key goes to the checks as
 * `CheckContext.params`, and each check reads the parameters it uses (the
 * output lists what was passed). Nothing is computed here: every number comes
 * from the registry's checks, so a notebook, a test and the report agree.
 *
 * {@link claimHtml} is the pure part (claim + results → HTML), testable
 * without a kernel. A check that throws is shown as an error block, and
 * {@link show} rethrows after displaying, so a notebook run in CI fails.
 *
 * @example
 * await show('L1.8');                          // quick mode, seed 1
 * const results = await runClaim('L1.8', { mode: 'full' }); // the results, no display
 */
import { AdmissibilityError, requireThat } from '../errors';
import { ATTACK_NAMES } from '../attacks/index';
import { NOISE_FAMILIES } from '../random/distributions';
import { CATALOGUE_RULE_NAMES, parseRuleName, PREAGGREGATOR_NAMES } from '../rules/index';
import { checksFor, claim as claimById, runCheck } from '../claims/registry';
import type { CheckContext, CheckResult, Claim, ClaimCheck, ClaimParameters, FigureSpec } from '../claims/types';
import { resultFigures } from '../figures/resultFigures';
import { escapeHtml, inlineMarkdown, markdownToHtml } from '../report/miniMarkdown';
import { levelText, short } from '../report/oneLine';
import { figureHtml, initPlotly, showHtml } from './display';
import { evidenceFigure } from './evidenceFigure';

/**
 * What `show` and `runClaim` accept: run settings, check filters, and
 * parameter overrides for the checks (n, f, m, k, d, sigma, attack, rule,
 * family, …). `mode` is a plain string so that a notebook's
 * `const settings = { mode: 'quick', seed: 1 }` passes as it is; anything but
 * 'quick' or 'full' is refused with an AdmissibilityError.
 */
export interface ShowOptions {
  mode?: string;
  seed?: number;
  trials?: number;
  /** Run only the checks with these names. */
  checks?: string[];
  /** Skip the checks with these names (they are listed as "not run here"). */
  except?: string[];
  /**
   * Trials for the Monte Carlo and simulation checks only (`trials` sets
   * every check's, fast-check runs included): a notebook can sample less
   * while its property checks keep their default number of runs.
   */
  sampleTrials?: number;
  [parameter: string]: number | string | string[] | undefined;
}

/** Whether a name is a rule of the catalogue, or pre-aggregators then a rule (`nnm+multi-krum`). */
function isCatalogueName(name: string): boolean {
  try {
    parseRuleName(name);
    return true;
  } catch {
    return false;
  }
}

/** The keys of {@link ShowOptions} that choose what runs; every other key is a parameter of the checks. */
const RUN_KEYS = ['mode', 'seed', 'trials', 'checks', 'except', 'sampleTrials'] as const;

/** The parameters some check reads (CheckContext.params); any other key is refused, never silently ignored. */
export const CHECK_PARAMETERS = ['n', 'f', 'm', 'k', 'd', 'sigma', 'gNorm', 'sinAlpha', 'attack', 'rule', 'family', 'boundScale', 'distance', 'scoreUpdate'] as const;

/**
 * The check context of some options: mode (default quick), seed (default 1),
 * trials, and the remaining keys as `params` (absent when there are none).
 *
 * @example contextOf({ mode: 'full', n: 15, f: 3 }) // { mode: 'full', seed: 1, params: { n: 15, f: 3 } }
 */
export function contextOf(options: ShowOptions = {}): CheckContext {
  const params: Record<string, number | string | undefined> = {};
  for (const [key, value] of Object.entries(options)) {
    if ((RUN_KEYS as readonly string[]).includes(key) || value === undefined) continue;
    params[key] = value as number | string;
  }
  const mode = options.mode ?? 'quick';
  requireThat(mode === 'quick' || mode === 'full', 'show', "mode 'quick' or 'full'", { mode: String(mode) });
  const seed = options.seed ?? 1;
  requireThat(Number.isInteger(seed), 'show', 'an integer seed', { seed });
  for (const [key, value] of Object.entries(params)) requireThat(typeof value === 'number' || typeof value === 'string', 'show', `a number or a string for the parameter ${key}`, { [key]: String(value) });
  const unknown = Object.keys(params).filter((k) => !(CHECK_PARAMETERS as readonly string[]).includes(k));
  if (unknown.length) throw new AdmissibilityError('show', `options among ${[...RUN_KEYS, ...CHECK_PARAMETERS].join(', ')}`, { option: unknown.join(', ') });
  if (params.attack !== undefined) requireThat((ATTACK_NAMES as readonly string[]).includes(String(params.attack)), 'show', `an attack among ${ATTACK_NAMES.join(', ')}`, { attack: String(params.attack) });
  // Any name of the rule catalogue (lib/rules/index.ts), composites with pre-aggregators included (nnm+multi-krum).
  if (params.rule !== undefined) requireThat(isCatalogueName(String(params.rule)), 'show', `a rule among ${CATALOGUE_RULE_NAMES.join(', ')}, optionally after pre-aggregators (${PREAGGREGATOR_NAMES.join(', ')}) joined by +`, { rule: String(params.rule) });
  if (params.family !== undefined) requireThat((NOISE_FAMILIES as readonly string[]).includes(String(params.family)), 'show', `a noise family among ${NOISE_FAMILIES.join(', ')}`, { family: String(params.family) });
  const ctx: CheckContext = { mode: mode as CheckContext['mode'], seed };
  if (options.trials !== undefined) {
    requireThat(Number.isInteger(options.trials) && options.trials >= 1, 'show', 'an integer number of trials >= 1', { trials: options.trials });
    ctx.trials = options.trials;
  }
  if (options.sampleTrials !== undefined) requireThat(Number.isInteger(options.sampleTrials) && options.sampleTrials >= 1, 'show', 'an integer number of sampleTrials >= 1', { sampleTrials: options.sampleTrials });
  if (Object.keys(params).length > 0) ctx.params = params as CheckContext['params'];
  return ctx;
}

/** The registry's checks of a claim split into those the options select and those they leave out. */
export function selectChecks(id: string, options: ShowOptions = {}): { run: ClaimCheck[]; skipped: ClaimCheck[] } {
  const all = checksFor(id);
  const chosen = (c: ClaimCheck) => (!options.checks || options.checks.includes(c.name)) && !(options.except ?? []).includes(c.name);
  return { run: all.filter(chosen), skipped: all.filter((c) => !chosen(c)) };
}

/** One check's outcome: its result, or the error it threw (a bug or a refused parameter, never a verdict). */
export type CheckOutcome = ({ check: ClaimCheck; result: CheckResult } | { check: ClaimCheck; error: string }) & { usedParams?: string[] };

/** Runs the selected checks of a claim in registry order and returns each outcome (a throwing check does not stop the others). */
export async function runClaimOutcomes(id: string, options: ShowOptions = {}): Promise<CheckOutcome[]> {
  claimById(id); // an unknown id throws the registry's one-line error
  const ctx = contextOf(options);
  const out: CheckOutcome[] = [];
  for (const check of selectChecks(id, options).run) {
    // Which parameters the check reads: a proxy over ctx.params records them, so the output can say what was used.
    const used = new Set<string>();
    const sampled = options.sampleTrials !== undefined && (check.method === 'monte-carlo' || check.method === 'simulation');
    const base: CheckContext = sampled ? { ...ctx, trials: options.sampleTrials } : ctx;
    const tracked: CheckContext = base.params ? { ...base, params: new Proxy(base.params, { get: (t, key) => { if (typeof key === 'string' && key in t) used.add(key); return (t as Record<string | symbol, unknown>)[key]; } }) } : base;
    try {
      out.push({ check, result: await runCheck(check, tracked), usedParams: [...used] });
    } catch (e) {
      out.push({ check, error: e instanceof Error ? e.message.split('\n')[0] : String(e), usedParams: [...used] });
    }
  }
  return out;
}

/** Runs the selected checks of a claim and returns their results; throws if a check threw. */
export async function runClaim(id: string, options: ShowOptions = {}): Promise<CheckResult[]> {
  const outcomes = await runClaimOutcomes(id, options);
  const failed = outcomes.filter((o): o is { check: ClaimCheck; error: string } => 'error' in o);
  if (failed.length) throw new Error(`${id}: ${failed.map((o) => `check ${o.check.name} [${o.check.reading}] threw: ${o.error}`).join('; ')}`);
  return outcomes.map((o) => (o as { result: CheckResult }).result);
}

// ---------------------------------------------------------------- rendering

const STYLE = `<style>
.aw-claim { font-family: Georgia, "Times New Roman", serif; line-height: 1.45; max-width: 1000px; }
.aw-claim .aw-statement { background: #f8f8f4; border-left: 4px solid #bbb; padding: .3em 1em; margin: .4em 0; }
.aw-claim .aw-meta { color: #555; font-size: .9em; }
.aw-claim .aw-check { border: 1px solid #e2e2e2; border-radius: 4px; padding: .2em 1em .6em; margin: .8em 0; }
.aw-claim .aw-verdict { font-weight: bold; padding: 0 .35em; border-radius: 3px; white-space: nowrap; }
.aw-claim .aw-holds { color: #00684a; background: #e3f5ee; } .aw-claim .aw-fails { color: #a33d00; background: #fbe9df; }
.aw-claim .aw-inconclusive, .aw-claim .aw-not-checked, .aw-claim .aw-error { color: #555; background: #eee; }
.aw-claim .aw-surprise { outline: 2px solid #c00; }
.aw-claim table { border-collapse: collapse; font-size: .85em; margin: .5em 0; }
.aw-claim th, .aw-claim td { border: 1px solid #ddd; padding: .15em .45em; text-align: left; vertical-align: top; }
.aw-claim td.num { text-align: right; font-variant-numeric: tabular-nums; }
.aw-claim .math { font-style: italic; }
.aw-claim pre { background: #f6f6f6; padding: .4em; overflow-x: auto; font-size: .8em; max-height: 20em; }
</style>`;

/** A verdict as a coloured badge; a surprise (verdict ≠ expected) is outlined. */
export function verdictBadge(verdict: string, surprise = false): string {
  return `<span class="aw-verdict aw-${escapeHtml(verdict.replace(/\s+/g, '-'))}${surprise ? ' aw-surprise' : ''}">${escapeHtml(verdict)}</span>`;
}

/** An HTML table; numbers right-aligned in 4 significant digits. Tables longer than `open` rows are folded. */
export function tableHtml(columns: readonly string[], rows: readonly (readonly unknown[])[], open = 12): string {
  const td = (x: unknown) => (typeof x === 'number' ? `<td class="num">${escapeHtml(short(x))}</td>` : `<td>${escapeHtml(String(x ?? ''))}</td>`);
  const table = `<table><thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('')}</tbody></table>`;
  return rows.length > open ? `<details><summary>Evidence table (${rows.length} rows)</summary>${table}</details>` : table;
}

/**
 * A check's evidence table: a short one in full; a long one with a
 * `tightness` column (measured / bound) shows its `worst` rows first — the
 * largest ratios, a non-finite ratio counting as the worst (a NaN output is a
 * violation) — and every row behind a fold.
 *
 * @example evidenceTableHtml(['setting', 'attack', 'tightness'], rows) // '<p …>The 5 rows closest to … of 153:</p><table>…</table><details>…'
 */
export function evidenceTableHtml(columns: readonly string[], rows: readonly (readonly unknown[])[], worst = 5, open = 12): string {
  const ct = columns.indexOf('tightness');
  if (rows.length <= open || ct < 0) return tableHtml(columns, rows, open);
  const key = (row: readonly unknown[]) => (typeof row[ct] === 'number' && !Number.isNaN(row[ct]) ? (row[ct] as number) : Infinity);
  const sorted = [...rows].sort((a, b) => key(b) - key(a));
  return `<p class="aw-meta">The ${worst} rows closest to the bound (or farthest past it), of ${rows.length}:</p>${tableHtml(columns, sorted.slice(0, worst), open)}${tableHtml(columns, rows, 0)}`;
}

/** JSON shortened for display: counterexample data can be long. */
function shortJson(value: unknown, max = 4000): string {
  const s = JSON.stringify(value, null, 1) ?? 'undefined';
  return s.length > max ? `${s.slice(0, max)}\n… (${s.length - max} more characters)` : s;
}

/** The figures shown with a result: its own (and its series', see resultFigures), then its evidence table as a figure when it is a bound check's. */
export function figuresOf(r: CheckResult): FigureSpec[] {
  const evidence = evidenceFigure(r);
  return [...resultFigures(r), ...(evidence ? [evidence] : [])];
}

/** The HTML of one check result: verdict against expectation, summary, runs, interval, counterexample, repair, table, notes, figures. */
export function resultHtml(r: CheckResult, options: { figures?: boolean } = {}): string {
  const surprise = r.verdict !== r.expected;
  const parts = [
    `<div class="aw-check" data-check="${escapeHtml(r.check)}" data-reading="${escapeHtml(r.reading)}" data-verdict="${escapeHtml(r.verdict)}">`,
    `<h4>${escapeHtml(r.check)} — reading <code>${escapeHtml(r.reading)}</code>, ${escapeHtml(r.method)}</h4>`,
    `<p>${verdictBadge(r.verdict, surprise)} (expected ${verdictBadge(r.expected)})${surprise ? ' <strong>— a surprise: the verdict differs from the registry’s expectation</strong>' : ''}. ${inlineMarkdown(r.summary)}</p>`,
    `<p class="aw-meta">Runs: ${r.runs}${r.runsLabel ? ` (${escapeHtml(r.runsLabel)})` : ''}; seed ${r.seed}.</p>`,
  ];
  if (r.tightness) {
    const t = r.tightness;
    parts.push(`<p>Measured / bound: <strong>${escapeHtml(short(t.estimate))} [${escapeHtml(short(t.lo))}, ${escapeHtml(short(t.hi))}]</strong> (${levelText(t.level)} interval; ${escapeHtml(t.method)}).</p>`);
  }
  if (r.counterexample) {
    const c = r.counterexample;
    const replay = c.seed !== undefined ? `<br><span class="aw-meta">Replay: <code>fc.assert(property, { seed: ${c.seed}${c.path ? `, path: '${escapeHtml(c.path)}'` : ''} })</code></span>` : '';
    parts.push(`<p><strong>Counterexample.</strong> ${inlineMarkdown(c.text)}${replay}</p>`);
    if (c.value !== undefined) parts.push(`<details><summary>Counterexample data</summary><pre>${escapeHtml(shortJson(c.value))}</pre></details>`);
  }
  if (r.repair) {
    const p = r.repair;
    parts.push(`<p><strong>Repaired statement.</strong> ${inlineMarkdown(p.statement)} — ${verdictBadge(p.verdict)} (${p.runs} runs, seed ${p.seed}). ${inlineMarkdown(p.summary)}</p>`);
  }
  if (r.table) parts.push(evidenceTableHtml(r.table.columns, r.table.rows));
  if (r.notes) parts.push(`<div class="aw-meta">${markdownToHtml(r.notes)}</div>`);
  if (options.figures !== false) for (const f of figuresOf(r)) parts.push(figureHtml(f));
  parts.push('</div>');
  return parts.join('\n');
}

/** What {@link claimHtml} may show beyond the results: checks that threw, checks not run here, the parameters passed. */
export interface ClaimHtmlExtras {
  errors?: { check: string; reading: string; message: string }[];
  skipped?: { check: string; reading: string }[];
  params?: Record<string, unknown>;
  /** Which of the parameters passed each check read (when parameters were passed). */
  used?: { check: string; reading: string; params: string[] }[];
  mode?: string;
  seed?: number;
  /** Draw the results' figures (default true). */
  figures?: boolean;
}

/**
 * The HTML of a claim and its check results: statement as printed,
 * hypotheses (and whether the parameters passed satisfy them), readings,
 * source, then each result. With no result and no error it says that no
 * check is registered yet — it never invents a verdict.
 *
 * @example claimHtml(claim('L2.1'), [result]) // '<style>…</style><div class="aw-claim" data-claim="L2.1">…'
 */
export function claimHtml(c: Claim, results: readonly CheckResult[], extras: ClaimHtmlExtras = {}): string {
  const params = extras.params ?? {};
  const numeric: ClaimParameters = {};
  for (const [k, v] of Object.entries(params)) if (typeof v === 'number' || typeof v === 'string') numeric[k] = v;
  const given = Object.keys(params).length > 0;
  const parts = [STYLE, `<div class="aw-claim" data-claim="${escapeHtml(c.id)}">`];
  parts.push(`<p class="aw-meta"><strong>${escapeHtml(c.id)}</strong> — ${escapeHtml(c.title)} · ${escapeHtml(c.kind)} · group <code>${escapeHtml(c.group)}</code> · ${escapeHtml(c.source)}${c.cites.length ? ` · cites ${c.cites.map((k) => `<code>${escapeHtml(k)}</code>`).join(', ')}` : ''}</p>`);
  parts.push(`<div class="aw-statement"><strong>As printed.</strong> ${markdownToHtml(c.statement)}</div>`);
  let hypothesesAt = '';
  if (given) {
    let holds: boolean | string;
    try { holds = c.hypotheses.holds(numeric); } catch (e) { holds = `cannot tell (${e instanceof Error ? e.message : String(e)})`; }
    hypothesesAt = ` <br><span class="aw-meta">At the parameters passed (${escapeHtml(JSON.stringify(params))}): ${holds === true ? 'the hypotheses hold' : holds === false ? '<strong>the hypotheses do not hold</strong> (the claim promises nothing there)' : escapeHtml(holds)}. Each check reads the parameters it uses.</span>`;
  }
  parts.push(`<p><strong>Hypotheses.</strong> ${escapeHtml(c.hypotheses.text)}${hypothesesAt}</p>`);
  parts.push(`<p><strong>Readings.</strong></p><ul>${c.readings.map((r) => `<li><code>${escapeHtml(r.id)}</code>: ${inlineMarkdown(r.description)}</li>`).join('')}</ul>`);
  const errors = extras.errors ?? [];
  if (results.length === 0 && errors.length === 0) {
    parts.push(`<p>${verdictBadge('not checked')} <strong>No check of ${escapeHtml(c.id)} ${extras.skipped?.length ? 'was selected here' : 'is in the registry yet'}</strong>: no verdict is shown.</p>`);
  } else {
    const counts = ['holds', 'fails', 'inconclusive'].map((v) => [v, results.filter((r) => r.verdict === v).length] as const).filter(([, k]) => k > 0);
    const surprises = results.filter((r) => r.verdict !== r.expected).length;
    parts.push(`<p><strong>Checks</strong> (${escapeHtml(extras.mode ?? 'quick')} mode${extras.seed !== undefined ? `, seed ${extras.seed}` : ''}): ${counts.map(([v, k]) => `${k} ${verdictBadge(v)}`).join(', ')}${errors.length ? `, ${errors.length} ${verdictBadge('error')}` : ''}; ${surprises === 0 ? 'every verdict as the registry expects' : `<strong>${surprises} surprise(s)</strong>`}.</p>`);
  }
  for (const r of results) parts.push(resultHtml(r, { figures: extras.figures }));
  for (const e of errors) parts.push(`<div class="aw-check"><h4>${escapeHtml(e.check)} — reading <code>${escapeHtml(e.reading)}</code></h4><p>${verdictBadge('error')} The check threw, so it gives no verdict: <code>${escapeHtml(e.message)}</code></p></div>`);
  if (given && extras.used?.length) {
    const passed = Object.keys(params);
    parts.push(`<p class="aw-meta"><strong>Parameters used.</strong> ${extras.used.map((u) => `<code>${escapeHtml(u.check)}</code> [${escapeHtml(u.reading)}]: ${u.params.length ? escapeHtml(u.params.join(', ')) : 'none (it ran its own grid)'}${passed.filter((k) => !u.params.includes(k)).length && u.params.length ? `; not used: ${escapeHtml(passed.filter((k) => !u.params.includes(k)).join(', '))}` : ''}`).join('; ')}.</p>`);
  }
  if (extras.skipped?.length) parts.push(`<p class="aw-meta">Registered but not run here: ${extras.skipped.map((s) => `<code>${escapeHtml(s.check)}</code> [${escapeHtml(s.reading)}]`).join(', ')}.</p>`);
  parts.push('</div>');
  return parts.join('\n');
}

/**
 * Runs a claim's checks and displays the claim with their results in the
 * notebook (see the module comment). Throws after displaying when a check
 * threw, so a notebook run fails visibly.
 */
export async function show(id: string, options: ShowOptions = {}): Promise<void> {
  const c = claimById(id);
  const ctx = contextOf(options);
  const outcomes = await runClaimOutcomes(id, options);
  const results = outcomes.flatMap((o) => ('result' in o ? [o.result] : []));
  const errors = outcomes.flatMap((o) => ('error' in o ? [{ check: o.check.name, reading: o.check.reading, message: o.error }] : []));
  const skipped = selectChecks(id, options).skipped.map((s) => ({ check: s.name, reading: s.reading }));
  if (results.some((r) => figuresOf(r).length > 0)) initPlotly();
  const used = outcomes.map((o) => ({ check: o.check.name, reading: o.check.reading, params: o.usedParams ?? [] }));
  showHtml(claimHtml(c, results, { errors, skipped, params: ctx.params, used, mode: ctx.mode, seed: ctx.seed }));
  if (errors.length) throw new Error(`${id}: ${errors.map((e) => `check ${e.check} [${e.reading}] threw: ${e.message}`).join('; ')}`);
}
