import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FigureSpec } from '../claims/types';
import { CHROMIUM_STEP_MS, launchOfflineChromium, withTimeout } from './chromium';

/** What rendering figures to files did: how many, or why not (one line). */
export interface ImageOutcome {
  rendered: number;
  notice?: string;
}

/**
 * Writes each figure as `<id>.svg` and `<id>.png` into `folder`, drawn by
 * Plotly.toImage in headless Chromium from the same inlined plotly bundle as
 * index.html. Never throws: when Chromium (or playwright-core) is missing or
 * fails, it returns a one-line notice and the rest of the report is written.
 */
export async function renderFigureImages(figures: readonly FigureSpec[], folder: string, plotlyFile: string): Promise<ImageOutcome> {
  if (figures.length === 0) return { rendered: 0 };
  let session;
  try {
    session = await launchOfflineChromium();
  } catch (error) {
    return { rendered: 0, notice: `figures not rendered to SVG/PNG: ${(error as Error).message.split('\n')[0]}` };
  }
  const written: string[] = [];
  try {
    fs.mkdirSync(folder, { recursive: true });
    const step = <T>(p: Promise<T>, what: string) => withTimeout(p, CHROMIUM_STEP_MS, what);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const page: any = await step(session.context.newPage(), 'opening a page');
    await step(page.setContent('<!DOCTYPE html><html><body><div id="scratch"></div></body></html>'), 'loading the page');
    await step(page.addScriptTag({ path: plotlyFile }), 'loading plotly.js');
    let rendered = 0;
    for (const f of figures) {
      const width = Number(f.layout.width) || 760;
      const height = Number(f.layout.height) || 440;
      const urls = (await step(page.evaluate(
        async ({ spec, width, height }: { spec: { data: unknown[]; layout: Record<string, unknown> }; width: number; height: number }) => {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          const P = (globalThis as any).Plotly;
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          const el = (globalThis as any).document.getElementById('scratch');
          await P.newPlot(el, spec.data, spec.layout);
          const svg = await P.toImage(el, { format: 'svg', width, height });
          const png = await P.toImage(el, { format: 'png', width, height, scale: 2 });
          P.purge(el);
          return { svg, png };
        },
        { spec: { data: f.data, layout: f.layout }, width, height },
      ), `drawing figure ${f.id}`)) as { svg: string; png: string };
      written.push(path.join(folder, `${f.id}.svg`), path.join(folder, `${f.id}.png`));
      fs.writeFileSync(written[written.length - 2], decodeURIComponent(urls.svg.replace(/^data:image\/svg\+xml,/, '')));
      fs.writeFileSync(written[written.length - 1], Buffer.from(urls.png.replace(/^data:image\/png;base64,/, ''), 'base64'));
      rendered++;
    }
    return { rendered };
  } catch (error) {
    // No half set of images: the report is written without any (the figures' JSON beside them stays).
    for (const file of written) fs.rmSync(file, { force: true });
    return { rendered: 0, notice: `figures not rendered to SVG/PNG, the report has none: Chromium failed (${(error as Error).message.split('\n')[0]})` };
  } finally {
    await session.close();
  }
}
