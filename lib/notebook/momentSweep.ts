/**
 * Why MULTI-KRUM's moments stay bounded (condition (ii) of Definition 3,
 * Lemma 1's proof L1.10–L1.12), made visible: the f Byzantine workers send
 * one vector B = g + s·u at a growing distance s; for each s, over `trials`
 * draws of the n − f correct vectors V_j = g + σξ_j,
 *
 *   ratio(s)    = E‖MK‖² / E‖G‖²        (what condition (ii) bounds, r = 2)
 *   selected(s) = P(some Byzantine vector is among the m selected)
 *   reach(s)    = max over trials where B was selected of ‖B‖ / Σ_correct ‖V_j‖
 *
 * The proof's L1.11–L1.12 say a *selected* Byzantine vector satisfies
 * ‖B‖ ≤ C Σ_j ‖V_j‖ for a constant C of n, f, m: the attacker can push B as
 * far as it likes, but past a few σ it is no longer selected, so ‖MK‖ never
 * follows it. reach(s) stays below a constant while ‖B‖ grows without bound.
 *
 * Trial t at distance s draws from `streamFor(seed, 'moment-sweep', s, t)`.
 *
 * @example momentSweep({ n: 11, f: 2, d: 10, seed: 1, trials: 50 }).rows.length // one row per distance
 */
import type { FigureSpec } from '../claims/types';
import { paperLayout } from '../figures/layout';
import { sampleAround } from '../random/distributions';
import { streamFor } from '../random/stream';
import { multiKrum } from '../rules/krum';
import { norm } from '../vectors';

export interface MomentSweepOptions {
  n: number;
  f: number;
  d: number;
  seed: number;
  trials: number;
  sigma?: number;
  /** Distances s of B from g (in units of σ√d, the typical distance of a correct vector from g). */
  distances?: number[];
}

export interface MomentSweepRow {
  /** s in units of σ√d. */
  distance: number;
  byzantineNorm: number;
  ratio: number;
  selected: number;
  /** max ‖B‖ / Σ‖V_j‖ over the trials where B was selected; 0 when never selected. */
  reach: number;
}

export function momentSweep(o: MomentSweepOptions): { rows: MomentSweepRow[]; gNorm: number } {
  const sigma = o.sigma ?? 1;
  const g = new Float64Array(o.d).fill(1);
  const u = new Float64Array(o.d).fill(0);
  u[0] = 1; // displacement along the first coordinate, orthogonal to nothing in particular: any direction does
  const unit = sigma * Math.sqrt(o.d);
  const nc = o.n - o.f;
  const rows = (o.distances ?? [0, 0.5, 1, 1.5, 2, 3, 5, 10, 30, 100, 1000]).map((s) => {
    const b = g.map((x, i) => x + s * unit * u[i]);
    let mk2 = 0, g2 = 0, sel = 0, reach = 0;
    for (let t = 0; t < o.trials; t++) {
      const stream = streamFor(o.seed, 'moment-sweep', s, t);
      const correct = Array.from({ length: nc }, (_, j) => sampleAround(g, sigma, 'gaussian', stream.split('worker', j)));
      const out = multiKrum([...correct, ...Array.from({ length: o.f }, () => Float64Array.from(b))], { f: o.f });
      mk2 += norm(out.aggregate) ** 2;
      g2 += norm(correct[0]) ** 2;
      if (out.diagnostics.selected.some((i) => i >= nc)) {
        sel++;
        reach = Math.max(reach, norm(b) / correct.reduce((acc, v) => acc + norm(v), 0));
      }
    }
    return { distance: s, byzantineNorm: norm(b), ratio: mk2 / g2, selected: sel / o.trials, reach };
  });
  return { rows, gNorm: norm(g) };
}

/** Two panels against ‖B‖: E‖MK‖²/E‖G‖² (and ‖B‖²/E‖G‖², what averaging-in B would give), and how often B is selected. */
export function momentSweepFigure(o: MomentSweepOptions): FigureSpec {
  const { rows } = momentSweep(o);
  const x = rows.map((r) => r.byzantineNorm);
  const g2 = o.d * (1 + (o.sigma ?? 1) ** 2); // E‖G‖² = ‖g‖² + dσ² with g = (1, …, 1)
  const title = `Condition (ii), r = 2: E‖MK‖² stays bounded however far B goes (n = ${o.n}, f = ${o.f}, d = ${o.d}, ${o.trials} trials per point)`;
  const layout = paperLayout(title, '‖B‖ (norm of the Byzantine vector)', 'E‖MK‖² / E‖G‖²', { width: 900, height: 460, legend: { orientation: 'h', x: 0, y: -0.25 } });
  Object.assign(layout.xaxis as object, { type: 'log', domain: [0, 0.58] });
  Object.assign(layout.yaxis as object, { type: 'log' });
  layout.xaxis2 = { ...(layout.xaxis as object), domain: [0.7, 1], anchor: 'y2', title: { text: '‖B‖' } };
  layout.yaxis2 = { ...(layout.yaxis as object), anchor: 'x2', type: 'linear', range: [0, 1.05], title: { text: 'P(B selected)' } };
  return {
    id: 'moment-sweep',
    title,
    data: [
      { type: 'scatter', mode: 'lines+markers', name: 'MULTI-KRUM: E‖MK‖² / E‖G‖²', x, y: rows.map((r) => r.ratio), line: { color: '#0072B2' } },
      { type: 'scatter', mode: 'lines', name: '‖B‖² / E‖G‖² (a rule that followed B)', x, y: x.map((b) => (b * b) / g2), line: { color: '#D55E00', dash: 'dash' } },
      { type: 'scatter', mode: 'lines+markers', name: 'fraction of trials where B is selected', xaxis: 'x2', yaxis: 'y2', x, y: rows.map((r) => r.selected), line: { color: '#009E73' } },
    ],
    layout,
  };
}
