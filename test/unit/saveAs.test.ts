// Save Video As… (src/vscode/commands/taskCommands.ts): unlike the automatic download, it may replace
// a file, because the save dialog itself asked the user before returning one that exists.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { extensionContext, fake, resetFake, Uri } from '../fixtures/vscode';
// After the fake above: importing it installs the vscode module these need.
import { registerTaskCommands } from '../../src/vscode/commands/taskCommands';
import { Commands } from '../../src/domain/ids';
import { MemoryMemento } from '../fixtures/memento';
import { openStore } from '../helpers/store';
import { makeTask } from '../helpers/tasks';

const context = extensionContext();
afterEach(() => resetFake(context));

async function saveAs(saved: string, target: Uri | undefined): Promise<void> {
  const store = openStore(new MemoryMemento());
  const task = makeTask({ phase: 'completed', status: 'completed', remoteId: 'clip', videoUrl: 'https://cdn.example/v.mp4', download: { state: 'done', attempts: 1, path: saved } });
  await store.put(task);
  const engine = { downloads: { localFile: () => Promise.resolve(saved), download: () => Promise.resolve(task) } };
  registerTaskCommands(context as never, { store, engine: () => engine as never, showLog: () => undefined });
  fake.saveDialogAnswers.push(target);
  await fake.commands.get(Commands.saveVideoAs)?.(task.localId);
  store.dispose();
}

test('the saved video is copied to the chosen file; replacing it was confirmed by the save dialog', async () => {
  await saveAs('/videos/clip.mp4', Uri.file('/home/me/clip.mp4'));
  assert.equal(fake.copies.length, 1);
  assert.equal(fake.copies[0].source.fsPath, '/videos/clip.mp4');
  assert.equal(fake.copies[0].target.fsPath, '/home/me/clip.mp4');
  assert.deepEqual(fake.copies[0].options, { overwrite: true });
  assert.ok(fake.messages.some((m) => m.message === 'Saved the video to /home/me/clip.mp4'));
});

test('choosing the saved file itself copies nothing (a file copied onto itself could be lost)', async () => {
  await saveAs('/videos/clip.mp4', Uri.file('/videos/clip.mp4'));
  assert.deepEqual(fake.copies, []);
});

test('a cancelled dialog does nothing', async () => {
  await saveAs('/videos/clip.mp4', undefined);
  assert.deepEqual(fake.copies, []);
  assert.deepEqual(fake.messages, []);
});
