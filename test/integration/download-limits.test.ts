// downloadFile's limits against hostile "CDN" answers from the simulator (/cdn/…): a chunked body,
// a server that drips bytes, an announced length over the cap, a refused reply with an endless
// body, a web page dressed as a binary.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { DownloadTooLargeError } from '../../src/domain/files';
import { ApiError } from '../../src/domain/errors';
import { downloadFile } from '../../src/http/download';
import { createDispatcher } from '../../src/http/dispatcher';

let sim: Simulator;
before(async () => {
  sim = await startSimulator();
});
after(() => sim.close());

describe('downloadFile limits against the simulator', () => {
  const dirs: string[] = [];
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  function setup(): { dir: string; dispatcher: ReturnType<typeof createDispatcher>['dispatcher'] } {
    const dir = mkdtempSync(join(tmpdir(), 'sora-int-limits-'));
    dirs.push(dir);
    const { dispatcher } = createDispatcher({ proxy: '', strictSSL: true, noProxy: [], env: {} });
    closers.push(() => dispatcher.destroy());
    return { dir, dispatcher };
  }

  test('a chunked video within the cap is saved whole', async () => {
    const { dir, dispatcher } = setup();
    const r = await downloadFile({ url: `${sim.origin}/cdn/nolength/${300_000}.mp4`, dest: join(dir, 'v.mp4'), dispatcher, idleTimeoutMs: 5000, maxBytes: 300_000 });
    assert.equal(r.bytes, 300_000);
    assert.deepEqual(readdirSync(dir), ['v.mp4']);
  });

  test('a server that drips bytes inside the idle timeout is stopped at the overall deadline', { timeout: 15_000 }, async () => {
    const { dir, dispatcher } = setup();
    const t0 = Date.now();
    await assert.rejects(downloadFile({ url: `${sim.origin}/cdn/drip.mp4`, dest: join(dir, 'v.mp4'), dispatcher, idleTimeoutMs: 5000, deadlineMs: 500 }), (e: unknown) => {
      assert.ok(e instanceof ApiError, String(e));
      assert.equal(e.kind, 'timeout');
      assert.match(e.message, /did not answer in time \(not complete after 1 seconds\)/);
      return true;
    });
    assert.ok(Date.now() - t0 < 5000, 'well before the idle timeout would fire');
    assert.deepEqual(readdirSync(dir), []);
  });

  test('an announced length over the cap is refused before the body is read', { timeout: 15_000 }, async () => {
    const { dir, dispatcher } = setup();
    await assert.rejects(
      downloadFile({ url: `${sim.origin}/cdn/biglength/${3 * 1024 * 1024 * 1024}.mp4`, dest: join(dir, 'v.mp4'), dispatcher, idleTimeoutMs: 5000 }),
      (e: unknown) => e instanceof DownloadTooLargeError && /larger than 2048 MB/.test(e.message),
    );
    assert.deepEqual(readdirSync(dir), []);
  });

  test('the body of a refused reply is not read without bound (a 500 with 4 GB of HTML)', { timeout: 30_000 }, async () => {
    const { dir, dispatcher } = setup();
    const t0 = Date.now();
    await assert.rejects(downloadFile({ url: `${sim.origin}/cdn/error/500/${2 ** 32}`, dest: join(dir, 'v.mp4'), dispatcher, idleTimeoutMs: 5000 }), (e: unknown) => {
      assert.ok(e instanceof ApiError, String(e));
      assert.equal(e.status, 500);
      return true;
    });
    assert.ok(Date.now() - t0 < 3000, `stopped early (${Date.now() - t0} ms)`);
    assert.deepEqual(readdirSync(dir), []);
  });

  test('a web page labelled application/octet-stream is not saved (its first bytes give it away)', async () => {
    const { dir, dispatcher } = setup();
    await assert.rejects(
      downloadFile({ url: `${sim.origin}/cdn/octet-page.mp4`, dest: join(dir, 'v.mp4'), dispatcher, idleTimeoutMs: 5000 }),
      (e: unknown) => e instanceof ApiError && e.kind === 'malformed' && /not an MP4 video/.test(e.message),
    );
    assert.deepEqual(readdirSync(dir), []);
  });
});
