/**
 * The house style of every figure: white background, boxed axes with
 * outward ticks, a serif font close to a paper's body text, the legend inside
 * the top of the plot. Pure data, so it can be merged into any Plotly layout.
 *
 * @example paperLayout('η(n, f) against n', 'n (workers)', 'η')
 */
export function paperLayout(title: string, xTitle: string, yTitle: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const axis = (text: string) => ({
    title: { text: plotlyText(text) },
    showline: true,
    mirror: true,
    linecolor: '#222',
    ticks: 'outside',
    zeroline: false,
    gridcolor: '#e6e6e6',
    automargin: true,
  });
  return {
    title: { text: plotlyText(title), font: { size: 15 } },
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

/**
 * One colour per attack, the same in every figure of the report and the
 * notebooks (Okabe & Ito, then grey and Tol's wine for the last two), so a
 * reader follows an attack from figure to figure. Keys are the attack labels
 * of the Monte Carlo specs and the SGD grids.
 */
export const ATTACK_COLOUR: Readonly<Record<string, string>> = {
  none: '#7F7F7F',
  gaussian: '#56B4E9',
  'sign-flip': '#E69F00',
  alie: '#009E73',
  ipm: '#CC79A7',
  mimic: '#F0E442',
  'non-finite': '#000000',
  leeway: '#0072B2',
  adaptive: '#D55E00',
  'adaptive-distance': '#882255',
};

/** The attack a series or trace name refers to: the whole name, or one of its parts split at " / ", ": ", ", " or " (". */
export function attackNamedIn(name: string): string | undefined {
  if (name in ATTACK_COLOUR) return name;
  const parts = name.split(/ \/ |: |, | \(|\)/).map((s) => s.trim().replace(/^E MK, /, ''));
  return parts.find((p) => p in ATTACK_COLOUR);
}

/**
 * Colours for the traces of one figure: an attack's own colour when the name
 * names an attack that no other trace of the figure names (two traces of one
 * attack, e.g. two rules under it, fall back to the palette so they stay
 * distinct), else the palette by index.
 */
export function traceColours(names: readonly string[]): string[] {
  const attacks = names.map(attackNamedIn);
  const count = new Map<string, number>();
  for (const a of attacks) if (a) count.set(a, (count.get(a) ?? 0) + 1);
  return names.map((_, i) => { const a = attacks[i]; return a && count.get(a) === 1 ? ATTACK_COLOUR[a] : colour(i); });
}

/**
 * A label written with TeX-style indices (`GAR_0`, `x_t`, `x_{t+1}`, `log10`)
 * as Plotly typesets it: indices as <sub>, so a figure never shows TeX source.
 *
 * @example plotlyText('E|GAR_0 − G_0|') // 'E|GAR<sub>0</sub> − G<sub>0</sub>|'
 */
export function plotlyText(text: string): string {
  return text
    .replace(/_\{([^}]*)\}/g, '<sub>$1</sub>')
    .replace(/([A-Za-zα-ωΑ-Ω‖)])_([A-Za-z0-9]+)/g, '$1<sub>$2</sub>')
    .replace(/\blog10\b/g, 'log<sub>10</sub>');
}

type Axis = { title?: { text?: string } | string } & Record<string, unknown>;

/**
 * A check's own figure in the house style: {@link paperLayout}'s font,
 * colours, axes and legend beneath the figure's own layout (its own settings
 * win), and every title typeset with {@link plotlyText}.
 */
export function withHouseStyle<F extends { title: string; layout: Record<string, unknown> }>(figure: F): F {
  const own = figure.layout as Record<string, unknown> & { title?: { text?: string } | string };
  const base = paperLayout(figure.title, '', '');
  const layout: Record<string, unknown> = { ...base, ...own };
  const ownTitle = typeof own.title === 'string' ? own.title : own.title?.text;
  layout.title = { ...(base.title as object), text: plotlyText(ownTitle ?? figure.title) };
  for (const key of Object.keys(layout)) {
    if (!/^[xy]axis\d*$/.test(key)) continue;
    const axis = { ...((base[key] as Axis | undefined) ?? (base[key.startsWith('x') ? 'xaxis' : 'yaxis'] as Axis)), ...((own[key] as Axis | undefined) ?? {}) };
    const t = typeof axis.title === 'string' ? axis.title : axis.title?.text;
    if (t !== undefined) axis.title = { ...(typeof axis.title === 'object' ? axis.title : {}), text: plotlyText(t) };
    layout[key] = axis;
  }
  return { ...figure, layout };
}
