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
  const context: any = await playwright.chromium.launchPersistentContext(userDataDir, { executablePath, headless: true, args: CHROMIUM_FLAGS, offline: false });
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
      await context.close().catch(() => undefined);
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
