// Finding the saved videos again (src/domain/savedVideos.ts, src/persistence/videoFolder.ts): newest
// first, matched to the task they came from by path or by the name videoFileName gave them.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isSavedVideo, matchSavedVideos, unnumberedName, type VideoFile } from '../../src/domain/savedVideos';
import { listVideoFiles } from '../../src/persistence/videoFolder';
import { videoFileName } from '../../src/domain/files';
import { makeTask } from '../helpers/tasks';

const file = (p: string, mtimeMs: number, size = 1000): VideoFile => ({ path: p, mtimeMs, size });

describe('matchSavedVideos', () => {
  test('newest first; equal times by name', () => {
    const out = matchSavedVideos([file('/v/b.mp4', 2), file('/v/a.mp4', 3), file('/v/d.mp4', 1), file('/v/c.mp4', 2)], []);
    assert.deepEqual(out.map((v) => v.name), ['a.mp4', 'b.mp4', 'c.mp4', 'd.mp4']);
  });

  test('a file is matched to the task saved under its path, or to the task whose id names it', () => {
    const bySaved = makeTask({ phase: 'completed', remoteId: 'sora_1', download: { state: 'done', attempts: 1, path: '/v/renamed by hand.mp4' } });
    const byId = makeTask({ phase: 'completed', remoteId: 'sora_2' });
    const hashed = makeTask({ phase: 'completed', remoteId: 'Task/With Odd:Chars' });
    const out = matchSavedVideos(
      [file('/v/renamed by hand.mp4', 5), file('/v/sora_2.mp4', 4), file(`/v/${videoFileName(hashed.remoteId!)}`, 3), file('/v/mine.mp4', 2)],
      [bySaved, byId, hashed],
    );
    assert.deepEqual(
      out.map((v) => [v.name, v.task?.localId]),
      [
        ['renamed by hand.mp4', bySaved.localId],
        ['sora_2.mp4', byId.localId],
        [videoFileName(hashed.remoteId!), hashed.localId],
        ['mine.mp4', undefined],
      ],
    );
  });

  test('a numbered name (the first choice was taken) still finds its task', () => {
    const task = makeTask({ phase: 'completed', remoteId: 'sora_abc' });
    assert.equal(matchSavedVideos([file('/v/sora_abc (2).mp4', 1)], [task])[0].task?.localId, task.localId);
  });

  test('the saved path wins over the name: a file saved for one task is not claimed by another of the same id', () => {
    const older = makeTask({ phase: 'completed', remoteId: 'sora_x', download: { state: 'done', attempts: 1, path: '/v/sora_x.mp4' } });
    const newer = makeTask({ phase: 'completed', remoteId: 'sora_x', createdAt: older.createdAt + 10 });
    assert.equal(matchSavedVideos([file('/v/sora_x.mp4', 1)], [newer, older])[0].task?.localId, older.localId);
    assert.equal(matchSavedVideos([file('/v/sora_x (3).mp4', 1)], [older, newer])[0].task?.localId, newer.localId, 'by name, the newest task of the id');
  });

  test('after the list was cleared every file is still listed, without a task', () => {
    const out = matchSavedVideos([file('/v/sora_1.mp4', 1), file('/v/sora_2.mp4', 2)], []);
    assert.deepEqual(out.map((v) => [v.name, v.task]), [['sora_2.mp4', undefined], ['sora_1.mp4', undefined]]);
  });

  test('unnumberedName undoes only the number a taken name gets', () => {
    assert.equal(unnumberedName('clip (2).mp4'), 'clip.mp4');
    assert.equal(unnumberedName('clip (12).MP4'), 'clip.MP4');
    assert.equal(unnumberedName('clip(2).mp4'), 'clip(2).mp4');
    assert.equal(unnumberedName('clip (a).mp4'), 'clip (a).mp4');
  });

  test('isSavedVideo: an .mp4 with content, not a hidden file nor the empty placeholder of a download in progress', () => {
    assert.equal(isSavedVideo('a.mp4', 10), true);
    assert.equal(isSavedVideo('a.MP4', 10), true);
    assert.equal(isSavedVideo('a.mp4', 0), false);
    assert.equal(isSavedVideo('a.mp4.1f2e3d4c.part', 10), false);
    assert.equal(isSavedVideo('.a.mp4', 10), false);
    assert.equal(isSavedVideo('a.mov', 10), false);
  });
});

describe('listVideoFiles', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-saved-videos-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('lists the saved videos in the folder with their time and size, nothing else', async () => {
    const write = (name: string, bytes: number, at: number) => {
      fs.writeFileSync(path.join(dir, name), Buffer.alloc(bytes, 1));
      fs.utimesSync(path.join(dir, name), at, at);
    };
    write('sora_1.mp4', 10, 1_700_000_000);
    write('sora_2 (2).mp4', 20, 1_700_000_100);
    write('sora_3.mp4', 0, 1_700_000_200); // a download in progress
    write('sora_3.mp4.abcd1234.part', 30, 1_700_000_200);
    write('notes.txt', 5, 1_700_000_300);
    fs.mkdirSync(path.join(dir, 'folder.mp4'));
    fs.symlinkSync(path.join(dir, 'sora_1.mp4'), path.join(dir, 'link.mp4'));
    fs.symlinkSync(path.join(dir, 'gone'), path.join(dir, 'dangling.mp4'));
    const found = (await listVideoFiles(dir)).sort((a, b) => a.path.localeCompare(b.path));
    assert.deepEqual(
      found.map((f) => [path.basename(f.path), f.size, Math.round(f.mtimeMs / 1000)]),
      [
        ['link.mp4', 10, 1_700_000_000],
        ['sora_1.mp4', 10, 1_700_000_000],
        ['sora_2 (2).mp4', 20, 1_700_000_100],
      ],
    );
  });

  test('a folder that does not exist yet has no videos; other errors are not hidden', async () => {
    assert.deepEqual(await listVideoFiles(path.join(dir, 'not-yet')), []);
    await assert.rejects(listVideoFiles(path.join(dir, 'sora_1.mp4')), /ENOTDIR/);
  });
});
