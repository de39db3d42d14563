import type { Gar } from '../rules/types';

/**
 * A researcher's rule, wrapped so that the harness can never be fooled by
 * what it returns. Every call of `aggregate` is checked:
 *
 * - it must not throw;
 * - it must return a Float64Array (or an array of numbers) of the inputs'
 *   length d;
 * - on inputs that are all finite, every output coordinate must be finite.
 *
 * (A non-finite output on non-finite input — a Byzantine NaN that reached the
 * output — is not an error here: the checks count it as a violation of their
 * bound, as they do for the workbook's rules.) `admissible` must not throw.
 * A violation throws {@link RuleOutputError}, whose message names the rule
 * and the input it was given; the custom checks turn it into the verdict
 * `fails` with that message as summary, so a broken rule never "holds" and
 * never crashes the run.
 *
 * @example guardedGar({ name: 'BAD', requirement: '', admissible: () => true, aggregate: (v) => v[0].slice(1) }).aggregate([new Float64Array(3)], 0)
 * // throws RuleOutputError: BAD returned 2 coordinates for inputs of dimension d = 3 (n = 1, f = 0, finite inputs)
 */
export class RuleOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleOutputError';
  }
}

const describe = (x: unknown) => (x instanceof Error ? `${x.name}: ${x.message}` : String(x)).split('\n')[0];

/** True when every coordinate of every vector is finite. */
function allFinite(vectors: readonly Float64Array[]): boolean {
  for (const v of vectors) for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

/** The input setting of a call in words: n, f, d, and whether every input was finite. */
function inputText(vectors: readonly Float64Array[], f: number): string {
  const d = vectors[0]?.length ?? 0;
  return `n = ${vectors.length}, f = ${f}, d = ${d}, ${allFinite(vectors) ? 'finite inputs' : 'some inputs non-finite'}`;
}

/** The rule with every call checked (see {@link RuleOutputError}); the name, requirement and bounds are kept. */
export function guardedGar(rule: Gar): Gar {
  const name = rule.name;
  return {
    name,
    requirement: rule.requirement,
    admissible(n, f) {
      try {
        return Boolean(rule.admissible(n, f));
      } catch (error) {
        throw new RuleOutputError(`${name}.admissible(${n}, ${f}) threw ${describe(error)}`);
      }
    },
    aggregate(vectors, f) {
      const d = vectors[0]?.length ?? 0;
      let out: unknown;
      try {
        // The rule gets copies: a rule that writes into its inputs must not change what the harness measures next.
        out = rule.aggregate(vectors.map((v) => Float64Array.from(v)), f);
      } catch (error) {
        throw new RuleOutputError(`${name} threw ${describe(error)} on input ${inputText(vectors, f)}`);
      }
      const isArray = out instanceof Float64Array || (Array.isArray(out) && out.every((x) => typeof x === 'number'));
      if (!isArray) throw new RuleOutputError(`${name} returned ${out === null ? 'null' : Array.isArray(out) ? 'an array that is not all numbers' : typeof out === 'object' ? (out as object).constructor?.name ?? 'an object' : typeof out}, not a Float64Array, on input ${inputText(vectors, f)}`);
      const result = out instanceof Float64Array ? out : Float64Array.from(out as number[]);
      if (result.length !== d) throw new RuleOutputError(`${name} returned ${result.length} coordinate${result.length === 1 ? '' : 's'} for inputs of dimension d = ${d} (input ${inputText(vectors, f)})`);
      if (allFinite(vectors)) {
        const bad = result.findIndex((x) => !Number.isFinite(x));
        if (bad >= 0) throw new RuleOutputError(`${name} returned ${result[bad]} at coordinate ${bad} on finite input (${inputText(vectors, f)})`);
      }
      return result;
    },
  };
}
