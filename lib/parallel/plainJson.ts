/**
 * Normalises a value to plain JSON so that it survives `JSON.stringify` and a
 * worker-thread hop identically: typed arrays become arrays, non-finite numbers
 * become the strings `"NaN"`, `"Infinity"`, `"-Infinity"` (JSON would turn
 * them into `null` and lose which one it was), `undefined` fields are dropped,
 * functions are dropped, `-0` becomes `0`.
 *
 * @example toPlainJson({ x: new Float64Array([1, NaN]) }) // → { x: [1, 'NaN'] }
 */
export function toPlainJson(value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (value === Infinity) return 'Infinity';
    if (value === -Infinity) return '-Infinity';
    return value === 0 ? 0 : value;
  }
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'undefined' || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>, (x) => toPlainJson(x));
  if (Array.isArray(value)) return value.map((x) => {
    const y = toPlainJson(x);
    return y === undefined ? null : y;
  });
  if (value instanceof Map) return toPlainJson(Object.fromEntries(value));
  if (value instanceof Set) return toPlainJson([...value]);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const y = toPlainJson(v);
    if (y !== undefined) out[k] = y;
  }
  return out;
}

/** Reads back a number written by {@link toPlainJson} (or any JSON number / null). */
export function numberFromJson(x: unknown): number {
  if (typeof x === 'number') return x;
  if (x === 'NaN' || x === null || x === undefined) return NaN;
  if (x === 'Infinity') return Infinity;
  if (x === '-Infinity') return -Infinity;
  return Number(x);
}
