import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Math in exported notebook HTML, rendered at export time with KaTeX (from
 * npm), its stylesheet and fonts inlined: the page shows typeset math offline
 * on any machine, with no MathJax, CDN or local file path. nbconvert leaves
 * the math of markdown cells as `$…$` / `$$…$$` text (HTML-escaped); this
 * replaces each span inside a markdown cell, outside code, with KaTeX's HTML.
 *
 * @example renderMathInText('a $x_t &lt; 1$ b') // { html: 'a <span class="katex">…</span> b', rendered: 1, failed: [] }
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const katex = () => require('katex') as { renderToString(tex: string, options: Record<string, unknown>): string };

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const unescape = (s: string) => s.replace(/&(lt|gt|amp|quot|#39|#x27);/g, (e) => ENTITIES[e]);

export interface MathOutcome {
  html: string;
  rendered: number;
  /** TeX that KaTeX could not parse (left as it was, in KaTeX's error colour). */
  failed: string[];
}

/** Renders the `$$…$$` and `$…$` spans of one HTML text fragment (no tags inside). */
export function renderMathInText(text: string, failed: string[] = []): { html: string; rendered: number } {
  let rendered = 0;
  const html = text.replace(/(?<!\\)\$\$([\s\S]+?)(?<!\\)\$\$|(?<![\\$])\$(?!\s)([^$\n]+?)(?<![\s\\])\$(?!\d)/g, (whole, display?: string, inline?: string) => {
    const tex = unescape(display ?? inline ?? '');
    try {
      const out = katex().renderToString(tex, { displayMode: display !== undefined, throwOnError: true, output: 'html', strict: false });
      rendered++;
      return out;
    } catch {
      failed.push(tex);
      return whole;
    }
  });
  return { html, rendered };
}

/** The end index (exclusive) of the element that starts at `start` (a `<div …>`), counting nested divs. */
function elementEnd(html: string, start: number): number {
  const tag = /<(\/?)div\b[^>]*>/g;
  tag.lastIndex = start;
  let depth = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return html.length;
}

/** Renders the math of every markdown cell of an nbconvert HTML export (code and pre left alone). */
export function renderMathInNotebookHtml(html: string): MathOutcome {
  const failed: string[] = [];
  let rendered = 0;
  let out = '';
  let from = 0;
  const open = /<div\b[^>]*class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>/g;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const end = elementEnd(html, m.index);
    out += html.slice(from, m.index);
    const parts = html.slice(m.index, end).split(/(<[^>]+>)/);
    let skip = 0; // inside <code> or <pre>
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (p.startsWith('<')) {
        if (/^<(code|pre)\b/i.test(p)) skip++;
        else if (/^<\/(code|pre)>/i.test(p)) skip = Math.max(0, skip - 1);
        continue;
      }
      if (skip === 0 && p.includes('$')) {
        const r = renderMathInText(p, failed);
        parts[i] = r.html;
        rendered += r.rendered;
      }
    }
    out += parts.join('');
    from = end;
    open.lastIndex = end;
  }
  out += html.slice(from);
  if (rendered > 0) out = out.replace(/<\/head>/i, `<style>${katexCss()}</style>\n</head>`);
  return { html: out, rendered, failed };
}

let css: string | undefined;

/** KaTeX's stylesheet with its woff2 fonts inlined as data: URLs (the other formats dropped). */
export function katexCss(): string {
  if (css !== undefined) return css;
  const dist = path.dirname(require.resolve('katex/dist/katex.min.css'));
  const raw = fs.readFileSync(path.join(dist, 'katex.min.css'), 'utf8');
  css = raw
    .replace(/,\s*url\(fonts\/[^)]+\.(woff|ttf)\)\s*format\("(woff|truetype)"\)/g, '')
    .replace(/url\(fonts\/([^)]+\.woff2)\)/g, (_, file: string) => `url(data:font/woff2;base64,${fs.readFileSync(path.join(dist, 'fonts', file)).toString('base64')})`);
  return css;
}
