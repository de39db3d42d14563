/**
 * A folder of unit values that processes share (lib/parallel/units'
 * {@link UnitStore}): a notebook kernel looks a unit up there before
 * computing it, and leaves what it computes for the next kernel.
 *
 * Why: the notebooks are executed one kernel each, and several of them run
 * the same trials — notebooks 01, 02 and 03 the Lemma 1 grid, 07 what 01,
 * 04, 05 and 06 run, 08 the MNIST runs of 07. Executed one after another
 * with a shared folder, each set is computed once.
 *
 * Layout: `DIR/<first 16 hex digits of the build fingerprint>-node<version>/xx/<sha-256 of
 * the unit key>.unit`, one file per unit in the format of a cluster run's
 * units (lib/cluster/unitFile: a header naming the key, V8's structured-clone
 * bytes with their checksum, written atomically). The build fingerprint
 * (lib/cluster/plan) covers every compiled file of the library, so a value
 * computed by another build, or under another Node, is never read back: after
 * a rebuild the notebooks compute afresh in a new subfolder. (The npm
 * packages' versions are not part of the name: a folder kept across an
 * `npm ci` that changes pure-rand would serve old draws. The workbook's own
 * folders live for one run.) A file that does not decode
 * (truncated, another unit's, another format) is a miss: the unit is
 * computed and the file rewritten. A folder that cannot be written is a
 * store that misses, with one warning on stderr, never an error in the
 * notebook.
 *
 * @example
 *   useUnitStore(unitCacheFolder('build/notebooks/unit-cache'));
 *   await runClaim('L1', { mode: 'quick', seed: 1 }); // computes the Lemma 1 trials and files them
 *   // in another process, with the same folder: the same call reads them back
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useUnitStore, type UnitStore } from '../parallel/units';
import { buildFingerprint } from './plan';
import { decodeUnitFile, encodeUnitFile, unitFileName, writeFileAtomic } from './unitFile';

/** Lookups and saves of one store, for the tests and for a notebook that wants to say what it reused. */
export interface UnitCacheCounts {
  hits: number;
  misses: number;
  saved: number;
}

/** A unit store in `dir` for this build of the library; `counts` tallies what it did. */
export function unitCacheFolder(dir: string, fingerprint = buildFingerprint()): UnitStore & { folder: string; counts: UnitCacheCounts } {
  // The Node version too: V8's Math functions may round differently in another release, so its values could differ.
  const folder = path.join(path.resolve(dir), `${fingerprint.slice(0, 16)}-node${process.versions.node}`);
  const counts: UnitCacheCounts = { hits: 0, misses: 0, saved: 0 };
  let warned = false;
  return {
    folder,
    counts,
    load(key) {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(path.join(folder, unitFileName(key)));
      } catch {
        counts.misses++;
        return undefined;
      }
      const decoded = decodeUnitFile(bytes, key);
      if (!decoded.ok) {
        counts.misses++;
        return undefined;
      }
      counts.hits++;
      return { value: decoded.value };
    },
    save(key, kind, value, seconds) {
      try {
        writeFileAtomic(path.join(folder, unitFileName(key)), encodeUnitFile(key, kind, value, seconds));
        counts.saved++;
      } catch (error) {
        if (!warned) process.stderr.write(`unit cache ${folder}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)}); computing without it\n`);
        warned = true;
      }
    },
  };
}

/** The environment variable that names a shared unit folder for notebook kernels and library use. */
export const UNIT_CACHE_VARIABLE = 'AGGREGATHOR_UNIT_CACHE';

/**
 * Installs the unit folder named by AGGREGATHOR_UNIT_CACHE, if set and not
 * empty (scripts/notebooks.sh and the notebook tests set it for the kernels
 * they start). Returns the store, or undefined when the variable is unset.
 */
export function useUnitCacheFromEnvironment(env: NodeJS.ProcessEnv = process.env): ReturnType<typeof unitCacheFolder> | undefined {
  const dir = env[UNIT_CACHE_VARIABLE];
  if (!dir) return undefined;
  const store = unitCacheFolder(dir);
  useUnitStore(store);
  return store;
}
