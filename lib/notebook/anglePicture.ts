/**
 * Figure 2 of the paper (L2.5) in the plane: beyond the horizon ‖x‖² > D the
 * gradient ∇Q(x) makes an angle at most β with x (assumption (v)), and
 * E MK makes an angle at most α with ∇Q(x) (Lemma 1's cone), so the angle
 * between x and E MK is at most α + β; when α + β < π/2,
 *
 *     ⟨x, E MK⟩ >= ‖x‖ ‖E MK‖ cos(α + β) > 0,
 *
 * and the step −γ E MK points back towards the origin. The figure draws x,
 * the cone of half-angle β around x where ∇Q(x) may lie, the worst ∇Q(x) on
 * its edge, the cone of half-angle α around that gradient where E MK may lie,
 * and the worst E MK, at angle α + β from x. One slider frame per α, β fixed.
 *
 * Pure geometry: no Monte Carlo, the registry's L2.5 checks measure it.
 *
 * @example angleConditionFrames(Math.PI / 6, [0.1, 0.5, 1.2]) // worst angle α + β and its cosine per frame
 */
import type { FigureSpec } from '../claims/types';
import { paperLayout } from '../figures/layout';
import { sliderFigure, type SliderFrame } from './sliderFigure';

export interface AngleFrame {
  alpha: number;
  beta: number;
  /** α + β, the largest angle between x and E MK. */
  worstAngle: number;
  /** cos(α + β): positive exactly when the condition of L2.5 holds. */
  cosine: number;
}

/** The numbers of each frame. */
export function angleConditionFrames(beta: number, alphas: readonly number[]): AngleFrame[] {
  return alphas.map((alpha) => ({ alpha, beta, worstAngle: alpha + beta, cosine: Math.cos(alpha + beta) }));
}

const deg = (r: number) => `${((r * 180) / Math.PI).toFixed(0)}°`;
const ray = (angle: number, r: number) => [r * Math.cos(angle), r * Math.sin(angle)];

/** The slider figure of {@link angleConditionFrames}: x along the horizontal axis, angles counter-clockwise. */
export function angleConditionFigure(beta = Math.PI / 6, alphas: readonly number[] = [0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4].map((a) => (a * Math.PI) / 3)): FigureSpec {
  const frames: SliderFrame[] = angleConditionFrames(beta, alphas).map((fr) => {
    const wedge = (centre: number, half: number, r: number, from: [number, number] = [0, 0]) => {
      const pts = Array.from({ length: 41 }, (_, i) => centre - half + (2 * half * i) / 40).map((t) => [from[0] + r * Math.cos(t), from[1] + r * Math.sin(t)]);
      return { x: [from[0], ...pts.map((p) => p[0]), from[0]], y: [from[1], ...pts.map((p) => p[1]), from[1]] };
    };
    const cx = wedge(0, fr.beta, 1.6);
    const cg = wedge(fr.beta, fr.alpha, 1.3);
    const [gx, gy] = ray(fr.beta, 1.2);
    const [mx, my] = ray(fr.worstAngle, 1.0);
    const ok = fr.cosine > 0;
    return {
      label: deg(fr.alpha),
      title: `Figure 2 / L2.5: β = ${deg(fr.beta)}, α = ${deg(fr.alpha)}; worst angle(x, E MK) = α + β = ${deg(fr.worstAngle)}, cos = ${fr.cosine.toFixed(3)} ${ok ? '> 0: the step points inwards' : '<= 0: the condition fails'}`,
      data: [
        { type: 'scatter', mode: 'lines', name: '∇Q(x) within β of x (assumption (v))', x: cx.x, y: cx.y, fill: 'toself', fillcolor: 'rgba(0, 158, 115, 0.12)', line: { color: '#009E73', width: 1 } },
        { type: 'scatter', mode: 'lines', name: 'E MK within α of ∇Q(x) (Lemma 1)', x: cg.x, y: cg.y, fill: 'toself', fillcolor: 'rgba(0, 114, 178, 0.12)', line: { color: '#0072B2', width: 1 } },
        { type: 'scatter', mode: 'lines+markers', name: 'x_t (outside the horizon ‖x‖² > D)', x: [0, 1.5], y: [0, 0], line: { color: 'black', width: 3 }, marker: { size: [1, 10], color: 'black' } },
        { type: 'scatter', mode: 'lines+markers', name: 'worst ∇Q(x): angle β from x', x: [0, gx], y: [0, gy], line: { color: '#009E73', width: 3 }, marker: { size: [1, 10], color: '#009E73' } },
        { type: 'scatter', mode: 'lines+markers', name: 'worst E MK: angle α + β from x', x: [0, mx], y: [0, my], line: { color: ok ? '#0072B2' : '#D55E00', width: 3 }, marker: { size: [1, 10], color: ok ? '#0072B2' : '#D55E00' } },
        { type: 'scatter', mode: 'lines', name: 'orthogonal to x (angle π/2)', x: [0, 0], y: [-0.2, 1.7], line: { color: '#888', dash: 'dot' } },
      ],
    };
  });
  const layout = paperLayout('', 'component along x_t', 'component orthogonal to x_t', { height: 560, width: 860, legend: { orientation: 'v', x: 1.02, y: 1 }, margin: { l: 70, r: 260, t: 60, b: 60 } });
  Object.assign(layout.xaxis as object, { range: [-1.2, 1.8] });
  Object.assign(layout.yaxis as object, { range: [-0.4, 1.8], scaleanchor: 'x' });
  return sliderFigure('figure-2-angle-condition', 'Figure 2 / L2.5: the angle condition', 'α', frames, layout, 2);
}
