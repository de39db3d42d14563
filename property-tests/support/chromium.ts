/**
 * Debian's Chromium, headless and offline, for the browser tests and for
 * rendering the report's figures (SVG/PNG).
 *
 * Driven by playwright-core with the system executable: no browser is ever
 * downloaded. Each launch gets a new empty profile (`userDataDir`, removed on
 * close), and every http(s) request any page makes is aborted and recorded,
 * so a page that still renders has proved it needs no network.
 *
 * @example
 * const browser = await launchChromium();
 * try {
 *   const page = await browser.context.newPage();
 *   await page.goto(pathToFileURL('build/notebooks/00-tour.html').href);
 *   // … assertions …
 *   assert.deepEqual(browser.blockedRequests, []);
 * } finally {
 *   await browser.close();
 * }
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium launcher (package `chromium`). CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The report's flags: headless, no sandbox (CI runs as root), no GPU, no background network services. */
import { CHROMIUM_FLAGS } from '../../lib/report/chromium';
export { CHROMIUM_FLAGS };

/** Why Chromium cannot be launched here, or null when it can. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `Chromium is not installed at ${CHROMIUM_PATH} (Debian package chromium; \`npm test\` installs it when run as root)`;
}

export interface OfflineChromium {
  context: BrowserContext;
  /** Every http(s) URL a page asked for (all aborted), in order. */
  blockedRequests: string[];
  close(): Promise<void>;
}

/** Starts headless Chromium on a fresh profile with the network cut off. */
export async function launchChromium(options: { viewport?: { width: number; height: number } } = {}): Promise<OfflineChromium> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'aggregathor-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_FLAGS],
      viewport: options.viewport ?? { width: 1280, height: 900 },
      serviceWorkers: 'block',
    });
  } catch (e) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }
  const blockedRequests: string[] = [];
  await context.route(/^(https?|wss?):/i, async (route) => {
    blockedRequests.push(route.request().url());
    await route.abort('blockedbyclient');
  });
  return {
    context,
    blockedRequests,
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}
