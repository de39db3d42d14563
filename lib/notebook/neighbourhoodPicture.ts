/**
 * The picture of Lemma 1's proof in the plane: who i* is, who its neighbours
 * are, and how the scores move when the Byzantine vectors move.
 *
 * n − f correct 2-D gradients V_i = g + σξ_i (one seeded stream per worker)
 * stay fixed; the f Byzantine vectors sit at g + t·u (spread a little
 * sideways so that each is visible) for a distance t the slider walks
 * through. Each frame runs the library's `multiKrum` with the Byzantine
 * indices declared, so its diagnostics carry the proof's quantities:
 *
 *   score(i) = Σ_{i→j} ‖V_i − V_j‖²   over i's k nearest others (k = m = n − f − 2)
 *   i*       = the worst-scoring of the m selected vectors (L1.16)
 *   δc(i*), δb(i*) = its correct / Byzantine neighbours (L1.1)
 *   μ(i*)    = (1/δc(i*)) Σ_{i*→correct j} V_j, the centre the proof measures from (L1.2)
 *   ζ(i*)    = a correct non-neighbour farther than every neighbour (L1.6)
 *
 * Left panel: the vectors, the segments from i* to its neighbours (blue to
 * correct, red to Byzantine), μ(i*), ζ(i*) and the output. Right panel: every
 * worker's score, the selected ones filled, and the score of i* as the
 * selection threshold. A reader sees L1.4: a Byzantine vector is selected
 * only while its score is below that of some correct vector, i.e. while it
 * stays close to the correct ones.
 *
 * @example neighbourhoodFrames({ n: 9, f: 2, seed: 1 }).frames[0].iStar // index of the worst selected vector at t = 0
 */
import type { FigureSpec } from '../claims/types';
import { paperLayout } from '../figures/layout';
import { sampleAround } from '../random/distributions';
import { streamFor } from '../random/stream';
import { multiKrum } from '../rules/krum';
import { meanOf } from '../vectors';
import { sliderFigure, type SliderFrame } from './sliderFigure';

export interface NeighbourhoodOptions {
  n: number;
  f: number;
  seed: number;
  sigma?: number;
  /** The true gradient (2-D); default (2, 1). */
  g?: [number, number];
  /** Direction of the Byzantine displacement; default (−0.6, 0.8). */
  direction?: [number, number];
  /** Distances t of the Byzantine vectors from g, one frame each. */
  distances?: number[];
}

type P = [number, number];

/** One frame's numbers. */
export interface NeighbourhoodFrame {
  distance: number;
  /** All n inputs, correct first (the Byzantine indices are n − f … n − 1 here). */
  points: P[];
  scores: number[];
  selected: number[];
  iStar: number;
  iStarByzantine: boolean;
  /** i*'s k nearest others. */
  neighbours: number[];
  deltaC: number;
  deltaB: number;
  /** Mean of i*'s correct neighbours. */
  mu: P;
  /** ζ(i*) when i* is correct and has a correct non-neighbour, else null. */
  zeta: number | null;
  aggregate: P;
}

const pair = (v: Float64Array): P => [v[0], v[1]];

/** The frames' numbers, without drawing (testable). */
export function neighbourhoodFrames(o: NeighbourhoodOptions): { byzantine: number[]; frames: NeighbourhoodFrame[] } {
  const sigma = o.sigma ?? 1;
  const g = Float64Array.from(o.g ?? [2, 1]);
  const [ux, uy] = o.direction ?? [-0.6, 0.8];
  const len = Math.hypot(ux, uy);
  const correct = Array.from({ length: o.n - o.f }, (_, i) => sampleAround(g, sigma, 'gaussian', streamFor(o.seed, 'neighbourhood', 'worker', i)));
  const byzantine = Array.from({ length: o.f }, (_, l) => o.n - o.f + l);
  const frames = (o.distances ?? [0, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6]).map((t) => {
    // Byzantine l sits at g + t·u + 0.25·l·u⊥: apart enough to be seen, close enough to collude.
    const bs = byzantine.map((_, l) => Float64Array.from([g[0] + (t * ux) / len - (0.25 * l * uy) / len, g[1] + (t * uy) / len + (0.25 * l * ux) / len]));
    const inputs = [...correct, ...bs];
    const mk = multiKrum(inputs, { f: o.f, byzantine });
    const d = mk.diagnostics;
    const iStar = d.worstSelected;
    const neighbours = d.neighbours[iStar];
    const correctNeighbours = neighbours.filter((j) => j < o.n - o.f);
    return {
      distance: t,
      points: inputs.map(pair),
      scores: Array.from(d.scores),
      selected: [...d.selected],
      iStar,
      iStarByzantine: iStar >= o.n - o.f,
      neighbours,
      deltaC: d.proof!.deltaC[iStar],
      deltaB: d.proof!.deltaB[iStar],
      mu: pair(meanOf(inputs, correctNeighbours)),
      zeta: d.proof!.zeta[iStar],
      aggregate: pair(mk.aggregate),
    };
  });
  return { byzantine, frames };
}

const BLUE = '#0072B2';
const RED = '#D55E00';

/** Segments from p to each q, as one trace with gaps (null) between them. */
function segments(p: P, qs: P[]): { x: (number | null)[]; y: (number | null)[] } {
  return { x: qs.flatMap((q) => [p[0], q[0], null]), y: qs.flatMap((q) => [p[1], q[1], null]) };
}

/** The slider figure of {@link neighbourhoodFrames}: the plane on the left, the scores on the right. */
export function neighbourhoodFigure(o: NeighbourhoodOptions): FigureSpec {
  const { frames } = neighbourhoodFrames(o);
  const nc = o.n - o.f;
  const k = o.n - o.f - 2;
  const sliderFrames: SliderFrame[] = frames.map((fr) => {
    const sel = new Set(fr.selected);
    const star = fr.points[fr.iStar];
    const pick = (idx: number[]) => idx.map((i) => fr.points[i]);
    const all = fr.points.map((_, i) => i);
    const group = (byz: boolean, chosen: boolean) => all.filter((i) => (i >= nc) === byz && sel.has(i) === chosen);
    const marker = (byz: boolean, chosen: boolean) => ({ color: byz ? RED : BLUE, size: byz ? 13 : 10, symbol: byz ? (chosen ? 'x' : 'x-open') : chosen ? 'circle' : 'circle-open', line: { width: 2, color: byz ? RED : BLUE } });
    const pointsTrace = (byz: boolean, chosen: boolean) => {
      const idx = group(byz, chosen);
      return { type: 'scatter', mode: 'markers+text', name: `${byz ? 'Byzantine' : 'correct'}, ${chosen ? 'selected' : 'not selected'}`, x: pick(idx).map((p) => p[0]), y: pick(idx).map((p) => p[1]), text: idx.map(String), textposition: 'top right', textfont: { size: 10, color: '#555' }, marker: marker(byz, chosen), legendgroup: 'points' };
    };
    const toCorrect = segments(star, pick(fr.neighbours.filter((j) => j < nc)));
    const toByz = segments(star, pick(fr.neighbours.filter((j) => j >= nc)));
    const data: Record<string, unknown>[] = [
      { type: 'scatter', mode: 'lines', name: `i* → correct neighbour (δc = ${fr.deltaC})`, ...toCorrect, line: { color: BLUE, width: 1 }, hoverinfo: 'skip' },
      { type: 'scatter', mode: 'lines', name: `i* → Byzantine neighbour (δb = ${fr.deltaB})`, ...toByz, line: { color: RED, width: 1.5, dash: 'dot' }, hoverinfo: 'skip' },
      pointsTrace(false, true), pointsTrace(false, false), pointsTrace(true, true), pointsTrace(true, false),
      { type: 'scatter', mode: 'markers', name: `i* = ${fr.iStar} (${fr.iStarByzantine ? 'Byzantine' : 'correct'})`, x: [star[0]], y: [star[1]], marker: { size: 22, color: 'rgba(0,0,0,0)', line: { color: '#000', width: 2 } } },
      { type: 'scatter', mode: 'markers', name: 'μ(i*): mean of its correct neighbours', x: [fr.mu[0]], y: [fr.mu[1]], marker: { symbol: 'cross', size: 12, color: '#009E73' } },
      ...(fr.zeta !== null ? [{ type: 'scatter', mode: 'markers', name: `ζ(i*) = ${fr.zeta}: a farther correct worker`, x: [fr.points[fr.zeta][0]], y: [fr.points[fr.zeta][1]], marker: { symbol: 'square-open', size: 18, color: '#E69F00', line: { width: 2 } } }] : []),
      { type: 'scatter', mode: 'markers', name: 'MULTI-KRUM output', x: [fr.aggregate[0]], y: [fr.aggregate[1]], marker: { symbol: 'diamond', size: 12, color: '#CC79A7' } },
      { type: 'bar', name: 'scores (filled: selected)', xaxis: 'x2', yaxis: 'y2', x: all.map(String), y: fr.scores, marker: { color: all.map((i) => (sel.has(i) ? (i >= nc ? RED : BLUE) : '#fff')), line: { color: all.map((i) => (i >= nc ? RED : BLUE)), width: 2 } }, showlegend: true },
      { type: 'scatter', mode: 'lines', name: 'score of i* (selection threshold)', xaxis: 'x2', yaxis: 'y2', x: ['0', String(o.n - 1)], y: [fr.scores[fr.iStar], fr.scores[fr.iStar]], line: { color: '#000', dash: 'dash', width: 1 } },
    ];
    return {
      label: `${fr.distance}`,
      title: `Byzantine at distance ${fr.distance} from g: i* = ${fr.iStar} (${fr.iStarByzantine ? 'Byzantine' : 'correct'}), δc(i*) = ${fr.deltaC}, δb(i*) = ${fr.deltaB}`,
      data,
    };
  });
  const xs = frames.flatMap((f) => f.points.map((p) => p[0]));
  const ys = frames.flatMap((f) => f.points.map((p) => p[1]));
  const layout = paperLayout('', 'gradient coordinate 1', 'gradient coordinate 2', {
    // Beneath the plots, top to bottom: the axis titles, the slider, then the legend (three rows), each clear of the next.
    width: 980, height: 720, margin: { l: 70, r: 20, t: 60, b: 250 },
    legend: { orientation: 'h', x: 0, y: -0.46, xanchor: 'left', yanchor: 'top', font: { size: 11 } },
    sliders: [{ y: -0.16, yanchor: 'top', pad: { t: 10 } }],
  });
  Object.assign(layout.xaxis as object, { domain: [0, 0.55], range: [Math.min(...xs) - 0.7, Math.max(...xs) + 0.7] });
  Object.assign(layout.yaxis as object, { range: [Math.min(...ys) - 0.7, Math.max(...ys) + 0.7], scaleanchor: 'x' });
  layout.xaxis2 = { ...(layout.xaxis as object), domain: [0.65, 1], anchor: 'y2', title: { text: 'worker index (Byzantine: last f here)' }, range: undefined, type: 'category' };
  layout.yaxis2 = { ...(layout.yaxis as object), anchor: 'x2', title: { text: `score: sum of squared distances to the k = ${k} nearest` }, range: undefined, scaleanchor: undefined, type: 'log' };
  return sliderFigure('lemma1-neighbourhood', `MULTI-KRUM's i* and its neighbours (n = ${o.n}, f = ${o.f}, m = k = ${k})`, 'distance of the Byzantine vectors from g', sliderFrames, layout);
}
