/**
 * Figures render offline in a real browser.
 *
 * Each notebook's HTML export (build/notebooks/<name>.html, produced by the
 * notebook runner) is opened from a file:// URL in headless Chromium with
 * every http(s) request blocked. Passing means: no page errors, no request
 * left the machine, and every figure the notebook emitted (counted from the
 * executed notebook's outputs) became a Plotly plot with its SVG drawn. A
 * screenshot of each page (its top five screens), and of its first figure,
 * goes to build/screenshots/.
 *
 * A page assembled from lib/notebook/display.ts alone (plotly.js inline plus
 * two figures, one with hostile label text) is checked the same way, so the
 * display helper is tested in a browser even where Jupyter is absent.
 *
 * Skips with one line only when Chromium (or, for the notebook part,
 * Jupyter) is not installed and this is not CI (CI=true).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { figureHtml, plotlyScriptHtml } from '../lib/notebook/display';
import { chromiumMissing, launchChromium, type OfflineChromium } from './support/chromium';
import { describeFailure, executeUnclaimed, executedNotebook, jupyterMissing, notebookPaths, ROOT } from './support/notebooks';

/** The page's DOM as the callbacks below use it (they run in Chromium; this project compiles without the DOM library). */
interface PageElement {
  querySelector(selector: string): PageElement | null;
  textContent: string | null;
}
declare const document: { querySelectorAll(selector: string): ArrayLike<PageElement>; querySelector(selector: string): PageElement | null };

/** The number of $…$ / $$…$$ spans in a notebook's markdown cells (outside code): what the export must typeset. */
function mathInMarkdown(notebook: string): number {
  const nb = JSON.parse(readFileSync(notebook, 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] };
  return nb.cells
    .filter((c) => c.cell_type === 'markdown')
    .map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source).replace(/`[^`]*`/g, ''))
    .reduce((n, text) => n + (text.match(/\$\$[\s\S]+?\$\$|(?<![\\$])\$(?!\s)[^$\n]+?(?<![\s\\])\$(?!\d)/g)?.length ?? 0), 0);
}

const inCI = Boolean(process.env.CI) && process.env.CI !== 'false';
const noChromium = chromiumMissing();
const noJupyter = jupyterMissing();
const SCREENSHOTS = path.join(ROOT, 'build', 'screenshots');
const RENDER_TIMEOUT_MS = 60_000;
/** The height (px) of a page's screenshot: the top five screens of 900 px. */
const SCREENSHOT_MAX_HEIGHT = 4500;

interface PageReport {
  figures: number;
  plots: number;
  drawn: number;
  pageErrors: string[];
}

/** Opens a file, waits until `expected` plots have their SVG (or the timeout), and reports what is on the page. */
async function openAndCount(page: Page, file: string, expected: number): Promise<PageReport> {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
  await page
    .waitForFunction(
      (n) => Array.from(document.querySelectorAll('.js-plotly-plot')).filter((p) => p.querySelector('.main-svg')).length >= n,
      expected,
      { timeout: RENDER_TIMEOUT_MS },
    )
    .catch(() => undefined);
  const counts = await page.evaluate(() => ({
    figures: document.querySelectorAll('.aggregathor-figure').length,
    plots: document.querySelectorAll('.js-plotly-plot').length,
    drawn: Array.from(document.querySelectorAll('.js-plotly-plot')).filter((p) => p.querySelector('.main-svg')).length,
  }));
  return { ...counts, pageErrors };
}

async function screenshots(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const files = [path.join(SCREENSHOTS, `${name}.png`)];
  // The top of the page, at most five screens: a whole notebook is up to 25,000 px tall, and its PNG took
  // 5 s of the test's time (the first figure has its own screenshot below).
  const height = await page.evaluate(() => (document as unknown as { documentElement: { scrollHeight: number } }).documentElement.scrollHeight);
  await page.screenshot({ path: files[0], fullPage: true, clip: { x: 0, y: 0, width: page.viewportSize()?.width ?? 1280, height: Math.min(height, SCREENSHOT_MAX_HEIGHT) } });
  const first = page.locator('.js-plotly-plot').first();
  if ((await first.count()) > 0) {
    files.push(path.join(SCREENSHOTS, `${name}-figure-1.png`));
    await first.screenshot({ path: files[1] });
  }
  return files.map((f) => path.relative(ROOT, f));
}

describe('figures render offline in headless Chromium', { skip: noChromium && !inCI ? `skipped: ${noChromium}` : false }, () => {
  let browser: OfflineChromium | undefined;
  before(async () => {
    // Execute the notebooks in two lanes, one from the first on and one from the last back, each skipping what another
    // lane or test process has taken (frontends.test.ts starts its own from its sample): on two cores the eleven take
    // about half the time, and the exports below wait for their notebook only. Run under `npm test`, this file starts
    // long before frontends.test.ts, whose lane would come too late to help.
    if (!noChromium && !noJupyter) {
      void executeUnclaimed(notebookPaths());
      void executeUnclaimed(notebookPaths().reverse());
    }
    if (!noChromium) browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  test('Chromium is available', () => {
    assert.equal(noChromium, null, `${noChromium}; CI must install it (bash scripts/ensure-deps.sh --chromium)`);
  });

  test('a page built by lib/notebook/display.ts alone draws each figure, with no network', async (t) => {
    assert.ok(browser, 'Chromium did not start');
    const dir = path.join(ROOT, 'build', 'browser-fixtures');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'display.html');
    const hostile = '</script><script>throw new Error("escaped")</script> & <!-- η ≤ √d';
    writeFileSync(
      file,
      '<!DOCTYPE html><html><head><meta charset="utf-8"><title>display fixture</title></head><body>' +
        // Figures before plotly.js, as when a saved notebook re-renders: they must wait for it.
        figureHtml({ id: 'before', title: 'drawn before plotly.js arrives', data: [{ type: 'scatter', x: [1, 2, 3], y: [3, 1, 2], name: hostile }], layout: {} }) +
        plotlyScriptHtml() +
        figureHtml({ id: 'after', title: hostile, data: [{ type: 'bar', x: ['a', 'b'], y: [1, 2] }], layout: { xaxis: { title: { text: hostile } } } }) +
        '</body></html>',
    );
    const page = await browser.context.newPage();
    try {
      const report = await openAndCount(page, file, 2);
      assert.deepEqual(report.pageErrors, [], 'page errors');
      assert.equal(report.figures, 2);
      assert.equal(report.plots, 2);
      assert.equal(report.drawn, 2);
      // The hostile text did not end a script early (that would have thrown "escaped" above) and still reaches the plot.
      const titles = await page.evaluate(() => Array.from(document.querySelectorAll('.xtitle')).map((e) => e.textContent));
      assert.deepEqual(titles, [hostile], 'the axis title reaches the plot verbatim');
      t.diagnostic(`screenshots: ${(await screenshots(page, 'display-fixture')).join(', ')}`);
    } finally {
      await page.close();
    }
    assert.deepEqual(browser.blockedRequests, [], 'requests to the network');
  });

  describe('each notebook export', { skip: noJupyter && !inCI ? `skipped: ${noJupyter}` : false }, () => {
    for (const notebook of notebookPaths()) {
      const name = path.basename(notebook, '.ipynb');
      test(name, async (t) => {
        assert.equal(noJupyter, null, `${noJupyter}; CI must install it`);
        assert.ok(browser, 'Chromium did not start');
        const record = await executedNotebook(notebook);
        assert.ok(record.html, `no HTML export of ${name}:\n${describeFailure(record)}`);
        const blockedBefore = browser.blockedRequests.length;
        const page = await browser.context.newPage();
        try {
          const report = await openAndCount(page, path.resolve(ROOT, record.html), record.figures);
          assert.deepEqual(report.pageErrors, [], `page errors in ${record.html}`);
          assert.equal(report.figures, record.figures, 'figure containers in the export vs figures the notebook emitted');
          assert.equal(report.plots, record.figures, 'Plotly plots on the page vs figures the notebook emitted (emit figures with lib/notebook/display.ts)');
          assert.equal(report.drawn, record.figures, 'every plot has its SVG');
          // Math of the markdown cells is typeset (KaTeX, inlined at export) and its font loaded from the page itself, offline.
          const mathSpans = mathInMarkdown(notebook);
          const math = await page.evaluate(async () => {
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            const d = document as any;
            await d.fonts.ready;
            const raw = Array.from(d.querySelectorAll('.jp-RenderedMarkdown') as ArrayLike<PageElement>).filter((e) => /(^|[^\\])\$[^$\s][^$]*\$/.test((e.textContent ?? '').replace(/\s+/g, ' '))).length;
            return { katex: d.querySelectorAll('.jp-RenderedMarkdown .katex').length as number, fontLoaded: d.fonts.check('16px KaTeX_Main') && (Array.from(d.fonts) as { family: string; status: string }[]).some((f) => /KaTeX_Main/.test(f.family) && f.status === 'loaded'), raw };
          });
          if (mathSpans > 0) {
            assert.ok(math.katex >= mathSpans, `${math.katex} typeset formulas in the export, ${mathSpans} math spans in the notebook's markdown`);
            assert.ok(math.fontLoaded, 'the KaTeX font did not load from the page');
            assert.equal(math.raw, 0, 'markdown cells still showing raw $…$ math');
          }
          const shots = await screenshots(page, name);
          t.diagnostic(`${report.drawn} of ${record.figures} figures rendered; ${math.katex} formulas typeset; screenshots: ${shots.join(', ')}`);
        } finally {
          await page.close();
        }
        assert.deepEqual(browser.blockedRequests.slice(blockedBefore), [], 'requests to the network');
        // A notebook that failed still exports what ran; its failure is reported by notebooks.test.ts.
        if (!record.ok) t.diagnostic(`note: ${name} did not run to the end (see the notebooks test)`);
      });
    }
  });
});
