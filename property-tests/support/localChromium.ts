/**
 * Debian's Chromium, headless, that reaches this machine only: pages may
 * load from 127.0.0.1 / localhost (the Jupyter servers a test started), and
 * every other http(s) or ws(s) request goes to a proxy that is not there, so
 * it fails; each such request is recorded in `outsideRequests`.
 *
 * Unlike support/chromium.ts (file:// pages, every http(s) request aborted
 * through request interception), this one blocks with a dead proxy instead
 * of intercepting, because interception turns the HTTP cache off and
 * JupyterLab then reloads its 20 MB of scripts for every notebook.
 *
 * @example
 * const browser = await launchLocalChromium();
 * try {
 *   const page = await browser.context.newPage();
 *   await page.goto('http://127.0.0.1:8888/lab?token=…');
 *   assert.deepEqual(browser.outsideRequests, []);
 * } finally {
 *   await browser.close();
 * }
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, chromiumMissing } from './chromium';

export interface LocalChromium {
  context: BrowserContext;
  /** Every URL a page asked for that was not on this machine (each one failed), in order. */
  outsideRequests: string[];
  close(): Promise<void>;
}

/** A URL on this machine (or not a network URL at all). */
export function isLocalUrl(url: string): boolean {
  if (!/^(https?|wss?):/i.test(url)) return true;
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
}

/** Starts headless Chromium on a fresh profile; only loopback addresses are reachable. */
export async function launchLocalChromium(options: { viewport?: { width: number; height: number } } = {}): Promise<LocalChromium> {
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
      // Port 9 (discard) on loopback: nothing listens, so every proxied request fails at once. Loopback bypasses the proxy.
      proxy: { server: 'http://127.0.0.1:9', bypass: '127.0.0.1,localhost,[::1]' },
    });
  } catch (e) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }
  const outsideRequests: string[] = [];
  context.on('request', (request) => {
    if (!isLocalUrl(request.url())) outsideRequests.push(request.url());
  });
  return {
    context,
    outsideRequests,
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}
