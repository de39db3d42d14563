/**
 * The implications between the admissible parameter sets that Theorems 1 and
 * 2 rely on (lib/constants/admissible.ts), checked by fast-check over integer
 * (n, f, m) with 1 <= n <= 60, 0 <= f <= n, 1 <= m <= n (the printed ranges
 * and their boundaries inside a wider box), and recorded with the smallest
 * violation found by exhaustive enumeration of the same box.
 */
import { anyParametersArb } from '../../arbitraries';
import { anyParametersRegion } from '../region';
import { IMPLICATIONS, implicationHoldsAt, smallestViolation, type Implication } from '../../../constants/admissible';
import type { DeterministicCheckSpec } from './propertyCheck';

type NFM = { n: number; f: number; m: number };
const RUNS = { quick: 500, full: 5000 };
const N_MAX = 60;

function implicationSpec(imp: Implication): Omit<DeterministicCheckSpec<NFM>, 'claimId' | 'name' | 'reading' | 'method' | 'expected'> {
  const smallest = smallestViolation(imp, N_MAX);
  return {
    statement: imp.statement,
    arbitrary: () => anyParametersArb(N_MAX),
    region: anyParametersRegion(N_MAX),
    predicate: ({ n, f, m }) => implicationHoldsAt(imp, n, f, m),
    describe: ({ n, f, m }) => `n=${n} f=${f} m=${m}: premise ${imp.premise(n, f, m)}, conclusion ${imp.conclusion(n, f, m)}`,
    numRuns: RUNS,
    notes: `${imp.note}${imp.note ? ' ' : ''}Exhaustive enumeration of n <= ${N_MAX}: ${smallest ? `smallest violation n=${smallest.n}, f=${smallest.f}, m=${smallest.m}` : 'no violation'}.`,
  };
}

const byId = (id: string) => IMPLICATIONS.find((i) => i.id === id)!;
const repairOfT1 = implicationSpec(byId('section-2 without n = 2f + 2 => lemma-1'));

export const ADMISSIBILITY_CHECKS: DeterministicCheckSpec[] = IMPLICATIONS.filter((i) => i.id !== 'section-2 without n = 2f + 2 => lemma-1').map((imp) => ({
  claimId: imp.claimId,
  name: `admissible: ${imp.id}`,
  reading: 'as-printed',
  method: 'exact' as const,
  expected: imp.expected,
  ...implicationSpec(imp),
  repair: imp.expected === 'fails' ? repairOfT1 : undefined,
}));
