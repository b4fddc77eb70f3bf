// After a window reload, a video preview comes back from its title (the file name): a task's saved
// video, or a saved video in the download folder whose task was cleared (src/vscode/preview/videoPanel.ts).
// Anything else closes: a file that is gone, a title that is a path, a name that is not a video.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fake, fakeWebviewPanel, Uri } from '../fixtures/vscode';
// After the fake above: importing it installs the vscode module this needs.
import { reviveVideoPreview } from '../../src/vscode/preview/videoPanel';
import type { TaskStore } from '../../src/persistence/repository';
import { MemoryMemento } from '../fixtures/memento';
import { openStore } from '../helpers/store';
import { makeTask } from '../helpers/tasks';

const dirs: string[] = [];
const stores: TaskStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.dispose();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function folderWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-revive-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
  return dir;
}

function reopened(title: string) {
  const panel = Object.assign(fakeWebviewPanel({}), { title, closed: false });
  panel.onDidDispose(() => (panel.closed = true));
  return panel;
}

async function revive(title: string, folder: string | undefined, store = openStore(new MemoryMemento())) {
  stores.push(store);
  const panel = reopened(title);
  await reviveVideoPreview(panel as never, Uri.file('/ext') as never, store, () => folder);
  return panel;
}

test('a saved video whose task was cleared comes back from the download folder, playing that file only', async () => {
  const folder = folderWith({ 'cleared-abc123.mp4': 'video' });
  const panel = await revive('cleared-abc123.mp4', folder);
  assert.equal(panel.closed, false);
  assert.match(panel.webview.html, /cleared-abc123\.mp4/);
  assert.match(panel.webview.html, /not in the task list any more/);
  const roots = (panel.webview.options as { localResourceRoots: Array<{ fsPath: string }> }).localResourceRoots;
  assert.deepEqual(roots.map((r) => r.fsPath), [folder]);
  panel.dispose();
});

test("a task's saved video still comes back with the task's details", async () => {
  const folder = folderWith({ 'fox.mp4': 'video' });
  const store = openStore(new MemoryMemento());
  await store.put(
    makeTask({ phase: 'completed', status: 'completed', remoteId: 'sora_fox', download: { state: 'done', path: path.join(folder, 'fox.mp4'), attempts: 1 } }),
  );
  const panel = await revive('fox.mp4', undefined, store);
  assert.equal(panel.closed, false);
  assert.match(panel.webview.html, /sora_fox/);
  panel.dispose();
});

test('a gone file, an empty placeholder, a path, or not a video: the preview closes', async () => {
  const folder = folderWith({ 'empty.mp4': '', 'notes.txt': 'text' });
  for (const title of ['gone.mp4', 'empty.mp4', 'notes.txt', `../${path.basename(folder)}/empty.mp4`, path.join(folder, 'empty.mp4')]) {
    const panel = await revive(title, folder);
    assert.equal(panel.closed, true, title);
  }
  assert.equal((await revive('gone.mp4', undefined)).closed, true, 'no usable download folder');
  assert.equal(fake.serializers.size, 0);
});
