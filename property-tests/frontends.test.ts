/**
 * The notebooks' figures draw in real Jupyter front ends, in a real browser.
 *
 * The test starts real servers — JupyterLab (which also serves Notebook 7)
 * from the project-local `.venv-jupyter/` (pip), and Debian's classic
 * `jupyter-notebook` (Notebook 6) — each on 127.0.0.1 at a free port, with a
 * random token, `--no-browser`, and every Jupyter folder (and HOME) inside
 * build/frontends/. It serves the executed copy of each notebook (the one
 * the notebook test produced in build/notebooks/, so no kernel re-runs a
 * cell here), marked trusted as `jupyter trust` does (Jupyter runs the
 * scripts of HTML outputs only in trusted notebooks), and opens it in
 * headless Chromium in each front end, with every request that leaves the
 * machine failing (and recorded).
 *
 * Passing means, for each notebook and front end: every cell is on the
 * page, every figure the executed notebook holds (its figure containers,
 * counted in the .ipynb's outputs) became a Plotly plot with its SVG drawn,
 * none reported "plotly.js did not load", no page error came from a figure,
 * and no request left the machine. A fixture notebook also checks that the
 * test can tell a blank figure: a figure in the old style (container found
 * through `document.currentScript`) stays blank in the classic notebook,
 * beside a current one that draws (in JupyterLab and Notebook 7 both draw,
 * so the control runs in the classic notebook only).
 *
 * Each front end opens the notebooks of FRONTEND_SAMPLE (below), which
 * together hold every kind of output that any notebook holds: a last test
 * checks it on the executed notebooks and names the kind and the notebook
 * to add when a notebook gains a new kind (support/outputKinds.ts).
 * Every notebook's figures are also drawn from its HTML export by
 * browser.test.ts. AGGREGATHOR_FRONTENDS_EVERY=1 opens every notebook in
 * every front end.
 *
 * Screenshots (the first figure of each notebook, scrolled into view, in
 * each front end) go to build/screenshots/frontends/. The output names the
 * front ends that ran. Servers and the browser are stopped in `after`, and
 * on process exit whatever is left is killed.
 *
 * Skips with one line only when a front end is missing and this is not CI
 * (CI=true); in CI a missing front end is a failure (`npm test` installs
 * them as root: scripts/ensure-deps.sh --frontends).
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { figureHtml, plotlyScriptHtml } from '../lib/notebook/display';
import { chromiumMissing } from './support/chromium';
import { availableFrontEnds, cellsInNotebook, figuresInNotebook, startJupyterServer, trustNotebooks, type FrontEnd, type JupyterServer, type ServerKind } from './support/jupyterServers';
import { launchLocalChromium, type LocalChromium } from './support/localChromium';
import { describeFailure, executeUnclaimed, executedNotebook, jupyterMissing, notebookPaths, ROOT, type NotebookRecord } from './support/notebooks';
import { kindsMissedBy, outputKinds } from './support/outputKinds';

/** The page's DOM as the callbacks below use it (they run in Chromium; this project compiles without the DOM library). */
interface PageElement {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  scrollIntoView(options?: unknown): void;
  textContent: string | null;
}
declare const document: { querySelectorAll(selector: string): ArrayLike<PageElement>; querySelector(selector: string): PageElement | null };

const inCI = Boolean(process.env.CI) && process.env.CI !== 'false';
const WORK = path.join(ROOT, 'build', 'frontends');
const SERVED = path.join(WORK, 'notebooks');
const STATE = path.join(WORK, 'jupyter');
const SCREENSHOTS = path.join(ROOT, 'build', 'screenshots', 'frontends');
/** How long one notebook may take to show all its cells and figures. */
const PAGE_TIMEOUT_MS = Number(process.env.AGGREGATHOR_FRONTEND_PAGE_MS) || 120_000;

const { frontEnds, missing } = availableFrontEnds();
const noChromium = chromiumMissing();
const noJupyter = jupyterMissing();
const whyNot = noChromium ?? noJupyter ?? (missing.length ? missing.join('; ') : null);

/**
 * The notebooks each front end opens. A front end draws every notebook's outputs with the same code (its output
 * area, its HTML sanitizer and the trust of scripts), so what can differ between notebooks is the kind of output:
 * these four hold every kind that the eleven hold (MIME types, HTML elements, Plotly trace types, layout features
 * and axis types; the last test below checks it), and 01-eta is also the largest page (44 cells, 20 figures, a
 * slider). Four instead of eleven in JupyterLab and the classic notebook is 14 page loads fewer (two more in Notebook 7).
 */
const FRONTEND_SAMPLE = ['00-tour', '01-eta', '03-moments', '10-robustness'];
const EVERY_FRONT_END = process.env.AGGREGATHOR_FRONTENDS_EVERY === '1';

/** Where each front end keeps a notebook's cells (the notebook's own cells, not the file browser's). */
const CELL_SELECTOR: Record<FrontEnd['name'], string> = {
  jupyterlab: '.jp-NotebookPanel .jp-Notebook .jp-Cell',
  notebook7: '.jp-NotebookPanel .jp-Notebook .jp-Cell',
  classic: '#notebook-container > .cell',
};

interface PageCount {
  cells: number;
  containers: number;
  plots: number;
  drawn: number;
  notLoaded: number;
  /** Per container, in page order: did it draw? */
  drawnByContainer: boolean[];
}

/** Counts cells, figure containers and drawn plots on the page. */
function countOnPage(page: Page, cellSelector: string): Promise<PageCount> {
  return page.evaluate((sel) => {
    const containers = Array.from(document.querySelectorAll('.aggregathor-figure'));
    const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
    return {
      cells: document.querySelectorAll(sel).length,
      containers: containers.length,
      plots: plots.length,
      drawn: plots.filter((p) => p.querySelector('svg.main-svg')).length,
      // The note is written into the plot div (the container's own text includes its script's source).
      notLoaded: containers.filter((c) => /plotly\.js did not load/.test(c.querySelector('.aggregathor-plot')?.textContent ?? '')).length,
      drawnByContainer: containers.map((c) => Boolean(c.querySelector('.js-plotly-plot svg.main-svg'))),
    };
  }, cellSelector);
}

/** Opens a URL and waits until `cells` cells and `figures` drawn plots are on the page (or the timeout); returns the counts and page errors. */
async function openAndCount(page: Page, url: string, frontEnd: FrontEnd, cells: number, figures: number): Promise<PageCount & { pageErrors: string[]; ms: number }> {
  const started = Date.now();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: PAGE_TIMEOUT_MS });
  const sel = CELL_SELECTOR[frontEnd.name];
  await page
    .waitForFunction(
      ([s, c, f]) => {
        const drawn = Array.from(document.querySelectorAll('.js-plotly-plot')).filter((p) => p.querySelector('svg.main-svg')).length;
        return document.querySelectorAll(s).length >= c && drawn >= f;
      },
      [sel, cells, figures] as const,
      { timeout: PAGE_TIMEOUT_MS, polling: 250 },
    )
    .catch(() => undefined);
  return { ...(await countOnPage(page, sel)), pageErrors, ms: Date.now() - started };
}

/** A screenshot of the page with its first figure scrolled into view; the path relative to the clone. */
async function screenshotFirstFigure(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => document.querySelector('.js-plotly-plot')?.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(300);
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return path.relative(ROOT, file);
}

/**
 * The figure script as it was before this test existed: it found its
 * container through `document.currentScript`, which the classic notebook
 * does not set to the output's script. Kept here as the negative control.
 */
function currentScriptFigureHtml(title: string): string {
  const spec = JSON.stringify({ data: [{ type: 'bar', x: ['a', 'b'], y: [2, 1] }], layout: { title: { text: title } } });
  return (
    '<div class="aggregathor-figure" data-figure-id="legacy"><div class="aggregathor-plot" style="width: 100%; min-height: 450px;"></div>' +
    '<script type="text/javascript">(function () {' +
    ' var container = document.currentScript && document.currentScript.parentElement; if (!container) return;' +
    " var target = container.querySelector('.aggregathor-plot'); var spec = " + spec + ';' +
    ' (function draw() { if (window.Plotly) { window.Plotly.newPlot(target, spec.data, spec.layout); return; } setTimeout(draw, 50); })();' +
    '})();</script></div>'
  );
}

/** A two-cell notebook: plotly.js, then a current figure and an old-style one, as tslab would have saved them. */
function controlNotebook(): object {
  const html = (s: string) => ({ output_type: 'display_data', data: { 'text/html': s }, metadata: {} });
  return {
    cells: [
      { cell_type: 'markdown', id: 'about', metadata: {}, source: 'Negative control: the second figure finds its container through `document.currentScript`.' },
      {
        cell_type: 'code',
        id: 'figures',
        metadata: {},
        execution_count: 1,
        source: 'plot(current); plot(legacy);',
        outputs: [html(plotlyScriptHtml()), html(figureHtml({ id: 'current', title: 'found by its element id', data: [{ type: 'bar', x: ['a', 'b'], y: [1, 2] }], layout: {} })), html(currentScriptFigureHtml('found through document.currentScript'))],
      },
    ],
    metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

describe('notebook figures draw in real Jupyter front ends', { skip: whyNot && !inCI ? `skipped: ${whyNot}` : false, concurrency: 1 }, () => {
  let browser: LocalChromium | undefined;
  const servers = new Map<ServerKind, Promise<JupyterServer>>();
  const kinds = [...new Set(frontEnds.map((f) => f.server))];
  /** Per notebook: its executed, trusted copy in the served folder, once. */
  const prepared = new Map<string, Promise<{ record: NotebookRecord; file: string; figures: number; cells: number }>>();

  function server(kind: ServerKind): Promise<JupyterServer> {
    let s = servers.get(kind);
    if (!s) {
      s = startJupyterServer(kind, SERVED, STATE);
      servers.set(kind, s);
    }
    return s;
  }

  function prepare(notebook: string) {
    let p = prepared.get(notebook);
    if (!p) {
      p = (async () => {
        const record = await executedNotebook(notebook);
        assert.ok(record.ipynb && existsSync(record.ipynb), `no executed copy of ${path.basename(notebook)}:\n${describeFailure(record)}`);
        const file = path.join(SERVED, path.basename(notebook));
        copyFileSync(record.ipynb, file);
        trustNotebooks([file], STATE, kinds);
        return { record, file, figures: figuresInNotebook(file), cells: cellsInNotebook(file) };
      })();
      prepared.set(notebook, p);
    }
    return p;
  }

  before(async () => {
    rmSync(WORK, { recursive: true, force: true });
    rmSync(SCREENSHOTS, { recursive: true, force: true });
    mkdirSync(SERVED, { recursive: true });
    if (whyNot) return;
    // Execute the sample's notebooks, then the others from the last one back, unless another test process has:
    // browser.test.ts executes from the first one on, so the two take different notebooks at once.
    const names = (p: string) => path.basename(p, '.ipynb');
    const sample = notebookPaths().filter((p) => FRONTEND_SAMPLE.includes(names(p)));
    void executeUnclaimed([...sample, ...notebookPaths().filter((p) => !sample.includes(p)).reverse()]);
    // Servers start while the first notebook is (perhaps) still being executed.
    for (const kind of kinds) server(kind).catch(() => undefined);
    browser = await launchLocalChromium({ viewport: { width: 1280, height: 900 } });
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await Promise.all([...servers.values()].map((s) => s.then((x) => x.stop(), () => undefined)));
  });

  test('every front end is installed (JupyterLab and Notebook 7 from pip, the classic notebook from Debian)', (t) => {
    assert.equal(whyNot, null, `${whyNot}; CI must install them (bash scripts/ensure-deps.sh --frontends)`);
    const names = notebookPaths().map((p) => path.basename(p, '.ipynb'));
    assert.deepEqual(FRONTEND_SAMPLE.filter((n) => !names.includes(n)), [], 'FRONTEND_SAMPLE names notebooks that exist');
    t.diagnostic(`front ends: ${frontEnds.map((f) => f.label).join('; ')}; each opens ${EVERY_FRONT_END ? 'every notebook' : FRONTEND_SAMPLE.join(', ')}`);
  });

  // Only where the old figure fails: in JupyterLab and Notebook 7 both figures draw, which the notebooks below show anyway.
  describe('control: a figure that looks for document.currentScript stays blank in the classic notebook, beside one that draws', () => {
    for (const frontEnd of frontEnds.filter((f) => f.name === 'classic')) {
      test(frontEnd.label, async (t) => {
        assert.ok(browser, 'Chromium did not start');
        const file = path.join(SERVED, 'control-current-script.ipynb');
        if (!existsSync(file)) {
          writeFileSync(file, JSON.stringify(controlNotebook()));
          trustNotebooks([file], STATE, kinds);
        }
        const s = await server(frontEnd.server);
        const page = await browser.context.newPage();
        try {
          let count = await openAndCount(page, s.pageUrl(frontEnd.name, path.basename(file)), frontEnd, 2, 1);
          // Give the old-style figure every chance to draw before calling it blank.
          count = { ...count, ...(await page.waitForTimeout(3000).then(() => countOnPage(page, CELL_SELECTOR.classic))) };
          assert.equal(count.containers, 2, 'both figure containers are on the page');
          assert.equal(count.drawnByContainer[0], true, 'the figure found by its element id draws');
          assert.equal(count.drawnByContainer[1], false, 'the classic notebook does not set document.currentScript, so the old figure stays blank: the count below would see it');
          t.diagnostic(`element-id figure drawn: ${count.drawnByContainer[0]}; currentScript figure drawn: ${count.drawnByContainer[1]} (${count.ms} ms)`);
        } finally {
          await page.close();
          await s.shutdownKernels();
        }
      });
    }
  });

  for (const notebook of notebookPaths().filter((p) => EVERY_FRONT_END || FRONTEND_SAMPLE.includes(path.basename(p, '.ipynb')))) {
    const name = path.basename(notebook, '.ipynb');
    describe(name, () => {
      for (const frontEnd of frontEnds) {
        test(frontEnd.label, async (t) => {
          assert.ok(browser, 'Chromium did not start');
          const { record, figures, cells } = await prepare(notebook);
          const s = await server(frontEnd.server);
          const before = browser.outsideRequests.length;
          const page = await browser.context.newPage();
          try {
            const count = await openAndCount(page, s.pageUrl(frontEnd.name, path.basename(notebook)), frontEnd, cells, figures);
            const figureErrors = count.pageErrors.filter((e) => /plotly|aggregathor|newPlot/i.test(e));
            assert.equal(count.cells, cells, `cells on the page vs cells in the executed notebook (${frontEnd.label})`);
            assert.equal(count.containers, figures, 'figure containers on the page vs in the executed notebook');
            assert.equal(count.notLoaded, 0, `figures that say plotly.js did not load (is the notebook trusted?); page errors: ${count.pageErrors.join(' | ') || 'none'}`);
            assert.equal(count.drawn, figures, `plots drawn (with their SVG) vs figures in the executed notebook (${frontEnd.label})`);
            assert.equal(count.plots, figures, 'Plotly plots on the page vs figures in the executed notebook');
            assert.deepEqual(figureErrors, [], 'page errors from the figures');
            const shot = figures > 0 ? await screenshotFirstFigure(page, `${name}-${frontEnd.name}`) : 'none (no figure)';
            t.diagnostic(`${count.drawn} of ${figures} figures drawn, ${count.cells} cells, ${count.ms} ms; screenshot ${shot}${count.pageErrors.length ? `; other page errors: ${count.pageErrors.join(' | ')}` : ''}`);
            if (!record.ok) t.diagnostic(`note: ${name} did not run to the end (see the notebooks test); its outputs so far were checked`);
          } finally {
            await page.close();
            await s.shutdownKernels();
          }
          assert.deepEqual(browser.outsideRequests.slice(before), [], 'requests that left the machine');
        });
      }
    });
  }
  test('the notebooks opened hold every kind of output that any executed notebook holds', async (t) => {
    const kindsByNotebook = new Map<string, Set<string>>();
    for (const notebook of notebookPaths()) {
      const record = await executedNotebook(notebook);
      assert.ok(record.ipynb && existsSync(record.ipynb), `no executed copy of ${path.basename(notebook)}:\n${describeFailure(record)}`);
      kindsByNotebook.set(path.basename(notebook, '.ipynb'), outputKinds(record.ipynb));
    }
    const opened = EVERY_FRONT_END ? [...kindsByNotebook.keys()] : FRONTEND_SAMPLE;
    const missed = [...kindsMissedBy(opened, kindsByNotebook)].map(([kind, names]) => `${kind} (in ${names.join(', ')})`);
    assert.deepEqual(missed, [], 'kinds of output no front end met: add one of the named notebooks to FRONTEND_SAMPLE');
    const all = new Set([...kindsByNotebook.values()].flatMap((k) => [...k]));
    t.diagnostic(`${all.size} kinds of output in ${kindsByNotebook.size} notebooks, all met by ${opened.join(', ')}`);
  });
});
