// End-to-end harness: a real `videopro serve` on a free port with a fresh data
// directory, and Debian's Chromium driven headless by playwright-core with fake
// camera and microphone. Every page records its console errors and page errors.
//
//   const h = await startHarness();
//   const tab = await h.openPage('/');
//   ... expect(tab.problems()).toEqual([]);
//   await h.stop();
//
// Environment: VIDEOPRO_BIN (server binary, default ../build/src/app/videopro),
// VIDEOPRO_WEB_ROOT (built client, default ../web/dist), VIDEOPRO_CHROMIUM
// (default /usr/bin/chromium), VIDEOPRO_E2E_SCREENSHOT_DIR (save screenshots
// there when set), VIDEOPRO_READY_TIMEOUT_MS (default 20000).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT_LIMIT = 64 * 1024;
const STOP_GRACE_MS = 10_000;

// Servers still running if the test process exits abruptly (an interrupted run).
const liveServers = new Set<ChildProcess>();
process.once('exit', () => liveServers.forEach((child) => child.kill('SIGKILL')));

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
];

/** The videopro binary the harness runs (VIDEOPRO_BIN or the build tree's). */
export function videoproBinary(): string {
  return envPath('VIDEOPRO_BIN', '../build/src/app/videopro');
}

function envPath(name: string, fallback: string): string {
  return resolve(WEB_DIR, process.env[name] || fallback);
}

/** Keeps the last OUTPUT_LIMIT characters of a stream. */
class Tail {
  private text = '';
  append(chunk: Buffer | string): void {
    this.text = (this.text + chunk.toString()).slice(-OUTPUT_LIMIT);
  }
  toString(): string {
    return this.text;
  }
}

// --- The server ---------------------------------------------------------------

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerHandle {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly dataDir: string;
  stderr(): string;
  stdout(): string;
  /** SIGTERM, wait for the exit (SIGKILL after a grace period), remove the temp dir. */
  stop(): Promise<ServerExit>;
}

export interface ServerOptions {
  extraArgs?: string[];
  readyTimeoutMs?: number;
}

function waitForExit(child: ChildProcess): Promise<ServerExit> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
}

async function readReadyFile(path: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null; // not written yet
  }
  const ready = JSON.parse(text) as { http_url?: unknown };
  if (typeof ready.http_url !== 'string' || !/^https?:\/\//.test(ready.http_url)) {
    throw new Error(`ready file ${path} has no usable "http_url": ${text}`);
  }
  return ready.http_url.replace(/\/+$/, '');
}

/** Starts `videopro serve` on free ports with a fresh data directory and waits until it is ready. */
export async function startServer(options: ServerOptions = {}): Promise<ServerHandle> {
  const bin = envPath('VIDEOPRO_BIN', '../build/src/app/videopro');
  const webRoot = envPath('VIDEOPRO_WEB_ROOT', '../web/dist');
  if (!existsSync(bin)) {
    throw new Error(
      `videopro binary not found at ${bin}: build the server first (scripts/run or cmake --build build), or set VIDEOPRO_BIN`,
    );
  }
  if (!existsSync(join(webRoot, 'index.html'))) {
    throw new Error(`no built web client at ${webRoot}: run "npm run build" in web/, or set VIDEOPRO_WEB_ROOT`);
  }
  const tempDir = await mkdtemp(join(tmpdir(), 'videopro-e2e-'));
  const readyFile = join(tempDir, 'ready.json');
  const dataDir = join(tempDir, 'data');
  await mkdir(dataDir);
  const args = [
    'serve',
    '--http-port',
    '0',
    '--data-dir',
    dataDir,
    '--web-root',
    webRoot,
    '--ready-file',
    readyFile,
    '--media-port',
    '0',
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  liveServers.add(child);
  const out = new Tail();
  const err = new Tail();
  child.stdout?.on('data', (chunk: Buffer) => out.append(chunk));
  child.stderr?.on('data', (chunk: Buffer) => err.append(chunk));
  let spawnError: Error | null = null;
  child.once('error', (e) => (spawnError = e));
  const exited = waitForExit(child);

  const cleanUp = async (): Promise<ServerExit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    const exit = await exited;
    clearTimeout(timer);
    liveServers.delete(child);
    await rm(tempDir, { recursive: true, force: true });
    return exit;
  };

  const timeoutMs = options.readyTimeoutMs ?? Number(process.env.VIDEOPRO_READY_TIMEOUT_MS || 20_000);
  const deadline = Date.now() + timeoutMs;
  const command = `${bin} ${args.join(' ')}`;
  let url: string | null = null;
  try {
    while (url === null) {
      if (spawnError) throw new Error(`cannot start ${command}: ${(spawnError as Error).message}`);
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`videopro exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready`);
      }
      if (Date.now() > deadline) throw new Error(`videopro did not write ${readyFile} within ${timeoutMs} ms`);
      url = await readReadyFile(readyFile);
      if (url === null) await new Promise((r) => setTimeout(r, 50));
    }
  } catch (e) {
    await cleanUp();
    throw new Error(
      `${(e as Error).message}\ncommand: ${command}\n--- server stderr ---\n${err}\n--- server stdout ---\n${out}`,
    );
  }

  let stopped: Promise<ServerExit> | null = null;
  return {
    url,
    dataDir,
    stderr: () => err.toString(),
    stdout: () => out.toString(),
    stop: () => (stopped ??= cleanUp()),
  };
}

// --- The browser --------------------------------------------------------------

/** A page whose console errors and uncaught page errors are collected. */
export interface WatchedPage {
  readonly page: Page;
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  /** Both kinds together, for `expect(tab.problems()).toEqual([])`. */
  problems(): string[];
  /** Saves a full-page PNG when VIDEOPRO_E2E_SCREENSHOT_DIR is set. */
  screenshot(name: string): Promise<void>;
}

export interface BrowserHandle {
  readonly browser: Browser;
  /** A new isolated context (cookies, storage) and page, watched for errors. */
  newPage(baseUrl: string): Promise<WatchedPage>;
  close(): Promise<void>;
}

export async function watchPage(page: Page): Promise<WatchedPage> {
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location();
    consoleErrors.push(where.url ? `${msg.text()} (at ${where.url}:${where.lineNumber})` : msg.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.stack || error.message));
  return {
    page,
    consoleErrors,
    pageErrors,
    problems: () => [...consoleErrors.map((e) => `console: ${e}`), ...pageErrors.map((e) => `page: ${e}`)],
    screenshot: async (name) => {
      const dir = process.env.VIDEOPRO_E2E_SCREENSHOT_DIR;
      if (dir) await page.screenshot({ path: join(resolve(dir), `${name}.png`), fullPage: true });
    },
  };
}

/**
 * Launches Debian's Chromium headless. Playwright gives each launch a fresh
 * temporary profile (--user-data-dir) and removes it on close.
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<BrowserHandle> {
  const executablePath = process.env.VIDEOPRO_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: apt-get install chromium, or set VIDEOPRO_CHROMIUM`);
  }
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    timeout: 30_000,
  });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    newPage: async (baseUrl) => {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } });
      contexts.push(context);
      return watchPage(await context.newPage());
    },
    close: async () => {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await browser.close();
    },
  };
}

// --- Both together ------------------------------------------------------------

export interface Harness {
  readonly server: ServerHandle;
  readonly browser: BrowserHandle;
  /** Opens `path` of the server in a new watched page and waits for the load event. */
  openPage(path?: string): Promise<WatchedPage>;
  stop(): Promise<void>;
}

/** `browserArgs` are added to CHROMIUM_ARGS (e.g. a fake microphone file). */
export async function startHarness(options: ServerOptions = {}, browserArgs: string[] = []): Promise<Harness> {
  const server = await startServer(options);
  let browser: BrowserHandle;
  try {
    browser = await launchBrowser(browserArgs);
  } catch (e) {
    await server.stop();
    throw e;
  }
  return {
    server,
    browser,
    openPage: async (path = '/') => {
      const tab = await browser.newPage(server.url);
      await tab.page.goto(path, { waitUntil: 'load' });
      return tab;
    },
    stop: async () => {
      await browser.close().catch(() => {});
      await server.stop();
    },
  };
}
