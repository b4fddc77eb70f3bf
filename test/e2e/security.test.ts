// End to end, hostile settings and hostile replies: a workspace cannot redirect the key, a moved
// base URL needs one confirmation (and a no sends nothing), a service error full of markup and
// command links shows as text, and afterwards the key is found nowhere the run left behind.
// Each test that sends starts from a known endpoint (useService), and a test that breaks the
// endpoint on purpose puts it back in a finally, so no test depends on how the ones before it ended.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { startSimulator, type RecordedRequest, type Simulator } from '../fixtures/simulator/server';
import { alertText, bodyText, freshAlert, markAlert, openComposer, setPrompt, statusText } from '../fixtures/codeServer/composer';
import { T } from '../fixtures/codeServer/env';
import { filesContaining, listFiles, secretEntryOnly } from '../fixtures/codeServer/files';
import { startVSCode, type VSCode } from '../fixtures/codeServer/instance';
import { hoverText, notifications, visibleHover } from '../fixtures/codeServer/overlays';
import { step, thenRestore } from '../fixtures/codeServer/steps';
import { showSoraView, taskRow, waitForTaskRow } from '../fixtures/codeServer/tasksView';
import { holdsFor, waitFor } from '../fixtures/codeServer/wait';
import { inputBox, runCommand } from '../fixtures/codeServer/workbench';

const KEY = 'sim-key-sec-e2e-7Q4ZK9';
const HOSTILE = '<img src=x onerror=alert(1)> [x](command:sora.clearApiKey) ](command:sora.showLog) \u0007end';

interface Recorder {
  url: string;
  origin: string;
  seen: Array<{ method: string; url: string; authorization?: string }>;
  close(): Promise<void>;
}

/** A plain server that records every request and answers 404: a workspace's would-be key thief. */
async function startRecorder(): Promise<Recorder> {
  const seen: Recorder['seen'] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"nope"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/steal`,
    origin,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

let sim: Simulator; // the user's own setting points here
let moved: Simulator; // the user later moves sora.baseUrl here and declines
let accepted: Simulator; // ...and then here, and says yes
let thief: Recorder; // the workspace's .vscode/settings.json points here
let vs: VSCode;
let page: Page;

const services = (): Simulator[] => [sim, moved, accepted];
const creates = (s: Simulator) => s.requests.filter((r) => r.kind === 'create');

before(async () => {
  const opts = { apiKey: KEY, queuedMs: 300, processingMs: 700, failMessage: HOSTILE };
  [sim, moved, accepted, thief] = await Promise.all([startSimulator(opts), startSimulator(opts), startSimulator(opts), startRecorder()]);
  vs = await startVSCode({
    name: 'security',
    // The download folder stays default (the extension's global storage), so the scan covers it.
    settings: { 'sora.baseUrl': sim.url, 'sora.pollIntervalSeconds': 1 },
    workspaceFiles: {
      '.vscode/settings.json': JSON.stringify(
        { 'sora.baseUrl': thief.url, 'sora.createPath': '/create', 'sora.queryPath': '/q/{id}' },
        null,
        2,
      ),
    },
  });
  page = vs.page;
});

after(async () => {
  await vs?.stop();
  await Promise.all([sim?.close(), moved?.close(), accepted?.close(), thief?.close()]);
});

async function submitPrompt(text: string): Promise<FrameLocator> {
  const c = await openComposer(page);
  await setPrompt(c, text);
  // The host's answer to this submit replaces the alert's current lines (see freshAlert).
  await markAlert(c);
  await c.locator('#submit').click();
  return c;
}

/** sora.baseUrl as the user settings file holds it (undefined if unreadable). */
function configuredBaseUrl(): unknown {
  try {
    return (JSON.parse(fs.readFileSync(vs.userSettingsFile, 'utf8')) as Record<string, unknown>)['sora.baseUrl'];
  } catch {
    return undefined;
  }
}

/**
 * Changes sora.baseUrl the way a user does, in the Settings editor (code-server does not notice a
 * settings file rewritten on disk).
 */
async function setBaseUrl(url: string): Promise<void> {
  await runCommand(page, 'Preferences: Open User Settings');
  const editor = page.locator('.settings-editor');
  await editor.waitFor({ state: 'visible', timeout: T.ui });
  const search = editor.locator('.settings-header .suggest-input-container .monaco-editor textarea').first();
  // Monaco's textarea sits under its view lines: focus it rather than click it.
  await search.waitFor({ state: 'attached', timeout: T.ui });
  await search.evaluate((el: HTMLElement) => el.focus());
  await page.keyboard.press('Control+A');
  await page.keyboard.type('sora.baseUrl');
  const item = editor.locator('.setting-item-contents').filter({ hasText: /Base Url/ }).first();
  await item.waitFor({ state: 'visible', timeout: T.ui });
  const input = item.locator('input').first();
  await input.fill(url);
  await input.press('Tab');
  await waitFor(() => configuredBaseUrl() === url, T.ui, 'the setting to be written');
}

/**
 * Waits until the extension uses the setting: the composer names its endpoint (or the unusable
 * setting) when it loads, so it is closed and opened again until it names `text`.
 */
async function waitForComposerNaming(text: string): Promise<FrameLocator> {
  return waitFor(
    async () => {
      await runCommand(page, 'View: Close All Editors');
      const c = await openComposer(page);
      return (await bodyText(c)).includes(text) ? c : undefined;
    },
    60_000,
    `the composer to name ${text}`,
    1_000,
  );
}

const waitForEndpoint = (baseUrl: string) => waitForComposerNaming(`${baseUrl}/v1/sora/videos`);

/**
 * The state a test that sends starts from: sora.baseUrl is s's, the extension uses it, and the key
 * is bound to its origin (setting the key binds it to the current origin and forgets refusals).
 */
async function useService(s: Simulator): Promise<void> {
  if (configuredBaseUrl() !== s.url) await setBaseUrl(s.url);
  await waitForEndpoint(s.url);
  await runCommand(page, 'Sora: Set API Key');
  await inputBox(page, KEY, { password: true });
}

const DIALOG = '.monaco-dialog-box';

async function waitForDialog(): Promise<string> {
  const box = page.locator(DIALOG).first();
  await box.waitFor({ state: 'visible', timeout: 30_000 });
  return (await box.innerText()).replace(/\s+/g, ' ').trim();
}

async function clickDialogButton(label: RegExp): Promise<void> {
  const button = page.locator(`${DIALOG} .dialog-buttons .monaco-button`).filter({ hasText: label }).first();
  await button.click();
  await page.locator(DIALOG).first().waitFor({ state: 'hidden', timeout: T.ui });
}

test('workspace settings cannot send the key elsewhere; the real service gets the request', { timeout: 240_000 }, async () => {
  await step(page, 'sec-1-set-key', () => useService(sim));
  await step(page, 'sec-1-create', async () => {
    const before = creates(sim).length;
    const c = await submitPrompt('A red kite over green hills, wide shot');
    // The workspace's sora.baseUrl/createPath are application-scoped settings: ignored.
    assert.ok((await bodyText(c)).includes(`${sim.url}/v1/sora/videos`), 'the composer names the user-configured endpoint');
    await waitFor(() => creates(sim).length === before + 1, 30_000, 'the create request at the user-configured service');
    assert.equal(creates(sim)[before].headers.authorization, `Bearer ${KEY}`);
    const id = sim.taskIds().at(-1)!;
    await waitFor(async () => (await statusText(c)).includes(id), T.ui, 'the created message');
    // Let polling and the download finish, so the scan below covers their logs and files too.
    await waitForTaskRow(page, ['A red kite', 'completed']);
    await waitFor(() => sim.requests.some((r) => r.kind === 'video' && r.path.includes(id)), 30_000, 'the automatic download');
    assert.deepEqual(thief.seen, [], 'the workspace-configured server received no request at all');
  });
});

test('a base URL moved to a new origin asks once; no sends nothing, yes sends there', { timeout: 240_000 }, async () => {
  await step(page, 'sec-2-start-at-sim', () => useService(sim));

  await step(page, 'sec-2-move-and-decline', async () => {
    await setBaseUrl(moved.url);
    await waitForEndpoint(moved.url);
    const before = creates(sim).length;
    const c = await submitPrompt('A glass of water on a table, macro');
    const text = await waitForDialog();
    assert.ok(text.includes(moved.origin), `the dialog names the new origin: ${text}`);
    await clickDialogButton(/^\s*Cancel\s*$/);
    await freshAlert(c, moved.origin);
    await holdsFor(1_000, () => moved.requests.length === 0 && creates(sim).length === before, 'declining sent nothing, to the new origin or the old one');
    assert.equal(moved.requests.length, 0, 'declining sent nothing to the new origin');
    assert.equal(creates(sim).length, before, 'and nothing to the old one');
  });

  await step(page, 'sec-2-declined-is-remembered', async () => {
    const c = await submitPrompt('A glass of water on a table, macro, again');
    await freshAlert(c, moved.origin);
    assert.equal(await page.locator(DIALOG).count(), 0, 'no second dialog for an origin already declined');
    assert.equal(moved.requests.length, 0);
  });

  const acceptedBefore = creates(accepted).length;
  await step(page, 'sec-2-move-and-accept', async () => {
    await setBaseUrl(accepted.url);
    await waitForEndpoint(accepted.url);
    await submitPrompt('A sailboat at dawn, drone shot');
    const text = await waitForDialog();
    assert.ok(text.includes(accepted.origin), text);
    await clickDialogButton(/Send Key/);
    await waitFor(() => creates(accepted).length === acceptedBefore + 1, 30_000, 'the create at the confirmed origin');
    assert.equal(creates(accepted)[acceptedBefore].headers.authorization, `Bearer ${KEY}`);
  });

  await step(page, 'sec-2-asked-once', async () => {
    await submitPrompt('A sailboat at dusk, drone shot');
    await waitFor(() => creates(accepted).length === acceptedBefore + 2, 30_000, 'a second create without asking again');
    assert.equal(await page.locator(DIALOG).count(), 0, 'no dialog for an origin already confirmed');
    assert.equal(moved.requests.length, 0);
    assert.deepEqual(thief.seen, []);
  });
});

/**
 * A function listing everything the servers received since marker() was called, except the polls
 * and downloads of tasks that already existed then: those carry on by themselves (the tasks of the
 * tests before) and say nothing about what a later action sent.
 */
function marker(): () => string[] {
  const known = new Set(services().flatMap((s) => s.taskIds()));
  const from = services().map((s) => s.requests.length);
  const thiefFrom = thief.seen.length;
  // A poll is GET …/v1/result/<id>, a download GET /files/<id>.mp4.
  const taskOf = (p: string): string => {
    try {
      return decodeURIComponent(p.split('?')[0].split('/').pop() ?? '').replace(/\.mp4$/, '');
    } catch {
      return '';
    }
  };
  const ongoing = (r: RecordedRequest): boolean => (r.kind === 'query' || r.kind === 'video') && known.has(taskOf(r.path));
  return () => [
    ...services().flatMap((s, i) =>
      s.requests
        .slice(from[i])
        .filter((r) => !ongoing(r))
        .map((r) => `${s.origin}: ${r.method} ${r.path}`),
    ),
    ...thief.seen.slice(thiefFrom).map((r) => `${thief.origin} (workspace setting): ${r.method} ${r.url}`),
  ];
}

test('a hostile base URL shows as literal text in the composer and sends nothing', { timeout: 180_000 }, async () => {
  const bad = '<img src=x onerror=alert(1)>[x](command:sora.clearApiKey)';
  const sentSince = marker();
  await thenRestore(
    () =>
      step(page, 'sec-3-hostile-setting', async () => {
        await setBaseUrl(bad);
        const c = await waitForComposerNaming(bad);
        const area = c.locator('#prompt textarea');
        await area.fill('A valid prompt');
        await c.locator('#submit').click();
        const alert = await waitFor(async () => alertText(c), T.ui, 'the settings error in the alert');
        assert.ok(alert.includes(bad), `the alert shows the setting literally: ${alert}`);
        assert.equal(await c.locator('img').count(), 0, 'no <img> element was created in the composer');
        assert.equal(await c.locator('a').count(), 0, 'no link was created in the composer');
        assert.deepEqual(sentSince(), [], 'nothing was sent anywhere');
      }),
    () => step(page, 'sec-3-restore', () => useService(accepted)),
  );
});

test('a hostile service error shows as literal text in the tree tooltip and notification', { timeout: 180_000 }, async (t) => {
  await step(page, 'sec-4-start-at-accepted', () => useService(accepted));
  await step(page, 'sec-4-fail', async () => {
    await submitPrompt(`A burning bridge ${HOSTILE.replace('\u0007', '')} [fail]`);
    await showSoraView(page);
    await waitForTaskRow(page, ['A burning bridge', 'failed']);
  });
  await step(page, 'sec-4-tooltip', async () => {
    const row = taskRow(page, 'A burning bridge');
    const hover = await hoverText(page, row);
    t.diagnostic(`tooltip: ${hover}`);
    assert.ok(hover.includes('<img src=x onerror=alert(1)>'), `the markup is shown as text: ${hover}`);
    assert.ok(hover.includes('[x](command:sora.clearApiKey)'), `the link is shown as text: ${hover}`);
    const hoverEl = visibleHover(page);
    assert.equal(await hoverEl.locator('img').count(), 0, 'no <img> element in the tooltip');
    assert.equal(await hoverEl.locator('a').count(), 0, 'no link in the tooltip');
    await page.mouse.move(0, 0);
  });
  await step(page, 'sec-4-notification', async () => {
    const toast = await waitFor(async () => (await notifications(page)).find((n) => n.includes('A burning bridge')), T.ui, 'the failure notification');
    t.diagnostic(`notification: ${toast}`);
    assert.ok(toast.includes('<img src=x onerror=alert(1)>'), toast);
    const toasts = page.locator('.notifications-toasts .notification-toast');
    assert.equal(await toasts.locator('.notification-list-item-message a').count(), 0, 'no link in the notification message');
    assert.equal(await toasts.locator('img').count(), 0);
  });
});

/** Videos the extension saved in its global storage (the default download folder). */
const storedVideos = (): string[] =>
  listFiles(path.join(vs.userDataDir, 'User', 'globalStorage')).filter((f) => f.includes('sora-video') && f.endsWith('.mp4'));

test('the key is nowhere the run left behind but the secret store', { timeout: 180_000 }, async (t) => {
  await step(page, 'sec-5-something-to-scan', async () => {
    // The scan proves something only after requests were logged and a video was saved; the tests
    // before leave both behind, and when they did not get that far this test makes its own.
    if (storedVideos().length > 0) return;
    await useService(sim);
    await submitPrompt('A paper lantern rising over a lake at night');
    await waitForTaskRow(page, ['A paper lantern', 'completed']);
    await waitFor(() => storedVideos().length > 0, 30_000, 'the automatic download');
  });
  // Command return values are checked in test/unit/commands.test.ts (the palette drops them);
  // here the argument-free ones run so their effects are scanned, and Show Log puts the output
  // channel's text into the workbench DOM.
  for (const title of ['Sora: Refresh Tasks', 'Sora: Show Log']) await runCommand(page, title);
  await waitFor(async () => (await page.locator('.part.panel').innerText().catch(() => '')).includes('POST'), T.ui, 'the log in the output panel');
  const c = await step(page, 'sec-5-open', () => openComposer(page));
  await step(page, 'sec-5-ui', async () => {
    const dom = await c.locator('html').evaluate((el: HTMLElement) => el.outerHTML);
    assert.ok(dom.includes('id="prompt"'), 'the composer DOM was read');
    assert.ok(!dom.includes(KEY), 'the key is not in the composer DOM');
    const state = await c.locator('html').evaluate(() => JSON.stringify(window.localStorage ?? {}));
    assert.ok(!state.includes(KEY), 'nor in the webview storage');
    assert.ok(!(await page.locator('body').innerText()).includes(KEY), 'not shown in the workbench');
    assert.ok(!(await notifications(page)).join('\n').includes(KEY), 'not in a notification');
    const workbenchHtml = await page.content();
    assert.ok(!workbenchHtml.includes(KEY), 'not in the workbench DOM (tooltips, titles, aria labels)');
  });

  await step(page, 'sec-5-files', async () => {
    const logs = vs.logFiles();
    const soraLog = logs.filter((f) => /Sora Video/.test(f));
    assert.ok(soraLog.length > 0, `the extension's output channel is on disk: ${logs.join(', ')}`);
    const soraText = soraLog.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    assert.ok(
      soraText.includes('POST') && services().some((s) => soraText.includes(s.origin)),
      'the output channel logged the requests (so the scan proves something)',
    );
    const storage = listFiles(path.join(vs.userDataDir, 'User', 'globalStorage')).filter((f) => f.includes('sora-video'));
    assert.ok(storage.some((f) => f.endsWith('.mp4')), `the video was saved in the extension's storage: ${storage.join(', ')}`);

    // Everything under the run folder: user data (logs, state, global and workspace storage,
    // downloads), the installed extension and the workspace.
    const hits = filesContaining([vs.root], KEY);
    const secretStore = hits.filter((f) => /[\\/]User[\\/]globalStorage[\\/]state\.vscdb/.test(f) && secretEntryOnly(f, KEY));
    const leaks = hits.filter((f) => !secretStore.includes(f));
    t.diagnostic(`files holding the key: ${JSON.stringify(hits)}; scanned ${listFiles(vs.root).length} files`);
    assert.deepEqual(leaks, [], `the API key leaked into: ${leaks.join(', ')}`);
    assert.ok(!vs.serverOutput().includes(KEY), 'not in code-server output');
  });
});
