// Naming saved videos and deciding what to download (src/tasks/files.ts, src/tasks/downloads.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { downloadDeadlineMs, isExpired, isInside, maxDownloadBytes, MIN_DOWNLOAD_DEADLINE_MS, numberedFileName, resolveDownloadFolder, videoFileName } from '../../src/domain/files';
import { needsDownload, RETRY_DELAYS_MS, STALE_DOWNLOAD_MS } from '../../src/domain/lifecycle';
import { SettingsError } from '../../src/domain/endpoints';
import { ApiError } from '../../src/domain/errors';
import { makeTask } from '../helpers/tasks';

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.mp4$/;

describe('videoFileName', () => {
  test('a plain service id is used as it is', () => {
    assert.equal(videoFileName('sora_abc123def456'), 'sora_abc123def456.mp4');
    assert.equal(videoFileName('task-1.v2'), 'task-1.v2.mp4');
  });

  test('always filesystem-safe: no separators, no leading dot, bounded length', () => {
    for (const id of [
      'global task/2',
      'a/../b',
      '../../etc/passwd',
      '..\\..\\windows\\system32',
      'C:\\x',
      'con:aux|nul?*<>"',
      '.hidden',
      '..',
      '.',
      '%2e%2e%2f',
      '任务/视频',
      '\u0000\n\t',
      'x'.repeat(1000),
      ' ',
    ]) {
      const name = videoFileName(id);
      assert.match(name, SAFE, JSON.stringify(id));
      assert.ok(name.length <= 100 + 1 + 8 + 4, `${name.length} for ${JSON.stringify(id).slice(0, 20)}`);
    }
  });

  test('distinct ids that clean up to the same text still get distinct names', () => {
    const groups = [
      ['a/b', 'a_b', 'a:b', 'a b', 'a//b', 'a\\b'],
      ['', '.', '..', '/', '_'],
      ['x'.repeat(100), 'x'.repeat(101), 'x'.repeat(150)],
      ['.a', 'a', '_a'],
    ];
    for (const ids of groups) {
      const names = ids.map(videoFileName);
      assert.equal(new Set(names).size, ids.length, JSON.stringify(Object.fromEntries(ids.map((id, i) => [id, names[i]]))));
    }
  });

  test('the same id always gives the same name', () => {
    assert.equal(videoFileName('global task/2'), videoFileName('global task/2'));
    assert.match(videoFileName('global task/2'), /^global_task_2-[0-9a-f]{16}\.mp4$/);
  });

  test('an empty id still gives a usable name', () => {
    assert.match(videoFileName(''), /^video-[0-9a-f]{16}\.mp4$/);
  });

  test('the suffix is the SHA-256 of the whole id (16 hex digits), not a 32-bit hash', () => {
    const id = `${'x'.repeat(150)}/tail`;
    const sha = createHash('sha256').update(id).digest('hex');
    assert.equal(videoFileName(id), `${'x'.repeat(80)}-${sha.slice(0, 16)}.mp4`);
  });

  test('ids whose 32-bit (h*31+c) hashes collide still get distinct names', () => {
    // 'é!' and 'ê\u0002' both clean up to '_' and add the same to a 31-multiplier hash.
    const a = 'v/\u00e9!';
    const b = 'v/\u00ea\u0002';
    assert.notEqual(videoFileName(a), videoFileName(b));
  });

  test('an id spelled like another id\'s hashed name does not take that name', () => {
    const first = videoFileName('global task/2');
    const lookalike = first.slice(0, -'.mp4'.length);
    assert.notEqual(videoFileName(lookalike), first);
    assert.match(videoFileName(lookalike), SAFE);
  });

  test('ids differing only in case get names that differ also on a case-insensitive disk', () => {
    const names = ['ABC', 'abc', 'Abc', 'task-X', 'task-x'].map(videoFileName);
    assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length, names.join(' '));
    assert.equal(videoFileName('abc'), 'abc.mp4', 'a lower-case id is still used as it is');
  });

  test('never a Windows device name, whatever the extension', () => {
    for (const id of ['con', 'nul', 'aux.x', 'com1', 'lpt9.mp4', 'CON.x/y']) {
      const name = videoFileName(id);
      assert.doesNotMatch(name.split('.')[0], /^(con|prn|aux|nul|com\d|lpt\d)$/i, `${id} → ${name}`);
      assert.match(name, SAFE);
    }
  });
});

describe('numberedFileName', () => {
  test('the n-th free name keeps the folder and the extension', () => {
    const dir = path.resolve('/videos');
    assert.equal(numberedFileName(path.join(dir, 'clip.mp4'), 1), path.join(dir, 'clip.mp4'));
    assert.equal(numberedFileName(path.join(dir, 'clip.mp4'), 2), path.join(dir, 'clip (2).mp4'));
    assert.equal(numberedFileName(path.join(dir, 'a.b.mp4'), 10), path.join(dir, 'a.b (10).mp4'));
    assert.equal(numberedFileName(path.join(dir, 'noext'), 3), path.join(dir, 'noext (3)'));
  });
});

describe('isInside', () => {
  test('the folder itself and anything below it; not a sibling that shares the prefix', () => {
    const ws = path.resolve('/work/project');
    assert.equal(isInside(ws, ws), true);
    assert.equal(isInside(path.join(ws, 'out', 'v'), ws), true);
    assert.equal(isInside(path.join(ws, '..foo'), ws), true);
    assert.equal(isInside(path.resolve('/work/project2'), ws), false);
    assert.equal(isInside(path.resolve('/work'), ws), false);
  });
});

describe('download limits', () => {
  test('MB to bytes, and a deadline that grows with the cap but never drops below the floor', () => {
    assert.equal(maxDownloadBytes(2048), 2048 * 1024 * 1024);
    assert.equal(downloadDeadlineMs(maxDownloadBytes(1)), MIN_DOWNLOAD_DEADLINE_MS);
    assert.equal(downloadDeadlineMs(maxDownloadBytes(2048)), 4096 * 1000, '2 GB at 512 KB/s');
  });
});

describe('isExpired', () => {
  test('403, 404 and 410 mean the link is gone; other failures do not', () => {
    for (const status of [403, 404, 410]) assert.equal(isExpired(new ApiError('http', 'download', 'u', '', status)), true, String(status));
    for (const status of [400, 401, 429, 500, 502]) assert.equal(isExpired(new ApiError('http', 'download', 'u', '', status)), false, String(status));
    assert.equal(isExpired(new ApiError('lost', 'download', 'u', 'x')), false);
    assert.equal(isExpired(Object.assign(new Error('x'), { status: 410 })), false);
  });
});

describe('needsDownload', () => {
  const now = 1_000_000;
  const done = makeTask({ phase: 'completed', status: 'completed', remoteId: 'r', videoUrl: 'https://x/y.mp4' });

  test('a completed task with a URL and no download yet', () => {
    assert.equal(needsDownload(done, now), true);
    assert.equal(needsDownload({ ...done, videoUrl: undefined }, now), false);
    assert.equal(needsDownload({ ...done, remoteId: undefined }, now), false);
    assert.equal(needsDownload({ ...done, phase: 'active' }, now), false);
    assert.equal(needsDownload({ ...done, phase: 'failed' }, now), false);
  });

  test('a download that died with the window is started again; done and expired are left alone', () => {
    assert.equal(needsDownload({ ...done, download: { state: 'downloading', attempts: 1 } }, now), true);
    assert.equal(needsDownload({ ...done, download: { state: 'pending', attempts: 0 } }, now), true);
    assert.equal(needsDownload({ ...done, download: { state: 'done', attempts: 1, path: '/p' } }, now), false);
    assert.equal(needsDownload({ ...done, download: { state: 'expired', attempts: 1 } }, now), false);
  });

  test('a fresh download by another window is left to it; a stale one is taken to have died', () => {
    const at = (startedAt: number) => ({ ...done, download: { state: 'downloading' as const, attempts: 1, startedAt } });
    assert.equal(needsDownload(at(now - 1_000), now), false);
    assert.equal(needsDownload(at(now - STALE_DOWNLOAD_MS - 1), now), true);
  });

  test('a failed download is retried when due, and not after the last retry', () => {
    assert.equal(needsDownload({ ...done, download: { state: 'failed', attempts: 1, nextAt: now + 1 } }, now), false);
    assert.equal(needsDownload({ ...done, download: { state: 'failed', attempts: 1, nextAt: now } }, now), true);
    assert.equal(needsDownload({ ...done, download: { state: 'failed', attempts: RETRY_DELAYS_MS.length, nextAt: now } }, now), true);
    assert.equal(needsDownload({ ...done, download: { state: 'failed', attempts: RETRY_DELAYS_MS.length + 1 } }, now), false);
  });
});

describe('resolveDownloadFolder', () => {
  const priv = path.resolve('/storage/sora');
  const ws = path.resolve('/work/project');
  test('empty (or blank): the private storage', () => {
    assert.equal(resolveDownloadFolder('', ws, priv), path.join(priv, 'videos'));
    assert.equal(resolveDownloadFolder('   ', undefined, priv), path.join(priv, 'videos'));
  });
  test('absolute: as it is, with or without a workspace', () => {
    const abs = path.resolve('/data/videos');
    assert.equal(resolveDownloadFolder(abs, ws, priv), abs);
    assert.equal(resolveDownloadFolder(` ${abs} `, undefined, priv), abs);
  });
  test('relative: inside the first workspace folder, or a readable settings error without one', () => {
    assert.equal(resolveDownloadFolder('out/videos', ws, priv), path.join(ws, 'out', 'videos'));
    assert.throws(
      () => resolveDownloadFolder('videos', undefined, priv),
      (e: unknown) => e instanceof SettingsError && (e).message === 'sora.downloadFolder is relative ("videos") but no local workspace folder is open.',
    );
  });
});
