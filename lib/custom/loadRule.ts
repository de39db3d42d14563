import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { UserError } from '../cli/userError';
import type { Gar } from '../rules/types';

/**
 * A researcher's own aggregation rule, loaded from a file for
 * `npm start -- --rule ./my-rule.js` (or `.ts`), with the bounds it claims.
 *
 * The file is a CommonJS or ES module (either syntax: it is compiled in
 * memory with the project's `typescript` package, `ts.transpileModule`, so a
 * `.ts` file needs no build step) exporting a rule of the {@link Gar} shape —
 * as the default export, as `module.exports`, or as a named export (`rule`
 * when there are several) — and optionally
 *
 *     export function eta(n, f, m) { … }             // the η of ‖E GAR − g‖² <= η² d σ²
 *     export function momentConstant(r, n, f) { … }  // c_r of E‖GAR‖^r <= c_r E‖G‖^r
 *
 * (either may also be a property of the rule object). Anything else — no
 * such file, a syntax error, no rule, a rule missing a field — is one
 * {@link UserError} line naming the file and what is missing.
 *
 * @example loadCustomRule('/home/me/my-rule.ts').gar.name // 'MY-TRIMMED-MEAN'
 */
export interface CustomRule {
  /** Absolute path of the module. */
  file: string;
  /** The rule as exported (not yet guarded: see guardedGar.ts). */
  gar: Gar;
  /** The export the rule was found under (`default`, `module.exports`, or a name). */
  exportName: string;
  eta?: (n: number, f: number, m: number) => number;
  momentConstant?: (r: number, n: number, f: number) => number;
}

/** File endings accepted by --rule. */
export const RULE_EXTENSIONS = ['.js', '.cjs', '.ts', '.cts', '.mts', '.mjs'];

const loaded = new Map<string, CustomRule>();

const firstLine = (error: unknown) => (error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error)).split('\n')[0];

/** The source compiled to CommonJS in memory; syntax errors are one line with their position. */
function compile(file: string, source: string, shown: string): string {
  let ts: typeof import('typescript');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ts = require('typescript') as typeof import('typescript');
  } catch {
    if (/\.[cm]?ts$/.test(file)) throw new UserError(`--rule ${shown}: a .ts rule is compiled with the project's typescript package, which is not installed (run npm ci)`);
    return source;
  }
  const out = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, allowJs: true },
  });
  const error = (out.diagnostics ?? []).find((d) => d.category === ts.DiagnosticCategory.Error);
  if (error) {
    const where = error.file && error.start !== undefined ? error.file.getLineAndCharacterOfPosition(error.start) : undefined;
    throw new UserError(`--rule ${shown}: syntax error${where ? ` at line ${where.line + 1}, column ${where.character + 1}` : ''}: ${ts.flattenDiagnosticMessageText(error.messageText, ' ')}`);
  }
  return out.outputText;
}

/** Requires compiled source as the module `file` (its own require resolves from the file's folder). */
function evaluate(file: string, code: string): unknown {
  const m = new Module(file, module) as Module & { _compile(code: string, file: string): void };
  m.filename = file;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  m._compile(code, file);
  return m.exports;
}

const isRuleLike = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && typeof (x as { aggregate?: unknown }).aggregate === 'function';

/** The rule among a module's exports, and the name it was found under. */
function findRule(exports: unknown, shown: string): { value: Record<string, unknown>; name: string } {
  const ex = (typeof exports === 'object' && exports !== null) || typeof exports === 'function' ? (exports as Record<string, unknown>) : {};
  if (isRuleLike(ex.default)) return { value: ex.default, name: 'default' };
  if (isRuleLike(exports)) return { value: exports, name: 'module.exports' };
  const named = Object.entries(ex).filter(([, v]) => isRuleLike(v));
  if (named.length === 1) return { value: named[0][1] as Record<string, unknown>, name: named[0][0] };
  if (named.length > 1) {
    const rule = named.find(([k]) => k === 'rule');
    if (rule) return { value: rule[1] as Record<string, unknown>, name: 'rule' };
    throw new UserError(`--rule ${shown} exports several rules (${named.map(([k]) => k).join(', ')}); export one as default or name it "rule"`);
  }
  if (ex.default !== undefined && typeof ex.default === 'object' && ex.default !== null) {
    const missing = missingFields(ex.default as Record<string, unknown>);
    throw new UserError(`--rule ${shown}: the default export is not a rule: it lacks ${missing.join(', ')}`);
  }
  const keys = Object.keys(ex).filter((k) => k !== '__esModule');
  throw new UserError(`--rule ${shown} exports no rule: expected a default or named export with name, requirement, admissible(n, f) and aggregate(vectors, f)${keys.length ? ` (it exports ${keys.join(', ')})` : ' (it exports nothing)'}`);
}

/** What a rule object lacks, in words; empty when it has every field of a Gar. */
export function missingFields(x: Record<string, unknown>): string[] {
  const missing: string[] = [];
  if (typeof x.name !== 'string' || x.name.trim() === '') missing.push('name (a non-empty string)');
  if (typeof x.requirement !== 'string') missing.push("requirement (a string such as 'n >= 2f + 1')");
  if (typeof x.admissible !== 'function') missing.push('admissible (a function (n, f) => boolean)');
  if (typeof x.aggregate !== 'function') missing.push('aggregate (a function (vectors, f) => Float64Array)');
  return missing;
}

/** The optional bound function `key` of the module or the rule, checked to be a function when present. */
function boundFunction<F>(exports: unknown, rule: Record<string, unknown>, key: string, shown: string, shape: string): F | undefined {
  const ex = typeof exports === 'object' && exports !== null ? (exports as Record<string, unknown>) : {};
  const v = rule[key] ?? ex[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'function') throw new UserError(`--rule ${shown}: ${key} must be a function ${shape}; got ${typeof v}`);
  return v as F;
}

/**
 * Loads (once per thread) the rule of `file`, an absolute path or one
 * relative to the current folder (npm start runs in the folder npm was
 * started from, INIT_CWD). Every problem is a one-line {@link UserError}.
 */
export function loadCustomRule(file: string): CustomRule {
  const resolved = path.resolve(file);
  const hit = loaded.get(resolved);
  if (hit) return hit;
  const shown = file;
  const ext = path.extname(resolved).toLowerCase();
  if (!RULE_EXTENSIONS.includes(ext)) throw new UserError(`--rule ${shown}: expected a .js or .ts file (one of ${RULE_EXTENSIONS.join(', ')}); got "${ext || 'no extension'}"`);
  let source: string;
  try {
    source = fs.readFileSync(resolved, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`--rule ${shown}: ${code === 'ENOENT' ? `no such file (${resolved})` : code === 'EISDIR' ? 'is a folder, not a file' : `cannot read it (${firstLine(error)})`}`);
  }
  let moduleExports: unknown;
  try {
    moduleExports = evaluate(resolved, compile(resolved, source, shown));
  } catch (error) {
    if (error instanceof UserError) throw error;
    // Where in the file: the first stack line that names it.
    const at = error instanceof Error ? (error.stack ?? '').split('\n').find((l) => l.includes(resolved)) : undefined;
    const line = at ? /:(\d+)(?::\d+)?\)?\s*$/.exec(at)?.[1] : undefined;
    throw new UserError(`--rule ${shown}: loading it threw ${firstLine(error)}${line ? ` (line ${line} of the compiled module)` : ''}`);
  }
  const { value, name } = findRule(moduleExports, shown);
  const missing = missingFields(value);
  if (missing.length) throw new UserError(`--rule ${shown}: the rule exported as ${name} lacks ${missing.join(', ')}`);
  const rule: CustomRule = {
    file: resolved,
    gar: value as unknown as Gar,
    exportName: name,
    eta: boundFunction(moduleExports, value, 'eta', shown, '(n, f, m) => η'),
    momentConstant: boundFunction(moduleExports, value, 'momentConstant', shown, '(r, n, f) => c_r'),
  };
  loaded.set(resolved, rule);
  return rule;
}
