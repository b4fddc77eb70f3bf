// What downloadFile keeps and where (undici's MockAgent): never over an existing file, never a
// web page or an error body as a video, never more than the byte cap.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fsp, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockAgent } from 'undici';
import { downloadFile } from '../../src/http/download';
import { ApiError } from '../../src/domain/errors';
import { DownloadTooLargeError } from '../../src/domain/files';

const dirs: string[] = [];
const agents: MockAgent[] = [];
afterEach(async () => {
  for (const a of agents.splice(0)) await a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sora-unit-dlc-'));
  dirs.push(d);
  return d;
}
function agent(): MockAgent {
  const a = new MockAgent();
  a.disableNetConnect();
  agents.push(a);
  return a;
}
/** `rest` behind the first bytes of an MP4 file (an ftyp box). */
const mp4 = (rest: string): Buffer => Buffer.concat([Buffer.from('00000018667479706973366d0000020069736f6d6d703431', 'hex'), Buffer.from(rest)]);
const URL = 'https://cdn.example/v.mp4';

describe('downloadFile: names, content, size', () => {
  test('an existing file is never replaced: the video gets the first free numbered name', async () => {
    const a = agent();
    a.get('https://cdn.example').intercept({ path: '/v.mp4' }).reply(200, mp4('new')).times(2);
    const dir = tempDir();
    const dest = join(dir, 'v.mp4');
    writeFileSync(dest, 'mine');
    assert.deepEqual(await downloadFile({ url: URL, dest, dispatcher: a, idleTimeoutMs: 1000 }), { bytes: mp4('new').length, path: join(dir, 'v (2).mp4') });
    assert.equal(readFileSync(dest, 'utf8'), 'mine', 'the file that was there is untouched');
    assert.deepEqual(readFileSync(join(dir, 'v (2).mp4')), mp4('new'));
    const third = await downloadFile({ url: URL, dest, dispatcher: a, idleTimeoutMs: 1000 });
    assert.equal(third.path, join(dir, 'v (3).mp4'));
    assert.deepEqual(readdirSync(dir).sort(), ['v (2).mp4', 'v (3).mp4', 'v.mp4']);
  });

  for (const [what, body, type] of [
    ['a web page served with 200 and text/html', '<!doctype html><title>Sign in</title>', 'text/html; charset=utf-8'],
    ['a JSON error served with 200', '{"error":"quota"}', 'application/json'],
    ['a page labelled application/octet-stream (checked by its first bytes)', '<!doctype html><title>Sign in</title>', 'application/octet-stream'],
    ['a body labelled video/mp4 that does not start like an MP4', 'GIF89a not a video at all', 'video/mp4'],
    ['a video/mp4 body shorter than an MP4 header', 'abc', 'video/mp4'],
  ] as const) {
    test(`not saved as a video: ${what}`, async () => {
      const a = agent();
      a.get('https://cdn.example').intercept({ path: '/v.mp4' }).reply(200, body, { headers: { 'content-type': type } });
      const dir = tempDir();
      await assert.rejects(downloadFile({ url: URL, dest: join(dir, 'v.mp4'), dispatcher: a, idleTimeoutMs: 1000 }), (e: unknown) => {
        assert.ok(e instanceof ApiError, String(e));
        assert.equal(e.kind, 'malformed');
        assert.match(e.message, /^Downloading the video failed: the reply from https:\/\/cdn\.example\/v\.mp4 could not be understood \(not (a video but|an MP4 video)/);
        return true;
      });
      assert.deepEqual(readdirSync(dir), [], 'neither a .mp4 nor a .part');
    });
  }

  test('a Content-Length over the cap is refused before the body is read, and nothing is kept', async () => {
    const a = agent();
    a.get('https://cdn.example').intercept({ path: '/v.mp4' }).reply(200, mp4('x'.repeat(100)), { headers: { 'content-length': String(mp4('x'.repeat(100)).length) } });
    const dir = tempDir();
    await assert.rejects(downloadFile({ url: URL, dest: join(dir, 'v.mp4'), dispatcher: a, idleTimeoutMs: 1000, maxBytes: 50 }), (e: unknown) => {
      assert.ok(e instanceof DownloadTooLargeError, String(e));
      assert.match(e.message, /larger than 0\.000048 MB, the limit set in sora\.maxDownloadMB/);
      return true;
    });
    assert.deepEqual(readdirSync(dir), []);
  });

  test('a body over the cap is stopped even when its length was not announced', async () => {
    const a = agent();
    a.get('https://cdn.example').intercept({ path: '/v.mp4' }).reply(200, mp4('x'.repeat(100)));
    const dir = tempDir();
    await assert.rejects(downloadFile({ url: URL, dest: join(dir, 'v.mp4'), dispatcher: a, idleTimeoutMs: 1000, maxBytes: 50 }), (e: unknown) => e instanceof DownloadTooLargeError);
    assert.deepEqual(readdirSync(dir), []);
    // Exactly at the cap is allowed.
    a.get('https://cdn.example').intercept({ path: '/v.mp4' }).reply(200, mp4('x'.repeat(26)));
    assert.equal((await downloadFile({ url: URL, dest: join(dir, 'v.mp4'), dispatcher: a, idleTimeoutMs: 1000, maxBytes: 50 })).bytes, 50);
  });

  test('a link planted under the name is not written through; also where hard links are not supported', async () => {
    const a = agent();
    a.get('https://cdn.example').intercept({ path: '/v.mp4' }).reply(200, mp4('new')).times(2);
    const dir = tempDir();
    const victim = join(tempDir(), 'precious.txt');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, join(dir, 'v.mp4'));
    const first = await downloadFile({ url: URL, dest: join(dir, 'v.mp4'), dispatcher: a, idleTimeoutMs: 1000 });
    assert.equal(first.path, join(dir, 'v (2).mp4'));
    // A disk without hard links (FAT, some shares): the name is reserved with an exclusive create instead.
    const link = fsp.link;
    let linkCalls = 0;
    fsp.link = () => {
      linkCalls++;
      return Promise.reject(Object.assign(new Error('EPERM'), { code: 'EPERM' }));
    };
    try {
      const second = await downloadFile({ url: URL, dest: join(dir, 'v.mp4'), dispatcher: a, idleTimeoutMs: 1000 });
      assert.equal(second.path, join(dir, 'v (3).mp4'));
      assert.deepEqual(readFileSync(second.path), mp4('new'));
      assert.ok(linkCalls >= 1, 'the link path was tried and refused');
    } finally {
      fsp.link = link;
    }
    assert.equal(readFileSync(victim, 'utf8'), 'keep me');
    assert.deepEqual(readdirSync(dir).sort(), ['v (2).mp4', 'v (3).mp4', 'v.mp4']);
  });
});
