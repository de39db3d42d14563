import type { FigureSpec } from '../claims/types';
import type { ProofMapReport, StepReport } from '../proof/report';
import type { StepStanding } from '../proof/status';
import { paperLayout } from './layout';

const COLOURS: Record<StepStanding, string> = { holds: '#1b7f3b', fails: '#b3261e', unsupported: '#e08a00', inconclusive: '#6b5fb5', unchecked: '#9a9a9a' };
const LABELS: Record<StepStanding, string> = { holds: 'holds', fails: 'fails as printed', unsupported: 'unsupported by the printed proof', inconclusive: 'inconclusive', unchecked: 'no check run (definitions, cited results; registry-only steps outside the report)' };

/** The part of the paper a section belongs to, as lanes from top to bottom. */
function lane(section: string): string {
  if (/^Abstract/.test(section)) return 'Abstract';
  if (/Figure 1/.test(section)) return 'Figure 1';
  if (/Figure 2/.test(section)) return 'Figure 2';
  if (/Section 1|Definition/.test(section)) return 'Section 1';
  if (/Section 2|Theorem 1/.test(section)) return 'Theorem 1';
  if (/Lemma 1/.test(section)) return 'Lemma 1';
  if (/Lemma 2/.test(section)) return 'Lemma 2';
  return 'Theorem 2';
}
const LANES = ['Abstract', 'Section 1', 'Figure 1', 'Theorem 1', 'Lemma 1', 'Lemma 2', 'Figure 2', 'Theorem 2'];

/**
 * The proof map as a graph: one node per step at its place in the paper
 * (x: its first line in the text; y: the part of the paper), coloured by its
 * standing, with an arrow-less segment from each premise to the step that
 * uses it (premises in grey, broken ones in the colour of the failure). A
 * failure's reach is visible as the orange of the steps it leaves unsupported.
 *
 * @example proofGraphFigure(report).data.length // 1 edge trace (+1 for broken edges) + one trace per standing present
 */
export function proofGraphFigure(pm: ProofMapReport): FigureSpec {
  const pos = new Map<string, { x: number; y: number }>();
  const perLaneLine = new Map<string, number>();
  for (const s of pm.steps) {
    const l = lane(s.location.section);
    const key = `${l}:${s.location.lines[0]}`;
    const k = perLaneLine.get(key) ?? 0; // steps on the same line fan out vertically
    perLaneLine.set(key, k + 1);
    pos.set(s.id, { x: s.location.lines[0], y: LANES.length - 1 - LANES.indexOf(l) + (k % 4) * 0.18 });
  }
  const edges = { x: [] as (number | null)[], y: [] as (number | null)[] };
  const broken = { x: [] as (number | null)[], y: [] as (number | null)[] };
  for (const s of pm.steps)
    for (const p of s.premises) {
      const a = pos.get(p), b = pos.get(s.id);
      if (!a || !b) continue;
      const target = s.brokenPremises.includes(p) ? broken : edges;
      target.x.push(a.x, b.x, null);
      target.y.push(a.y, b.y, null);
    }
  const node = (standing: StepStanding) => {
    const steps = pm.steps.filter((s) => s.standing === standing);
    return {
      type: 'scatter', mode: 'markers', name: `${LABELS[standing]} (${steps.length})`,
      x: steps.map((s) => pos.get(s.id)!.x), y: steps.map((s) => pos.get(s.id)!.y),
      text: steps.map((s: StepReport) => `${s.id} (lines ${s.location.lines[0]}–${s.location.lines[1]}): ${standing}${s.brokenPremises.length ? `; broken premises ${s.brokenPremises.join(', ')}` : ''}<br>${s.printed.slice(0, 120)}${s.printed.length > 120 ? '…' : ''}`),
      hoverinfo: 'text',
      marker: { color: COLOURS[standing], size: 9, line: { color: '#fff', width: 1 } },
    };
  };
  const standings: StepStanding[] = ['holds', 'fails', 'unsupported', 'inconclusive', 'unchecked'];
  return {
    id: 'proof-map-graph',
    title: 'Proof map: every step of the paper, coloured by its standing',
    data: [
      { type: 'scatter', mode: 'lines', name: 'premise → step', x: edges.x, y: edges.y, hoverinfo: 'skip', line: { color: '#c8c8c8', width: 1 } },
      ...(broken.x.length ? [{ type: 'scatter', mode: 'lines', name: 'broken premise → step', x: broken.x, y: broken.y, hoverinfo: 'skip', line: { color: COLOURS.fails, width: 1.5, dash: 'dot' } }] : []),
      ...standings.filter((s) => pm.steps.some((x) => x.standing === s)).map(node),
    ],
    layout: paperLayout('Proof map: every step of the paper, coloured by its standing', 'first line of the step in the paper’s text', 'part of the paper', {
      yaxis: { title: { text: 'part of the paper' }, tickvals: LANES.map((_, i) => LANES.length - 1 - i), ticktext: LANES, showline: true, mirror: true, linecolor: '#222', zeroline: false, gridcolor: '#eee', range: [-0.5, LANES.length], automargin: true },
      height: 520,
      width: 900,
    }),
  };
}
