/**
 * The house style of every figure: white background, boxed axes with
 * outward ticks, a serif font close to a paper's body text, the legend inside
 * the top of the plot. Pure data, so it can be merged into any Plotly layout.
 *
 * @example paperLayout('η(n, f) against n', 'n (workers)', 'η')
 */
export function paperLayout(title: string, xTitle: string, yTitle: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const axis = (text: string) => ({
    title: { text },
    showline: true,
    mirror: true,
    linecolor: '#222',
    ticks: 'outside',
    zeroline: false,
    gridcolor: '#e6e6e6',
    automargin: true,
  });
  return {
    title: { text: title, font: { size: 15 } },
    font: { family: 'Georgia, "Times New Roman", serif', size: 13, color: '#222' },
    paper_bgcolor: '#fff',
    plot_bgcolor: '#fff',
    xaxis: axis(xTitle),
    yaxis: axis(yTitle),
    legend: { orientation: 'h', x: 0, y: -0.2, xanchor: 'left', yanchor: 'top' },
    margin: { l: 70, r: 20, t: 50, b: 60 },
    width: 760,
    height: 440,
    ...extra,
  };
}

/** A colour-blind-safe palette (Okabe & Ito), cycled by series index. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'] as const;

/** The i-th palette colour. */
export function colour(i: number): string {
  return PALETTE[i % PALETTE.length];
}

/** `#rrggbb` with an alpha, as Plotly's `rgba(...)`, for confidence bands. */
export function translucent(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
