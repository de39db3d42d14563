/**
 * The admissible parameter sets of the paper and of the rules, as predicates
 * over integers (n, f, m), and the implications between them that the proofs
 * use silently. Each implication is checked by a fast-check property and by
 * exhaustive enumeration of a finite range ({@link smallestViolation}).
 *
 * - section 2 (MULTI-KRUM):  n > 2, f <= (n − 2)/2, m <= n − f − 2
 * - section 3 (AGGREGATHOR): n > 2, f <= (n − 3)/4, m <= n − 2f − 2
 * - Lemma 1:                 2f + 2 < n
 * - MULTI-KRUM (code):       n >= 2f + 3;   BULYAN (code): n >= 4f + 3
 *
 * m is a count of averaged vectors, so 1 <= m is read into both sections.
 *
 * @example SECTION_2.holds(4, 1, 1) // true — yet LEMMA_1.holds(4, 1) is false (n = 2f + 2)
 */

/** A set of admissible (n, f, m); `m` omitted means "for some admissible m" (only n, f are tested). */
export interface AdmissibleSet {
  id: 'section-2' | 'section-3' | 'lemma-1' | 'multi-krum-rule' | 'bulyan-rule';
  label: string;
  /** The condition as printed (or as coded, for the rules). */
  condition: string;
  holds(n: number, f: number, m?: number): boolean;
}

const integers = (...xs: number[]) => xs.every(Number.isInteger);

export const SECTION_2: AdmissibleSet = {
  id: 'section-2',
  label: 'Section 2 (MULTI-KRUM)',
  condition: 'n > 2, f <= (n − 2)/2, 1 <= m <= n − f − 2',
  holds: (n, f, m) => integers(n, f) && n > 2 && f >= 0 && 2 * f <= n - 2 && (m === undefined || (Number.isInteger(m) && m >= 1 && m <= n - f - 2)),
};

export const SECTION_3: AdmissibleSet = {
  id: 'section-3',
  label: 'Section 3 (AGGREGATHOR)',
  condition: 'n > 2, f <= (n − 3)/4, 1 <= m <= n − 2f − 2',
  holds: (n, f, m) => integers(n, f) && n > 2 && f >= 0 && 4 * f <= n - 3 && (m === undefined || (Number.isInteger(m) && m >= 1 && m <= n - 2 * f - 2)),
};

/** Lemma 1's hypothesis on n, f (its m is section 2's). */
export const LEMMA_1: AdmissibleSet = {
  id: 'lemma-1',
  label: 'Lemma 1',
  condition: '2f + 2 < n (with section 2’s 1 <= m <= n − f − 2)',
  holds: (n, f, m) => integers(n, f) && f >= 0 && 2 * f + 2 < n && (m === undefined || (Number.isInteger(m) && m >= 1 && m <= n - f - 2)),
};

export const MULTI_KRUM_RULE: AdmissibleSet = {
  id: 'multi-krum-rule',
  label: 'MULTI-KRUM (lib/rules/krum.ts)',
  condition: 'n >= 2f + 3, 1 <= m <= n',
  holds: (n, f, m) => integers(n, f) && f >= 0 && n >= 2 * f + 3 && (m === undefined || (Number.isInteger(m) && m >= 1 && m <= n)),
};

export const BULYAN_RULE: AdmissibleSet = {
  id: 'bulyan-rule',
  label: 'BULYAN / AGGREGATHOR (lib/rules/bulyan.ts)',
  condition: 'n >= 4f + 3',
  holds: (n, f) => integers(n, f) && f >= 0 && n >= 4 * f + 3,
};

export const ADMISSIBLE_SETS: readonly AdmissibleSet[] = [SECTION_2, SECTION_3, LEMMA_1, MULTI_KRUM_RULE, BULYAN_RULE];

/** An implication premise ⇒ conclusion over integer (n, f, m), with what the workbook expects of it. */
export interface Implication {
  id: string;
  /** The claim whose proof relies on it. */
  claimId: string;
  statement: string;
  premise(n: number, f: number, m: number): boolean;
  conclusion(n: number, f: number, m: number): boolean;
  expected: 'holds' | 'fails';
  /** Why it matters / what the failure means. */
  note: string;
}

/** η's as-derived denominator n − 2f − 2 (and L1.1's lower bound on δc) is positive. */
export const etaDenominatorPositive = (n: number, f: number) => n - 2 * f - 2 > 0;

export const IMPLICATIONS: readonly Implication[] = [
  {
    id: 'section-2 => lemma-1',
    claimId: 'T1',
    statement: 'Section 2’s setting implies Lemma 1’s hypothesis 2f + 2 < n (T1 (i) applies Lemma 1 on the whole of section 2)',
    premise: (n, f, m) => SECTION_2.holds(n, f, m),
    conclusion: (n, f, m) => LEMMA_1.holds(n, f, m),
    expected: 'fails',
    note: 'f <= (n − 2)/2 admits n = 2f + 2 (e.g. n = 4, f = 1, m = 1), where Lemma 1 does not apply and η’s denominator n − 2f − 2 is 0.',
  },
  {
    id: 'section-2 => eta defined',
    claimId: 'T1',
    statement: 'Section 2’s setting makes η (as derived, denominator n − 2f − 2) finite',
    premise: (n, f, m) => SECTION_2.holds(n, f, m),
    conclusion: (n, f) => etaDenominatorPositive(n, f),
    expected: 'fails',
    note: 'Same boundary n = 2f + 2: the denominator of η (as derived) and L1.1’s lower bound n − 2f − 2 vanish.',
  },
  {
    id: 'section-2 without n = 2f + 2 => lemma-1',
    claimId: 'T1',
    statement: 'Repaired: section 2 with f <= (n − 3)/2 (i.e. n >= 2f + 3) implies Lemma 1’s hypothesis, a positive η denominator and MULTI-KRUM’s admissibility',
    premise: (n, f, m) => SECTION_2.holds(n, f, m) && 2 * f <= n - 3,
    conclusion: (n, f, m) => LEMMA_1.holds(n, f, m) && etaDenominatorPositive(n, f) && MULTI_KRUM_RULE.holds(n, f, m),
    expected: 'holds',
    note: 'The repair of T1’s range.',
  },
  {
    id: 'lemma-1 <=> multi-krum-rule',
    claimId: 'T1',
    statement: 'Lemma 1’s 2f + 2 < n is the rule’s n >= 2f + 3 (integers)',
    premise: () => true,
    conclusion: (n, f) => LEMMA_1.holds(n, f) === MULTI_KRUM_RULE.holds(n, f),
    expected: 'holds',
    note: '',
  },
  {
    id: 'section-2 => m~ >= 1',
    claimId: 'T1',
    statement: 'Section 2’s m̃ = n − f − 2 is at least 1, so MULTI-KRUM with m = m̃ is defined',
    premise: (n, f, m) => SECTION_2.holds(n, f, m),
    conclusion: (n, f) => n - f - 2 >= 1,
    expected: 'holds',
    note: '',
  },
  {
    id: 'section-3 => section-2',
    claimId: 'T2',
    statement: 'Section 3’s setting implies section 2’s (T2 applies Theorem 1)',
    premise: (n, f, m) => SECTION_3.holds(n, f, m),
    conclusion: (n, f, m) => SECTION_2.holds(n, f, m),
    expected: 'holds',
    note: '',
  },
  {
    id: 'section-3 => lemma-1',
    claimId: 'T2',
    statement: 'Section 3’s setting implies Lemma 1’s hypothesis',
    premise: (n, f, m) => SECTION_3.holds(n, f, m),
    conclusion: (n, f, m) => LEMMA_1.holds(n, f, m),
    expected: 'holds',
    note: '',
  },
  {
    id: 'section-3 <=> bulyan-rule',
    claimId: 'T2',
    statement: 'Section 3’s f <= (n − 3)/4 is BULYAN’s n >= 4f + 3 (integers, n > 2)',
    premise: (n) => n > 2,
    conclusion: (n, f) => SECTION_3.holds(n, f) === BULYAN_RULE.holds(n, f),
    expected: 'holds',
    note: '',
  },
  {
    id: 'section-3 => m~3 >= 2f + 1',
    claimId: 'T2',
    statement: 'Section 3’s m̃ = n − 2f − 2 is at least 2f + 1 >= 1 (BULYAN’s β = θ − 2f >= 1 with θ = n − 2f selections)',
    premise: (n, f, m) => SECTION_3.holds(n, f, m),
    conclusion: (n, f) => n - 2 * f - 2 >= 2 * f + 1,
    expected: 'holds',
    note: '',
  },
];

/** True when the implication holds at (n, f, m). */
export function implicationHoldsAt(imp: Implication, n: number, f: number, m: number): boolean {
  return !imp.premise(n, f, m) || imp.conclusion(n, f, m);
}

/**
 * The smallest (n, then f, then m) violation of an implication with
 * 1 <= n <= nMax, 0 <= f <= n, 1 <= m <= n, or null: an exhaustive,
 * exact complement to the fast-check properties.
 */
export function smallestViolation(imp: Implication, nMax: number): { n: number; f: number; m: number } | null {
  for (let n = 1; n <= nMax; n++)
    for (let f = 0; f <= n; f++)
      for (let m = 1; m <= n; m++) if (!implicationHoldsAt(imp, n, f, m)) return { n, f, m };
  return null;
}
