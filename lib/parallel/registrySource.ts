import * as path from 'node:path';
import type { Claim, ClaimCheck } from '../claims/types';

/** The part of the claim registry the runner needs. */
export interface RegistryView {
  claims: readonly Claim[];
  checks: readonly ClaimCheck[];
  /** The module it was loaded from, so worker threads load the very same one. */
  modulePath: string;
}

/** The compiled registry of the workbook, beside this file in dist/. */
export const DEFAULT_REGISTRY_MODULE = path.join(__dirname, '..', 'claims', 'registry.js');

/**
 * Loads a claim registry module: the workbook's own by default, or the one
 * named by the environment variable `AGGREGATHOR_REGISTRY` (a compiled module
 * exporting `claims()` and `ALL_CHECKS`, as lib/claims/registry does), which
 * lets tests and researchers run the CLI on a registry of their own.
 */
export function loadRegistry(modulePath = process.env.AGGREGATHOR_REGISTRY || DEFAULT_REGISTRY_MODULE): RegistryView {
  const resolved = path.resolve(modulePath);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(resolved) as { claims?: () => readonly Claim[]; CLAIMS?: readonly Claim[]; ALL_CHECKS?: readonly ClaimCheck[] };
  const claims = typeof mod.claims === 'function' ? mod.claims() : mod.CLAIMS ?? [];
  return { claims, checks: mod.ALL_CHECKS ?? [], modulePath: resolved };
}
