import { AdmissibilityError } from '../errors';
import { adaptiveAttack, type AdaptiveObjective } from './adaptive';
import { alieAttack } from './alie';
import { gaussianAttack } from './gaussian';
import { ipmAttack } from './ipm';
import { leewayAttack, type LeewayDirection } from './leeway';
import { mimicAttack } from './mimic';
import { nonFiniteAttack, type NonFiniteKind } from './nonFinite';
import { signFlipAttack } from './signFlip';
import type { NamedAttack } from './types';

export * from './statistics';
export * from './lineSearch';
export * from './gaussian';
export * from './signFlip';
export * from './alie';
export * from './ipm';
export * from './mimic';
export * from './nonFinite';
export * from './leeway';
export * from './adaptive';
export * from './placement';

/** The attacks of the workbook, by the name used in checks, the CLI and reports. */
export const ATTACK_NAMES = ['gaussian', 'sign-flip', 'alie', 'ipm', 'mimic', 'non-finite', 'leeway', 'adaptive'] as const;
export type AttackName = (typeof ATTACK_NAMES)[number];

type Params = Record<string, number | string>;

function num(p: Params, key: string): number | undefined {
  const v = p[key];
  if (v === undefined) return undefined;
  const x = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(x)) throw new AdmissibilityError('makeAttack', `a finite number for ${key}`, { [key]: String(v) });
  return x;
}

/**
 * A named attack with its parameters bound.
 *
 * | name | parameters (defaults) |
 * |---|---|
 * | gaussian | std (200) |
 * | sign-flip | scale (1) |
 * | alie | z (z_max(n, f) of Baruch et al.) |
 * | ipm | epsilon (0.1) |
 * | mimic | target (0) |
 * | non-finite | kind ('mixed' \| 'nan' \| 'inf') |
 * | leeway | direction ('coordinate' \| 'orthogonal'), coordinate (0) |
 * | adaptive | objective ('distance' \| 'inner' \| 'coordinate'), coordinate (0) |
 *
 * @example makeAttack('adaptive', { objective: 'inner' })
 */
export function makeAttack(name: string, params: Params = {}): NamedAttack {
  switch (name) {
    case 'gaussian': return gaussianAttack(num(params, 'std'));
    case 'sign-flip': return signFlipAttack(num(params, 'scale'));
    case 'alie': return alieAttack(num(params, 'z'));
    case 'ipm': return ipmAttack(num(params, 'epsilon'));
    case 'mimic': return mimicAttack(num(params, 'target'));
    case 'non-finite': return nonFiniteAttack((params.kind as NonFiniteKind | undefined) ?? 'mixed');
    case 'leeway': return leewayAttack((params.direction as LeewayDirection | undefined) ?? 'coordinate', num(params, 'coordinate'));
    case 'adaptive': return adaptiveAttack((params.objective as AdaptiveObjective | undefined) ?? 'distance', num(params, 'coordinate'));
    default:
      throw new AdmissibilityError('makeAttack', `an attack name among ${ATTACK_NAMES.join(', ')}`, { name: String(name) });
  }
}
