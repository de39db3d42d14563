/**
 * The one error type of the workbook for inadmissible parameters or malformed
 * input. Its message names the rule, the violated condition and the values, so
 * that a reader never has to guess which range was left:
 *
 *     MULTI-KRUM needs n >= 2f + 3; got n = 6, f = 2
 *
 * Byzantine values (NaN, ±Infinity, huge) are *not* errors: robust rules must
 * take them as ordinary input.
 */
export class AdmissibilityError extends Error {
  /** The rule, attack or routine whose requirement was violated. */
  readonly rule: string;
  /** The violated condition, as written in the message (e.g. `n >= 2f + 3`). */
  readonly condition: string;
  /** The offending values. */
  readonly values: Readonly<Record<string, number | string>>;

  constructor(rule: string, condition: string, values: Record<string, number | string>) {
    const got = Object.entries(values)
      .map(([k, v]) => `${k} = ${v}`)
      .join(', ');
    super(`${rule} needs ${condition}; got ${got}`);
    this.name = 'AdmissibilityError';
    this.rule = rule;
    this.condition = condition;
    this.values = values;
  }
}

/** Throws an {@link AdmissibilityError} unless `ok` holds. */
export function requireThat(
  ok: boolean,
  rule: string,
  condition: string,
  values: Record<string, number | string>,
): void {
  if (!ok) throw new AdmissibilityError(rule, condition, values);
}

/** Throws unless `x` is an integer in [lo, hi] (hi may be Infinity). */
export function requireInteger(rule: string, name: string, x: number, lo: number, hi = Infinity): void {
  if (Number.isInteger(x) && x >= lo && x <= hi) return; // the message is built only on failure: this runs in every aggregation
  const range = hi === Infinity ? `an integer ${name} >= ${lo}` : `an integer ${name} in [${lo}, ${hi}]`;
  throw new AdmissibilityError(rule, range, { [name]: x });
}
