import { AdmissibilityError } from '../errors';

/**
 * Checks a rule's options object: every key with a defined value must be one
 * of `known`, and every option with a fixed set of values (`choices`) must
 * hold one of them. One-line errors name the rule, the option and what is
 * admissible:
 *
 *     MULTI-KRUM needs distance among squared, euclidean; got distance = manhattan
 *     MULTI-KRUM needs options among f, m, k, distance, byzantine; got option = distnce
 *
 * Keys whose value is undefined are accepted (callers spread option bags
 * with unset fields). Runs on every aggregation: a loop over a few keys.
 */
export function checkOptions(rule: string, options: object, known: readonly string[], choices: Readonly<Record<string, readonly string[]>> = {}): void {
  if (options === null || typeof options !== 'object') throw new AdmissibilityError(rule, 'an options object', { options: String(options) });
  for (const key in options) {
    const value = (options as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (!known.includes(key)) throw new AdmissibilityError(rule, `options among ${known.join(', ')}`, { option: key });
    const allowed = choices[key];
    if (allowed && !(typeof value === 'string' && allowed.includes(value))) {
      throw new AdmissibilityError(rule, `${key} among ${allowed.join(', ')}`, { [key]: String(value) });
    }
  }
}

/** The admissible distances of the Krum family. */
export const DISTANCES = ['squared', 'euclidean'] as const;
/** The admissible score updates of AGGREGATHOR. */
export const SCORE_UPDATES = ['incremental', 'recompute', 'frozen'] as const;
