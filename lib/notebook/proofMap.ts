import { AdmissibilityError, requireInteger } from '../errors';
import { proofGraphFigure } from '../figures/proofGraphFigure';
import { PROOF_MAP, runProofMap } from '../proof';
import { buildProofMapReport, downstream, type ProofMapReport } from '../proof/report';
import { escapeHtml } from '../report/miniMarkdown';
import { standingBadge } from '../report/proofMapHtml';
import { plot, showHtml } from './display';

/**
 * The proof map in a notebook: every step of the paper checked where it
 * stands, at `seed` (quick mode by default: about 10 s).
 *
 * @example const pm = proofMapReport({ seed: 1 }); pm.counts.standings.fails
 */
export function proofMapReport(settings: { seed?: number; mode?: string } = {}): ProofMapReport {
  const seed = settings.seed ?? 1;
  const mode = settings.mode ?? 'quick';
  // A notebook's settings object widens 'quick' to string: accept it, and say what is admissible otherwise.
  if (mode !== 'quick' && mode !== 'full') throw new AdmissibilityError('proofMapReport', "mode 'quick' or 'full'", { mode });
  requireInteger('proofMapReport', 'seed', seed, 0, 2 ** 32 - 1);
  return buildProofMapReport(PROOF_MAP, runProofMap({ seed, mode }));
}

/** HTML: the steps that fail under the proof's own reading, each with its counterexample and what it leaves unsupported. */
export function failingStepsHtml(pm: ProofMapReport): string {
  const rows = pm.steps
    .filter((s) => s.standing === 'fails')
    .map((s) => {
      const e = s.evidence.find((x) => x.verdict === 'fails' && x.reading === s.standingReading) ?? s.evidence.find((x) => x.verdict === 'fails');
      const ce = e?.counterexample ? `${escapeHtml(e.counterexample.text)} <small>(${e.counterexample.kind})</small>` : escapeHtml(e?.summary ?? '');
      const repair = e?.repair ? `${escapeHtml(e.repair.statement)} — ${escapeHtml(e.repair.verdict)}` : '—';
      const down = downstream(pm, s.id).filter((d) => d.standing === 'unsupported').map((d) => d.id);
      return `<tr><td><strong>${escapeHtml(s.id)}</strong><br><small>lines ${s.location.lines[0]}–${s.location.lines[1]}</small></td><td>${escapeHtml(s.printed)}</td><td>${ce}<br><small>region: ${escapeHtml(e?.region.text ?? '')}</small></td><td>${repair}</td><td>${down.join(', ') || '—'}</td></tr>`;
    });
  const c = pm.counts.standings;
  // Built without the claim registry's results (proofMapReport runs the steps' own checks only), a step whose
  // evidence is a registry check stands as unchecked: say so, or the counts read as contradicting the report's.
  const hasRegistryEvidence = pm.steps.some((s) => s.evidence.some((e) => e.check.startsWith('registry:')));
  const registryOnly = hasRegistryEvidence ? [] : pm.steps.filter((s) => s.standing === 'unchecked' && (PROOF_MAP.find((p) => p.id === s.id)?.registryChecks ?? []).length > 0);
  const scope = registryOnly.length
    ? `<p><small>From the steps' own checks only: the ${registryOnly.length} steps whose evidence is a claim-registry check (${registryOnly.map((s) => escapeHtml(s.id)).join(', ')}) stand as unchecked here, and what depends on them is counted without them. The report of <code>npm start</code> and <code>coverage --run</code> run those checks too, at the same seed.</small></p>`
    : '';
  return `<p>${pm.counts.steps} steps: ${standingBadge('holds')} ${c.holds} ${standingBadge('fails')} ${c.fails} ${standingBadge('unsupported')} ${c.unsupported} ${standingBadge('inconclusive')} ${c.inconclusive} ${standingBadge('unchecked')} ${c.unchecked}</p>${scope}
<details><summary>The ${rows.length} steps that fail as printed (click to open)</summary>
<table><thead><tr><th>step</th><th>as printed</th><th>counterexample or measurement</th><th>repair</th><th>leaves unsupported</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
}

/** Draws the proof-map graph and the table of failing steps. */
export function showProofMap(pm: ProofMapReport): void {
  plot(proofGraphFigure(pm));
  showHtml(failingStepsHtml(pm));
}
