/**
 * One unit of work's value on disk, in a cluster run's folder (lib/cluster):
 * written by the shard that computed it, read back by `merge`.
 *
 * Layout: one header line of JSON, then the value as V8's structured-clone
 * bytes (`v8.serialize`, the very encoding a worker thread's message uses,
 * so a Float64Array comes back a Float64Array, NaN, ±Infinity and −0 stay
 * what they were, and the checks see the same value whether a worker just
 * computed it or a shard on another machine did):
 *
 *     {"format":"aggregathor-unit/1","key":"<sha-256 of the unit key>","kind":"experiment-trials","bytes":1234,"sha256":"<of the payload>","seconds":1.5}\n
 *     <payload: `bytes` bytes>
 *
 * The file is named after the SHA-256 of the unit's key (`kind:canonical
 * JSON of the spec`, lib/parallel/units): {@link unitFileName}. A file is
 * accepted only when its header parses, names the key it is filed under, and
 * the payload has the stated length and checksum; anything else (a shard
 * killed mid-write on a filesystem without atomic rename, a flipped bit, a
 * truncated copy) is `corrupt` and the unit is computed again.
 *
 * @example
 *   const bytes = encodeUnitFile('experiment-trials:{"seed":1}', 'experiment-trials', [1, NaN], 0.5);
 *   decodeUnitFile(bytes, 'experiment-trials:{"seed":1}') // → { ok: true, value: [1, NaN], seconds: 0.5 }
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';

export const UNIT_FORMAT = 'aggregathor-unit/1';

export interface UnitFileHeader {
  format: typeof UNIT_FORMAT;
  /** SHA-256 (hex) of the unit key. */
  key: string;
  kind: string;
  /** Length of the payload after the header line. */
  bytes: number;
  /** SHA-256 (hex) of the payload. */
  sha256: string;
  /** Seconds the unit took to compute where it ran (for recalibrating the cost estimates; never part of a result). */
  seconds: number;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The SHA-256 of a unit key, hex: the unit's name in a run folder. */
export function unitHash(key: string): string {
  return sha256(key);
}

/** The file a unit's value is stored in, inside a run folder's `units/` (two-character fan-out keeps folders small on shared filesystems). */
export function unitFileName(key: string): string {
  const h = unitHash(key);
  return path.join(h.slice(0, 2), `${h}.unit`);
}

/** The bytes of a unit file for `value`. */
export function encodeUnitFile(key: string, kind: string, value: unknown, seconds: number): Buffer {
  const payload = v8.serialize(value);
  const header: UnitFileHeader = { format: UNIT_FORMAT, key: unitHash(key), kind, bytes: payload.length, sha256: sha256(payload), seconds };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), payload]);
}

export type DecodedUnit = { ok: true; value: unknown; seconds: number } | { ok: false; why: string };

/** Reads a unit file's bytes back, checking that it is the unit `key`, whole. */
export function decodeUnitFile(bytes: Buffer, key: string): DecodedUnit {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0 || newline > 4096) return { ok: false, why: 'no header line' };
  let header: Partial<UnitFileHeader>;
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Partial<UnitFileHeader>;
  } catch {
    return { ok: false, why: 'the header is not JSON' };
  }
  if (header.format !== UNIT_FORMAT) return { ok: false, why: `format ${JSON.stringify(header.format)}, expected ${UNIT_FORMAT}` };
  if (header.key !== unitHash(key)) return { ok: false, why: 'it holds another unit (key hash differs)' };
  const payload = bytes.subarray(newline + 1);
  if (payload.length !== header.bytes) return { ok: false, why: `${payload.length} payload bytes, the header says ${header.bytes}` };
  if (sha256(payload) !== header.sha256) return { ok: false, why: 'checksum mismatch' };
  try {
    return { ok: true, value: v8.deserialize(payload), seconds: typeof header.seconds === 'number' ? header.seconds : NaN };
  } catch (error) {
    return { ok: false, why: `the payload does not decode (${error instanceof Error ? error.message : String(error)})` };
  }
}

/**
 * Writes `data` to `file` atomically: into a temporary file beside it (named
 * by this process and a random suffix, so two writers never share one),
 * flushed to disk, then renamed over `file`. A reader sees the old file or the
 * new one, never a part; two shards writing the same unit both succeed and
 * the last rename wins with identical content.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(temporary, 'w');
  try {
    fs.writeFileSync(fd, data); // writes it all (writeSync may stop short on a large buffer)
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
