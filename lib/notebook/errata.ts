/**
 * The errata: every registered check that expects a claim to fail *as the
 * paper states it* (under one of the paper's own readings — `as-printed`,
 * `as-derived`, `krum`, a neighbour count `k=…`), as opposed to the checks
 * that break a lemma's hypotheses on purpose to show they are needed.
 *
 * For a property check, {@link replay} replays the shrunk counterexample
 * live with fast-check, `fc.check(property, { seed, path })` — the same
 * property object the registry ran, so the notebook shows the failure being
 * reproduced rather than a stored string.
 *
 * @example
 * const r = (await runClaim('L1.8')).find((x) => x.counterexample);
 * replay(r!).reproduced // true: fast-check fails again at the same case
 */
import fc from 'fast-check';
import { DETERMINISTIC_SPECS } from '../claims/checks/deterministic';
import { propertyOf, type DeterministicCheckSpec } from '../claims/checks/deterministic/propertyCheck';
import { ALL_CHECKS, claim, claims } from '../claims/registry';
import type { CheckResult, ClaimCheck } from '../claims/types';
import { escapeHtml, inlineMarkdown } from '../report/miniMarkdown';
import { initPlotly, showHtml } from './display';
import { claimHtml, contextOf, figuresOf, runClaim, type ShowOptions } from './show';

/** The reading ids under which a failure is a failure of the paper itself (not of a hypothesis broken on purpose). */
export function isPaperReading(reading: string): boolean {
  return /^(as-printed|as-derived|krum|k=)/.test(reading);
}

/** A check that expects the claim to fail under one of the paper's readings. */
export function isErratumCheck(check: ClaimCheck): boolean {
  return check.expected === 'fails' && isPaperReading(check.reading);
}

/** The claims with at least one erratum check, in the order of claims.md, each with the names of those checks. */
export function errataClaims(): { id: string; title: string; checks: string[] }[] {
  return claims()
    .map((c) => ({ id: c.id, title: c.title, checks: [...new Set(ALL_CHECKS.filter((k) => k.claimId === c.id && isErratumCheck(k)).map((k) => k.name))] }))
    .filter((c) => c.checks.length > 0);
}

/** The deterministic spec (property) behind a result, if the result came from one. */
export function specOf(result: CheckResult): DeterministicCheckSpec | undefined {
  return DETERMINISTIC_SPECS.find((s) => s.claimId === result.claimId && s.name === result.check && s.reading === result.reading);
}

/** What replaying a counterexample found. */
export interface ReplayOutcome {
  claimId: string;
  check: string;
  reading: string;
  seed: number;
  path: string;
  /** True when fast-check, replayed at `{ seed, path }`, fails again. */
  reproduced: boolean;
  /** The replayed case, described by the spec (both sides of the inequality). */
  text: string;
  /** True when the replayed case is the recorded one. */
  sameAsRecorded: boolean;
  /** fast-check's own report (its error message when the property fails). */
  report: string;
}

/**
 * Replays a property check's counterexample: `fc.check(propertyOf(spec), { seed, path })`.
 * Throws when the result has no replayable counterexample (a Monte Carlo or simulation result, or none found).
 */
export function replay(result: CheckResult): ReplayOutcome {
  const spec = specOf(result);
  const c = result.counterexample;
  if (!spec || !c || c.seed === undefined || c.path === undefined) {
    throw new Error(`${result.claimId} ${result.check} [${result.reading}]: no fast-check counterexample to replay (only property checks that failed have one)`);
  }
  const details = fc.check(propertyOf(spec), { seed: c.seed, path: c.path });
  const value = details.counterexample?.[0];
  const text = details.failed ? spec.describe(value) : '(the property passed at this seed and path)';
  let report = '';
  try {
    fc.assert(propertyOf(spec), { seed: c.seed, path: c.path });
    report = 'fc.assert passed';
  } catch (e) {
    report = e instanceof Error ? e.message.split('\n').slice(0, 6).join('\n') : String(e);
  }
  return { claimId: result.claimId, check: result.check, reading: result.reading, seed: c.seed, path: c.path, reproduced: details.failed, text, sameAsRecorded: details.failed && text === c.text, report };
}

/** The HTML of a replay: the call, whether it failed again, the case, and fast-check's report. */
export function replayHtml(o: ReplayOutcome): string {
  return [
    `<div class="aw-replay" data-claim="${escapeHtml(o.claimId)}" data-reproduced="${o.reproduced}" style="border-left: 4px solid ${o.reproduced ? '#D55E00' : '#999'}; padding: .2em 1em; margin: .5em 0; font-family: Georgia, serif;">`,
    `<p><strong>${escapeHtml(o.claimId)} · ${escapeHtml(o.check)} [${escapeHtml(o.reading)}]</strong> — replayed live: <code>fc.assert(propertyOf(spec), { seed: ${o.seed}, path: '${escapeHtml(o.path)}' })</code></p>`,
    `<p>${o.reproduced ? '<strong>Fails again</strong>' : '<strong>Did not fail</strong> (the recorded counterexample is not reproduced)'}${o.reproduced ? (o.sameAsRecorded ? ', at the recorded case' : ', <strong>at a different case than recorded</strong>') : ''}: ${inlineMarkdown(o.text)}</p>`,
    `<details><summary>fast-check's report</summary><pre style="font-size: .8em; background: #f6f6f6; padding: .4em; overflow-x: auto;">${escapeHtml(o.report)}</pre></details>`,
    '</div>',
  ].join('\n');
}

/**
 * Runs a claim's erratum checks only (see {@link errataClaims}), displays
 * the claim with their results — counterexample, repaired statement and its
 * verdict — and replays every fast-check counterexample live below it.
 */
export async function showErratum(id: string, options: ShowOptions = {}): Promise<void> {
  const names = errataClaims().find((c) => c.id === id)?.checks ?? [];
  const chosen = { ...options, checks: names };
  const ctx = contextOf(chosen);
  const results = names.length ? (await runClaim(id, chosen)).filter((r) => r.expected === 'fails' && isPaperReading(r.reading)) : [];
  if (results.some((r) => figuresOf(r).length > 0)) initPlotly();
  const replays = results.filter((r) => specOf(r) && r.counterexample?.path !== undefined).map(replay);
  showHtml(claimHtml(claim(id), results, { mode: ctx.mode, seed: ctx.seed, params: ctx.params }) + replays.map(replayHtml).join('\n'));
  const lost = replays.filter((o) => !o.reproduced);
  if (lost.length) throw new Error(`${id}: recorded counterexample(s) not reproduced on replay: ${lost.map((o) => o.check).join(', ')}`);
}
