// In code-server (a real VS Code 1.100 workbench, see test/fixtures/codeServer/ and tools/e2e-setup.sh), with
// this extension and a no-op reference extension built here into a temp dir, packaged and
// installed side by side. Both get the same wrapper as `main`, which times, at sub-millisecond
// resolution, what VS Code's "Show Running Extensions" reports as the activation time (loading the
// main module + the activate() call). The reference contributes one command that opens a minimal
// webview panel (a static <textarea id="prompt">), so "Sora: Create Video" is timed against it the
// same way: palette Enter → the #prompt field of the panel takes focus. Every run reloads the window,
// so each sample is a cold activation and a cold first panel.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CODE_SERVER, T } from '../../test/fixtures/codeServer/env';
import { freePort, launchChromium } from '../../test/fixtures/codeServer/process';
import { sleep, waitFor } from '../../test/fixtures/codeServer/wait';
import { runCommand, waitForWorkbench } from '../../test/fixtures/codeServer/workbench';
import { log, median, REPO } from './util';
import { timeModelSwitches, type ModelSwitchResult } from './modelSwitch';
import { ARCHIVE_FILE } from '../../src/domain/ids';
import { FileArchiveLog } from '../../src/persistence/archiveLog';
import { TaskStore } from '../../src/persistence/repository';
import { MemoryLog } from '../../src/util/log';
import { MemoryMemento } from '../../test/fixtures/memento';

export interface VscodeResult {
  runs: number;
  activation: { oursMs: number; referenceMs: number; ratio: number; oursSamples: number[]; referenceSamples: number[] };
  /** Activation with a long history of finished tasks. */
  history: { tasks: number; oursMs: number; samples: number[] };
  composer: { oursMs: number; minimalMs: number; ratio: number; oursSamples: number[]; minimalSamples: number[] };
  modelSwitch?: ModelSwitchResult;
  vscode: string;
}

const REF_ID = 'sora-bench.noop-reference';
const OURS_ID = 'sora-video.sora-video';
const HISTORY_TASKS = 2_000;

/** Writes `n` finished tasks through the real repository into the archive file the extension reads. */
async function seedHistory(file: string, n: number): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const store = new TaskStore(new MemoryMemento(), new MemoryLog(), { archive: new FileArchiveLog(file), autoDownload: () => true, syncMs: 0 });
  const now = Date.now();
  for (let i = 0; i < n; i++) {
    await store.put({
      localId: `history-${i}`,
      remoteId: `sora_history_${i}`,
      phase: 'completed',
      status: 'completed',
      settings: { prompt: `A stored prompt number ${i}, long enough to look like a real one about a harbour at dawn`, model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 },
      createdAt: now - (n - i) * 60_000,
      updatedAt: now - (n - i) * 60_000,
      videoUrl: `http://127.0.0.1:9/v/${i}.mp4`,
      download: { state: 'done', attempts: 1, path: `/tmp/sora-history/${i}.mp4` },
      poll: { errors: 0 },
    });
  }
  store.dispose();
}
export const REF_TITLE = 'Sora Bench: Open Minimal Panel';

/** The same wrapper for both extensions: what VS Code times as code loading + activate call. */
function wrapper(realMain: string, id: string, out: string): string {
  return `const { performance } = require('perf_hooks');
const fs = require('fs');
const t0 = performance.now();
const main = require(${JSON.stringify(realMain)});
const loadMs = performance.now() - t0;
exports.activate = function (context) {
  const t1 = performance.now();
  const r = main.activate(context);
  const activateMs = performance.now() - t1;
  fs.appendFileSync(${JSON.stringify(out)}, JSON.stringify({ id: ${JSON.stringify(id)}, loadMs, activateMs, pid: process.pid }) + '\\n');
  return r;
};
exports.deactivate = function () { return main.deactivate && main.deactivate(); };
`;
}

function vsce(dir: string, out: string): void {
  const bin = path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [bin, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--skip-license', '-o', out], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The no-op reference: activate() registers its one command and returns. */
export function buildReference(dir: string, out: string, vsix: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const pkg = {
    name: 'noop-reference',
    displayName: 'No-op reference',
    description: 'Benchmark reference: does nothing at activation; opens a minimal webview panel on command.',
    version: '0.0.1',
    publisher: 'sora-bench',
    license: 'MIT',
    engines: { vscode: '^1.100.0' },
    main: './bench-main.js',
    activationEvents: ['onStartupFinished'],
    contributes: { commands: [{ command: 'soraBench.openMinimalPanel', title: REF_TITLE }] },
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  fs.writeFileSync(path.join(dir, 'README.md'), '# No-op reference\n\nBuilt by tools/bench/vscode.ts.\n');
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
  fs.writeFileSync(
    path.join(dir, 'extension.js'),
    `const vscode = require('vscode');
exports.activate = function (context) {
  context.subscriptions.push(vscode.commands.registerCommand('soraBench.openMinimalPanel', () => {
    const panel = vscode.window.createWebviewPanel('soraBench.minimal', 'Minimal Panel', vscode.ViewColumn.Active, { enableScripts: true });
    panel.webview.html = '<!DOCTYPE html><html><head><meta charset="UTF-8"></head><body><textarea id="prompt" rows="8"></textarea></body></html>';
  }));
};
exports.deactivate = function () {};
`,
  );
  fs.writeFileSync(path.join(dir, 'bench-main.js'), wrapper('./extension.js', REF_ID, out));
  vsce(dir, vsix);
}

/** This extension as shipped (dist/ from `npm run package`), with the wrapper as main. */
function buildOurs(dir: string, out: string, vsix: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ['package.nls.json', 'package.nls.zh-cn.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore']) fs.copyFileSync(path.join(REPO, f), path.join(dir, f));
  for (const d of ['dist', 'l10n', 'media']) fs.cpSync(path.join(REPO, d), path.join(dir, d), { recursive: true });
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { main: string; publisher: string; name: string; scripts?: unknown; devDependencies?: unknown };
  const realMain = pkg.main;
  pkg.main = './bench-main.js';
  delete pkg.scripts;
  delete pkg.devDependencies;
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  fs.appendFileSync(path.join(dir, '.vscodeignore'), '\n!bench-main.js\n');
  fs.writeFileSync(path.join(dir, 'bench-main.js'), wrapper(realMain, `${pkg.publisher}.${pkg.name}`, out));
  vsce(dir, vsix);
}

interface Records {
  id: string;
  loadMs: number;
  activateMs: number;
  pid: number;
}

function readRecords(file: string): Records[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Records);
}

/** Palette → Enter; resolves with ms until the panel's #prompt takes focus (clock of the frame). */
async function timePanel(page: Page, title: string): Promise<number> {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: T.ui });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: T.ui });
  await sleep(300);
  const t0 = Date.now();
  await page.keyboard.press('Enter');
  const prompt = page.locator('iframe.webview.ready').last().contentFrame().locator('#active-frame').contentFrame().locator('#prompt');
  return waitFor(
    async () => {
      const at = await prompt.evaluate(
        (el: HTMLElement) => {
          el.focus();
          const a = document.activeElement;
          return a === el || (a !== null && el.contains(a)) ? Date.now() : 0;
        },
        undefined,
        { timeout: 60_000 },
      );
      return at ? at - t0 : 0;
    },
    60_000,
    `${title}: a focusable #prompt`,
    5,
  );
}

export async function measureVscode(runs = 12): Promise<VscodeResult> {
  if (!fs.existsSync(CODE_SERVER)) throw new Error(`code-server not found at ${CODE_SERVER}: run "bash tools/e2e-setup.sh"`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-bench-vscode-'));
  const out = path.join(root, 'activations.jsonl');
  const ours = path.join(root, 'ours.vsix');
  const ref = path.join(root, 'ref.vsix');
  buildOurs(path.join(root, 'ours'), out, ours);
  buildReference(path.join(root, 'ref'), out, ref);
  const ud = path.join(root, 'ud');
  const ext = path.join(root, 'ext');
  const ws = path.join(root, 'ws');
  for (const d of [path.join(ud, 'User'), ext, ws]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(
    path.join(ud, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'update.mode': 'none',
      'window.commandCenter': false,
      'chat.commandCenter.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      // No network: the extension's base URL points at a closed local port.
      'sora.baseUrl': 'http://127.0.0.1:9/kyyReactApiServer',
    }),
  );
  for (const v of [ours, ref]) {
    const r = spawnSync(CODE_SERVER, ['--user-data-dir', ud, '--extensions-dir', ext, '--install-extension', v], { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`installing ${v} failed: ${r.stdout}\n${r.stderr}`);
  }
  const port = await freePort();
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  const kill = () => {
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  };
  process.once('exit', kill);
  const oursAct: number[] = [];
  const refAct: number[] = [];
  const historyAct: number[] = [];
  const oursPanel: number[] = [];
  const minimalPanel: number[] = [];
  let vscodeVersion = '';
  let modelSwitch: ModelSwitchResult | undefined;
  try {
    server = spawn(
      CODE_SERVER,
      ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', ud, '--extensions-dir', ext, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', ws],
      { detached: true, stdio: 'ignore', env: { ...process.env, VSCODE_PROXY_URI: '' } },
    );
    vscodeVersion = spawnSync(CODE_SERVER, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0].trim();
    browser = await launchChromium();
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    page.setDefaultTimeout(T.ui);
    const url = `http://127.0.0.1:${port}/?folder=${ws}`;
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok).catch(() => false)), T.startup, 'code-server', 300);
    await page.goto(url, { timeout: T.startup });
    let sessions = 0;
    /** Reloads the window (not the first time) and returns both extensions' activation records. */
    const activation = async (): Promise<Records[]> => {
      if (sessions > 0) {
        await page.evaluate(() => ((window as unknown as { __benchMark: boolean }).__benchMark = true));
        await runCommand(page, 'Developer: Reload Window');
        await waitFor(async () => !(await page.evaluate(() => Boolean((window as unknown as { __benchMark?: boolean }).__benchMark)).catch(() => true)), T.startup, 'the reload', 300);
      }
      sessions++;
      await waitForWorkbench(page);
      // Both extensions activated in this window's extension host.
      const session = await waitFor(
        () => {
          const recs = readRecords(out);
          const pids = [...new Set(recs.map((r) => r.pid))];
          const pid = pids[pids.length - 1];
          const mine = recs.filter((r) => r.pid === pid);
          return pids.length === sessions && mine.length === 2 ? mine : undefined;
        },
        T.startup,
        'both extensions to activate',
        200,
      );
      log(`  ${session.map((r) => `${r.id}: load ${r.loadMs.toFixed(2)} + activate ${r.activateMs.toFixed(2)} ms`).join('; ')}`);
      return session;
    };
    for (let i = 0; i < runs; i++) {
      const session = await activation();
      for (const r of session) (r.id === REF_ID ? refAct : oursAct).push(r.loadMs + r.activateMs);
      await sleep(1_500);
      // Alternate which panel is opened first after a reload; only the first one is cold.
      const useOurs = i % 2 === 0;
      const ms = await timePanel(page, useOurs ? 'Sora: Create Video' : REF_TITLE);
      (useOurs ? oursPanel : minimalPanel).push(ms);
      log(`vscode run ${i + 1}/${runs}: activation ours ${oursAct[i].toFixed(2)} ms, reference ${refAct[i].toFixed(2)} ms; ${useOurs ? 'composer' : 'minimal panel'} ${ms} ms`);
      await runCommand(page, 'View: Close All Editors').catch(() => undefined);
    }
    // Switching models in an open composer (warm: the core and the webview are loaded).
    await runCommand(page, 'Sora: Create Video');
    modelSwitch = await timeModelSwitches(page.locator('iframe.webview.ready').last().contentFrame().locator('#active-frame').contentFrame());
    log(`model switch: median ${modelSwitch.medianMs.toFixed(2)} ms, p90 ${modelSwitch.p90Ms.toFixed(2)} ms, max ${modelSwitch.maxMs.toFixed(2)} ms`);
    await runCommand(page, 'View: Close All Editors').catch(() => undefined);
    // The same window with 2,000 finished tasks in the archive log, as a long-time user has them.
    await seedHistory(path.join(ud, 'User', 'globalStorage', OURS_ID, ARCHIVE_FILE), HISTORY_TASKS);
    for (let i = 0; i < runs; i++) {
      const session = await activation();
      for (const r of session) if (r.id !== REF_ID) historyAct.push(r.loadMs + r.activateMs);
      log(`vscode run ${i + 1}/${runs} with ${HISTORY_TASKS} tasks: activation ours ${historyAct[i].toFixed(2)} ms`);
    }
  } finally {
    await browser?.close().catch(() => undefined);
    kill();
    await sleep(500);
    fs.rmSync(root, { recursive: true, force: true });
  }
  const a = { oursMs: median(oursAct), referenceMs: median(refAct) };
  const c = { oursMs: median(oursPanel), minimalMs: median(minimalPanel) };
  return {
    runs,
    activation: { ...a, ratio: a.oursMs / a.referenceMs, oursSamples: oursAct, referenceSamples: refAct },
    history: { tasks: HISTORY_TASKS, oursMs: median(historyAct), samples: historyAct },
    composer: { ...c, ratio: c.oursMs / c.minimalMs, oursSamples: oursPanel, minimalSamples: minimalPanel },
    modelSwitch,
    vscode: vscodeVersion,
  };
}

if (require.main === module) void measureVscode(Number(process.argv[2] ?? 4)).then((r) => console.log(JSON.stringify(r, null, 2)), (e) => {
  console.error(e);
  process.exit(1);
});
