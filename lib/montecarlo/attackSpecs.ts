import { makeAttack } from '../attacks/index';
import type { NamedAttack } from '../attacks/types';

/** An attack as the checks name it: a label for tables and the parameters given to makeAttack. */
export interface AttackSpec {
  label: string;
  name: string;
  params?: Record<string, number | string>;
}

export function attackOf(spec: AttackSpec): NamedAttack {
  return makeAttack(spec.name, spec.params ?? {});
}

/**
 * Every attack of the workbook, for the expectation claims. The adaptive
 * attacker appears twice: minimising ⟨GAR, g⟩ (a consistent push against g,
 * which is what moves E GAR) and maximising ‖GAR − g‖ trial by trial.
 */
export const EXPECTATION_ATTACKS: readonly AttackSpec[] = [
  { label: 'gaussian', name: 'gaussian' },
  { label: 'sign-flip', name: 'sign-flip' },
  { label: 'alie', name: 'alie' },
  { label: 'ipm', name: 'ipm' },
  { label: 'mimic', name: 'mimic' },
  { label: 'non-finite', name: 'non-finite' },
  { label: 'leeway', name: 'leeway', params: { direction: 'orthogonal' } },
  { label: 'adaptive', name: 'adaptive', params: { objective: 'inner' } },
  { label: 'adaptive-distance', name: 'adaptive', params: { objective: 'distance' } },
];

/** The attacks of the coordinate-wise (leeway) claims: both push one coordinate, the attacked coordinate 0. */
export const LEEWAY_ATTACKS: readonly AttackSpec[] = [
  { label: 'leeway', name: 'leeway', params: { direction: 'coordinate', coordinate: 0 } },
  { label: 'adaptive', name: 'adaptive', params: { objective: 'coordinate', coordinate: 0 } },
];
