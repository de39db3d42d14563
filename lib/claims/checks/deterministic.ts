import type { ClaimCheck } from '../types';

/** The deterministic checks, registered under their claim ids. */
export const DETERMINISTIC_CHECKS: ClaimCheck[] = [];
