/**
 * Offline Plotly figures in tslab notebooks.
 *
 * tslab sends exactly one MIME type per output and the workbook may not
 * reach a CDN, so figures travel as `text/html`: {@link initPlotly} emits
 * plotly.js itself (plotly.js-dist-min, ~4.8 MB, inlined in a `<script>`)
 * once per kernel session, and each {@link plot} emits a `<div>` plus a small
 * script that waits for `window.Plotly` and draws the figure into its div.
 * That one representation renders offline in every place a reader opens a
 * notebook:
 *
 * - JupyterLab, Notebook 7 and the classic notebook (Debian's
 *   `jupyter-notebook`) run the scripts of trusted HTML outputs (outputs
 *   produced in the session are trusted; a saved notebook needs "Trust
 *   Notebook" or `jupyter trust` once);
 * - VS Code renders all outputs of a notebook in one webview with scripts
 *   enabled, so the plotly.js of the first figure serves all the others;
 * - an nbconvert HTML export copies the HTML outputs verbatim, so the page
 *   carries its own plotly.js (the browser test checks exactly this, with
 *   every http(s) request blocked).
 *
 * property-tests/frontends.test.ts opens the executed notebooks in real
 * JupyterLab, Notebook 7 and classic-notebook servers and counts the figures
 * drawn; property-tests/browser.test.ts does the same for the exports.
 *
 * Figures are pure data ({@link FigureSpec}: `{ data, layout }`), built in
 * `lib/` and testable without a browser; {@link figureHtml} is the pure
 * function from a figure to its HTML.
 *
 * @example
 * import { plot } from '../dist/lib/notebook/display';
 * plot({ id: 'demo', title: 'y = x²', data: [{ x: [0, 1, 2], y: [0, 1, 4], type: 'scatter' }], layout: {} });
 * // → one output: <div class="aggregathor-figure" data-figure-id="demo">…</div>
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { FigureSpec } from '../claims/types';

/** What {@link plot} accepts: a registry figure, or any `{ data, layout }` Plotly figure. */
export type PlotlyFigure = Pick<FigureSpec, 'data' | 'layout'> & Partial<Pick<FigureSpec, 'id' | 'title'>>;

/** The CSS class of every figure container; tests count figures by it. */
export const FIGURE_CLASS = 'aggregathor-figure';

/** The subset of tslab's `Display` this module uses. */
interface RichDisplay {
  html(s: string): void;
  markdown(s: string): void;
}

/**
 * tslab's display, loaded only when first needed so that this module also
 * loads in tests, the CLI and worker threads (outside a kernel there is
 * nothing to display to, and the error says so).
 *
 * The kernel keeps its output channel in its own copy of the `tslab` module,
 * so ask for `tslab` from the kernel's entry point first (a global tslab
 * install serving this clone's notebooks), then from here.
 */
function tslabDisplay(): RichDisplay {
  const candidates: (() => unknown)[] = [];
  const main = require.main;
  if (main && /[\\/]tslab[\\/]/.test(main.filename)) candidates.push(() => main.require('tslab'));
  candidates.push(() => require('tslab'));
  let display: RichDisplay | undefined;
  let loadError: unknown;
  for (const load of candidates) {
    try {
      display = (load() as { display: RichDisplay }).display;
      break;
    } catch (e) {
      loadError = e;
    }
  }
  // Outside a kernel, tslab loads but has no channel and throws a bare "Not ready": say what is wrong.
  const outsideKernel = (e: unknown) => new Error(`notebook output needs a running tslab kernel (${e instanceof Error ? e.message : String(e)})`);
  const send = (kind: keyof RichDisplay) => (s: string) => {
    if (!display) throw outsideKernel(loadError);
    try {
      display[kind](s);
    } catch (e) {
      throw outsideKernel(e);
    }
  };
  return { html: send('html'), markdown: send('markdown') };
}

/** Text made safe to sit inside an inline `<script>`: it may not contain `</script` or `<!--`. */
function scriptSafe(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/**
 * JSON for embedding in an inline script: `<`, `>`, `&` and the two line
 * separators JavaScript rejects in string literals are escaped, so no value
 * in a figure (a label, a hover text) can end the script early.
 */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A fresh element id for one figure container, `aggregathor-figure-` and a
 * random UUID: unique in any page the figure lands in, and made of letters,
 * digits and dashes only, so it needs no escaping in HTML or in a selector.
 *
 * @example
 * figureElementId() // 'aggregathor-figure-1b4e28ba-2fa1-11d2-883f-0016d3cca427'
 */
export function figureElementId(): string {
  return `${FIGURE_CLASS}-${randomUUID()}`;
}

/**
 * The `<script>` element that defines `window.Plotly` from the installed
 * plotly.js-dist-min bundle, with no network access.
 */
export function plotlyScriptHtml(): string {
  const source = readFileSync(require.resolve('plotly.js-dist-min'), 'utf8');
  return `<script type="text/javascript">${scriptSafe(source)}</script>`;
}

/**
 * The HTML of one figure: a container div with the figure's id, the plot
 * div, and a script that draws it once `window.Plotly` exists (plotly.js may
 * arrive in an earlier output, or later when a saved notebook is re-rendered
 * in order). After 30 s without plotly.js it writes a visible note instead
 * of failing silently.
 *
 * The script finds its div by a fresh random element id written into the
 * HTML ({@link figureElementId}), not through `document.currentScript`:
 * the classic notebook (Debian's `jupyter-notebook`, jQuery's `.html()`)
 * evaluates output scripts through a copy placed in `<head>`, so
 * `currentScript` is unset or points elsewhere there. Some front ends run the
 * script before its output is attached to the page, so the script keeps
 * looking (every 50 ms, then less often) until the div is in the document.
 * The id is random rather than counted because outputs of several kernel
 * sessions can sit in one notebook, and a count restarts with each session.
 *
 * @example
 * figureHtml({ id: 'eta', data: [{ x: [1, 2], y: [3, 4] }], layout: { title: { text: 'η' } } })
 * // '<div class="aggregathor-figure" id="aggregathor-figure-3f…" data-figure-id="eta"><div class="aggregathor-plot" …></div><script>…</script></div>'
 */
export function figureHtml(figure: PlotlyFigure): string {
  const id = figure.id ?? 'figure';
  const layout = { ...figure.layout };
  if (figure.title !== undefined && layout.title === undefined) layout.title = { text: figure.title };
  const spec = { data: figure.data, layout, config: { responsive: true, displaylogo: false } };
  const elementId = figureElementId();
  const script = [
    '(function () {',
    `  var elementId = ${jsonForScript(elementId)};`,
    `  var spec = ${jsonForScript(spec)};`,
    '  var waited = 0, delay = 50;',
    '  (function draw() {',
    '    var container = document.getElementById(elementId);',
    "    var target = container && container.querySelector('.aggregathor-plot');",
    '    if (target && window.Plotly) { window.Plotly.newPlot(target, spec.data, spec.layout, spec.config); return; }',
    '    waited += delay;',
    '    if (target && waited > 30000) {',
    "      target.textContent = 'plotly.js did not load: run initPlotly() in this notebook (and trust the notebook: JupyterLab and the classic notebook run scripts of trusted outputs only).';",
    '      return;',
    '    }',
    '    // Not yet in the page (rendered detached, or in a cell scrolled out of a windowed notebook): keep looking, less often, for 10 minutes.',
    '    if (waited > 600000) return;',
    '    if (waited > 30000) delay = 1000;',
    '    setTimeout(draw, delay);',
    '  })();',
    '})();',
  ].join('\n');
  return (
    `<div class="${FIGURE_CLASS}" id="${elementId}" data-figure-id="${escapeAttribute(id)}">` +
    '<div class="aggregathor-plot" style="width: 100%; min-height: 450px;"></div>' +
    `<script type="text/javascript">${scriptSafe(script)}</script>` +
    '</div>'
  );
}

let plotlyEmitted = false;

/**
 * Emits plotly.js into the notebook, once per kernel session (call it near
 * the top of a notebook; {@link plot} calls it on first use anyway).
 * `force` emits it again, e.g. after clearing the outputs that held it.
 */
export function initPlotly(force = false): void {
  if (plotlyEmitted && !force) return;
  tslabDisplay().html(plotlyScriptHtml());
  plotlyEmitted = true;
}

/** Displays one Plotly figure as an output of the current cell. */
export function plot(figure: PlotlyFigure): void {
  initPlotly();
  tslabDisplay().html(figureHtml(figure));
}

/** Displays Markdown (with LaTeX between `$…$`) as an output of the current cell. */
export function showMarkdown(markdown: string): void {
  tslabDisplay().markdown(markdown);
}

/** Displays raw HTML as an output of the current cell. */
export function showHtml(html: string): void {
  tslabDisplay().html(html);
}
