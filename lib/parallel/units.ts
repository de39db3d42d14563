/**
 * Units of work: the pieces of a check's computation that can run on any
 * thread, in any order, and be shared between checks.
 *
 * A unit is a pure, deterministic function of a plain-JSON spec (a chunk of
 * Monte Carlo trials, one SGD run, …) whose value can cross a thread
 * boundary by structured clone (numbers, arrays, Float64Array, plain
 * objects). Each value is memoised per thread under `kind:canonical JSON of
 * the spec`, so checks that need the same trials compute them once.
 *
 * Why: the checks of Lemma 1 share one set of trials, the Lemma 2 checks one
 * set of SGD runs. Run check by check on worker threads, each worker
 * recomputed them, and one long check kept one core busy while the other
 * idled. With units, a check declares what it will use ({@link
 * ClaimCheck.units}); the runner computes the distinct units of the whole
 * selection once, spread over the workers, and hands each check its values.
 * A unit's value depends on its spec alone — every random draw inside comes
 * from streams named by the seed and the trial — so the results are the same
 * bytes whatever the number of threads and wherever each unit ran.
 *
 * A check that is run directly (a notebook, a test) computes its units
 * lazily in its own thread: nothing has to be declared for it to work.
 * Such lazy lookups can also go through a {@link UnitStore} shared between
 * processes, so that notebooks executed one after another compute the
 * trials they share once.
 */

/** A unit named with its spec, and its estimated cost (seconds on this kind of machine) for scheduling and progress. */
export interface UnitCall {
  kind: string;
  spec: unknown;
  cost: number;
}

interface UnitKind {
  run(spec: unknown): unknown;
  cost(spec: unknown): number;
}

const kinds = new Map<string, UnitKind>();
const values = new Map<string, unknown>();
let listener: ((key: string) => void) | undefined;

/**
 * Somewhere outside this thread that keeps unit values between processes
 * (lib/cluster/unitCache: a folder the notebooks of one run share). `load`
 * returns a value stored under the key, or undefined; `save` keeps one.
 * Neither may throw: a store that cannot read or write is a store that
 * misses, and the unit is computed as if there were none.
 */
export interface UnitStore {
  load(key: string): { value: unknown } | undefined;
  save(key: string, kind: string, value: unknown, seconds: number): void;
}
let store: UnitStore | undefined;

/** Makes `get` look units up in `next` before computing them, and keep what it computes there (undefined: no store, the default). */
export function useUnitStore(next: UnitStore | undefined): void {
  store = next;
}

/** JSON with object keys sorted, so that equal specs give equal keys. Non-finite numbers are spelled out. */
export function canonicalJson(x: unknown): string {
  if (typeof x === 'number') return Number.isFinite(x) ? JSON.stringify(x) : `"${String(x)}"`;
  if (x === null || typeof x !== 'object') return JSON.stringify(x) ?? 'null';
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(',')}]`;
  const o = x as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

export function unitKey(call: Pick<UnitCall, 'kind' | 'spec'>): string {
  return `${call.kind}:${canonicalJson(call.spec)}`;
}

/** A defined unit kind: `call` names an instance (for declaring), `get` returns its value (memoised). */
export interface Unit<S, R> {
  readonly kind: string;
  call(spec: S): UnitCall;
  get(spec: S): R;
}

/**
 * Defines a unit kind. `run` must be a pure function of the spec (draws
 * from seeded streams only); `cost` estimates its seconds. Modules define
 * their kinds when loaded, so every thread that loads the claim registry
 * knows every kind.
 */
export function defineUnit<S, R>(kind: string, run: (spec: S) => R, cost: (spec: S) => number): Unit<S, R> {
  if (kinds.has(kind)) throw new Error(`unit kind "${kind}" is defined twice`);
  kinds.set(kind, { run: run as (s: unknown) => unknown, cost: cost as (s: unknown) => number });
  return {
    kind,
    call: (spec) => ({ kind, spec, cost: cost(spec) }),
    get: (spec) => {
      const key = unitKey({ kind, spec });
      listener?.(key);
      if (values.has(key)) return values.get(key) as R;
      const stored = store?.load(key);
      if (stored) {
        values.set(key, stored.value);
        return stored.value as R;
      }
      const started = process.hrtime.bigint();
      const value = run(spec);
      values.set(key, value);
      store?.save(key, kind, value, Number(process.hrtime.bigint() - started) / 1e9);
      return value;
    },
  };
}

/** Computes a unit from its call, without keeping the value in this thread (the runner's workers, which hand it back). */
export function computeUnit(call: Pick<UnitCall, 'kind' | 'spec'>): unknown {
  const k = kinds.get(call.kind);
  if (!k) throw new Error(`no unit kind "${call.kind}" in this thread (is the module that defines it loaded?)`);
  return k.run(call.spec);
}

/** Installs values computed elsewhere (by key). */
export function provideUnits(entries: Iterable<readonly [string, unknown]>): void {
  for (const [key, value] of entries) values.set(key, value);
}

/** Forgets every memoised unit value of this thread (values are deterministic: this frees memory and nothing else). */
export function clearUnits(): void {
  values.clear();
}

/** Calls `onGet` with the key of every unit value asked for until the returned function is called (for tests: what a check really uses). */
export function watchUnits(onGet: (key: string) => void): () => void {
  const previous = listener;
  listener = (key) => {
    previous?.(key);
    onGet(key);
  };
  return () => {
    listener = previous;
  };
}

/**
 * Splits trials 0 … total − 1 into consecutive ranges of `size` (the last may
 * be shorter), or into at most `maxPieces` equal ranges when `size` would
 * give more (a huge `--trials` must not mean millions of units). The ranges
 * depend on the arguments only, never on the thread count.
 */
export function chunks(total: number, size: number, maxPieces = 64): [number, number][] {
  const step = Math.max(size, Math.ceil(total / maxPieces));
  const out: [number, number][] = [];
  for (let from = 0; from < total; from += step) out.push([from, Math.min(total, from + step)]);
  return out;
}
