// End to end, the composer's help before a paid request and the video preview: a reference image of
// the wrong orientation is explained and blocks Create, the HTML impostor is refused, an unreachable
// image only warns; the request preview shows the exact body without the key and Copy as cURL puts
// it on the clipboard; a finished video plays in the preview panel with its details beside it.
// The key is set once before the tests; each test after the first starts by putting the composer in
// the state it needs (portraitDraft), and every fault or setting a test changes is put back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { makePng } from '../fixtures/simulator/png';
import type { FrameLocator, Page } from 'playwright-core';
import { chooseRadio, openComposer, openRequestPreview, setPrompt, setReference as typeReference, submitState, textOf } from '../fixtures/codeServer/composer';
import { T } from '../fixtures/codeServer/env';
import { startVSCode, type VSCode } from '../fixtures/codeServer/instance';
import { contextMenu, dismissNotifications, hoverText, notifications } from '../fixtures/codeServer/overlays';
import { screenshot, step, thenRestore } from '../fixtures/codeServer/steps';
import { showSoraView, taskRow, taskRowTexts, waitForTaskRow } from '../fixtures/codeServer/tasksView';
import { findWebview, waitForVideoPreview } from '../fixtures/codeServer/webview';
import { holdsFor, sleepUntil, waitFor } from '../fixtures/codeServer/wait';
import { activeTab, inputBox, runCommand } from '../fixtures/codeServer/workbench';

const KEY = 'sim-key-ux-SECRET456';
const PROMPT = 'A hummingbird hovering over a red flower, macro lens';
const PROMPT_SHORT = 'A hummingbird hovering';

let sim: Simulator;
let vs: VSCode;
let page: Page;
let downloadDir: string;
let c: FrameLocator;

const creates = () => sim.requests.filter((r) => r.kind === 'create');
const image = (name: string) => `${sim.origin}/images/${name}`;

before(async () => {
  sim = await startSimulator({ apiKey: KEY, queuedMs: 1000, processingMs: 2000 });
  downloadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-e2e-ux-'));
  vs = await startVSCode({
    name: 'ux',
    settings: { 'sora.baseUrl': sim.url, 'sora.pollIntervalSeconds': 1, 'sora.downloadFolder': downloadDir },
  });
  page = vs.page;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => undefined);
  await step(page, 'ux-0-key', async () => {
    await runCommand(page, 'Sora: Set API Key');
    await inputBox(page, KEY, { password: true });
  });
});

after(async () => {
  await vs?.stop();
  await sim?.close();
  if (downloadDir) fs.rmSync(downloadDir, { recursive: true, force: true });
});

const setReference = (url: string): Promise<void> => typeReference(c, url);
const text = (selector: string): Promise<string> => textOf(c, selector);

/** The composer with the draft the later tests send: PROMPT, 9:16, 4 s and the portrait image, checked. */
async function portraitDraft(): Promise<void> {
  c = await openComposer(page);
  await setPrompt(c, PROMPT);
  await chooseRadio(c, 'aspectRatio', '9:16');
  await chooseRadio(c, 'seconds', '4');
  await setReference(image('720x1280.png'));
  await waitFor(async () => /fits 9:16/.test(await text('#referenceStatus')), T.ui, 'the image check');
}

test('the reference image is checked before anything is paid for', { timeout: 240_000 }, async (t) => {
  await step(page, 'ux-1-composer', async () => {
    c = await openComposer(page);
    await setPrompt(c, PROMPT);
    await waitFor(async () => (await text('#charCount')).includes(`${PROMPT.length} / 8000`), T.short, 'the character count');
    await chooseRadio(c, 'aspectRatio', '16:9');
    await chooseRadio(c, 'seconds', '4');
    assert.match(await text('#referenceHint'), /real people/, 'the hint warns about photos of real people');
  });

  await step(page, 'ux-2-portrait-image-for-landscape', async () => {
    await setReference(image('720x1280.png'));
    const msg = await waitFor(async () => {
      const s = await text('#referenceImage-error');
      return s.includes('720×1280') ? s : '';
    }, T.ui, 'the mismatch message under the reference field');
    t.diagnostic(`mismatch: ${msg}`);
    assert.match(msg, /choose 9:16/);
    assert.match(msg, /1280×720/);
    const probes = sim.requests.filter((r) => r.path === '/images/720x1280.png');
    assert.ok(probes.length >= 1, 'the host fetched the image header');
    assert.equal(probes[0].headers.range, 'bytes=0-65535');
    assert.equal(probes[0].headers.authorization, undefined, 'the key is not sent to the image host');

    const before = creates().length;
    await c.locator('#submit').click();
    const alert = await waitFor(async () => {
      const a = await text('[role=alert]');
      return a.includes('720×1280') ? a : '';
    }, T.ui, 'the alert to explain the mismatch');
    t.diagnostic(`alert: ${alert}`);
    await holdsFor(1_500, () => creates().length === before, 'no create request with a mismatching image');
  });

  await step(page, 'ux-3-choose-9-16', async () => {
    await chooseRadio(c, 'aspectRatio', '9:16');
    const ok = await waitFor(async () => {
      const s = await text('#referenceStatus');
      return /fits 9:16/.test(s) ? s : '';
    }, T.ui, 'the image to be accepted for 9:16');
    t.diagnostic(`ok: ${ok}`);
    assert.equal(await text('#referenceImage-error'), '', 'no error left on the field');
  });

  await step(page, 'ux-4-html-impostor', async () => {
    await setReference(image('notimage.png'));
    const msg = await waitFor(async () => {
      const s = await text('#referenceImage-error');
      return /not serve an image/.test(s) ? s : '';
    }, T.ui, 'the impostor to be refused');
    assert.match(msg, /text\/html/);
  });

  await step(page, 'ux-5-unreachable-only-warns', async () => {
    await setReference(`${sim.origin}/images/gone.png`);
    const warn = await waitFor(async () => {
      const s = await text('#referenceStatus');
      return /Could not check the image/.test(s) ? s : '';
    }, T.ui, 'a warning about the unreachable image');
    assert.match(warn, /HTTP 404/);
    assert.equal(await text('#referenceImage-error'), '', 'an unreachable image is not an error');
  });

  await step(page, 'ux-5b-host-refuses-before-the-webview-knows', async () => {
    // An image host that answers after 4 s: Create is pressed before the webview has a verdict, so
    // only the host's own check at submit can stop the request.
    const slow = http.createServer((_req, res) => {
      setTimeout(() => res.writeHead(200, { 'content-type': 'image/png' }).end(makePng(1280, 720)), 4_000);
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', () => r()));
    try {
      const before = creates().length;
      const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/landscape.png`;
      await setReference(url);
      await c.locator('#submit').click();
      const alert = await waitFor(async () => {
        const a = await text('[role=alert]');
        return a.includes('1280×720') ? a : '';
      }, 30_000, 'the host to refuse the landscape image for 9:16');
      assert.match(alert, /choose 16:9/);
      await waitFor(() => vs.logsText().includes('refused a draft whose reference image does not fit'), T.ui, 'the host log to record the refusal');
      await holdsFor(1_000, () => creates().length === before, 'no create request');
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  });
});

test('the request preview shows the exact body, and Copy as cURL keeps the key out', { timeout: 120_000 }, async (t) => {
  await step(page, 'ux-6-draft', portraitDraft);
  await step(page, 'ux-6-preview', async () => {
    await openRequestPreview(c);
    const body = await waitFor(async () => {
      const s = (await c.locator('#requestBody').textContent()) ?? '';
      return s.includes('input_reference') ? s : '';
    }, T.ui, 'the request body in the preview');
    assert.deepEqual(JSON.parse(body), {
      model: 'openAiSora2Plus',
      prompt: PROMPT,
      aspect_ratio: '9:16',
      seconds: 4,
      input_reference: [image('720x1280.png')],
    });
    const head = (await c.locator('#requestHead').textContent()) ?? '';
    assert.ok(head.includes(`POST ${sim.url}/v1/sora/videos`), head);
    assert.ok(head.includes('Bearer $SORA_API_KEY'), head);
    assert.ok(!head.includes(KEY) && !body.includes(KEY), 'the key is not in the preview');
  });

  await step(page, 'ux-7-copy-curl', async () => {
    await c.locator('#copyCurl').click();
    await waitFor(async () => /cURL/.test(await text('[role=status]')), T.ui, 'the copied confirmation');
    const clip = await page.evaluate(() => navigator.clipboard.readText()).catch((e: Error) => `(unreadable: ${e.message})`);
    t.diagnostic(`clipboard: ${clip.slice(0, 200)}`);
    if (!clip.startsWith('(unreadable')) {
      assert.match(clip, /^curl -X POST '/);
      assert.ok(clip.includes('Authorization: Bearer $SORA_API_KEY'));
      assert.ok(!clip.includes(KEY), 'the key is not on the clipboard');
    }
    await screenshot(page, 'ux-composer-preview');
  });
});

test('a created video plays in the preview panel with its details', { timeout: 300_000 }, async (t) => {
  /** The simulator holds the create's reply this long. */
  const REPLY_DELAY_MS = 10_000;
  let id = '';
  const before = creates().length;
  await step(page, 'ux-8-draft', portraitDraft);
  await step(page, 'ux-8-create', async () => {
    // A slow reply: Create must stay disabled until it arrives (beyond the webview's own 2.5 s grace),
    // and neither a click nor Ctrl+Enter may send a second request meanwhile.
    sim.fault('create', { kind: 'delay', ms: REPLY_DELAY_MS });
    try {
      await c.locator('#submit').click();
      const clickedBy = Date.now();
      await waitFor(() => creates().length > before, 30_000, 'the create request');
      // The reply leaves the simulator REPLY_DELAY_MS after the request arrived, not sooner.
      const replyAt = creates()[before].at + REPLY_DELAY_MS;
      await sleepUntil(clickedBy + 3_500);
      const state = await submitState(c);
      const busyShown = await c.locator('#busy').isVisible();
      assert.ok(Date.now() < replyAt, 'Create was looked at before the reply could arrive (this machine was too slow for the check)');
      assert.deepEqual(state, { disabled: true, aria: 'true' }, 'Create is disabled while the request runs');
      assert.ok(busyShown, 'the sending indicator is shown');
      await c.locator('#submit').click({ force: true });
      await c.locator('#prompt textarea').press('Control+Enter');
      // The line follows the task: by the time it is read it may already say "completed".
      await waitFor(async () => /Task \S+ (created|completed)/.test(await text('[role=status]')), 30_000, 'the created message');
      await waitFor(async () => !(await submitState(c)).disabled, T.ui, 'Create to be enabled again');
      await holdsFor(1_000, () => creates().length === before + 1, 'exactly one create request');
      assert.deepEqual((creates()[before].json as Record<string, unknown>).input_reference, [image('720x1280.png')]);
      id = sim.taskIds().at(-1)!;
    } finally {
      // Unused if the create never came: it must not delay a later test's create.
      sim.clearFaults();
    }
  });

  await step(page, 'ux-9-completed-notification', async () => {
    await waitForTaskRow(page, [PROMPT_SHORT, 'completed']);
    const toast = await waitFor(async () => (await notifications(page)).find((n) => n.includes('Sora video ready')), T.ui, 'the completed notification');
    t.diagnostic(`notification: ${toast}`);
    assert.match(toast, /Save As/);
    assert.equal(creates().length, before + 1, 'still exactly one create request');
    const file = path.join(downloadDir, `${id}.mp4`);
    await waitFor(() => fs.existsSync(file), 30_000, 'the download');
    await dismissNotifications(page);
    const row = (await taskRowTexts(page)).find((r) => r.includes(PROMPT_SHORT)) ?? '';
    for (const part of ['completed', 'Plus', '9:16', '4s']) assert.ok(row.includes(part), `the row shows ${part}: ${row}`);
    const hover = await hoverText(page, taskRow(page, PROMPT_SHORT));
    t.diagnostic(`tooltip: ${hover}`);
    for (const part of [PROMPT, id, 'Video length', 'Cost', '0.4']) assert.ok(hover.includes(part), `the tooltip shows ${part}: ${hover}`);
    await page.mouse.move(0, 0);
  });

  await step(page, 'ux-10-preview-panel', async () => {
    await dismissNotifications(page);
    await contextMenu(page, taskRow(page, PROMPT_SHORT), /Open Video/);
    await activeTab(page, `${id}.mp4`, 30_000);
    const frame = await waitForVideoPreview(page);
    const src = (await frame.locator('video#video').getAttribute('src')) ?? '';
    assert.ok(src.endsWith(`/${id}.mp4`) && !src.startsWith('file:'), `the video loads through a webview URI: ${src}`);
    const details = (await frame.locator('#details').innerText()).replace(/\s+/g, ' ');
    for (const part of [PROMPT, 'openAiSora2Plus', '9:16', '4 s', id]) assert.ok(details.includes(part), `details show ${part}: ${details}`);
    const csp = (await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.ok(!/script-src/.test(csp), 'no script may run');
    const loaded = await waitFor(
      () =>
        frame
          .locator('video#video')
          .evaluate((v: HTMLVideoElement) =>
            v.readyState >= 1 ? { w: v.videoWidth, h: v.videoHeight, d: v.duration } : v.error ? { error: v.error.code } : undefined,
          ),
      T.ui,
      'the video metadata (or a media error)',
    );
    t.diagnostic(`video element: ${JSON.stringify(loaded)}`);
    // The sample is a 320×180 H.264 MP4; a browser without H.264 reports MEDIA_ERR_SRC_NOT_SUPPORTED (4), not a load failure.
    if ('error' in loaded) assert.equal(loaded.error, 4, 'the file itself was reachable');
    else assert.deepEqual([loaded.w, loaded.h], [320, 180]);
    await screenshot(page, 'ux-preview-panel');
  });

  const settingsFile = vs.userSettingsFile;
  const settingsBefore = fs.readFileSync(settingsFile, 'utf8');
  await thenRestore(
    () =>
      step(page, 'ux-11-notifications-failures-only', async () => {
        const settings = JSON.parse(settingsBefore) as Record<string, unknown>;
        fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'sora.notifications': 'failures' }, null, 2));
        // code-server does not promise when it notices a changed settings file; a reload reads it.
        await vs.reload();
        // The preview open before the reload comes back, playing the same file.
        await activeTab(page, `${id}.mp4`, 60_000);
        await waitFor(async () => (await findWebview(page, `video#video[src$="/${id}.mp4"]`)) !== undefined, T.ui, 'the restored preview to show the video');
        c = await openComposer(page);
        await setReference('');
        await setPrompt(c, 'A quiet harbour at dawn, no notification expected');
        const creates0 = creates().length;
        await c.locator('#submit').click();
        await waitFor(() => creates().length === creates0 + 1, 30_000, 'the create request');
        await showSoraView(page);
        await waitForTaskRow(page, ['A quiet harbour', 'completed']);
        await holdsFor(2_000, async () => !(await notifications(page)).some((n) => n.includes('A quiet harbour')), 'no notification for a completed task with "failures"');
      }),
    // The notifications setting goes back for whatever runs in this window next.
    () =>
      step(page, 'ux-11-restore', async () => {
        fs.writeFileSync(settingsFile, settingsBefore);
        await vs.reload();
      }),
  );
});
