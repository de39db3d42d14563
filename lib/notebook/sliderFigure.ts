/**
 * A Plotly figure with a slider over precomputed frames — what a notebook
 * offers instead of widgets (tslab has none, and an exported page has no
 * kernel). Every frame's traces are in `data`; frame 0's are visible, and
 * slider step i sets `visible` so that only frame i's traces show (Plotly's
 * `update` method, which also swaps the title). Everything lives in `data`
 * and `layout`, so {@link figureHtml} draws it unchanged, offline, in
 * JupyterLab, VS Code and an HTML export.
 *
 * Why `visible` rather than Plotly animation frames: `Plotly.newPlot(div,
 * data, layout)` ignores frames, and restyling by visibility keeps every
 * frame's traces (legend names, hover text) exactly as built.
 *
 * @example
 * sliderFigure('demo', 'y = a·x', 'a', [1, 2].map((a) => ({ label: `${a}`, data: [{ type: 'scatter', x: [0, 1], y: [0, a] }] })), {})
 * // → 2 traces, trace 0 visible; layout.sliders[0].steps[1].args[0].visible = [false, true]
 */
import type { FigureSpec } from '../claims/types';

/** One precomputed state of a figure. */
export interface SliderFrame {
  /** The slider tick label, e.g. `d = 3`. */
  label: string;
  /** The traces of this state. */
  data: Record<string, unknown>[];
  /** Title while this frame shows (default: the figure title and the label). */
  title?: string;
}

export function sliderFigure(id: string, title: string, sliderLabel: string, frames: readonly SliderFrame[], layout: Record<string, unknown>, active = 0): FigureSpec {
  if (frames.length === 0) throw new Error('sliderFigure needs at least one frame');
  const owner: number[] = frames.flatMap((fr, i) => fr.data.map(() => i));
  const visibleFor = (i: number) => owner.map((o) => o === i);
  const titleOf = (i: number) => frames[i].title ?? `${title} — ${frames[i].label}`;
  const data = frames.flatMap((fr, i) => fr.data.map((t) => ({ ...t, visible: i === active })));
  const baseTitle = (layout.title as Record<string, unknown> | undefined) ?? {};
  // A figure may place its slider (`layout.sliders: [{ y, yanchor, pad }]`), e.g. above a legend drawn beneath it.
  const placement = ((layout.sliders as Record<string, unknown>[] | undefined) ?? [])[0] ?? {};
  return {
    id,
    title,
    data,
    layout: {
      ...layout,
      title: { ...baseTitle, text: titleOf(active) },
      sliders: [{
        ...placement,
        active,
        currentvalue: { prefix: `${sliderLabel}: `, font: { size: 13 } },
        pad: { t: 70 },
        ...(placement.pad ? { pad: placement.pad } : {}),
        steps: frames.map((fr, i) => ({ label: fr.label, method: 'update', args: [{ visible: visibleFor(i) }, { 'title.text': titleOf(i) }] })),
      }],
    },
  };
}
