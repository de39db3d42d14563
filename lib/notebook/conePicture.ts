/**
 * The picture of D3 (i) and L1.9 in the plane: the true gradient g, the ball
 * of centre g and radius η√d σ, the cone of half-angle α around g with
 * sin α = η√d σ / ‖g‖ (the ball is inscribed in the cone: its tangents from
 * the origin make the angle α with g), and E MK under each attack, estimated
 * by Monte Carlo. L1.8 puts E MK in the ball, L1.9 concludes it is in the
 * cone, so that ⟨E MK, g⟩ >= (1 − sin α)‖g‖².
 *
 * d = 2, g = (‖g‖, 0) with ‖g‖ = 1, correct vectors g + σε with Gaussian ε,
 * σ = sin α ‖g‖ / (η√2) for η under the chosen reading (default as-derived,
 * the η the proof establishes), so each slider frame is one value of sin α.
 * E MK is the mean of MULTI-KRUM (defaults m = k = n − f − 2) over `trials`
 * trials, each from its own stream `streamFor(seed, 'cone-picture', sinα, attack, trial)`.
 *
 * @example conePictureFrames({ n: 11, f: 2, seed: 1, trials: 200 }) // one frame per sin α, E MK per attack
 */
import type { FigureSpec } from '../claims/types';
import { eta, type EtaReading } from '../constants/eta';
import { makeAttack } from '../attacks/index';
import { paperLayout, traceColours } from '../figures/layout';
import { sampleAround } from '../random/distributions';
import { streamFor } from '../random/stream';
import { makeGar } from '../rules/catalogue';
import { sliderFigure, type SliderFrame } from './sliderFigure';

export interface ConePictureOptions {
  n: number;
  f: number;
  seed: number;
  trials?: number;
  sinAlphas?: number[];
  attacks?: string[];
  reading?: EtaReading;
}

export interface ConeFrame {
  sinAlpha: number;
  sigma: number;
  radius: number;
  /** E MK per attack, and whether it lies in the ball and in the cone (angle to g <= α). */
  points: { attack: string; mean: [number, number]; inBall: boolean; inCone: boolean; innerRatio: number }[];
}

const DEFAULT_ATTACKS = ['gaussian', 'sign-flip', 'alie', 'ipm', 'mimic', 'leeway'];

/** The numbers of every frame (testable without drawing). */
export function conePictureFrames(o: ConePictureOptions): ConeFrame[] {
  const trials = o.trials ?? 200;
  const reading = o.reading ?? 'as-derived';
  const d = 2;
  const g = Float64Array.from([1, 0]);
  const e = eta(o.n, o.f, o.n - o.f - 2, reading);
  const gar = makeGar('multi-krum');
  return (o.sinAlphas ?? [0.2, 0.4, 0.6, 0.8, 0.95]).map((sinAlpha) => {
    const sigma = sinAlpha / (e * Math.sqrt(d));
    const points = (o.attacks ?? DEFAULT_ATTACKS).map((name) => {
      const attack = makeAttack(name, name === 'leeway' ? { direction: 'orthogonal' } : {});
      let sx = 0, sy = 0;
      for (let t = 0; t < trials; t++) {
        const s = streamFor(o.seed, 'cone-picture', sinAlpha, name, t);
        const correct = Array.from({ length: o.n - o.f }, (_, i) => sampleAround(g, sigma, 'gaussian', s.split('worker', i)));
        const byzantine = attack.run({ correct, n: o.n, f: o.f, gar, stream: s.split('attack'), trueGradient: g });
        const out = gar.aggregate([...correct, ...byzantine], o.f);
        sx += out[0]; sy += out[1];
      }
      const mean: [number, number] = [sx / trials, sy / trials];
      const angle = Math.atan2(Math.abs(mean[1]), mean[0]);
      return { attack: name, mean, inBall: Math.hypot(mean[0] - 1, mean[1]) <= sinAlpha, inCone: mean[0] > 0 && angle <= Math.asin(sinAlpha), innerRatio: mean[0] };
    });
    return { sinAlpha, sigma, radius: sinAlpha, points };
  });
}

/** The slider figure: one frame per sin α, with the ball, the cone's two edges, g and E MK per attack. */
export function conePictureFigure(o: ConePictureOptions): FigureSpec {
  const frames = conePictureFrames(o);
  const circle = (r: number) => Array.from({ length: 121 }, (_, i) => (2 * Math.PI * i) / 120).map((t) => [1 + r * Math.cos(t), r * Math.sin(t)]);
  const slider: SliderFrame[] = frames.map((fr) => {
    const alpha = Math.asin(fr.sinAlpha);
    const reach = 2.2;
    const ball = circle(fr.radius);
    // One colour per attack, the same as in every other figure of the workbook.
    const pointColours = traceColours(fr.points.map((p) => p.attack));
    return {
      label: `${fr.sinAlpha}`,
      title: `D3 (i) / L1.9 in the plane: n = ${o.n}, f = ${o.f}, sin α = ${fr.sinAlpha} (α = ${((alpha * 180) / Math.PI).toFixed(1)}°), ${o.trials ?? 200} trials per attack`,
      data: [
        { type: 'scatter', mode: 'lines', name: 'cone of half-angle α', x: [reach * Math.cos(alpha), 0, reach * Math.cos(alpha)], y: [reach * Math.sin(alpha), 0, -reach * Math.sin(alpha)], line: { color: '#888', dash: 'dash' } },
        { type: 'scatter', mode: 'lines', name: 'ball: centre g, radius η√d σ', x: ball.map((p) => p[0]), y: ball.map((p) => p[1]), fill: 'toself', fillcolor: 'rgba(0, 114, 178, 0.10)', line: { color: '#0072B2' } },
        { type: 'scatter', mode: 'lines+markers', name: 'g', x: [0, 1], y: [0, 0], line: { color: 'black', width: 2 }, marker: { size: [1, 12], symbol: 'star', color: 'black' } },
        ...fr.points.map((p, i) => ({ type: 'scatter', mode: 'markers', name: `E MK, ${p.attack}${p.inBall ? '' : ' (outside the ball)'}`, x: [p.mean[0]], y: [p.mean[1]], marker: { size: 11, symbol: 'diamond', color: pointColours[i] } })),
      ],
    };
  });
  const layout = paperLayout('', 'component along g', 'component orthogonal to g', { height: 560, width: 860, legend: { orientation: 'v', x: 1.02, y: 1 }, margin: { l: 70, r: 230, t: 60, b: 60 } });
  Object.assign(layout.xaxis as object, { range: [-0.1, 2.1] });
  Object.assign(layout.yaxis as object, { range: [-1.1, 1.1], scaleanchor: 'x' });
  return sliderFigure('cone-picture', 'D3 (i) / L1.9 in the plane', 'sin α', slider, layout);
}
