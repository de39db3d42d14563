import type { ClaimCheck } from '../types';

/** The montecarlo checks, registered under their claim ids. */
export const MONTECARLO_CHECKS: ClaimCheck[] = [];
