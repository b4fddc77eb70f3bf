// The gallery's host side through the real activation against the recording vscode stand-in and the
// simulator: the panel follows a task from running to a saved video with coalesced updates that
// carry only what changed; the page's thumbnail is written once to global storage after its checks,
// and a malformed or hostile one is dropped, logged and never written; the next open sends the
// cached file; the task commands take the item's webview context as the tree's element.
import { fake, type LanguageModelTextPart, type LanguageModelToolResult } from '../fixtures/vscode';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import vscode from '../fixtures/vscode';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { Commands, Panels, Tools } from '../../src/domain/ids';
import { MAX_THUMBNAIL_BYTES } from '../../src/domain/thumbnail';
import { toGallerySchema, type GalleryWireItem, type ToGallery } from '../../src/shared/galleryProtocol';
import { waitFor } from '../helpers/wait';
import { activateWithKey, deactivate, type ActivatedContext } from '../helpers/activated';

let sim: Simulator;
let context: ActivatedContext;

before(async () => {
  sim = await startSimulator({ queuedMs: 50, processingMs: 300 });
  context = await activateWithKey(sim, 'sora-gallery-', { 'sora.pollIntervalSeconds': 1 });
});

after(async () => {
  await deactivate(context);
  await sim?.close();
});

const textOf = (r: unknown): string => (r as LanguageModelToolResult).content.map((p) => (p as LanguageModelTextPart).value).join('\n');
const galleries = () => fake.panels.filter((p) => p.viewType === Panels.gallery);
const messages = (n = -1) => galleries().at(n)!.panel.posted as ToGallery[];
const thumbs = () => path.join(context.globalStorageUri.fsPath, 'thumbnails');

function jpeg(n: number): Buffer {
  const b = Buffer.alloc(n, 7);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  b.set([0xff, 0xd9], n - 2);
  return b;
}

/** The item as the page would know it after every message so far. */
function latest(id: string, n = -1): GalleryWireItem | undefined {
  let item: GalleryWireItem | undefined;
  for (const m of messages(n)) {
    if (m.type === 'init' || m.type === 'items') item = m.changed.find((i) => i.id === id) ?? (m.order.includes(id) ? item : undefined);
    if (m.type === 'thumbnailSaved' && m.id === id && item) item = { ...item, thumb: m.thumb };
  }
  return item;
}

test('the gallery follows a task to its saved video, keeps its thumbnail once, and refuses malformed ones', async () => {
  await fake.commands.get(Commands.showGallery)!();
  assert.equal(galleries().length, 1);
  const { panel, options } = galleries()[0];
  assert.equal(options.enableScripts, true);
  assert.match(panel.webview.html, /script-src 'nonce-[^']+'/);
  assert.match(panel.webview.html, /default-src 'none'/);
  panel.send({ type: 'ready', showFailed: false });
  const init = await waitFor(() => messages().find((m) => m.type === 'init'), 'the init message');
  assert.equal(init.type === 'init' && init.order.length, 0);

  fake.tools.confirmAnswers.push(true);
  const text = textOf(await vscode.lm.invokeTool(Tools.createVideo, { input: { prompt: 'A red kite over dunes', model: 'openAiSora2Plus', seconds: 4 }, toolInvocationToken: undefined }));
  assert.match(text, /Created task /);
  // The running task appears as a placeholder, then becomes a video once saved.
  const running = await waitFor(() => messages().flatMap((m) => (m.type === 'items' ? m.changed : [])).find((i) => i.kind === 'running'), 'a running placeholder');
  const id = running.id;
  const video = await waitFor(
    async () => {
      await fake.commands.get(Commands.refreshTasks)!();
      const item = latest(id);
      return item?.kind === 'video' && item.video ? item : undefined;
    },
    'the saved video in the gallery',
    20_000,
    100,
  );
  assert.equal(video.thumb, undefined, 'no thumbnail yet');
  assert.match(video.menu, /\bvideo\b/);
  assert.notEqual(video.taskId, id, 'data-task-id is the service id, not the local one');
  // Updates carry what changed only: the last one does not repeat unchanged items.
  const updates = messages().filter((m) => m.type === 'items');
  assert.ok(updates.every((m) => m.type === 'items' && m.changed.length <= 1), 'one task, at most one item per update');

  const before = fake.log.length;
  const bad: unknown[] = [
    { type: 'thumbnail', id, jpeg: Buffer.from('<svg onload=alert(1)>').toString('base64') },
    { type: 'thumbnail', id, jpeg: jpeg(MAX_THUMBNAIL_BYTES + 10).toString('base64') },
    { type: 'thumbnail', id, jpeg: 'this is not base64!' },
    { type: 'thumbnail', id: '../../evil', jpeg: jpeg(100).toString('base64') },
    { type: 'thumbnail', id },
    { type: 'write', path: '/etc/passwd' },
  ];
  for (const m of bad) panel.send(m);
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(!fs.existsSync(thumbs()) || fs.readdirSync(thumbs()).length === 0, 'nothing written');
  assert.ok(fake.log.slice(before).filter((l) => /Gallery: (dropped|refused)/.test(l)).length >= 4, fake.log.slice(before).join('\n'));
  assert.ok(!messages().some((m) => m.type === 'thumbnailSaved'));

  panel.send({ type: 'thumbnail', id, jpeg: jpeg(2000).toString('base64') });
  const saved = await waitFor(() => messages().find((m) => m.type === 'thumbnailSaved'), 'the thumbnail saved');
  const files = fs.readdirSync(thumbs());
  assert.deepEqual(files, [`${video.taskId}.jpg`]);
  const file = path.join(thumbs(), files[0]);
  assert.equal(saved.type === 'thumbnailSaved' && saved.thumb.endsWith(`/thumbnails/${files[0]}`), true);
  const mtime = fs.statSync(file).mtimeMs;
  // Made once: another thumbnail for the same video is not written over it.
  panel.send({ type: 'thumbnail', id, jpeg: jpeg(3000).toString('base64') });
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(fs.statSync(file).size, 2000);
  assert.equal(fs.statSync(file).mtimeMs, mtime);

  // One panel per window: the command reveals it; after closing, a new one sends the cached file.
  await fake.commands.get(Commands.showGallery)!();
  assert.equal(galleries().length, 1);
  panel.dispose();
  await fake.commands.get(Commands.showGallery)!();
  assert.equal(galleries().length, 2);
  galleries()[1].panel.send({ type: 'ready', showFailed: false });
  const again = await waitFor(() => messages(1).find((m) => m.type === 'init'), 'the second init');
  const item = again.type === 'init' ? again.changed.find((i) => i.id === id) : undefined;
  assert.ok(item?.thumb?.endsWith(`/thumbnails/${files[0]}`), JSON.stringify(item));
  // The first screen's kept pictures come inside the first message, not as files to fetch.
  assert.equal(again.type === 'init' && again.pictures?.[id], fs.readFileSync(file).toString('base64'));
  assert.ok(toGallerySchema.safeParse(again).success, 'the page accepts it');

  // The item's webview context works as the tree's element does.
  await vscode.commands.executeCommand(Commands.copyTaskId, { webview: Panels.gallery, webviewSection: 'task', soraTask: id });
  assert.equal(fake.clipboard.at(-1), video.taskId);
  // Open from the page runs the tree's Open Video with the local id.
  galleries()[1].panel.send({ type: 'open', id });
  await waitFor(() => fake.executed.find((e) => e.id === Commands.openVideo && e.args[0] === id), 'Open Video for the item');
  galleries()[1].panel.dispose();

  // A task the Tasks view's filter hides is not on the first screen, so its picture is not sent either.
  fake.quickPickAnswers.push([], 0);
  fake.inputAnswers.push('no-such-words-anywhere');
  await fake.commands.get(Commands.filterTasks)!();
  try {
    await fake.commands.get(Commands.showGallery)!();
    galleries()[2].panel.send({ type: 'ready', showFailed: false });
    const filtered = await waitFor(() => messages(2).find((m) => m.type === 'init'), 'the filtered init');
    assert.equal(filtered.type === 'init' && filtered.changed.some((i) => i.id === id), false, 'the item is filtered out');
    assert.deepEqual(filtered.type === 'init' ? filtered.pictures : undefined, {}, 'and so is its picture');
  } finally {
    await fake.commands.get(Commands.clearTaskFilter)!();
    galleries()[2]?.panel.dispose();
  }
});
