// Saving finished videos through the engine: whole files only, under the name from the task id,
// retried after a broken transfer, an expired link reported once, a bad folder explained.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { STORE_KEY, STORE_VERSION } from '../../src/persistence/repository';
import { videoFileName } from '../../src/domain/files';
import { RETRY_DELAYS_MS } from '../../src/domain/lifecycle';
import type { Task } from '../../src/domain/task';
import type { VideoSettings } from '../../src/domain/request';
import { makeEngine, type EngineHarness, type HarnessOptions } from '../helpers/engine';
import { MemoryMemento } from '../fixtures/memento';
import { makeTask } from '../helpers/tasks';
import { countOf, createOnSim, queryTimes } from '../helpers/sim';
import { sleep, waitFor } from '../helpers/wait';
import { runSizeLimited } from '../helpers/runSizeLimited';

const SAMPLE = readFileSync(join(__dirname, '../fixtures/simulator/sample.mp4'));
const SETTINGS: VideoSettings = { prompt: 'a paper boat', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 4 };

let sim: Simulator;
const harnesses: EngineHarness[] = [];
before(async () => {
  sim = await startSimulator({ queuedMs: 50, processingMs: 100 });
});
afterEach(() => {
  sim.clearFaults();
  for (const h of harnesses.splice(0)) h.dispose();
});
after(() => sim.close());

function engine(over: Partial<HarnessOptions> = {}): EngineHarness {
  const h = makeEngine({ baseUrl: sim.url, ...over, settings: { pollBaseMs: 50, ...over.settings } });
  harnesses.push(h);
  return h;
}

async function submitted(h: EngineHarness, prompt = SETTINGS.prompt): Promise<Task> {
  const o = await h.engine.submit({ ...SETTINGS, prompt });
  assert.equal(o.kind, 'created', JSON.stringify(o));
  if (o.kind !== 'created') throw new Error('unreachable');
  return o.task;
}

const downloadState = (h: EngineHarness, localId: string, state: string, timeoutMs = 20_000) =>
  waitFor(() => {
    const t = h.store.get(localId);
    return t?.download?.state === state ? t : undefined;
  }, `download of ${localId} to be ${state}`, timeoutMs);

/** A completed task, as if polled earlier, whose video the simulator serves. */
async function completedInMemento(prompt = 'made elsewhere', videoUrl?: string): Promise<{ memento: MemoryMemento; task: Task }> {
  const remoteId = await createOnSim(sim, prompt);
  await sleep(250);
  const task = makeTask({ remoteId, phase: 'completed', status: 'completed', videoUrl: videoUrl ?? `${sim.origin}/files/${encodeURIComponent(remoteId)}.mp4` });
  return { memento: new MemoryMemento({ [STORE_KEY]: { version: STORE_VERSION, tasks: [task] } }), task };
}

describe('downloads', () => {
  test('a completed video is saved whole, named from the task id', async () => {
    const h = engine();
    h.engine.start();
    const t = await submitted(h, '[id:clip/one 1] a paper boat');
    const done = await downloadState(h, t.localId, 'done');
    const expected = join(h.folder.value, videoFileName('clip/one 1'));
    assert.equal(done.download?.path, expected);
    assert.deepEqual(readFileSync(expected), SAMPLE);
    assert.deepEqual(readdirSync(h.folder.value), [videoFileName('clip/one 1')], 'no temporary file left');
    assert.equal(done.download?.attempts, 1);
    assert.deepEqual(h.saved.map((s) => s.localId), [t.localId]);
    assert.equal(await h.engine.downloads.localFile(done), expected);
    assert.ok(h.log.lines.some((l) => l.includes(`saved clip/one 1 to ${expected}: ${SAMPLE.length} bytes`)), h.log.lines.join('\n'));
  });

  test('a transfer cut half-way leaves no file under the final name and no .part, and is retried later', async () => {
    sim.fault('video', { kind: 'truncate' });
    const h = engine();
    h.engine.start();
    const v0 = countOf(sim, 'video');
    const t = await submitted(h);
    const failed = await downloadState(h, t.localId, 'failed');
    const target = join(h.folder.value, videoFileName(t.remoteId!));
    assert.equal(existsSync(target), false, 'no half file under the final name');
    assert.deepEqual(readdirSync(h.folder.value), [], 'no .part left behind');
    assert.equal(failed.download?.attempts, 1);
    assert.match(failed.download?.error ?? '', /^Downloading the video failed: /);
    assert.ok(failed.download.nextAt! - Date.now() <= RETRY_DELAYS_MS[0]);
    assert.deepEqual(h.downloadFailures, [], 'a retry is coming: the user is not told yet');
    // The retry timer fires on its own (the first delay is a few seconds).
    const done = await downloadState(h, t.localId, 'done', RETRY_DELAYS_MS[0] + 15_000);
    assert.equal(done.download?.attempts, 2);
    assert.deepEqual(readFileSync(target), SAMPLE);
    assert.deepEqual(readdirSync(h.folder.value), [videoFileName(t.remoteId!)]);
    assert.equal(countOf(sim, 'video') - v0, 2);
  });

  test('an expired link: state expired with a message, reported once, never retried', async () => {
    const h = engine();
    const v0 = countOf(sim, 'video');
    const t = await submitted(h);
    sim.expireVideo(t.remoteId!);
    h.engine.start();
    const expired = await downloadState(h, t.localId, 'expired');
    assert.match(expired.download?.error ?? '', /expired or is gone/);
    assert.match(expired.download?.error ?? '', /HTTP 410/);
    assert.equal(h.downloadFailures.length, 1);
    assert.equal(h.downloadFailures[0].message, expired.download?.error);
    h.engine.downloads.scan();
    h.engine.settingsChanged();
    await sleep(300);
    assert.equal(h.downloadFailures.length, 1, 'reported once');
    assert.equal(countOf(sim, 'video') - v0, 1, 'not retried');
    assert.equal(existsSync(join(h.folder.value, videoFileName(t.remoteId!))), false);
  });

  test('a download folder that is a file: failed with a message naming the folder', async () => {
    const h = engine();
    const notAFolder = join(h.tmp, 'not-a-folder');
    writeFileSync(notAFolder, 'x');
    h.folder.value = notAFolder;
    h.engine.start();
    const t = await submitted(h);
    const failed = await downloadState(h, t.localId, 'failed');
    const error = failed.download?.error ?? '';
    assert.equal(error, `Could not save the video: ${notAFolder} is a file, not a folder.`);
    assert.equal(readFileSync(notAFolder, 'utf8'), 'x', 'the file is untouched');
  });

  test('a disk that refuses the video (a file size limit): a message naming the folder and the reason, no file left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sora-int-efbig-'));
    try {
      const r = await runSizeLimited(600, ['download', `${sim.origin}/cdn/${4 * 1024 * 1024}.mp4`, join(dir, 'v.mp4')]);
      assert.equal(r.message, `Could not save the video in ${dir} (EFBIG).`);
      assert.deepEqual(readdirSync(dir), [], 'neither the video nor its .part');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an unusable folder setting: failed at once with that message, told to the user', async () => {
    const { memento, task } = await completedInMemento();
    const h = engine({ memento });
    const message = 'sora.downloadFolder is relative ("videos") but no local workspace folder is open.';
    // The folder callback throws, as config.downloadFolder does for a relative path without a workspace.
    Object.defineProperty(h.folder, 'value', {
      get: () => {
        throw new Error(message);
      },
    });
    h.engine.start();
    const failed = await downloadState(h, task.localId, 'failed');
    assert.equal(failed.download?.error, message);
    assert.equal(h.downloadFailures.length, 1, 'no retry will fix a setting: told now');
    assert.equal(h.downloadFailures[0].message, message);
  });

  test('downloads need no key, and a download interrupted by a reload starts again', async () => {
    const { memento, task } = await completedInMemento();
    const stored = memento.get<{ version: number; tasks: Task[] }>(STORE_KEY)!;
    stored.tasks[0] = { ...task, download: { state: 'downloading', attempts: 1, path: '/gone' } };
    const h = engine({ memento, apiKey: undefined });
    h.engine.start();
    const done = await downloadState(h, task.localId, 'done');
    assert.equal(done.download?.attempts, 2);
    assert.deepEqual(readFileSync(done.download.path!), SAMPLE);
  });

  test('with autoDownload off nothing is fetched until asked', async () => {
    const { memento, task } = await completedInMemento();
    const h = engine({ memento, settings: { autoDownload: false } });
    const v0 = countOf(sim, 'video');
    h.engine.start();
    await sleep(300);
    assert.equal(countOf(sim, 'video'), v0);
    assert.equal(h.store.get(task.localId)?.download, undefined);
    const saved = await h.engine.downloads.download(task.localId);
    assert.equal(saved?.download?.state, 'done');
    assert.deepEqual(readFileSync(saved.download.path!), SAMPLE);
  });

  test('a file already under the video\'s name is kept: the video is saved as "name (2).mp4" and the task says so', async () => {
    const { memento, task } = await completedInMemento();
    const h = engine({ memento });
    const taken = join(h.folder.value, videoFileName(task.remoteId!));
    mkdirSync(h.folder.value, { recursive: true });
    writeFileSync(taken, 'my own file');
    h.engine.start();
    const done = await downloadState(h, task.localId, 'done');
    const second = join(h.folder.value, videoFileName(task.remoteId!).replace(/\.mp4$/, ' (2).mp4'));
    assert.equal(done.download?.path, second);
    assert.equal(readFileSync(taken, 'utf8'), 'my own file', 'never overwritten');
    assert.deepEqual(readFileSync(second), SAMPLE);
    assert.equal(await h.engine.downloads.localFile(done), second);
  });

  test('a sign-in page served with 200 is never saved as .mp4: failed with the reason, no .part left, retried later', async () => {
    sim.fault('video', { kind: 'status', status: 200, body: '<!doctype html><html><head><title>Sign in</title></head><body>Please sign in</body></html>' });
    const h = engine();
    h.engine.start();
    const t = await submitted(h);
    const failed = await downloadState(h, t.localId, 'failed');
    assert.match(failed.download?.error ?? '', /^Downloading the video failed: the reply from .* could not be understood \(not a video but text\/html; charset=utf-8\)\.$/);
    assert.deepEqual(readdirSync(h.folder.value), [], 'no .mp4 and no .part');
    assert.ok(failed.download?.nextAt, 'a CDN may serve such a page for a moment: retried with the usual backoff');
    assert.deepEqual(h.downloadFailures, []);
    const done = await downloadState(h, t.localId, 'done', RETRY_DELAYS_MS[0] + 15_000);
    assert.deepEqual(readFileSync(done.download?.path ?? ''), SAMPLE);
  });

  test('a video larger than sora.maxDownloadMB: stopped, nothing kept, failed for good and told once', async () => {
    const { memento, task } = await completedInMemento();
    const h = engine({ memento, settings: { maxDownloadBytes: 1000 } });
    h.engine.start();
    const failed = await downloadState(h, task.localId, 'failed');
    assert.match(failed.download?.error ?? '', /larger than 0\.00095 MB, the limit set in sora\.maxDownloadMB/);
    assert.equal(failed.download?.nextAt, undefined, 'not retried: it would be too large again');
    assert.equal(h.downloadFailures.length, 1);
    assert.deepEqual(readdirSync(h.folder.value), []);
  });

  test('the cap holds without a Content-Length too (a chunked body is stopped at the cap)', async () => {
    const { memento, task } = await completedInMemento('chunked', `${sim.origin}/cdn/nolength/${3 * 1024 * 1024}.mp4`);
    const h = engine({ memento, settings: { maxDownloadBytes: 1024 * 1024 } });
    h.engine.start();
    const failed = await downloadState(h, task.localId, 'failed');
    assert.match(failed.download?.error ?? '', /larger than 1 MB/);
    assert.deepEqual(readdirSync(h.folder.value), []);
  });
});

describe('the video link\'s one-day life', () => {
  test('an expired link the service has re-issued: asked once, the new link is downloaded and kept', async () => {
    const { memento, task } = await completedInMemento('re-signed');
    sim.expireVideo(task.remoteId!);
    sim.reissueVideo(task.remoteId!);
    const h = engine({ memento });
    h.engine.start();
    const done = await downloadState(h, task.localId, 'done');
    assert.deepEqual(readFileSync(done.download?.path ?? ''), SAMPLE);
    assert.equal(done.videoUrl, `${task.videoUrl!}?sig=1`);
    assert.equal(queryTimes(sim, task.remoteId!).length, 1);
    assert.deepEqual(h.downloadFailures, []);
  });

  test('an expired link the service still gives out: asked once, then expired and reported once', async () => {
    const { memento, task } = await completedInMemento('not re-signed');
    sim.expireVideo(task.remoteId!);
    const h = engine({ memento });
    const v0 = countOf(sim, 'video');
    h.engine.start();
    const expired = await downloadState(h, task.localId, 'expired');
    assert.match(expired.download?.error ?? '', /HTTP 410/);
    assert.equal(queryTimes(sim, task.remoteId!).length, 1);
    assert.equal(countOf(sim, 'video') - v0, 1);
    assert.equal(h.downloadFailures.length, 1);
  });

  test('automatic downloads off: an unsaved video 21 h after completion is warned of once, nothing fetched', async () => {
    const { memento, task } = await completedInMemento('left unsaved');
    const stored = memento.get<{ version: number; tasks: Task[] }>(STORE_KEY)!;
    stored.tasks[0] = { ...task, completedAt: Date.now() - 21 * 3_600_000 };
    const h = engine({ memento, settings: { autoDownload: false } });
    const v0 = countOf(sim, 'video');
    h.engine.start();
    await waitFor(() => h.linkWarnings.length === 1, 'the warning');
    h.engine.downloads.scan();
    h.engine.settingsChanged();
    await sleep(200);
    assert.deepEqual(h.linkWarnings.map((t) => t.localId), [task.localId]);
    assert.equal(countOf(sim, 'video'), v0);
    assert.ok(h.store.get(task.localId)?.linkWarnedAt);
  });
});

