/**
 * The kinds of output an executed notebook holds, so that a test can open a
 * few notebooks in a front end and still meet every kind of output the
 * workbook's notebooks produce.
 *
 * A kind is one of:
 * - `output:<type>` and `mime:<type>` — Jupyter's output type and each MIME bundle key;
 * - `tag:<name>` — an HTML element name in a text/html output (script bodies left out);
 * - `trace:<type>` — a Plotly trace type of a figure (lib/notebook/display.ts figureHtml);
 * - `layout:<key>` — a Plotly layout key that changes what the page has to draw
 *   (sliders, menus, shapes, annotations, images, subplots), and `axis:<type>` for axis types;
 * - `config:<key>` — a Plotly config key.
 *
 * Example: a notebook whose only output is one figure of a scatter trace on a
 * log y axis has the kinds output:display_data, mime:text/html, tag:div,
 * tag:script, trace:scatter, axis:log, config:responsive, config:displaylogo.
 */
import { readFileSync } from 'node:fs';

interface NotebookOutput {
  output_type: string;
  data?: Record<string, unknown>;
}
interface NotebookFile {
  cells: { outputs?: NotebookOutput[] }[];
}

/** Layout keys whose presence changes what Plotly draws (beyond axes and titles). */
const DRAWN_LAYOUT_KEYS = ['sliders', 'updatemenus', 'shapes', 'annotations', 'images', 'grid'];

function textOf(value: unknown): string {
  return Array.isArray(value) ? value.join('') : typeof value === 'string' ? value : '';
}

/** The figure specs written by figureHtml: `var spec = {...};` inside each figure's script. */
function figureSpecs(html: string): { data?: { type?: string }[]; layout?: Record<string, unknown>; config?: Record<string, unknown> }[] {
  const specs = [];
  for (const match of html.matchAll(/var spec = (\{.*?\});\n/g)) specs.push(JSON.parse(match[1]!));
  return specs;
}

/** The kinds of output of one HTML output (see the module comment). */
export function htmlKinds(html: string): Set<string> {
  const kinds = new Set<string>();
  for (const spec of figureSpecs(html)) {
    for (const trace of spec.data ?? []) kinds.add(`trace:${trace.type ?? 'scatter'}`);
    for (const [key, value] of Object.entries(spec.layout ?? {})) {
      if (DRAWN_LAYOUT_KEYS.includes(key) && value !== undefined && !(Array.isArray(value) && value.length === 0)) kinds.add(`layout:${key}`);
      if (/^[xy]axis\d+$/.test(key)) kinds.add('layout:subplots');
      if (/^[xy]axis\d*$/.test(key) && value && typeof value === 'object' && 'type' in value) kinds.add(`axis:${String((value as { type: unknown }).type)}`);
    }
    for (const key of Object.keys(spec.config ?? {})) kinds.add(`config:${key}`);
  }
  // Element names outside scripts (plotly.js's own source holds `a<b` and strings of markup).
  const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '<script></script>');
  for (const match of markup.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)) kinds.add(`tag:${match[1]!.toLowerCase()}`);
  return kinds;
}

/** The kinds of output of an executed notebook file. */
export function outputKinds(file: string): Set<string> {
  const notebook = JSON.parse(readFileSync(file, 'utf8')) as NotebookFile;
  const kinds = new Set<string>();
  for (const cell of notebook.cells) {
    for (const output of cell.outputs ?? []) {
      kinds.add(`output:${output.output_type}`);
      for (const [mime, value] of Object.entries(output.data ?? {})) {
        kinds.add(`mime:${mime}`);
        if (mime === 'text/html') for (const kind of htmlKinds(textOf(value))) kinds.add(kind);
      }
    }
  }
  return kinds;
}

/** The kinds that some notebook has and none of `sample` has, each with the notebooks that have it. */
export function kindsMissedBy(sample: string[], kindsByNotebook: Map<string, Set<string>>): Map<string, string[]> {
  const covered = new Set<string>();
  for (const name of sample) for (const kind of kindsByNotebook.get(name) ?? []) covered.add(kind);
  const missed = new Map<string, string[]>();
  for (const [name, kinds] of kindsByNotebook) {
    for (const kind of kinds) if (!covered.has(kind)) missed.set(kind, [...(missed.get(kind) ?? []), name]);
  }
  return missed;
}
