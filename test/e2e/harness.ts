// End-to-end harness: a real VS Code workbench (code-server) driven by Debian's Chromium through
// playwright-core. See docs/architecture.md#tests (and tools/e2e-setup.sh, which installs the
// tooling into ${SORA_E2E_CACHE:-~/.cache/sora-video-e2e}).
//
// Everything started here is registered in a process-wide list and killed on stop(), on
// process exit and on SIGINT/SIGTERM, so a failing or interrupted test never leaves
// code-server or Chromium behind.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

// playwright-core lives in the cache folder, not in the repository's node_modules, so it is
// typed loosely here.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type Page = any;
export type Browser = any;
export type Locator = any;
export type FrameLocator = any;

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CACHE = process.env.SORA_E2E_CACHE || path.join(os.homedir(), '.cache', 'sora-video-e2e');
export const CODE_SERVER = path.join(CACHE, 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.SORA_E2E_CHROMIUM || '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO_ROOT, '.e2e', 'artifacts');

/** Timeouts are generous: the first workbench load can take 10-30 s on a 2-core machine. */
export const T = {
  startup: 120_000,
  ui: 20_000,
  short: 5_000,
};

let pwCache: any;
export function playwright(): any {
  if (!pwCache) {
    const req = createRequire(path.join(CACHE, 'pw', 'package.json'));
    pwCache = req('playwright-core');
  }
  return pwCache;
}

// ---------------------------------------------------------------------------------------------
// process bookkeeping
// ---------------------------------------------------------------------------------------------

const liveGroups = new Set<number>();
const liveRoots = new Set<string>();
let exitHooksInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
    if (!process.env.SORA_E2E_KEEP) {
      for (const dir of liveRoots) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
      process.exit(130);
    });
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (!pid) return;
  killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + 5_000;
  while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
  const deadline2 = Date.now() + 3_000;
  while (groupAlive(pid) && Date.now() < deadline2) await sleep(100);
  liveGroups.delete(pid);
}

// ---------------------------------------------------------------------------------------------
// small utilities
// ---------------------------------------------------------------------------------------------

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Polls fn until it returns a truthy value (which is returned) or throws after timeoutMs.
 * Exceptions inside fn count as "not yet"; the last one is reported on timeout.
 */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  timeoutMs = T.ui,
  what = 'condition',
  intervalMs = 250,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  let lastValue: unknown;
  for (;;) {
    try {
      const v = await fn();
      lastValue = v;
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? `; last error: ${last.message}` : last ? `; last error: ${String(last)}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}; last value: ${JSON.stringify(lastValue)}`);
    }
    await sleep(intervalMs);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function httpOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2_000, () => {
      req.destroy();
      resolve(false);
    });
  });
}

/** Every regular file under dir (recursively), absolute paths. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Files under dirs whose bytes contain needle (checked as UTF-8 and as UTF-16LE). */
export function filesContaining(dirs: string[], needle: string): string[] {
  const utf8 = Buffer.from(needle, 'utf8');
  const utf16 = Buffer.from(needle, 'utf16le');
  const hits: string[] = [];
  for (const d of dirs) {
    for (const f of listFiles(d)) {
      let buf: Buffer;
      try {
        buf = fs.readFileSync(f);
      } catch {
        continue;
      }
      if (buf.includes(utf8) || buf.includes(utf16)) hits.push(f);
    }
  }
  return hits;
}

/** The .vsix to install: $SORA_E2E_VSIX if set, else the single *.vsix at the repository root. */
export function findVsix(): string | undefined {
  if (process.env.SORA_E2E_VSIX) return path.resolve(process.env.SORA_E2E_VSIX);
  const found = fs.readdirSync(REPO_ROOT).filter((f) => f.endsWith('.vsix'));
  if (found.length > 1) throw new Error(`expected one .vsix at ${REPO_ROOT}, found ${found.join(', ')}`);
  return found.length ? path.join(REPO_ROOT, found[0]) : undefined;
}

// ---------------------------------------------------------------------------------------------
// VS Code instance
// ---------------------------------------------------------------------------------------------

export interface StartOptions {
  /** Extra user settings (merged over the harness defaults). */
  settings: Record<string, unknown>;
  /** Files to create in the workspace folder, by relative path. */
  workspaceFiles?: Record<string, string>;
  /** Install the .vsix at the repository root (default true; false when none exists and this is false). */
  install?: boolean;
  /** Name used for the run folder and screenshots. */
  name?: string;
}

export interface VSCode {
  page: Page;
  browser: Browser;
  /** The run's root folder (holds ud/, ext/, ws/). */
  root: string;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  port: number;
  url: string;
  /** The installed vsix, if any. */
  vsix: string | undefined;
  stop(): Promise<void>;
  /** Every file under UD/logs, concatenated (each preceded by a "==> path <==" line). */
  logsText(): string;
  /** Files under UD/logs whose path matches re, concatenated. */
  logFiles(re?: RegExp): string[];
  /** Reloads the window through "Developer: Reload Window" and waits for the new workbench. */
  reload(): Promise<void>;
  /** Code-server's own stdout/stderr. */
  serverOutput(): string;
}

const DEFAULT_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'update.mode': 'none',
  'git.openRepositoryInParentFolders': 'never',
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'editor.minimap.enabled': false,
};

let runCounter = 0;

export async function startVSCode(opts: StartOptions): Promise<VSCode> {
  installExitHooks();
  if (!fs.existsSync(CODE_SERVER)) {
    throw new Error(`code-server not found at ${CODE_SERVER}; run "bash tools/e2e-setup.sh" first`);
  }
  const name = opts.name ?? 'vscode';
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `sora-e2e-${name}-${process.pid}-${runCounter++}-`));
  const userDataDir = path.join(root, 'ud');
  const extensionsDir = path.join(root, 'ext');
  const workspace = path.join(root, 'ws');
  liveRoots.add(root);
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.settings }, null, 2),
  );
  for (const [rel, text] of Object.entries(opts.workspaceFiles ?? {})) {
    const p = path.join(workspace, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }

  // Install the extension.
  let vsix: string | undefined;
  if (opts.install !== false) {
    vsix = findVsix();
    if (!vsix) throw new Error(`no .vsix at ${REPO_ROOT}; run "npm run package" first`);
    const r = spawnSync(
      CODE_SERVER,
      ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (r.status !== 0) {
      throw new Error(`installing ${vsix} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
    }
  }

  // Start code-server in its own process group.
  const port = await freePort();
  let out = '';
  const child = spawn(
    CODE_SERVER,
    [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      workspace,
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VSCODE_PROXY_URI: '' } },
  );
  if (child.pid) liveGroups.add(child.pid);
  const onData = (d: Buffer): void => {
    out += d.toString();
    if (out.length > 2_000_000) out = out.slice(-1_000_000);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  let browser: Browser | undefined;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    try {
      if (browser) await Promise.race([browser.close(), sleep(10_000)]);
    } catch {
      /* ignore */
    }
    await stopGroup(child);
    if (!process.env.SORA_E2E_KEEP) {
      // Keep the logs for post-mortem inspection in .e2e/artifacts/<name>-logs.
      try {
        const dest = path.join(ARTIFACTS, `${name}-logs`);
        fs.rmSync(dest, { recursive: true, force: true });
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        fs.cpSync(path.join(userDataDir, 'logs'), dest, { recursive: true });
      } catch {
        /* no logs */
      }
      fs.rmSync(root, { recursive: true, force: true });
      liveRoots.delete(root);
    }
  };

  try {
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace).replace(/%2F/g, '/')}`;
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${out}`);
        return httpOk(`http://127.0.0.1:${port}/healthz`);
      },
      T.startup,
      'code-server to answer HTTP',
      300,
    );

    const { chromium } = playwright();
    browser = await chromium.launch({
      headless: true,
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(T.ui);
    await page.goto(url, { timeout: T.startup });
    await waitForWorkbench(page);

    const vs: VSCode = {
      page,
      browser,
      root,
      userDataDir,
      extensionsDir,
      workspace,
      port,
      url,
      vsix,
      stop,
      logsText: () =>
        listFiles(path.join(userDataDir, 'logs'))
          .map((f) => `==> ${f} <==\n${safeRead(f)}`)
          .join('\n'),
      logFiles: (re?: RegExp) => listFiles(path.join(userDataDir, 'logs')).filter((f) => !re || re.test(f)),
      reload: async () => {
        await page.evaluate(() => {
          (window as any).__soraE2eMarker = true;
        });
        await runCommand(page, 'Developer: Reload Window');
        await waitFor(
          async () => !(await page.evaluate(() => Boolean((window as any).__soraE2eMarker)).catch(() => true)),
          T.startup,
          'the window to reload',
          500,
        );
        await waitForWorkbench(page);
      },
      serverOutput: () => out,
    };
    return vs;
  } catch (e) {
    await stop();
    throw e;
  }
}

function safeRead(f: string): string {
  try {
    return fs.readFileSync(f, 'utf8');
  } catch {
    return '';
  }
}

/** Waits for the workbench DOM and for the extension host to have started (status bar rendered). */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector('.monaco-workbench', { timeout: T.startup });
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: T.startup });
  await page.waitForSelector('.monaco-workbench .part.activitybar .action-item', { timeout: T.startup });
  // Let the restored layout settle (views, editors) before driving the UI.
  await sleep(1_000);
}

// ---------------------------------------------------------------------------------------------
// UI helpers
// ---------------------------------------------------------------------------------------------

const QUICK_INPUT = '.quick-input-widget';

/** Escapes a string for use inside a RegExp. */
export function reEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function closeQuickInput(page: Page): Promise<void> {
  if (await page.locator(QUICK_INPUT).isVisible().catch(() => false)) {
    await page.keyboard.press('Escape');
    await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: T.short }).catch(() => undefined);
  }
}

/**
 * Moves the keyboard focus out of a webview (whose iframe would otherwise receive the
 * workbench's keyboard shortcuts) to the workbench document.
 */
export async function focusWorkbench(page: Page): Promise<void> {
  await page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    if (a && a.tagName === 'IFRAME') a.blur();
  });
}

/** Opens the command palette (Control+Shift+P, falling back to F1). */
export async function openPalette(page: Page): Promise<void> {
  await closeQuickInput(page);
  await focusWorkbench(page);
  const input = page.locator(`${QUICK_INPUT} .quick-input-box input`);
  for (const key of ['Control+Shift+P', 'F1', 'Control+Shift+P']) {
    // Give the keyboard focus to the workbench first (clicking the status bar is harmless).
    await page.keyboard.press(key);
    try {
      await waitFor(async () => (await input.isVisible()) && (await input.inputValue()).startsWith('>'), T.short, 'the command palette');
      return;
    } catch {
      await page.locator('.monaco-workbench .part.statusbar').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    }
  }
  throw new Error('the command palette did not open');
}

/** The visible quick-pick rows' labels. */
export async function quickPickLabels(page: Page): Promise<string[]> {
  const rows = page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`);
  const n = await rows.count();
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const l = await rows.nth(i).locator('.label-name').first().textContent().catch(() => null);
    labels.push((l ?? (await rows.nth(i).getAttribute('aria-label')) ?? '').trim());
  }
  return labels;
}

/**
 * Runs a command by its palette title: opens the palette, types the title, waits for a row whose
 * label is exactly the title, selects it.
 */
export async function runCommand(page: Page, title: string, timeoutMs = T.ui): Promise<void> {
  const input = page.locator(`${QUICK_INPUT} .quick-input-box input`);
  const findRow = async () => {
    const rows = page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`);
    const n = await rows.count();
    for (let i = 0; i < n; i++) {
      const r = rows.nth(i);
      const label = ((await r.locator('.label-name').first().textContent().catch(() => '')) ?? '').trim();
      if (label === title) return r;
    }
    return undefined;
  };
  // The palette lists the commands known when it opened (an extension registered later is missing),
  // and a webview that takes the focus as it loads closes it: reopen until the row shows up.
  const deadline = Date.now() + timeoutMs;
  const attemptMs = (): number => Math.min(T.short, Math.max(1_000, deadline - Date.now()));
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await openPalette(page);
      await input.fill(`>${title}`, { timeout: T.short });
      const row = await waitFor(findRow, attemptMs(), `the command "${title}" in the palette`);
      // Bounded: a palette closed between finding the row and clicking it (a restored webview took
      // the focus) must leave time to reopen it, not spend the whole deadline waiting for the row.
      await row.click({ timeout: attemptMs() });
      await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: T.short }).catch(() => undefined);
      return;
    } catch (e) {
      lastError = e;
      await closeQuickInput(page).catch(() => undefined);
      await sleep(300);
    }
  }
  throw lastError instanceof Error ? lastError : new Error(`the command "${title}" was not found in the palette`);
}

/** Whether the palette lists a command with exactly this title (closes the palette afterwards). */
export async function paletteHas(page: Page, title: string, timeoutMs = T.short): Promise<boolean> {
  // The palette lists what was registered when it opened: reopen it until the deadline.
  const deadline = Date.now() + timeoutMs;
  do {
    try {
      await openPalette(page);
      await page.locator(`${QUICK_INPUT} .quick-input-box input`).fill(`>${title}`, { timeout: T.short });
      await waitFor(async () => (await quickPickLabels(page)).includes(title), Math.min(T.short, Math.max(1_000, deadline - Date.now())), `"${title}" in the palette`);
      return true;
    } catch {
      // try again with a fresh palette
    } finally {
      await closeQuickInput(page).catch(() => undefined);
    }
  } while (Date.now() < deadline);
  return false;
}

/** Waits for a quick input (input box or pick), types text into it, presses Enter. */
export async function inputBox(page: Page, text: string, opts: { password?: boolean } = {}): Promise<void> {
  const input = page.locator(`${QUICK_INPUT} .quick-input-box input`);
  await input.waitFor({ state: 'visible', timeout: T.ui });
  if (opts.password) {
    await waitFor(async () => (await input.getAttribute('type')) === 'password', T.short, 'a password input box');
  }
  await input.fill(text);
  await input.press('Enter');
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: T.short }).catch(() => undefined);
}

/** The prompt/title/message shown by the current quick input. */
export async function quickInputText(page: Page): Promise<string> {
  return ((await page.locator(QUICK_INPUT).innerText().catch(() => '')) as string).trim();
}

/**
 * The composer webview's inner frame. Webviews are an iframe (`iframe.webview.ready`) holding
 * `#active-frame`; with several webviews, the visible one whose document has `#prompt` wins.
 */
export function composer(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready:visible').last().contentFrame().frameLocator('#active-frame');
}

/** Waits until a visible webview with a #prompt element exists and returns its inner frame. */
export async function waitForComposer(page: Page, timeoutMs = T.startup): Promise<FrameLocator> {
  return waitFor(
    async () => {
      const frames = page.locator('iframe.webview.ready:visible');
      const n = await frames.count();
      for (let i = n - 1; i >= 0; i--) {
        const inner = frames.nth(i).contentFrame().frameLocator('#active-frame');
        if ((await inner.locator('#prompt').count()) > 0) return inner;
      }
      return undefined;
    },
    timeoutMs,
    'the composer webview (#prompt)',
    500,
  );
}

/** Opens (or reveals) the composer through the palette and returns its frame once Create shows. */
export async function openComposer(page: Page): Promise<FrameLocator> {
  await runCommand(page, 'Sora: Create Video');
  const c = await waitForComposer(page);
  await c.locator('#submit').waitFor({ state: 'visible', timeout: T.ui });
  return c;
}

/** Replaces the composer's prompt text, as typed. */
export async function setPrompt(c: FrameLocator, text: string): Promise<void> {
  const area = c.locator('#prompt textarea');
  await area.click();
  await area.fill(text);
  await waitFor(async () => (await c.locator('#prompt').evaluate((el: any) => el.value)) === text, T.short, 'the prompt to hold the typed text');
}

/** Checks one radio of a composer group (aspectRatio, seconds). */
export async function chooseRadio(c: FrameLocator, group: string, value: string): Promise<void> {
  const radio = c.locator(`#${group} vscode-radio[value="${value}"]`);
  await radio.click();
  await waitFor(async () => radio.evaluate((el: any) => el.checked === true), T.short, `radio ${group}=${value} to be checked`);
}

/** The composer's status line(s) (role=status), joined. */
export async function statusText(c: FrameLocator): Promise<string> {
  return ((await c.locator('[role=status]').allInnerTexts()) as string[]).join(' ').trim();
}

/** The composer's alert line(s) (role=alert), joined. */
export async function alertText(c: FrameLocator): Promise<string> {
  return ((await c.locator('[role=alert]').allInnerTexts()) as string[]).join(' ').trim();
}

/**
 * Whether every occurrence of the key in a state database belongs to a SecretStorage entry
 * (keys look like `secret://{"extensionId":"…","key":"…"}`). The database is SQLite; rather than
 * parsing it, check that each occurrence is near a `secret://` marker.
 */
export function secretEntryOnly(file: string, key: string): boolean {
  const buf = fs.readFileSync(file);
  const needle = Buffer.from(key);
  let at = buf.indexOf(needle);
  while (at >= 0) {
    const window = buf.subarray(Math.max(0, at - 4096), at + needle.length + 4096).toString('latin1');
    if (!window.includes('secret://')) return false;
    at = buf.indexOf(needle, at + 1);
  }
  return true;
}

/** Makes the Sora activity bar container visible (Tasks view). */
export async function showSoraView(page: Page): Promise<void> {
  const item = page.locator('.part.activitybar .action-item a[aria-label^="Sora"], .part.activitybar .action-item [aria-label^="Sora"]').first();
  const sidebarShowsSora = async (): Promise<boolean> => {
    const title = await page.locator('.part.sidebar .composite.title').innerText().catch(() => '');
    return /sora/i.test(title) && (await page.locator('.part.sidebar').isVisible().catch(() => false));
  };
  if (await sidebarShowsSora()) return;
  // Clicking the activity bar item is what a user does, but it toggles the side bar closed when
  // Sora is already the active container (e.g. just after a reload): then the focus command.
  const sidebarOpen = await page.locator('.part.sidebar').isVisible().catch(() => false);
  if (!sidebarOpen && (await item.count())) {
    await item.click();
    if (await waitFor(sidebarShowsSora, T.short, 'the Sora view container').then(() => true, () => false)) return;
  }
  await runCommand(page, 'Sora: Focus on Tasks View');
  await waitFor(sidebarShowsSora, T.ui, 'the Sora view container');
}

/** The Tasks view pane (inside the side bar). */
export function tasksPane(page: Page): Locator {
  // With several views the pane header carries the view name; with a single view the header is
  // hidden but the side bar only holds our container, so fall back to the whole side bar.
  return page.locator('.part.sidebar');
}

/** The rows of the Sora Tasks tree. */
export function taskRows(page: Page): Locator {
  return tasksPane(page).locator('.pane-body .monaco-list-row');
}

/** Text of each task row (label + description), in display order. */
export async function taskRowTexts(page: Page): Promise<string[]> {
  await showSoraView(page);
  const rows = taskRows(page);
  const n = await rows.count();
  const texts: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rows.nth(i);
    const text = ((await r.innerText().catch(() => '')) as string).replace(/\s+/g, ' ').trim();
    const aria = ((await r.getAttribute('aria-label').catch(() => '')) ?? '').replace(/\s+/g, ' ').trim();
    texts.push(text || aria);
  }
  return texts;
}

/** The first task row whose text contains every fragment (case-sensitive). */
export function taskRow(page: Page, ...fragments: (string | RegExp)[]): Locator {
  let loc = taskRows(page);
  for (const f of fragments) loc = loc.filter({ hasText: f });
  return loc.first();
}

/** Hovers a row and returns the text of the hover/tooltip that appears ('' if none). */
export async function hoverText(page: Page, target: Locator, timeoutMs = 8_000): Promise<string> {
  // Hover the label itself: custom hovers attach to the label element.
  const label = target.locator('.monaco-icon-label, .label-name').first();
  const hoverTarget = (await label.count()) ? label : target;
  // A tree refresh that re-renders the row under a still mouse cancels its hover (no new mouseover
  // reaches the new element): as a person would, move away and hover again.
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.mouse.move(0, 0);
    await sleep(200);
    await hoverTarget.hover();
    try {
      return await waitFor(
        async () => {
          const h = page.locator('.monaco-hover:visible, .workbench-hover:visible, .monaco-hover-content:visible').first();
          if (!(await h.count())) return '';
          const text = ((await h.innerText()) as string).replace(/[ \t\u00a0]+/g, ' ').trim();
          // Tooltips resolved on hover (resolveTreeItem) show "Loading..." first.
          return /^Loading\W*$/i.test(text) ? '' : text;
        },
        timeoutMs,
        'a hover',
      );
    } catch {
      // no hover this time
    }
  }
  // Native title attribute as a fallback.
  return ((await hoverTarget.getAttribute('title').catch(() => '')) ?? '') as string;
}

/** Opens the context menu on a locator and clicks the item with the given label. */
export async function contextMenu(page: Page, target: Locator, itemLabel: string | RegExp): Promise<void> {
  await target.click({ button: 'right' });
  await clickMenuItem(page, itemLabel);
}

/** Labels of the open context menu's items. */
export async function menuLabels(page: Page): Promise<string[]> {
  const items = page.locator('.monaco-menu .action-item .action-label');
  await items.first().waitFor({ state: 'visible', timeout: T.ui });
  return ((await items.allInnerTexts()) as string[]).map((s) => s.trim()).filter(Boolean);
}

/**
 * Clicks an item of the open context menu (menus may render in a shadow root; CSS pierces it).
 * A click that lands while the menu is still settling can be swallowed, so when the menu stays
 * open the item is activated again from the keyboard.
 */
export async function clickMenuItem(page: Page, itemLabel: string | RegExp): Promise<void> {
  const re = typeof itemLabel === 'string' ? new RegExp(`^\\s*${reEscape(itemLabel)}\\s*$`) : itemLabel;
  const item = page.locator('.monaco-menu .action-item .action-label').filter({ hasText: re }).first();
  try {
    await item.waitFor({ state: 'visible', timeout: T.ui });
  } catch (e) {
    const labels = await menuLabels(page).catch(() => [] as string[]);
    throw new Error(`menu item ${String(itemLabel)} not found; menu has: ${JSON.stringify(labels)} (${(e as Error).message})`);
  }
  await sleep(300);
  const menu = page.locator('.monaco-menu').first();
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt === 0) {
      await item.click();
    } else {
      await item.hover();
      await sleep(200);
      await page.keyboard.press('Enter');
    }
    try {
      await menu.waitFor({ state: 'hidden', timeout: 2_000 });
      return;
    } catch {
      /* still open: try again */
    }
  }
  throw new Error(`the menu stayed open after choosing ${String(itemLabel)}`);
}

/** Texts of the visible notification toasts. */
export async function notifications(page: Page): Promise<string[]> {
  const toasts = page.locator('.notifications-toasts .notification-toast');
  const n = await toasts.count();
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = ((await toasts.nth(i).innerText().catch(() => '')) as string).replace(/\s+/g, ' ').trim();
    if (t) out.push(t);
  }
  return out;
}

/** Closes every visible notification toast. */
export async function dismissNotifications(page: Page): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const clear = page.locator('.notifications-toasts .notification-toast .codicon-notifications-clear:visible').first();
    if (!(await clear.count())) break;
    await clear.click().catch(() => undefined);
    await sleep(150);
  }
}

/** Opens a workspace file through Quick Open (Control+P). */
export async function openFile(page: Page, relPath: string): Promise<void> {
  await closeQuickInput(page);
  await focusWorkbench(page);
  const input = page.locator(`${QUICK_INPUT} .quick-input-box input`);
  // A focused media preview or webview can swallow Control+P or close Quick Open as it appears.
  let typed = false;
  for (let attempt = 0; attempt < 3 && !typed; attempt++) {
    if (attempt === 0) await page.keyboard.press('Control+P');
    else await runCommand(page, 'Go to File...').catch(() => undefined);
    try {
      await input.waitFor({ state: 'visible', timeout: T.short });
      await input.fill(relPath, { timeout: T.short });
      typed = true;
    } catch {
      await closeQuickInput(page);
      await focusWorkbench(page);
    }
  }
  if (!typed) await input.fill(relPath);
  const base = path.basename(relPath);
  const row = page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`).filter({ hasText: base }).first();
  await row.waitFor({ state: 'visible', timeout: T.ui });
  await input.press('Enter');
  await activeTab(page, base);
}

/** Waits for an editor tab containing text to be the active one; returns its label. */
export async function activeTab(page: Page, text: string, timeoutMs = T.ui): Promise<string> {
  return waitFor(
    async () => {
      const tab = page.locator('.tabs-container .tab.active');
      const n = await tab.count();
      for (let i = 0; i < n; i++) {
        const t = tab.nth(i);
        const s = [(await t.getAttribute('aria-label')) ?? '', (await t.getAttribute('title')) ?? '', await t.innerText()].join(' | ');
        if (s.includes(text)) return s;
      }
      return '';
    },
    timeoutMs,
    `an active editor tab containing "${text}"`,
  );
}

/** Labels of every open editor tab. */
export async function tabLabels(page: Page): Promise<string[]> {
  const tabs = page.locator('.tabs-container .tab');
  const n = await tabs.count();
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(((await tabs.nth(i).getAttribute('aria-label')) ?? (await tabs.nth(i).innerText())) as string);
  return out;
}

/** Saves a full-page screenshot under .e2e/artifacts and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  try {
    await page.screenshot({ path: file, timeout: 10_000 });
  } catch (e) {
    return `(screenshot failed: ${(e as Error).message})`;
  }
  return file;
}

/**
 * Runs fn; on failure saves a screenshot named after the step and rethrows with its path, so a
 * failing assertion tells where to look.
 */
export async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    const result = await fn();
    if (process.env.SORA_E2E_SHOTS) await screenshot(page, `step-${name}`);
    return result;
  } catch (e) {
    const shot = await screenshot(page, `FAIL-${name}`);
    const err = e as Error;
    err.message = `[step "${name}"; screenshot ${shot}] ${err.message}`;
    throw err;
  }
}
