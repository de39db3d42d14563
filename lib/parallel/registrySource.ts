import * as path from 'node:path';
import type { Claim, ClaimCheck } from '../claims/types';
import { UserError } from '../cli/userError';

/** The part of the claim registry the runner needs. */
export interface RegistryView {
  claims: readonly Claim[];
  checks: readonly ClaimCheck[];
  /** The module it was loaded from, so worker threads load the very same one. */
  modulePath: string;
}

/** The compiled registry of the workbook, beside this file in dist/. */
export const DEFAULT_REGISTRY_MODULE = path.join(__dirname, '..', 'claims', 'registry.js');

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/**
 * Loads a claim registry module: the workbook's own by default, or the one
 * named by the environment variable `AGGREGATHOR_REGISTRY` (a compiled module
 * exporting `claims()` and `ALL_CHECKS`, as lib/claims/registry does), which
 * lets tests and researchers run the CLI on a registry of their own.
 *
 * A registry that cannot be loaded, throws while loading, or has no claim or
 * no check is a one-line {@link UserError} naming the module: a run over
 * nothing must never report "0 checks, 0 surprises" and succeed.
 */
export function loadRegistry(modulePath = process.env.AGGREGATHOR_REGISTRY || DEFAULT_REGISTRY_MODULE): RegistryView {
  const resolved = path.resolve(modulePath);
  const where = `the claim registry ${resolved}${process.env.AGGREGATHOR_REGISTRY ? ' (AGGREGATHOR_REGISTRY)' : ''}`;
  let mod: { claims?: unknown; CLAIMS?: unknown; ALL_CHECKS?: unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(resolved);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'MODULE_NOT_FOUND' && firstLine(error).includes(resolved)) throw new UserError(`cannot load ${where}: no such module`);
    throw new UserError(`cannot load ${where}: it threw ${error instanceof Error ? `${error.name}: ` : ''}${firstLine(error)}`);
  }
  let claims: unknown;
  try {
    claims = typeof mod.claims === 'function' ? (mod.claims as () => unknown)() : mod.CLAIMS;
  } catch (error) {
    throw new UserError(`cannot load ${where}: its claims() threw ${firstLine(error)}`);
  }
  const checks = mod.ALL_CHECKS;
  if (claims === undefined) throw new UserError(`${where} exports neither claims() nor CLAIMS`);
  if (!Array.isArray(claims)) throw new UserError(`${where}: claims() returned ${typeof claims}, not an array of claims`);
  if (checks === undefined) throw new UserError(`${where} does not export ALL_CHECKS`);
  if (!Array.isArray(checks)) throw new UserError(`${where}: ALL_CHECKS is ${typeof checks}, not an array of checks`);
  if (claims.length === 0) throw new UserError(`${where} has no claims: nothing to verify`);
  if (checks.length === 0) throw new UserError(`${where} has ${claims.length} claim${claims.length > 1 ? 's' : ''} but no checks: nothing to verify`);
  const ids = new Set((claims as Partial<Claim>[]).map((c) => c?.id));
  const badClaim = (claims as Partial<Claim>[]).findIndex((c) => !c || typeof c.id !== 'string');
  if (badClaim >= 0) throw new UserError(`${where}: claim ${badClaim + 1} has no id`);
  const badCheck = (checks as Partial<ClaimCheck>[]).findIndex((c) => !c || typeof c.run !== 'function' || typeof c.claimId !== 'string' || typeof c.name !== 'string');
  if (badCheck >= 0) throw new UserError(`${where}: check ${badCheck + 1} of ALL_CHECKS lacks a claimId, name or run function`);
  const orphan = (checks as ClaimCheck[]).find((c) => !ids.has(c.claimId));
  if (orphan) throw new UserError(`${where}: check "${orphan.name}" is for claim "${orphan.claimId}", which the registry does not have`);
  return { claims: claims as readonly Claim[], checks: checks as readonly ClaimCheck[], modulePath: resolved };
}
