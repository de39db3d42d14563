import * as fs from 'node:fs';

/**
 * A run dies with its caller. Two ways a run can be orphaned, and what
 * covers each:
 *
 * - A signal (SIGINT from Ctrl-C, SIGTERM from `timeout`, CI runners and
 *   schedulers, SIGHUP from a closed terminal): {@link onInterrupt}.
 * - A caller killed outright (SIGKILL cannot be caught) or a caller that
 *   exits without forwarding the signal — `npm` runs scripts through `sh`,
 *   which does not pass SIGTERM on. The process is then re-parented, so
 *   {@link watchCaller} follows the chain of parents this process started
 *   under and reports the first broken link, within {@link POLL_MS}.
 *
 * Which parents are "the caller": the re-executing CLI (main.ts names itself
 * in {@link PARENT_ENV}), and, under `npm start`, every process up to and
 * including npm itself. A plain `node dist/lib/cli/main.js` under a shell
 * watches no parent, so `nohup … &` keeps working as the user meant.
 */
export const POLL_MS = 250;

/** Set by the CLI on the child it re-executes: the pid of the parent it must die with. */
export const PARENT_ENV = 'AGGREGATHOR_PARENT_PID';

/** The parent of `pid` from /proc, or undefined when it is gone (or there is no /proc). */
export function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (after[0] === 'Z') return undefined; // a zombie has exited
    return Number(after[1]);
  } catch {
    return undefined;
  }
}

function isNode(pid: number): boolean {
  try {
    return /(^|\/)node(js)?(\d+)?$/.test(fs.readlinkSync(`/proc/${pid}/exe`));
  } catch {
    return false;
  }
}

/**
 * The chain of links [child, parent] this process must keep: each child's
 * parent must stay the same process. Empty when there is nobody to watch.
 */
export function callerChain(env: NodeJS.ProcessEnv = process.env): [number, number][] {
  const links: [number, number][] = [];
  const named = Number(env[PARENT_ENV]);
  if (Number.isInteger(named) && named > 1) {
    links.push([process.pid, named]);
    return links; // the re-executing CLI watches the rest
  }
  // Only the script that runs this CLI (`npm start`, scripts/main.sh): npm's variables are inherited by
  // everything started beneath any npm script, e.g. a Slurm job submitted from `npm test`, whose
  // chain (bash, slurmstepd) never reaches npm and would read as "npm is gone".
  if (env.npm_lifecycle_event !== 'start') return links;
  // Under npm: up to the npm process (a node process), through the sh/bash that run the script; at most 4 levels.
  // A chain that ends before it reaches npm means npm is already gone (it was stopped while the build ran): that
  // link is recorded as broken ([child, -1]), so the watcher fires at once.
  let child = process.pid;
  for (let level = 0; level < 4; level++) {
    const parent = parentOf(child);
    if (parent === undefined || parent === 0 || (parent === 1 && !isNode(1))) {
      links.push([child, -1]);
      break;
    }
    links.push([child, parent]);
    if (isNode(parent)) break;
    child = parent;
  }
  return links;
}

/**
 * Calls `onGone(description)` once when a link of the chain breaks (the
 * caller exited or was killed). The timer does not keep the process alive.
 * Returns a function that stops watching.
 */
export function watchCaller(onGone: (description: string) => void, links: [number, number][] = callerChain()): () => void {
  if (links.length === 0) return () => undefined;
  const timer = setInterval(() => {
    for (const [child, parent] of links) {
      if (child !== process.pid && parentOf(child) === undefined) continue; // an intermediate shell that exited: its child's own link tells
      if (parentOf(child) !== parent) {
        clearInterval(timer);
        onGone(`the calling process ${parent} is gone`);
        return;
      }
    }
  }, POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

export type InterruptCause = NodeJS.Signals | 'caller-gone';

/** The conventional exit status for a signal: 128 + its number (SIGINT 130, SIGTERM 143, SIGHUP 129); 129 when the caller vanished. */
export function exitStatusFor(cause: InterruptCause): number {
  if (cause === 'caller-gone') return 129; // as if hung up on
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
  return 128 + (numbers[cause] ?? 15);
}

/**
 * Runs `handler` once on SIGINT, SIGTERM, SIGHUP or when the caller is gone.
 * Returns a function that removes the handlers.
 */
export function onInterrupt(handler: (cause: InterruptCause, detail: string) => void): () => void {
  let fired = false;
  const fire = (cause: InterruptCause, detail: string) => {
    if (fired) return;
    fired = true;
    handler(cause, detail);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const listeners = signals.map((s) => {
    const l = () => fire(s, `interrupted by ${s}`);
    process.on(s, l);
    return [s, l] as const;
  });
  const stopWatching = watchCaller((d) => fire('caller-gone', `interrupted: ${d}`));
  return () => {
    stopWatching();
    for (const [s, l] of listeners) process.removeListener(s, l);
  };
}
