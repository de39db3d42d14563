/**
 * The tour's interactive example: MULTI-KRUM's selection as the Byzantine
 * vectors move. n − f correct 2-D gradients G_i = g + σξ_i (one seeded stream
 * per worker) stay fixed; the f Byzantine workers all send g + t·u for a
 * direction u and a distance t that the slider walks through. Each frame runs
 * the library's `multiKrum` on `[...correct, ...byzantine]` and draws which
 * vectors were selected (filled) or not (hollow), the aggregate, and the
 * plain average for comparison.
 *
 * A reader sees the proof's mechanism: far away the Byzantine vectors have
 * large scores and are never selected; close in they can be selected, but
 * then they sit among the correct vectors and move the aggregate little.
 *
 * @example multiKrumSelectionFigure({ n: 11, f: 2, seed: 1 }).layout.sliders // one slider, a step per distance
 */
import type { FigureSpec } from '../claims/types';
import { paperLayout } from '../figures/layout';
import { sampleAround } from '../random/distributions';
import { streamFor } from '../random/stream';
import { meanOf } from '../vectors';
import { multiKrum } from '../rules/krum';
import { sliderFigure, type SliderFrame } from './sliderFigure';

export interface SelectionOptions {
  n: number;
  f: number;
  seed: number;
  sigma?: number;
  /** The true gradient (2-D). */
  g?: [number, number];
  /** Direction of the Byzantine displacement (normalised here). */
  direction?: [number, number];
  /** Distances t of the Byzantine vectors from g, one frame each. */
  distances?: number[];
}

/** One frame's numbers: which inputs MULTI-KRUM selected, and where its aggregate and the average are. */
export interface SelectionFrame {
  distance: number;
  byzantine: [number, number];
  selected: number[];
  byzantineSelected: number;
  aggregate: [number, number];
  average: [number, number];
}

/** The frames' numbers, without drawing (testable). */
export function multiKrumSelectionFrames(o: SelectionOptions): { correct: [number, number][]; frames: SelectionFrame[] } {
  const sigma = o.sigma ?? 1;
  const g = Float64Array.from(o.g ?? [2, 1]);
  const [ux, uy] = o.direction ?? [-0.6, 0.8];
  const len = Math.hypot(ux, uy);
  const distances = o.distances ?? [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6];
  const correct = Array.from({ length: o.n - o.f }, (_, i) => sampleAround(g, sigma, 'gaussian', streamFor(o.seed, 'tour-slider', 'worker', i)));
  const frames = distances.map((t) => {
    const b = Float64Array.from([g[0] + (t * ux) / len, g[1] + (t * uy) / len]);
    const inputs = [...correct, ...Array.from({ length: o.f }, () => Float64Array.from(b))];
    const mk = multiKrum(inputs, { f: o.f });
    const selected = [...mk.diagnostics.selected];
    const avg = meanOf(inputs);
    return {
      distance: t,
      byzantine: [b[0], b[1]] as [number, number],
      selected,
      byzantineSelected: selected.filter((i) => i >= o.n - o.f).length,
      aggregate: [mk.aggregate[0], mk.aggregate[1]] as [number, number],
      average: [avg[0], avg[1]] as [number, number],
    };
  });
  return { correct: correct.map((v) => [v[0], v[1]] as [number, number]), frames };
}

/** The slider figure of {@link multiKrumSelectionFrames}. */
export function multiKrumSelectionFigure(o: SelectionOptions): FigureSpec {
  const { correct, frames } = multiKrumSelectionFrames(o);
  const g = o.g ?? [2, 1];
  const sliderFrames: SliderFrame[] = frames.map((fr) => {
    const chosen = new Set(fr.selected);
    const sel = correct.filter((_, i) => chosen.has(i));
    const unsel = correct.filter((_, i) => !chosen.has(i));
    return {
      label: `${fr.distance}`,
      title: `MULTI-KRUM (n = ${o.n}, f = ${o.f}, m = k = ${o.n - o.f - 2}): Byzantine vectors at distance ${fr.distance} from g — ${fr.byzantineSelected} of ${o.f} selected`,
      data: [
        { type: 'scatter', mode: 'markers', name: 'correct, selected', x: sel.map((v) => v[0]), y: sel.map((v) => v[1]), marker: { color: '#0072B2', size: 10 } },
        { type: 'scatter', mode: 'markers', name: 'correct, not selected', x: unsel.map((v) => v[0]), y: unsel.map((v) => v[1]), marker: { color: '#0072B2', size: 10, symbol: 'circle-open', line: { width: 2 } } },
        { type: 'scatter', mode: 'markers', name: fr.byzantineSelected > 0 ? `Byzantine ×${o.f}, selected` : `Byzantine ×${o.f}, not selected`, x: [fr.byzantine[0]], y: [fr.byzantine[1]], marker: { color: '#D55E00', size: 14, symbol: fr.byzantineSelected > 0 ? 'x' : 'x-open', line: { width: 2 } } },
        { type: 'scatter', mode: 'markers', name: 'true gradient g', x: [g[0]], y: [g[1]], marker: { color: 'black', size: 14, symbol: 'star' } },
        { type: 'scatter', mode: 'markers', name: 'MULTI-KRUM output', x: [fr.aggregate[0]], y: [fr.aggregate[1]], marker: { color: '#009E73', size: 13, symbol: 'diamond' } },
        { type: 'scatter', mode: 'markers', name: 'plain average', x: [fr.average[0]], y: [fr.average[1]], marker: { color: '#CC79A7', size: 12, symbol: 'square' } },
      ],
    };
  });
  const xs = [...correct.map((v) => v[0]), ...frames.map((f) => f.byzantine[0])];
  const ys = [...correct.map((v) => v[1]), ...frames.map((f) => f.byzantine[1])];
  const pad = 1;
  const layout = paperLayout('', 'gradient coordinate 1', 'gradient coordinate 2', { height: 560, legend: { orientation: 'v', x: 1.02, y: 1 }, width: 860, margin: { l: 70, r: 200, t: 60, b: 60 } });
  Object.assign(layout.xaxis as object, { range: [Math.min(...xs) - pad, Math.max(...xs) + pad] });
  Object.assign(layout.yaxis as object, { range: [Math.min(...ys) - pad, Math.max(...ys) + pad], scaleanchor: 'x' });
  return sliderFigure('tour-multikrum-selection', 'MULTI-KRUM selection as the Byzantine vectors move', 'distance of the Byzantine vectors from g', sliderFrames, layout);
}
