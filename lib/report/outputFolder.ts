import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../cli/userError';

/**
 * A report folder under construction: written into a temporary folder beside
 * the target (same file system, so the final rename is atomic) and moved into
 * place only by {@link commit}; {@link abandon} removes it. A failed or
 * interrupted run therefore never leaves a half report where the report goes.
 */
export interface StagedFolder {
  target: string;
  staging: string;
  commit(): void;
  abandon(): void;
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}${e.message.includes(':') ? ` (${e.message.split(':')[0]})` : ''}` : String(e.message ?? e);
}

/**
 * Creates the staging folder for `target`, failing at once (one-line
 * {@link UserError}) when the place is not writable — before any check runs.
 */
export function stageFolder(target: string): StagedFolder {
  const abs = path.resolve(target);
  const parent = path.dirname(abs);
  const base = path.basename(abs);
  if (fs.existsSync(abs) && !fs.statSync(abs).isDirectory()) throw new UserError(`cannot write the report to ${target}: it exists and is not a folder`);
  let staging: string;
  try {
    fs.mkdirSync(parent, { recursive: true });
    staging = fs.mkdtempSync(path.join(parent, `.${base}.partial-`));
    fs.accessSync(staging, fs.constants.W_OK);
  } catch (error) {
    throw new UserError(`cannot write the report to ${target}: the folder ${parent} is not writable (${reason(error)})`);
  }
  let done = false;
  return {
    target: abs,
    staging,
    commit() {
      if (done) return;
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
