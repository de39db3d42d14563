import type { Claim } from './types';

/** Every claim of claims.md, one entry per id (filled by the claim-registry work). */
export const CLAIMS: Claim[] = [];
