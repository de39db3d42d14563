import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../cli/userError';

/**
 * The report folder, written so that nothing the workbook did not write is
 * ever deleted:
 *
 * - A report is built in a staging folder beside the target (same file
 *   system, so the final rename is atomic) and moved into place only by
 *   {@link StagedFolder.commit}; {@link StagedFolder.abandon} removes it. A
 *   failed or interrupted run never leaves a half report where the report goes.
 * - Every report carries a manifest ({@link MANIFEST}): the files it wrote,
 *   with their SHA-256. The target may be replaced only when it does not
 *   exist, is an empty folder, or is a previous report whose files are
 *   exactly those of its manifest, unchanged. A folder holding anything else
 *   (a thesis, data, a clone, a report the user edited) is refused in one line,
 *   before any check runs, and again at commit time.
 * - The current folder and its parents are refused as targets: replacing
 *   them would pull the folder from under the user's shell.
 * - Staging folders carry a marker naming the process that writes them; a
 *   later run removes those whose process is gone (a killed run), and refuses
 *   a target that a live run is writing to.
 * - Folders are created with the user's umask (not mkdtemp's 0700).
 */
export interface StagedFolder {
  target: string;
  staging: string;
  /** Writes the manifest, then swaps the staging folder into place. */
  commit(): void;
  abandon(): void;
}

/** The manifest file in every report folder: what the workbook wrote there. */
export const MANIFEST = '.aggregathor-report.json';
/** The marker in a staging folder: which process writes it. */
export const STAGING_MARKER = '.aggregathor-staging.json';

interface Manifest {
  writtenBy: 'aggregathor-workbook';
  files: Record<string, string>;
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}${e.message.includes(':') ? ` (${e.message.split(':')[0]})` : ''}` : String(e.message ?? e);
}

/** Every file under `dir`, as relative paths with `/`, sorted; folders are implied by their files. */
function filesUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      const inner = filesUnder(path.join(dir, entry.name), rel);
      if (inner.length === 0) out.push(`${rel}/`); // an empty folder is content too: it is not ours unless listed
      else out.push(...inner);
    } else out.push(rel);
  }
  return out.sort();
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Writes the manifest of everything in `dir` (called on the finished staging folder). */
function writeManifest(dir: string): void {
  const files: Record<string, string> = {};
  for (const rel of filesUnder(dir)) if (rel !== MANIFEST && !rel.endsWith('/')) files[rel] = sha256(path.join(dir, rel));
  const manifest: Manifest = { writtenBy: 'aggregathor-workbook', files };
  fs.writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
}

/**
 * Why the workbook may not replace the existing folder `abs`, or undefined
 * when it may (empty, or a previous report exactly as the workbook wrote it).
 */
export function whyNotReplaceable(abs: string, shown: string): string | undefined {
  const entries = filesUnder(abs);
  if (entries.length === 0) return undefined;
  const manifestFile = path.join(abs, MANIFEST);
  let manifest: Manifest | undefined;
  try {
    const parsed = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    if (parsed && parsed.writtenBy === 'aggregathor-workbook' && parsed.files && typeof parsed.files === 'object') manifest = parsed;
  } catch {
    manifest = undefined;
  }
  const advice = 'choose a new or empty folder, or a previous report folder of the workbook';
  if (!manifest) {
    const top = fs.readdirSync(abs).sort();
    const shownFiles = top.slice(0, 4).join(', ') + (top.length > 4 ? `, … (${top.length} entries)` : '');
    const legacy = top.includes('results.json') && top.includes('report.md') ? ' (if it is a report of an earlier version of the workbook, which wrote no manifest, delete it yourself)' : '';
    return `--out ${shown}: the folder exists and holds files the workbook did not write (${shownFiles}); ${advice}${legacy}`;
  }
  // An empty folder holds nothing to lose: only files the manifest does not list are foreign.
  const foreign = entries.filter((rel) => rel !== MANIFEST && !rel.endsWith('/') && !(rel in manifest.files));
  if (foreign.length > 0) return `--out ${shown}: the previous report there also holds files the workbook did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); move them, or ${advice}`;
  for (const [rel, hash] of Object.entries(manifest.files)) {
    const file = path.join(abs, rel);
    if (fs.existsSync(file) && sha256(file) !== hash) return `--out ${shown}: ${rel} in the previous report was changed after the workbook wrote it; move it, or ${advice}`;
  }
  return undefined;
}

/** True when `pid` names a live process (a zombie counts as gone). */
function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

/**
 * Removes staging folders of `base` in `parent` left by runs that were
 * killed (their marker's process is gone), and the `.previous` copies a run
 * killed during its final swap left behind when they are intact reports.
 * Returns the pid of a live run writing the same target, if any.
 */
function cleanStale(parent: string, base: string): number | undefined {
  let busy: number | undefined;
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return undefined;
  }
  for (const name of names) {
    if (!name.startsWith(`.${base}.partial-`)) continue;
    const dir = path.join(parent, name);
    try {
      if (name.endsWith('.previous')) {
        if (whyNotReplaceable(dir, dir) === undefined) fs.rmSync(dir, { recursive: true, force: true });
        continue;
      }
      const marker = JSON.parse(fs.readFileSync(path.join(dir, STAGING_MARKER), 'utf8')) as { pid?: number; writtenBy?: string };
      if (marker.writtenBy !== 'aggregathor-workbook') continue; // not ours: leave it
      if (alive(Number(marker.pid))) busy = Number(marker.pid);
      else fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // no marker, unreadable, or removed meanwhile: not ours to touch
    }
  }
  return busy;
}

/** The user's umask applied to 0777, for the folders the workbook creates. */
function folderMode(): number {
  return 0o777 & ~process.umask();
}

/**
 * Creates the staging folder for `target`, failing at once (one-line
 * {@link UserError}) when the target may not be replaced, is being written
 * by another run, or its place is not writable — before any check runs.
 */
export function stageFolder(target: string): StagedFolder {
  if (target.trim() === '') throw new UserError('--out needs a folder path; got an empty string');
  const abs = path.resolve(target);
  const cwd = process.cwd();
  if (abs === cwd || cwd.startsWith(abs.endsWith(path.sep) ? abs : abs + path.sep) || abs === path.parse(abs).root)
    throw new UserError(`--out ${target}: the report folder cannot be the current folder or one of its parents (${abs}); name a subfolder such as report`);
  const parent = path.dirname(abs);
  const base = path.basename(abs);
  if (fs.existsSync(abs)) {
    if (!fs.statSync(abs).isDirectory()) throw new UserError(`cannot write the report to ${target}: it exists and is not a folder`);
    const why = whyNotReplaceable(abs, target);
    if (why) throw new UserError(why);
  }
  let staging: string;
  try {
    fs.mkdirSync(parent, { recursive: true, mode: folderMode() });
    const busy = cleanStale(parent, base);
    if (busy !== undefined) throw new UserError(`--out ${target}: another run (process ${busy}) is writing a report there; wait for it or choose another folder`);
    staging = fs.mkdtempSync(path.join(parent, `.${base}.partial-`));
    fs.chmodSync(staging, folderMode());
    fs.writeFileSync(path.join(staging, STAGING_MARKER), `${JSON.stringify({ writtenBy: 'aggregathor-workbook', pid: process.pid, target: abs })}\n`);
    fs.accessSync(staging, fs.constants.W_OK);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`cannot write the report to ${target}: the folder ${parent} is not writable (${reason(error)})`);
  }
  let done = false;
  return {
    target: abs,
    staging,
    commit() {
      if (done) return;
      // The target may have changed during the run (a user saved a file into it): check again, just before the swap.
      if (fs.existsSync(abs)) {
        const why = fs.statSync(abs).isDirectory() ? whyNotReplaceable(abs, target) : `cannot write the report to ${target}: it exists and is not a folder`;
        if (why) {
          const kept = `${abs}.report-${path.basename(staging).split('.partial-')[1]}`;
          fs.rmSync(path.join(staging, STAGING_MARKER), { force: true });
          writeManifest(staging);
          fs.renameSync(staging, kept);
          done = true;
          throw new UserError(`${why} (it changed during the run); the report was written to ${kept} instead`);
        }
      }
      fs.rmSync(path.join(staging, STAGING_MARKER), { force: true });
      writeManifest(staging);
      let old: string | undefined;
      try {
        if (fs.existsSync(abs)) {
          old = `${staging}.previous`;
          fs.renameSync(abs, old);
        }
        fs.renameSync(staging, abs);
        done = true;
      } catch (error) {
        if (old && !fs.existsSync(abs)) fs.renameSync(old, abs);
        throw new UserError(`cannot move the report into ${target}: ${reason(error)}`);
      }
      if (old) fs.rmSync(old, { recursive: true, force: true });
    },
    abandon() {
      if (done) return;
      done = true;
      fs.rmSync(staging, { recursive: true, force: true });
    },
  };
}
