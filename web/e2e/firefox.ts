// Debian's Firefox ESR driven headless by puppeteer-core over WebDriver BiDi, with
// fake camera and microphone and ICE allowed on loopback — the second browser
// engine of the end-to-end tests. Every page records its console and page errors,
// like harness.ts does for Chromium.
//
//   const ff = await launchFirefox();
//   const tab = await ff.openPage(`${server.url}/dev/media?room=x`);
//   ... expect(tab.problems()).toEqual([]);
//   await ff.close();
//
// Environment: VIDEOPRO_FIREFOX (default /usr/bin/firefox-esr),
// VIDEOPRO_E2E_SCREENSHOT_DIR (save screenshots there when set).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import type { WatchedPage } from './harness';

/** Preferences of the test profile: fake media without prompts, host candidates on 127.0.0.1. */
export const FIREFOX_PREFS: Record<string, unknown> = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'permissions.default.camera': 1,
  'permissions.default.microphone': 1,
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.no_host': false,
  // Let <audio> play without a click, as Chromium's headless mode does.
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
};

/** A Firefox page watched for errors like the harness's Chromium pages, driven by puppeteer-core. */
export type FirefoxPage = Omit<WatchedPage, 'page'> & { readonly page: Page };

export interface FirefoxHandle {
  readonly browser: Browser;
  /** A new isolated context (cookies, storage) and a blank page, watched for errors. */
  newPage(): Promise<FirefoxPage>;
  /** newPage(), then loads `url` and waits for the load event. */
  openPage(url: string): Promise<FirefoxPage>;
  close(): Promise<void>;
}

function watchFirefoxPage(page: Page): FirefoxPage {
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location();
    consoleErrors.push(where.url ? `${msg.text()} (at ${where.url}:${where.lineNumber ?? '?'})` : msg.text());
  });
  page.on('pageerror', (error) =>
    pageErrors.push(error instanceof Error ? error.stack || error.message : String(error)),
  );
  return {
    page,
    consoleErrors,
    pageErrors,
    problems: () => [...consoleErrors.map((e) => `console: ${e}`), ...pageErrors.map((e) => `page: ${e}`)],
    screenshot: async (name) => {
      const dir = process.env.VIDEOPRO_E2E_SCREENSHOT_DIR;
      if (dir) await page.screenshot({ path: join(resolve(dir), `${name}.png`) as `${string}.png`, fullPage: true });
    },
  };
}

/** Launches Firefox ESR headless with a fresh profile in a temp dir (removed on close). */
export async function launchFirefox(): Promise<FirefoxHandle> {
  const executablePath = process.env.VIDEOPRO_FIREFOX || '/usr/bin/firefox-esr';
  if (!existsSync(executablePath)) {
    throw new Error(`Firefox not found at ${executablePath}: apt-get install firefox-esr, or set VIDEOPRO_FIREFOX`);
  }
  const profileDir = await mkdtemp(join(tmpdir(), 'videopro-e2e-firefox-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath,
      headless: true,
      userDataDir: profileDir,
      extraPrefsFirefox: FIREFOX_PREFS,
      // We run as root in a container: the content sandbox cannot start there.
      env: { ...process.env, MOZ_DISABLE_CONTENT_SANDBOX: '1' },
      timeout: 60_000,
    });
  } catch (e) {
    await rm(profileDir, { recursive: true, force: true });
    throw new Error(`cannot launch ${executablePath} through puppeteer-core: ${(e as Error).message}`);
  }
  const contexts: BrowserContext[] = [];
  const newPage = async () => {
    const context = await browser.createBrowserContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    return watchFirefoxPage(page);
  };
  return {
    browser,
    newPage,
    openPage: async (url) => {
      const tab = await newPage();
      await tab.page.goto(url, { waitUntil: 'load', timeout: 30_000 });
      return tab;
    },
    close: async () => {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await browser.close().catch(() => {});
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}
