/** What every aggregation rule returns: its output and what it saw on the way. */
export interface Aggregation<D> {
  aggregate: Float64Array;
  diagnostics: D;
}

/**
 * The interface every check of the workbook is written against. Any function
 * with this shape — the workbook's rules or a researcher's own — can be put
 * through the resilience, moment and leeway checks.
 */
export interface Gar {
  /** Display name, e.g. `MULTI-KRUM`. */
  readonly name: string;
  /** The admissibility condition in words, e.g. `n >= 2f + 3`. */
  readonly requirement: string;
  /** True when the rule is defined for n inputs of which f may be Byzantine. */
  admissible(n: number, f: number): boolean;
  /** The aggregate of `vectors`, tolerating f Byzantine inputs. */
  aggregate(vectors: readonly Float64Array[], f: number): Float64Array;
  /**
   * How to rebuild this rule in another thread: its catalogue name and plain
   * parameters (`makeGar(rule.name, rule.params)`). Set by makeGar when every
   * parameter is a number or a string; absent for a researcher's own rule,
   * whose Monte Carlo trials then run in the calling thread.
   */
  readonly rule?: { name: string; params: Record<string, number | string> };
}

/**
 * One input vector: float64, or float32 as gradients usually are. Rules read
 * float32 inputs in place (no float64 copy of the inputs) and accumulate in
 * float64; their outputs are Float64Array.
 */
export type FloatVector = Float64Array | Float32Array;
/** The inputs of a rule: n vectors of one dimension. */
export type InputVectors = readonly FloatVector[];
