import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FigureSpec } from '../claims/types';
import { atlasApplies, atlasFigure, atlasFiles, buildAtlas } from './atlas';
import { bibtexFor } from './bibtex';
import { reportCitations } from './citations';
import { resultCsvFiles } from './csv';
import { packageRoot } from './environment';
import { reportHtml } from './html';
import { reportFigures } from './reportFigures';
import { renderFigureImages } from './images';
import { collectErrata, errataMarkdown, errataTex } from './proofErrata';
import { paperHtml } from './proofMapHtml';
import { customRuleTable, etaTable, verdictsTable } from './latex';
import { reportMarkdown } from './markdown';
import type { ReportModel } from './model';

/** Timings, kept out of results.json so that results.json is byte-identical across runs. */
export interface Timings {
  wallSeconds: number;
  jobs: number;
  checks: { claimId: string; check: string; reading: string; seconds: number; declaredCost: number }[];
  /** Time spent writing the report, images included. */
  reportSeconds?: number;
  /** Of which the rule atlas (the run's robustness searches read back for their witnesses, searches of its own for the other rules). */
  atlasSeconds?: number;
  finishedAt?: string;
}

/** Where the plotly bundle is, to inline it. */
export function plotlyBundlePath(): string {
  try {
    return require.resolve('plotly.js-dist-min/plotly.min.js');
  } catch {
    return path.join(packageRoot(), 'node_modules', 'plotly.js-dist-min', 'plotly.min.js');
  }
}

/** results.json exactly as written: stable key order (as built), two-space indent, final newline. */
export function resultsJson(model: ReportModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

/**
 * Writes every file of a report into `folder` (the staging folder):
 * results.json, timings.json, index.html, report.md, verdicts.tex, eta.tex,
 * your-rule.tex (with --rule), the rule atlas when the run has R1's
 * robustness searches (atlas.tex, csv/atlas.csv, witnesses/RULE-n-f-d.json),
 * references.bib, csv/*.csv, figures/*.json and, through headless Chromium
 * when installed, figures/*.svg and *.png. Returns one-line notices (e.g. no
 * Chromium) for the terminal.
 */
export async function writeReport(folder: string, model: ReportModel, timings: Timings, options: { images?: boolean } = {}): Promise<{ notices: string[]; figures: number }> {
  const started = process.hrtime.bigint();
  const notices: string[] = [];
  const write = (file: string, text: string | Buffer) => {
    const full = path.join(folder, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  };
  const plotlyFile = plotlyBundlePath();
  let plotly: string;
  try {
    plotly = fs.readFileSync(plotlyFile, 'utf8');
  } catch {
    throw new Error(`plotly.js-dist-min is not installed (looked for ${plotlyFile}); run npm install`);
  }

  write('results.json', resultsJson(model));
  // The rule atlas (lib/report/atlas.ts) when the run has the robustness searches (R1): never part of results.json.
  const atlas = atlasApplies(model) ? buildAtlas(model) : undefined;
  const atlasFig = atlas ? atlasFigure(atlas) : undefined;
  for (const f of atlas ? atlasFiles(atlas) : []) write(f.file, f.text);
  write('index.html', reportHtml(model, plotly, atlas && atlasFig ? { atlas, figure: atlasFig } : undefined));
  write('verdicts.tex', verdictsTable(model));
  if (model.proofMap) {
    // The report's errata include the registry's evidence: the full run reproduces them.
    const errata = collectErrata(model.proofMap, model.seed, model.mode, `npm start -- --seed ${model.seed}${model.mode === 'full' ? ' --full' : model.mode === 'paper' ? ' --grade paper' : ''}${model.trials ? ` --trials ${model.trials}` : ''}`);
    write('errata.md', errataMarkdown(errata));
    const tex = errataTex(errata);
    write('errata.tex', tex.text);
    if (tex.unknown.length) notices.push(`errata.tex: no LaTeX for the characters ${tex.unknown.join(' ')} (written as [U+…])`);
    write('paper.html', paperHtml(model.proofMap));
  }
  write('eta.tex', etaTable());
  const bib = bibtexFor(reportCitations(model));
  write('references.bib', bib.text);
  if (bib.unknown.length) notices.push(`references.bib: no bibliography entry for ${bib.unknown.join(', ')} (written as @misc placeholders)`);
  for (const c of model.claims) for (const r of c.results) for (const f of resultCsvFiles(r)) write(path.join('csv', f.file), f.text);
  // A researcher's rule (--rule): its table and its CSVs (named rule--<check>--…).
  const yourRule = customRuleTable(model);
  if (yourRule) write('your-rule.tex', yourRule);
  for (const r of model.customRule?.results ?? []) for (const f of resultCsvFiles(r)) write(path.join('csv', f.file), f.text);

  const { overview, byResult } = reportFigures(model);
  const figures: FigureSpec[] = [...overview, ...(atlasFig ? [atlasFig] : []), ...[...byResult.values()].flat()];
  for (const f of figures) write(path.join('figures', `${f.id}.json`), `${JSON.stringify({ data: f.data, layout: f.layout })}\n`);
  let images = false;
  if (options.images !== false) {
    const outcome = await renderFigureImages(figures, path.join(folder, 'figures'), plotlyFile);
    if (outcome.notice) notices.push(outcome.notice);
    images = outcome.rendered === figures.length && figures.length > 0;
  }
  write('report.md', reportMarkdown(model, { images, ...(atlas && atlasFig ? { atlas: { atlas, figure: atlasFig } } : {}) }));
  const finished = { ...timings, reportSeconds: Number(process.hrtime.bigint() - started) / 1e9, ...(atlas ? { atlasSeconds: atlas.seconds } : {}), finishedAt: new Date().toISOString() };
  write('timings.json', `${JSON.stringify(finished, null, 2)}\n`);
  return { notices, figures: figures.length };
}
