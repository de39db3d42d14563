import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Where the system Chromium is looked for (no browser is ever downloaded). `CHROMIUM_PATH` overrides. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Flags for a quiet, offline, throwaway headless Chromium. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How long Chromium may take to start, and to draw one figure, before the report goes on without images. */
export const CHROMIUM_LAUNCH_MS = Number(process.env.AGGREGATHOR_CHROMIUM_LAUNCH_MS) || 30_000;
export const CHROMIUM_STEP_MS = Number(process.env.AGGREGATHOR_CHROMIUM_STEP_MS) || 30_000;

/** Resolves as `promise`, or rejects with `<what> took more than <ms/1000> s` when it takes longer. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The pids of this process's child processes (from /proc; empty where there is none). */
export function childProcesses(): number[] {
  const out: number[] = [];
  let entries: string[] = [];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid) out.push(Number(e));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** SIGKILL to each process and its process group (playwright starts the browser as a group leader). */
function killProcessGroups(pids: number[]): void {
  for (const pid of pids) {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // already gone, or not a group leader
      }
    }
  }
}

/** The Chromium executable, or undefined when none is installed. */
export function findChromium(): string | undefined {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : CHROMIUM_CANDIDATES;
  return candidates.find((p) => fs.existsSync(p));
}

/** The subset of playwright-core's API used here (it is a dev dependency, loaded only when present). */
export interface BrowserSession {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  context: any;
  /** Every URL a page asked for that was not file:, data:, about: or blob: (all aborted), in order. */
  blockedRequests: string[];
  close(): Promise<void>;
}

/**
 * Launches the system Chromium through playwright-core with a fresh
 * user-data folder (removed on close) and every request that is not file:,
 * data: or about: aborted, so nothing can reach the network.
 * Throws a one-line Error when Chromium or playwright-core is missing.
 */
export async function launchOfflineChromium(): Promise<BrowserSession> {
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error(process.env.CHROMIUM_PATH ? `Chromium not found at CHROMIUM_PATH=${process.env.CHROMIUM_PATH}` : `Chromium not found (looked for ${CHROMIUM_CANDIDATES.join(', ')}; install Debian's chromium or set CHROMIUM_PATH)`);
  let playwright: { chromium: { launchPersistentContext(dir: string, options: Record<string, unknown>): Promise<unknown> } };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    playwright = require('playwright-core');
  } catch {
    throw new Error('playwright-core is not installed (npm install --save-dev playwright-core)');
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregathor-chromium-'));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let context: any;
  const before = new Set(childProcesses());
  try {
    context = await playwright.chromium.launchPersistentContext(userDataDir, { executablePath, headless: true, args: CHROMIUM_FLAGS, offline: false, timeout: CHROMIUM_LAUNCH_MS });
  } catch (error) {
    // playwright waits up to half a minute for a browser that never answered to close: kill it (and its group) now.
    killProcessGroups(childProcesses().filter((pid) => !before.has(pid)));
    fs.rmSync(userDataDir, { recursive: true, force: true });
    const message = (error as Error).message.split('\n')[0];
    throw new Error(/timeout/i.test(message) ? `Chromium (${executablePath}) did not start within ${CHROMIUM_LAUNCH_MS / 1000} s` : `Chromium (${executablePath}) did not start: ${message}`);
  }
  const blockedRequests: string[] = [];
  await context.route('**/*', (route: { request(): { url(): string }; abort(): Promise<void>; continue(): Promise<void> }) => {
    const url = route.request().url();
    if (/^(file|data|about|blob):/.test(url)) return route.continue();
    blockedRequests.push(url);
    return route.abort();
  });
  return {
    context,
    blockedRequests,
    async close() {
      // A browser that stopped answering may not answer close() either: give it a few seconds, then kill it.
      const closed = await withTimeout(context.close().then(() => true, () => true), 5_000, 'closing Chromium').catch(() => false);
      if (!closed) killProcessGroups(childProcesses().filter((pid) => !before.has(pid)));
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
