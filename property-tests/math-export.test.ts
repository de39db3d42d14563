/**
 * Math in exported notebook HTML renders offline on any machine (issue 14):
 * lib/notebook/mathExport.ts typesets the `$…$` and `$$…$$` spans of markdown
 * cells with KaTeX at export time and inlines KaTeX's CSS with its fonts as
 * data: URLs. Code, code cells and escaped dollars are left alone; TeX that
 * KaTeX cannot parse is reported, not dropped. (browser.test.ts opens the real
 * exports with the network blocked and checks the formulas and the font.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { katexCss, renderMathInNotebookHtml, renderMathInText } from '../lib/notebook/mathExport';

const page = (markdown: string, code = '') =>
  `<html><head><title>t</title></head><body><div class="jp-Cell jp-MarkdownCell"><div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput " data-mime-type="text/markdown"><p>${markdown}</p><div>inner</div></div></div><div class="jp-CodeCell"><pre>${code}</pre></div></body></html>`;

test('inline and display math in markdown cells is typeset; code, code cells and escaped dollars are not', () => {
  const r = renderMathInNotebookHtml(page('Let $x_t &lt; \\eta\\sqrt{d}$ and $$\\|E\\,MK - g\\|^2 \\le \\eta^2 d\\sigma^2$$ but <code>$not math$</code> and \\$5 and 3$ apples', 'const s = `${n}$`;'));
  assert.equal(r.rendered, 2);
  assert.deepEqual(r.failed, []);
  assert.equal((r.html.match(/class="katex"/g) ?? []).length, 2);
  assert.match(r.html, /class="katex-display"/);
  assert.match(r.html, /<code>\$not math\$<\/code>/);
  assert.match(r.html, /\\\$5 and 3\$ apples/);
  assert.match(r.html, /<pre>const s = `\$\{n\}\$`;<\/pre>/);
  assert.match(r.html, /<style>[^<]*KaTeX_Main[^<]*<\/style>\n<\/head>/);
});

test('KaTeX’s stylesheet travels: fonts inlined as woff2 data: URLs, no file reference left', () => {
  const css = katexCss();
  assert.doesNotMatch(css, /url\(fonts\//);
  assert.ok((css.match(/url\(data:font\/woff2;base64,/g) ?? []).length >= 15);
});

test('TeX KaTeX cannot parse is reported and left as written', () => {
  const failed: string[] = [];
  const r = renderMathInText('bad $\\frac{1}{$ good $a^2$', failed);
  assert.equal(r.rendered, 1);
  assert.deepEqual(failed, ['\\frac{1}{']);
  assert.match(r.html, /^bad \$\\frac\{1\}\{\$ good <span class="katex">/);
});

test('a page without math is returned unchanged', () => {
  const html = page('no math here', '$x$ in code');
  assert.equal(renderMathInNotebookHtml(html).html, html);
});
