// The gallery's pure parts: which tasks it shows and how, the virtual grid's sums, the thumbnail
// rule and where thumbnails are kept, the messages both sides accept, and the menus it shares with
// the tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { galleryItems, galleryItem } from '../../src/domain/gallery';
import { gridLayout, itemsInRows, moveFocus, rowsInView, scrollToRow } from '../../src/domain/galleryGrid';
import { MAX_THUMBNAIL_BASE64, MAX_THUMBNAIL_BYTES, thumbnailProblem } from '../../src/domain/thumbnail';
import { thumbnailFileName, videoFileName } from '../../src/domain/files';
import { fromGallerySchema, toGallerySchema } from '../../src/shared/galleryProtocol';
import { GALLERY_STRING_KEYS } from '../../src/shared/galleryStrings';
import { taskFromArg, taskLocalId } from '../../src/vscode/commands/taskArg';
import { ThumbnailCache } from '../../src/vscode/gallery/thumbnailCache';
import { makeTask } from '../helpers/tasks';

const done = (over = {}) => makeTask({ phase: 'completed', status: 'completed', remoteId: 'sora_done', actualDuration: 4, download: { state: 'done', path: '/v/sora_done.mp4', attempts: 1 }, ...over });

test('items: finished videos, running placeholders, failed ones only when asked for', () => {
  const video = done();
  const running = makeTask({ phase: 'active', status: 'processing', remoteId: 'sora_run' });
  const sending = makeTask({ phase: 'submitting', status: 'submitting' });
  const failed = makeTask({ phase: 'failed', status: 'failed', remoteId: 'sora_bad', error: 'no' });
  const tasks = [video, running, sending, failed];
  const shown = galleryItems(tasks, { showFailed: false, filter: {} });
  assert.deepEqual(shown.map((i) => [i.id, i.kind]), [[video.localId, 'video'], [running.localId, 'running'], [sending.localId, 'running']]);
  assert.deepEqual(galleryItems(tasks, { showFailed: true, filter: {} }).map((i) => i.kind), ['video', 'running', 'running', 'failed']);
  // A filter that asks for failed tasks shows them without the toggle; the filter applies to all.
  assert.deepEqual(galleryItems(tasks, { showFailed: false, filter: { statuses: ['failed'] } }).map((i) => i.id), [failed.localId]);
  assert.deepEqual(galleryItems(tasks, { showFailed: true, filter: { text: 'sora_run' } }).map((i) => i.id), [running.localId]);
});

test('an item: the service id for data-task-id, length reported over requested, the saved file only when done', () => {
  const item = galleryItem(done());
  assert.equal(item.taskId, 'sora_done');
  assert.equal(item.seconds, 4);
  assert.equal(item.file, '/v/sora_done.mp4');
  assert.equal(item.model, 'openAiSora2Plus');
  const unsaved = galleryItem(done({ actualDuration: undefined, download: { state: 'expired', attempts: 1 } }));
  assert.equal(unsaved.file, undefined);
  assert.equal(unsaved.seconds, 8, 'the requested length when none was reported');
  const sending = makeTask({ phase: 'submitting', status: 'submitting', settings: { prompt: 'a\nb  c', model: 'veo3', family: 'veo', familyLabel: 'Veo', fields: { duration: 6 }, typicalMs: 1 } });
  const s = galleryItem(sending);
  assert.equal(s.taskId, sending.localId, 'no service id yet: the local one');
  assert.equal(s.seconds, 6, "another family's length field");
  assert.equal(s.title, 'a b c');
  assert.equal(s.kind, 'running');
  assert.equal(s.startedAt, sending.createdAt);
});

test('grid: columns from the width, rows in view with a margin, clamped', () => {
  const layout = gridLayout({ width: 1000, count: 2000, minCellWidth: 220, gap: 12, aspect: 9 / 16, captionHeight: 44 });
  assert.equal(layout.columns, 4);
  assert.equal(layout.rows, 500);
  assert.ok(Math.abs(layout.cellWidth * 4 + 36 - 1000) < 1e-9);
  const h = layout.rowHeight;
  assert.deepEqual(rowsInView(layout, 0, h * 3, 2), { first: 0, end: 5 });
  assert.deepEqual(rowsInView(layout, h * 100 + 1, h * 3, 2), { first: 98, end: 106 });
  assert.deepEqual(rowsInView(layout, h * 10_000, h * 3, 2), { first: 497, end: 500 }, 'past the end: the last rows');
  assert.deepEqual(rowsInView({ ...layout, rows: 0 }, 0, 500, 2), { first: 0, end: 0 });
  assert.deepEqual(itemsInRows({ first: 499, end: 500 }, 4, 1998), { start: 1996, end: 1998 });
  // However long the list, the DOM holds a few rows.
  const r = rowsInView(layout, h * 250, 800, 2);
  assert.ok(r.end - r.first <= Math.ceil(800 / h) + 5);
  assert.equal(gridLayout({ width: 100, count: 3, minCellWidth: 220, gap: 12, aspect: 0.5, captionHeight: 0 }).columns, 1, 'never fewer than one column');
  assert.equal(scrollToRow(layout, 0, 0, h * 2), undefined);
  assert.equal(scrollToRow(layout, 5, 0, h * 2), h * 6 - h * 2);
  assert.equal(scrollToRow(layout, 1, h * 3, h * 2), h);
});

test('grid keys: arrows across rows and columns, the ends, the pages', () => {
  // 10 items in 4 columns: rows 0-3, 4-7, 8-9.
  assert.equal(moveFocus(0, 'ArrowRight', 4, 10, 2), 1);
  assert.equal(moveFocus(3, 'ArrowRight', 4, 10, 2), 4, 'on into the next row');
  assert.equal(moveFocus(0, 'ArrowLeft', 4, 10, 2), 0);
  assert.equal(moveFocus(9, 'ArrowRight', 4, 10, 2), 9);
  assert.equal(moveFocus(1, 'ArrowDown', 4, 10, 2), 5);
  assert.equal(moveFocus(6, 'ArrowDown', 4, 10, 2), 9, 'down into a short last row: its last item');
  assert.equal(moveFocus(9, 'ArrowDown', 4, 10, 2), 9);
  assert.equal(moveFocus(5, 'ArrowUp', 4, 10, 2), 1);
  assert.equal(moveFocus(1, 'ArrowUp', 4, 10, 2), 1);
  assert.equal(moveFocus(5, 'Home', 4, 10, 2), 0);
  assert.equal(moveFocus(5, 'End', 4, 10, 2), 9);
  assert.equal(moveFocus(0, 'PageDown', 4, 10, 2), 8);
  assert.equal(moveFocus(9, 'PageUp', 4, 10, 2), 1);
  assert.equal(moveFocus(0, 'ArrowDown', 4, 0, 2), -1, 'nothing to focus');
});

const jpeg = (n: number) => {
  const b = new Uint8Array(n).fill(7);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  b.set([0xff, 0xd9], n - 2);
  return b;
};

test('thumbnail bytes: a JPEG (magic and end marker), not empty, at most 60 KB', () => {
  assert.equal(thumbnailProblem(jpeg(20_000)), undefined);
  assert.equal(thumbnailProblem(jpeg(MAX_THUMBNAIL_BYTES)), undefined);
  assert.equal(thumbnailProblem(jpeg(MAX_THUMBNAIL_BYTES + 1)), 'tooLarge');
  assert.equal(thumbnailProblem(new Uint8Array()), 'empty');
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xd9]);
  assert.equal(thumbnailProblem(png), 'notJpeg');
  const cut = jpeg(100).slice(0, 90);
  assert.equal(thumbnailProblem(cut), 'notJpeg', 'a cut-off JPEG has no end marker');
});

test('thumbnail files are named like the videos, safely, with .jpg', () => {
  assert.equal(thumbnailFileName('sora_abc123'), 'sora_abc123.jpg');
  const odd = thumbnailFileName('../A:B/c');
  assert.equal(odd, videoFileName('../A:B/c').replace(/\.mp4$/, '.jpg'));
  assert.match(odd, /^[A-Za-z0-9_-]+-[0-9a-f]{16}\.jpg$/);
  assert.notEqual(thumbnailFileName('Abc'), thumbnailFileName('abc'), 'distinct on a case-insensitive disk');
});

test('the webview → host thumbnail message is refused when malformed', () => {
  const ok = { type: 'thumbnail', id: 'local-1', jpeg: Buffer.from(jpeg(100)).toString('base64') };
  assert.ok(fromGallerySchema.safeParse(ok).success);
  const bad: unknown[] = [
    { ...ok, jpeg: 'a'.repeat(MAX_THUMBNAIL_BASE64 + 4) }, // over the cap
    { ...ok, jpeg: 'not base64 at all!' },
    { ...ok, jpeg: '' },
    { ...ok, jpeg: 123 },
    { ...ok, id: '' },
    { ...ok, id: 'x'.repeat(201) },
    { type: 'thumbnail', id: 'local-1' },
    { type: 'thumbnails', id: 'local-1', jpeg: ok.jpeg },
    { type: 'open' },
    { type: 'ready' },
    'thumbnail',
    null,
  ];
  for (const m of bad) assert.equal(fromGallerySchema.safeParse(m).success, false, JSON.stringify(m)?.slice(0, 80));
});

test('host → webview messages: init needs every string; items carry their fields', () => {
  const strings = Object.fromEntries(GALLERY_STRING_KEYS.map((k) => [k, k]));
  const item = { id: 'l1', taskId: 'sora_1', kind: 'video', title: 't', model: 'm', status: 'completed', startedAt: 1, menu: 'task video' };
  assert.ok(toGallerySchema.safeParse({ type: 'init', strings, showFailed: false, changed: [item], order: ['l1'], filter: '' }).success);
  const { title: _gone, ...rest } = strings;
  assert.equal(toGallerySchema.safeParse({ type: 'init', strings: rest, showFailed: false, changed: [], order: [], filter: '' }).success, false);
  assert.equal(toGallerySchema.safeParse({ type: 'items', changed: [{ ...item, kind: 'other' }], order: [], filter: '' }).success, false);
});

test('the cache writes a checked thumbnail once, never replaces it, and refuses anything else', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-thumbs-'));
  try {
    const cache = new ThumbnailCache(path.join(dir, 'thumbnails'));
    await cache.load();
    assert.equal(cache.cached('sora_1'), undefined);
    const b64 = Buffer.from(jpeg(500)).toString('base64');
    const first = await cache.save('sora_1', b64);
    assert.deepEqual(first, { saved: true, file: path.join(dir, 'thumbnails', 'sora_1.jpg') });
    const mtime = fs.statSync(first.saved ? first.file : '').mtimeMs;
    assert.deepEqual(await cache.save('sora_1', Buffer.from(jpeg(900)).toString('base64')), { saved: false, why: 'exists' });
    assert.equal(fs.statSync(path.join(dir, 'thumbnails', 'sora_1.jpg')).size, 500, 'the first stays');
    assert.equal(fs.statSync(path.join(dir, 'thumbnails', 'sora_1.jpg')).mtimeMs, mtime);
    assert.deepEqual(await cache.save('sora_2', Buffer.from('<svg/>').toString('base64')), { saved: false, why: 'notJpeg' });
    assert.deepEqual(await cache.save('sora_3', Buffer.from(jpeg(MAX_THUMBNAIL_BYTES + 3)).toString('base64')), { saved: false, why: 'tooLarge' });
    assert.deepEqual(fs.readdirSync(path.join(dir, 'thumbnails')), ['sora_1.jpg'], 'nothing else, no temporary file left');
    // Another panel (or window) lists the folder anew and finds it.
    const again = new ThumbnailCache(path.join(dir, 'thumbnails'));
    await again.load();
    assert.equal(again.cached('sora_1'), path.join(dir, 'thumbnails', 'sora_1.jpg'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('task commands take the tree element or a gallery item context, nothing else', () => {
  const task = done();
  const store = { get: (id: string) => (id === task.localId ? task : undefined) };
  assert.equal(taskFromArg(store, task.localId), task);
  assert.equal(taskFromArg(store, { webview: 'x', webviewSection: 'task', soraTask: task.localId }), task);
  assert.equal(taskLocalId({ soraTask: 5 }), undefined);
  assert.equal(taskLocalId(undefined), undefined);
  assert.equal(taskFromArg(store, 'nope'), undefined);
});

test("the gallery's context menu has the tree's task actions, under the same conditions", () => {
  type Entry = { command: string; when: string; group: string };
  const menus = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { menus: Record<string, Entry[]> } }).contributes.menus;
  const tree = menus['view/item/context'].filter((e) => !e.group.startsWith('inline'));
  const gallery = menus['webview/context'];
  assert.equal(gallery.length, tree.length);
  tree.forEach((e, i) => {
    const g = gallery[i];
    assert.equal(g.command, e.command);
    assert.equal(g.group, e.group);
    assert.equal(g.when, e.when.replace('view == sora.tasks', "webviewId == 'sora.gallery' && webviewSection == 'task'").replace('viewItem', 'soraItem'));
  });
});
