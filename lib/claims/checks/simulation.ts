import type { ClaimCheck } from '../types';

/** The simulation checks, registered under their claim ids. */
export const SIMULATION_CHECKS: ClaimCheck[] = [];
