import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FigureSpec } from '../claims/types';
import { launchOfflineChromium } from './chromium';

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
  try {
    fs.mkdirSync(folder, { recursive: true });
    const page = await session.context.newPage();
    await page.setContent('<!DOCTYPE html><html><body><div id="scratch"></div></body></html>');
    await page.addScriptTag({ path: plotlyFile });
    let rendered = 0;
    for (const f of figures) {
      const width = Number(f.layout.width) || 760;
      const height = Number(f.layout.height) || 440;
      const urls = (await page.evaluate(
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
      )) as { svg: string; png: string };
      fs.writeFileSync(path.join(folder, `${f.id}.svg`), decodeURIComponent(urls.svg.replace(/^data:image\/svg\+xml,/, '')));
      fs.writeFileSync(path.join(folder, `${f.id}.png`), Buffer.from(urls.png.replace(/^data:image\/png;base64,/, ''), 'base64'));
      rendered++;
    }
    return { rendered };
  } catch (error) {
    return { rendered: 0, notice: `figures not rendered to SVG/PNG: Chromium failed (${(error as Error).message.split('\n')[0]})` };
  } finally {
    await session.close();
  }
}
