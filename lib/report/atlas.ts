import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CheckResult, FigureSpec } from '../claims/types';
import { ROBUSTNESS_RULES, robustnessGrid, robustnessSearch } from '../claims/checks/robustness';
import { colour, paperLayout } from '../figures/layout';
import { numberFromJson } from '../parallel/plainJson';
import type { SearchResult } from '../robustness/search';
import { replayWitness, type Witness } from '../robustness/witness';
import { CATALOGUE_RULES, CATALOGUE_RULE_NAMES, catalogueGar, displayName, parseRuleName } from '../rules/index';
import { parseSetting, toCsv } from './csv';
import { packageRoot } from './environment';
import { escapeLatex } from './latex';
import { escapeHtml } from './miniMarkdown';
import type { ReportModel } from './model';

/**
 * The rule atlas (issue 15): one row per rule of the catalogue (and per
 * composite the robustness checks measure, e.g. `nnm+multi-krum`), with what
 * the workbook knows about it, every cell filled — a value with where it came
 * from, or the reason there is none:
 *
 * - **admissible**: the rule's requirement on (n, f), the condition its
 *   AdmissibilityError names (lib/rules/index.ts);
 * - **κ̂**: the certified lower bound on its (f, κ)-robustness coefficient at
 *   the setting of the grid where κ̂ / (f/(n − 2f)) is largest, and the witness
 *   file that replays to it (`witnesses/RULE-n-f-d.json`). For the rules of
 *   {@link ROBUSTNESS_RULES} the value is R1's (registry check
 *   `every-rule`), and its witness is that search's: the atlas reads the
 *   run's `robustness-search` unit (robustnessSearch), so nothing is searched
 *   twice, and it says so if the replay ever differs from R1's table. The other catalogue rules get a
 *   search of their own on the quick grid (any mode), marked as such;
 * - **published upper bound**: none is transcribed (reference/robustness-claims.md:
 *   the papers' bodies could not be read); the cell says so;
 * - **f/(n − 2f)**: the universal lower bound at the κ̂ setting, and κ̂ over it;
 * - **Lemma 1 tightness**: ‖E GAR − g‖² / (η² d σ²) under the strongest attack,
 *   from L1's Monte Carlo (MULTI-KRUM with m = k = n − f − 2, η as derived;
 *   KRUM as m = 1 with Krum's η);
 * - **leeway exponent**: the exponent in d of the attacked coordinate's
 *   deviation at fixed total noise, strongest attack (D2, T2, T2.1);
 * - **MNIST**: final test accuracy under each attack (T1 mnist);
 * - **time per call** at (n, d) = (25, 10⁵), read from the committed bench
 *   output (bench/results.json; bench/results-catalogue.json for the
 *   catalogue's other rules), never measured during the run.
 *
 * A column whose source check did not run in this report says "not run here";
 * a rule the source check does not measure in this mode says "not measured in
 * <mode> mode". Nothing here enters results.json (its bytes depend on the seed
 * and options only).
 *
 * @example buildAtlas(model).rows.find((r) => r.rule === 'multi-krum')?.cells.kappa // '1.333 at (n, f, d) = (7, 1, 1), exact replay'
 */

/** The atlas's columns: key, header. */
export const ATLAS_COLUMNS = [
  ['rule', 'rule'],
  ['admissible', 'admissible (n, f)'],
  ['kappa', 'κ̂ (certified lower bound)'],
  ['witness', 'witness'],
  ['lowerBound', 'f/(n − 2f) at that (n, f)'],
  ['ratio', 'κ̂ / (f/(n − 2f))'],
  ['published', 'published upper bound'],
  ['lemma1', 'Lemma 1 tightness, strongest attack'],
  ['leeway', 'leeway exponent in d'],
  ['mnist', 'MNIST accuracy per attack'],
  ['time', 'time per call at (n, d) = (25, 10⁵)'],
] as const;
export type AtlasColumn = (typeof ATLAS_COLUMNS)[number][0];

/** The text of the published-bound column: nothing could be read (reference/robustness-claims.md). */
export const NOT_TRANSCRIBED = 'not transcribed: source unreadable (reference/robustness-claims.md)';

/** The κ̂ of a row, as certified by its witness file. */
export interface AtlasKappa {
  n: number;
  f: number;
  d: number;
  /** κ̂, the nearest float of the exact replay (+∞ for an exact infinite ratio). */
  value: number;
  /** κ̂ exactly: p/q or `Infinity` (the replay's text). */
  exact: string;
  certificate: 'exact' | 'implementation';
  unbounded: boolean;
  /** f/(n − 2f). */
  lowerBound: number;
  /** Relative path in the report folder, e.g. `witnesses/multi-krum-7-1-1.json`. */
  witnessFile: string;
  /** `R1` (the registry's search, run again for its witness) or `atlas` (a search of the atlas's own). */
  source: 'R1' | 'atlas';
  seed: number;
  budget: number;
  /** Settings of the grid searched for this rule. */
  settings: { n: number; f: number; d: number; kappaHat: number; unbounded: boolean }[];
}

export interface AtlasRow {
  /** Catalogue name (`multi-krum`, `nnm+multi-krum`). */
  rule: string;
  display: string;
  /** Each column's text, with its source (report.md, index.html, atlas.csv). */
  cells: Record<AtlasColumn, string>;
  /** The same, short, for the narrow columns of atlas.tex (plain text, escaped there): `n.m.` not measured, `n.r.` not run here. */
  short: Record<AtlasColumn, string>;
  kappa?: AtlasKappa;
}

/** What a witness file holds: the witness (replayWitness reads it through {@link readWitnessFile}), and what it certifies. */
export interface WitnessFile extends Omit<Witness, 'claimedRatio'> {
  /** The search's float ratio; `Infinity` as a string (JSON has none). */
  claimedRatio: number | string;
  kappaHat: { exact: string; value: number | string; certificate: 'exact' | 'implementation'; unbounded: boolean };
  search: { source: string; seed: number; budget: number; start: string };
  replay: string;
}

export interface Atlas {
  mode: string;
  seed: number;
  rows: AtlasRow[];
  witnesses: { file: string; content: WitnessFile }[];
  /** One line each: where the columns came from, and anything the atlas noticed (a replay that differs from R1's table). */
  notes: string[];
  /** Wall-clock seconds the atlas took (searches included). */
  seconds: number;
}

/** The result of a registry check in the model, or undefined when it did not run. */
function resultOf(model: ReportModel, claimId: string, check: string, reading?: string): CheckResult | undefined {
  return model.claims.find((c) => c.id === claimId)?.results.find((r) => r.check === check && (reading === undefined || r.reading === reading));
}

/** A table's rows as records keyed by column name. */
function records(r: CheckResult | undefined): Record<string, unknown>[] {
  if (!r?.table) return [];
  const cols = r.table.columns;
  return r.table.rows.map((row) => Object.fromEntries(cols.map((c, i) => [c, row[i]])));
}

/** Whether the report has the robustness search results the atlas builds on (R1 / every-rule). */
export function atlasApplies(model: ReportModel): boolean {
  return resultOf(model, 'R1', 'every-rule') !== undefined;
}

/** A number for a cell: 4 significant digits, ∞, or exponent notation when large. */
export function atlasNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x !== 0 && (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3)) return x.toExponential(2);
  return Number(x.toPrecision(4)).toString();
}

/** f/(n − 2f) in lowest terms, e.g. `2/7`. */
function fractionText(n: number, f: number): string {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const g = gcd(f, n - 2 * f) || 1;
  return n - 2 * f === g ? String(f / g) : `${f / g}/${(n - 2 * f) / g}`;
}

/** The file name of a witness: `witnesses/RULE-n-f-d.json` (`+` of a composite kept). */
export function witnessFileName(rule: string, n: number, f: number, d: number): string {
  return `witnesses/${rule}-${n}-${f}-${d}.json`;
}

function witnessContent(r: SearchResult, source: string): WitnessFile {
  return {
    ...r.witness,
    claimedRatio: Number.isFinite(r.witness.claimedRatio) ? r.witness.claimedRatio : String(r.witness.claimedRatio),
    kappaHat: { exact: r.exact, value: Number.isFinite(r.kappaHat) ? r.kappaHat : String(r.kappaHat), certificate: r.certificate, unbounded: r.unbounded },
    search: { source, seed: r.seed, budget: r.budget, start: r.start },
    replay: "replayWitness(JSON.parse(fs.readFileSync(file, 'utf8'))) (lib/robustness/witness.ts) recomputes kappaHat.exact with no rounding",
  };
}

/**
 * A witness file's text as a {@link Witness} for replayWitness; one line
 * naming what is wrong when it is not one.
 *
 * @example replayWitness(readWitnessFile(fs.readFileSync('report/witnesses/median-7-1-1.json', 'utf8'))).text
 */
export function readWitnessFile(text: string): Witness & Partial<Pick<WitnessFile, 'kappaHat' | 'search'>> {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`witness file: not JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  if (!o || typeof o !== 'object' || typeof o.rule !== 'string' || !Array.isArray(o.inputs) || !Array.isArray(o.honest)) throw new Error('witness file: needs rule, n, f, d, honest and inputs (as written by the atlas)');
  return { ...(o as unknown as Witness), claimedRatio: Number(o.claimedRatio) };
}

/** The grid setting a rule is reported at: the largest κ̂ / (f/(n − 2f)), an unbounded one first; ties to the earliest. */
function worstSetting<T extends { kappaHat: number; unbounded: boolean; n: number; f: number }>(rows: T[]): T | undefined {
  let best: T | undefined, key = -Infinity;
  for (const r of rows) {
    const k = r.unbounded ? Infinity : r.kappaHat / (r.f / (r.n - 2 * r.f));
    if (best === undefined || k > key) { best = r; key = k; }
  }
  return best;
}

interface KappaOutcome { kappa?: AtlasKappa; witness?: { file: string; content: WitnessFile }; note?: string; why?: string }

/** κ̂ for a rule R1 measured: its worst setting from R1's table, and that search's witness (the run's unit value, not a new search). */
function kappaFromR1(rule: string, r1: CheckResult, mode: ReportModel['mode']): KappaOutcome {
  const rows = records(r1).filter((x) => x.rule === rule).map((x) => ({
    n: Number(x.n), f: Number(x.f), d: Number(x.d), kappaHat: numberFromJson(x['κ̂ (certified)']), unbounded: x.unbounded === 'yes', exact: String(x['κ̂ exact']),
  }));
  const w = worstSetting(rows);
  if (!w) return { why: 'not searched by R1 in this run' };
  const budget = robustnessGrid({ mode, seed: r1.seed }).budget;
  const found = robustnessSearch(rule, w, r1.seed, budget);
  const replay = replayWitness(found.witness);
  const file = witnessFileName(rule, w.n, w.f, w.d);
  // R1's table keeps the exact value cut at 40 characters (37 and an ellipsis).
  const shown = w.exact.endsWith('…') ? w.exact.slice(0, -1) : w.exact;
  const agrees = w.exact.endsWith('…') ? replay.text.startsWith(shown) : replay.text === shown;
  return {
    kappa: { n: w.n, f: w.f, d: w.d, value: replay.value, exact: replay.text, certificate: replay.certificate, unbounded: found.unbounded, lowerBound: w.f / (w.n - 2 * w.f), witnessFile: file, source: 'R1', seed: r1.seed, budget, settings: rows.map(({ n, f, d, kappaHat, unbounded }) => ({ n, f, d, kappaHat, unbounded })) },
    witness: { file, content: witnessContent(found, `R1 every-rule: the registry's search at (n, f, d) = (${w.n}, ${w.f}, ${w.d}), the same unit`) },
    ...(agrees ? {} : { note: `${rule}: the witness replays to ${replay.text.slice(0, 40)}, R1's table shows ${w.exact} (the atlas reports the replay)` }),
  };
}

/** κ̂ for a catalogue rule R1 does not search: the atlas's own searches on the quick grid. */
function kappaOwnSearch(rule: string, seed: number): KappaOutcome {
  const grid = robustnessGrid({ mode: 'quick', seed });
  const gar = catalogueGar(rule);
  const results: SearchResult[] = [];
  for (const s of grid.settings) {
    if (!gar.admissible(s.n, s.f)) continue;
    try {
      results.push(robustnessSearch(rule, s, seed, grid.budget));
    } catch (e) {
      return { why: `search refused: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
    }
  }
  const w = worstSetting(results);
  if (!w) return { why: `not admissible on the quick grid (${grid.settings.map((s) => `(${s.n}, ${s.f})`).join(', ')})` };
  const replay = replayWitness(w.witness);
  const file = witnessFileName(rule, w.n, w.f, w.d);
  return {
    kappa: { n: w.n, f: w.f, d: w.d, value: replay.value, exact: replay.text, certificate: replay.certificate, unbounded: w.unbounded, lowerBound: w.lowerBound, witnessFile: file, source: 'atlas', seed, budget: grid.budget, settings: results.map((r) => ({ n: r.n, f: r.f, d: r.d, kappaHat: r.kappaHat, unbounded: r.unbounded })) },
    witness: { file, content: witnessContent(w, `the atlas's own search (quick grid, ${grid.budget} evaluations), not a registry check`) },
  };
}

interface Cell { long: string; short: string }

/** The Lemma 1 column: the strongest attack's tightness in L1's Monte Carlo, for the rules it measures. */
function lemma1Cell(rule: string, model: ReportModel): Cell | undefined {
  const spec = rule === 'multi-krum' ? { reading: 'as-derived', m: (n: number, f: number) => n - f - 2, what: 'η as derived, m = k = n − f − 2' }
    : rule === 'krum' ? { reading: 'krum', m: () => 1, what: "Krum's η, m = 1, k = n − f − 2" } : undefined;
  if (!spec) return undefined;
  const r = resultOf(model, 'L1', 'monte-carlo', spec.reading);
  if (!r) return { long: `not run here (L1 monte-carlo, reading ${spec.reading}, not in this report)`, short: 'n.r.' };
  let best: { t: number; lo: number; hi: number; attack: string; n: number; f: number; d: unknown; family: unknown } | undefined;
  for (const x of records(r)) {
    const s = parseSetting(x.setting);
    if (!s || x['interval valid'] !== 'yes') continue;
    const n = Number(s.n), f = Number(s.f);
    // f = 0 has no attack to be the strongest.
    if (f < 1 || s.m !== spec.m(n, f) || s.k !== n - f - 2) continue;
    const t = numberFromJson(x.tightness);
    if (Number.isNaN(t)) continue;
    if (!best || t > best.t) best = { t, lo: numberFromJson(x.lo), hi: numberFromJson(x.hi), attack: String(x.attack), n, f, d: s.d, family: s.family };
  }
  if (!best) return { long: `no row with ${spec.what} in L1's grid`, short: 'n.m.' };
  const value = `${atlasNumber(best.t)} [${atlasNumber(best.lo)}, ${atlasNumber(best.hi)}]`;
  return {
    long: `${value} under ${best.attack} at n = ${best.n}, f = ${best.f}, d = ${best.d}, ${best.family} (L1 monte-carlo, ${spec.what})`,
    short: `${value} ${best.attack}, (${best.n}, ${best.f}, ${best.d})`,
  };
}

/** The leeway column: the strongest attack's exponent (the one the check's verdict used: local or global fit). */
function leewayCell(display: string, model: ReportModel): Cell | undefined {
  const sources = [['D2', 'monte-carlo-leeway'], ['T2', 'monte-carlo-strong'], ['T2.1', 'monte-carlo-bulyan']] as const;
  let best: { e: number; lo: number; hi: number; attack: string; fit: string; source: string; where: string } | undefined;
  for (const [id, check] of sources) {
    const r = resultOf(model, id, check);
    for (const x of records(r)) {
      if (x.rule !== display) continue;
      const local = x['verdict from'] === 'local';
      const e = numberFromJson(local ? x['local exponent (two largest d)'] : x.exponent);
      if (Number.isNaN(e)) continue;
      if (!best || e > best.e) {
        const region = /n = (\d+), f = (\d+), d ∈ \{([^}]*)\}/.exec(r?.region ?? '');
        best = { e, lo: numberFromJson(local ? x['local lo'] : x['exp lo']), hi: numberFromJson(local ? x['local hi'] : x['exp hi']), attack: String(x.attack), fit: local ? 'local, two largest d' : 'fit over d', source: id, where: region ? `, n = ${region[1]}, f = ${region[2]}, d ∈ {${region[3]}}` : '' };
      }
    }
  }
  if (!best) return undefined;
  const value = `${atlasNumber(best.e)} [${atlasNumber(best.lo)}, ${atlasNumber(best.hi)}]`;
  return { long: `${value} under ${best.attack} (${best.fit}; ${best.source}${best.where})`, short: `${value} ${best.attack}` };
}

/** The MNIST column: the mean final test accuracy under each attack (T1 mnist). */
function mnistCell(rule: string, model: ReportModel): Cell | undefined {
  const r = resultOf(model, 'T1', 'mnist');
  const rows = records(r).filter((x) => x.rule === rule);
  if (!rows.length) return undefined;
  const where = /n = (\d+), f = (\d+)/.exec(r?.region ?? '');
  const list = rows.map((x) => `${x.attack} ${atlasNumber(numberFromJson(x['final test accuracy (mean)']))}`);
  return { long: `${list.join(' · ')} (T1 mnist${where ? `, n = ${where[1]}, f = ${where[2]}` : ''})`, short: list.join(', ') };
}

/**
 * Bench timings at (n, d) = (25, 10⁵) by rule, from the committed bench output: the full bench
 * (bench/results.json) and the catalogue bench (bench/results-catalogue.json), each rule from the
 * newer of the two that has it (a kernel made faster after the last full bench shows its new time).
 */
export function benchTimes(root = packageRoot()): Map<string, { ms: number; f: number; source: string }> {
  const out = new Map<string, { ms: number; f: number; source: string }>();
  const read = (file: string): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(fs.readFileSync(path.join(root, 'bench', file), 'utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  };
  const day = (b: Record<string, unknown>) => (typeof b.started === 'string' ? b.started.slice(0, 10) : 'undated');
  const main = read('results.json'), catalogue = read('results-catalogue.json');
  const sources = [
    main && { bench: main, median: (r: Record<string, unknown>) => (r.optimised as { median?: number } | undefined)?.median, name: `bench/results.json, ${main.mode ?? ''} bench of ${day(main)}, median, float64` },
    catalogue && { bench: catalogue, median: (r: Record<string, unknown>) => (r.float64 as { median?: number } | undefined)?.median, name: `bench/results-catalogue.json, bench of ${day(catalogue)}, median, float64` },
  ].filter((x) => x !== undefined);
  const started = (b: Record<string, unknown>) => (typeof b.started === 'string' ? b.started : '');
  sources.sort((a, b) => (started(a.bench) < started(b.bench) ? 1 : started(a.bench) > started(b.bench) ? -1 : 0)); // newest first; a tie keeps the full bench first
  for (const { bench, median, name } of sources) {
    for (const r of (bench.rules as Record<string, unknown>[] | undefined) ?? []) {
      const t = median(r);
      if (r.n === 25 && r.d === 100000 && typeof t === 'number' && typeof r.rule === 'string' && !out.has(r.rule)) out.set(r.rule, { ms: t * 1000, f: Number(r.f), source: name });
    }
  }
  return out;
}

/** The atlas's rules: the catalogue's, then the composites R1 measured (e.g. nnm+multi-krum). */
export function atlasRules(model?: ReportModel): string[] {
  const measured = model ? records(resultOf(model, 'R1', 'every-rule')).map((x) => String(x.rule)) : [...ROBUSTNESS_RULES];
  return [...CATALOGUE_RULE_NAMES, ...[...new Set(measured)].filter((r) => !CATALOGUE_RULE_NAMES.includes(r))];
}

/** `n >= 2f + 3` as the atlas writes it, `n ≥ 2f + 3`; a composite's last (the rule's) condition in the short form. */
function admissibleCells(rule: string): Cell {
  const { rule: base, pre } = parseRuleName(rule);
  const text = (pre.length ? catalogueGar(rule).requirement : CATALOGUE_RULES[base].requirement).replace(/>=/g, '≥').replace(/<=/g, '≤');
  const last = /n ≥ [^;]*$/.exec(CATALOGUE_RULES[base].requirement.replace(/>=/g, '≥')) ?? [text];
  return { long: text, short: pre.length ? `${last[0]} (after ${pre.join(', ')})` : text };
}

/**
 * The atlas of a report (see the module comment). Runs one robustness search
 * per rule (R1's worst setting again, for its witness; the quick grid for the
 * catalogue rules R1 does not cover): about 0.1 s each in quick mode.
 */
export function buildAtlas(model: ReportModel, options: { root?: string } = {}): Atlas {
  const started = process.hrtime.bigint();
  const r1 = resultOf(model, 'R1', 'every-rule');
  const mode = model.mode;
  const notMeasured: Cell = { long: `not measured in ${mode} mode`, short: 'n.m.' };
  const times = benchTimes(options.root);
  const rows: AtlasRow[] = [];
  const witnesses: { file: string; content: WitnessFile }[] = [];
  const notes: string[] = [];
  const leewaySource = ['D2', 'T2', 'T2.1'].some((id) => model.claims.some((c) => c.id === id && c.results.length));
  const mnistSource = resultOf(model, 'T1', 'mnist') !== undefined;
  for (const rule of atlasRules(model)) {
    const display = displayName(rule);
    let k: KappaOutcome;
    if (!r1) k = { why: 'not run here (R1 not in this report)' };
    else if (records(r1).some((x) => x.rule === rule)) k = kappaFromR1(rule, r1, mode);
    else k = kappaOwnSearch(rule, r1.seed);
    if (k.witness) witnesses.push(k.witness);
    if (k.note) notes.push(k.note);
    const kp = k.kappa;
    const setting = kp ? `(${kp.n}, ${kp.f}, ${kp.d})` : '';
    const none: Cell = { long: 'not measured (no κ̂)', short: 'n.m.' };
    const kappa: Cell = !kp ? { long: k.why ?? 'not measured', short: 'n.m.' } : {
      long: `${kp.unbounded ? `unbounded: ratio ${atlasNumber(kp.value)} along the escape ray` : atlasNumber(kp.value)} at (n, f, d) = ${setting}, ${kp.certificate} replay; ${kp.source === 'atlas' ? 'atlas search on the quick grid' : 'R1'}`,
      short: `${kp.unbounded ? '∞' : atlasNumber(kp.value)} at ${setting}${kp.certificate === 'implementation' ? ' (i)' : ''}${kp.source === 'atlas' ? ' (q)' : ''}`,
    };
    const lemma1 = lemma1Cell(rule, model) ?? notMeasured;
    const leeway = leewayCell(display, model) ?? (leewaySource ? notMeasured : { long: 'not run here (D2, T2, T2.1 not in this report)', short: 'n.r.' });
    const mnist = mnistCell(rule, model) ?? (mnistSource ? notMeasured : { long: 'not run here (T1 not in this report)', short: 'n.r.' });
    const time = times.get(rule);
    const cells: Record<AtlasColumn, Cell> = {
      rule: { long: rule === display.toLowerCase() ? display : `${display} (${rule})`, short: rule },
      admissible: admissibleCells(rule),
      kappa,
      witness: kp ? { long: kp.witnessFile, short: kp.witnessFile } : { long: 'none (no κ̂)', short: 'none' },
      lowerBound: kp ? { long: `${fractionText(kp.n, kp.f)} = ${atlasNumber(kp.lowerBound)} at (n, f) = (${kp.n}, ${kp.f})`, short: fractionText(kp.n, kp.f) } : none,
      ratio: kp ? (kp.unbounded ? { long: '∞ (unbounded)', short: '∞' } : { long: atlasNumber(kp.value / kp.lowerBound), short: atlasNumber(kp.value / kp.lowerBound) }) : none,
      published: { long: NOT_TRANSCRIBED, short: 'n.t.' },
      lemma1, leeway, mnist,
      time: time ? { long: `${atlasNumber(time.ms)} ms (f = ${time.f}; ${time.source})`, short: atlasNumber(time.ms) } : { long: 'not benched at (25, 10⁵) (bench/results.json)', short: 'n.b.' },
    };
    rows.push({
      rule, display,
      cells: Object.fromEntries(ATLAS_COLUMNS.map(([key]) => [key, cells[key].long])) as Record<AtlasColumn, string>,
      short: Object.fromEntries(ATLAS_COLUMNS.map(([key]) => [key, cells[key].short])) as Record<AtlasColumn, string>,
      ...(kp ? { kappa: kp } : {}),
    });
  }
  notes.unshift(
    `κ̂: a certified lower bound on each rule's (f, κ)-robustness coefficient, at the setting of the grid where κ̂ / (f/(n − 2f)) is largest; its witness file replays to it (lib/robustness/witness.ts: \`exact\` in rational arithmetic, \`implementation\` from the rule's float output). Searches: seed ${r1?.seed ?? model.seed}; R1's grid for ${atlasRules(model).filter((r) => records(r1).some((x) => x.rule === r)).join(', ') || 'no rule'}; the quick grid for the other catalogue rules (the atlas's own searches, not registry checks).`,
    'Published upper bounds: none transcribed — the bodies of Allouah et al. 2023 and Bareilles et al. 2026 could not be read (reference/robustness-claims.md), so no κ̂ is compared with a published bound and no counterexample to a paper is claimed.',
    "Lemma 1 tightness: ‖E GAR − g‖² / (η² d σ²) from L1's Monte Carlo, the interval at its Bonferroni level; leeway exponent: D2, T2, T2.1 (σ = 1/√d per coordinate: 0 is the √d leeway, −1/2 strong resilience); MNIST: T1; time per call: the committed bench output, not measured in this run.",
  );
  return { mode, seed: model.seed, rows, witnesses, notes, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

// ---------------------------------------------------------------- renderings

const headers = () => ATLAS_COLUMNS.map(([, h]) => h);
const cellsOf = (r: AtlasRow) => ATLAS_COLUMNS.map(([k]) => r.cells[k]);

/** csv/atlas.csv: the table, plus κ̂ and the bound as numbers and the exact κ̂. */
export function atlasCsv(atlas: Atlas): string {
  return toCsv([...headers(), 'κ̂ (number)', 'κ̂ exact', 'n', 'f', 'd', 'f/(n − 2f) (number)'], atlas.rows.map((r) => [...cellsOf(r), r.kappa ? r.kappa.value : '', r.kappa?.exact ?? '', r.kappa?.n ?? '', r.kappa?.f ?? '', r.kappa?.d ?? '', r.kappa?.lowerBound ?? '']));
}

function mdCell(x: string): string {
  return x.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** The atlas section of report.md. */
export function atlasMarkdown(atlas: Atlas, figure?: { id: string; title: string }, images = false): string {
  const lines = [
    '## Rule atlas',
    '',
    `Every rule of the catalogue, what the workbook measured about it in this run (${atlas.mode} mode, seed ${atlas.seed}), and where each number comes from. The witness files are in \`witnesses/\`; the table is also in atlas.tex and csv/atlas.csv.`,
    '',
    `| ${headers().map(mdCell).join(' | ')} |`,
    `|${headers().map(() => '---').join('|')}|`,
    ...atlas.rows.map((r) => `| ${cellsOf(r).map(mdCell).join(' | ')} |`),
    '',
    ...atlas.notes.map((n) => `- ${n}`),
  ];
  if (figure) lines.push('', images ? `![${figure.title}](figures/${figure.id}.svg)` : `- Figure: ${figure.title} (interactive in index.html)`);
  return lines.join('\n');
}

/** The atlas section of index.html (the figure's div is added by the caller). */
export function atlasHtml(atlas: Atlas): string {
  const td = (r: AtlasRow, c: string, i: number) => `<td>${ATLAS_COLUMNS[i][0] === 'witness' && r.kappa ? `<a href="${escapeHtml(c)}"><code>${escapeHtml(c)}</code></a>` : escapeHtml(c)}</td>`;
  const table = `<table><thead><tr>${headers().map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${atlas.rows.map((r) => `<tr>${cellsOf(r).map((c, i) => td(r, c, i)).join('')}</tr>`).join('')}</tbody></table>`;
  return [
    '<h2 id="atlas">Rule atlas</h2>',
    `<p>Every rule of the catalogue, what the workbook measured about it in this run (${escapeHtml(atlas.mode)} mode, seed ${atlas.seed}), and where each number comes from. The witness files are in <code>witnesses/</code>; the table is also in atlas.tex and csv/atlas.csv.</p>`,
    table,
    `<ul class="meta">${atlas.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`,
  ].join('\n');
}

/** A short cell in LaTeX: escaped, with the symbols the atlas uses. */
function texText(s: string): string {
  return escapeLatex(s).replace(/∈/g, '$\\in$').replace(/∞/g, '$\\infty$').replace(/⁵/g, '$^5$');
}

/**
 * atlas.tex: the atlas as a `longtable`, short cells (the long forms, with
 * their sources, are in report.md and csv/atlas.csv; no witness column: the
 * files are witnesses/RULE-n-f-d.json, as the caption says). Needs
 * \usepackage{booktabs,longtable,array}.
 */
export function atlasTex(atlas: Atlas): string {
  const columns: { cell: (r: AtlasRow) => string; width: number; head: string }[] = [
    { cell: (r) => texText(r.short.rule).replace(/\+/g, '+\\allowbreak{}'), width: 0.12, head: 'Rule' },
    { cell: (r) => texText(r.short.admissible), width: 0.08, head: 'Admis\\-sible' },
    { cell: (r) => texText(r.short.kappa), width: 0.12, head: '$\\hat\\kappa$ at $(n,f,d)$' },
    { cell: (r) => (r.kappa ? `${texText(r.short.lowerBound)}; ${texText(r.short.ratio)}` : 'n.m.'), width: 0.1, head: '$\\frac{f}{n-2f}$; $\\hat\\kappa$ over it' },
    { cell: (r) => texText(r.short.published), width: 0.06, head: 'Publ.' },
    { cell: (r) => texText(r.short.lemma1), width: 0.14, head: 'Lemma 1 tightness, strongest attack, $(n,f,d)$' },
    { cell: (r) => texText(r.short.leeway), width: 0.11, head: 'Leeway exponent in $d$' },
    { cell: (r) => texText(r.short.mnist), width: 0.1, head: 'MNIST accuracy' },
    { cell: (r) => texText(r.short.time), width: 0.06, head: 'ms per call' },
  ];
  const head = `${columns.map((c) => c.head).join(' & ')} \\\\`;
  const col = (w: number) => `>{\\raggedright\\arraybackslash}p{${w}\\linewidth}`;
  return [
    '% The rule atlas of the AggregaThor workbook; needs \\usepackage{booktabs,longtable,array}.',
    `% seed ${atlas.seed}, ${atlas.mode} mode; witnesses in witnesses/RULE-n-f-d.json beside this file; every cell with its source in report.md and csv/atlas.csv.`,
    '\\begingroup',
    '\\scriptsize',
    '\\setlength{\\tabcolsep}{2pt}',
    `\\begin{longtable}{@{}${columns.map((c) => col(c.width)).join('')}@{}}`,
    `\\caption{The rule atlas (${texText(atlas.mode)} mode, seed ${atlas.seed}). $\\hat\\kappa$: certified lower bound on the $(f,\\kappa)$-robustness coefficient at the grid setting where $\\hat\\kappa\\big/\\frac{f}{n-2f}$ is largest, replayed from witnesses/RULE-$n$-$f$-$d$.json, exactly in rational arithmetic or, (i), from the rule's float output; (q): a search of the atlas on the quick grid, not a registry check. Publ.: the published upper bound; n.t.: not transcribed, the papers' bodies could not be read (reference/robustness-claims.md). Lemma 1: $\\|\\mathrm{E}\\,\\mathrm{GAR} - g\\|^2/(\\eta^2 d\\sigma^2)$ with its interval; leeway: exponent in $d$ at $\\sigma = 1/\\sqrt d$; ms per call at $(n, d) = (25, 10^5)$ from the committed bench output. n.m.: not measured in this mode; n.r.: not run in this report; n.b.: not benched.}\\label{tab:aggregathor-atlas}\\\\`,
    '\\toprule', head, '\\midrule', '\\endfirsthead', '\\toprule', head, '\\midrule', '\\endhead', '\\bottomrule', '\\endfoot',
    ...atlas.rows.map((r) => `${columns.map((c) => c.cell(r)).join(' & ')} \\\\`),
    '\\end{longtable}',
    '\\endgroup',
    '',
  ].join('\n');
}

/**
 * The atlas figure: κ̂ / (f/(n − 2f)) per rule at every setting searched
 * (log scale; 1 is the universal lower bound, below which no rule can be),
 * unbounded rules drawn at the top with a triangle.
 */
export function atlasFigure(atlas: Atlas): FigureSpec {
  const rows = atlas.rows.filter((r) => r.kappa);
  const settings = [...new Set(rows.flatMap((r) => r.kappa!.settings.map((s) => `${s.n},${s.f},${s.d}`)))];
  const finite = rows.flatMap((r) => r.kappa!.settings.filter((s) => !s.unbounded && Number.isFinite(s.kappaHat)).map((s) => s.kappaHat / (s.f / (s.n - 2 * s.f))));
  const cap = Math.max(10, ...finite) * 4;
  const data: Record<string, unknown>[] = settings.map((key, i) => {
    const [n, f, d] = key.split(',').map(Number);
    const points = rows.flatMap((r) => r.kappa!.settings.filter((s) => s.n === n && s.f === f && s.d === d).map((s) => ({ r, s })));
    return {
      type: 'scatter', mode: 'markers', name: `(n, f, d) = (${n}, ${f}, ${d})`,
      x: points.map((p) => p.r.display), y: points.map((p) => (p.s.unbounded || !Number.isFinite(p.s.kappaHat) ? cap : p.s.kappaHat / (f / (n - 2 * f)))),
      text: points.map((p) => (p.s.unbounded ? `unbounded (ratio ${atlasNumber(p.s.kappaHat)})` : `κ̂ = ${atlasNumber(p.s.kappaHat)}, f/(n − 2f) = ${fractionText(n, f)}`)),
      marker: { color: colour(i), size: 10, symbol: points.map((p) => (p.s.unbounded ? 'triangle-up' : 'circle')) },
    };
  });
  const names = rows.map((r) => r.display);
  data.push({ type: 'scatter', mode: 'lines', name: 'f/(n − 2f): no rule can do better', x: names, y: names.map(() => 1), line: { color: '#222', dash: 'dash', width: 1 } });
  return {
    id: 'rule-atlas',
    title: 'Rule atlas: certified κ̂ over the universal lower bound f/(n − 2f)',
    data,
    layout: paperLayout('Rule atlas: certified κ̂ / (f/(n − 2f)) per rule', 'rule', 'κ̂ / (f/(n − 2f))', {
      yaxis: { type: 'log', title: { text: 'κ̂ / (f/(n − 2f)), log scale (top: unbounded)' }, showline: true, mirror: true, linecolor: '#222', ticks: 'outside', gridcolor: '#e6e6e6', automargin: true },
      xaxis: { tickangle: -40, showline: true, mirror: true, linecolor: '#222', ticks: 'outside', automargin: true },
      height: 500,
    }),
  };
}

/** The atlas's files in a report folder: atlas.tex, csv/atlas.csv and the witness files. */
export function atlasFiles(atlas: Atlas): { file: string; text: string }[] {
  return [
    { file: 'atlas.tex', text: atlasTex(atlas) },
    { file: path.join('csv', 'atlas.csv'), text: atlasCsv(atlas) },
    ...atlas.witnesses.map((w) => ({ file: w.file, text: `${JSON.stringify(w.content, null, 1)}\n` })),
  ];
}
