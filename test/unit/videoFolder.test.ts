// Saved videos stay reachable after the list forgets them (src/vscode/commands/videoFolderCommands.ts):
// Open Videos Folder reveals the download folder, Show Saved Videos lists what is in it and plays the
// chosen one.
import { after, afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { extensionContext, fake, resetFake, Uri } from '../fixtures/vscode';
// After the fake above: importing it installs the vscode module these need.
import { registerTaskCommands } from '../../src/vscode/commands/taskCommands';
import { Commands } from '../../src/domain/ids';
import { MemoryMemento } from '../fixtures/memento';
import { openStore } from '../helpers/store';
import { makeTask } from '../helpers/tasks';
import type { TaskStore } from '../../src/persistence/repository';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string; title: string }>; menus: Record<string, MenuEntry[]> };
};

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-video-folder-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
let context = extensionContext();
let store: TaskStore;
let folder: string;
let n = 0;

beforeEach(() => {
  folder = path.join(root, `videos-${++n}`);
  fake.settings.set('sora.downloadFolder', folder);
  store = openStore(new MemoryMemento());
  registerTaskCommands(context as never, { store, engine: () => ({}) as never, showLog: () => undefined });
});
afterEach(() => {
  store.dispose();
  resetFake(context);
  context = extensionContext();
});

function save(name: string, ageSeconds: number): string {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(fs.realpathSync(folder), name);
  fs.writeFileSync(file, Buffer.alloc(2048, 1));
  const at = Date.now() / 1000 - ageSeconds;
  fs.utimesSync(file, at, at);
  return file;
}

const run = (id: string) => fake.commands.get(id)!();
const reveals = (id: string) => fake.executed.filter((e) => e.id === id).map((e) => (e.args[0] as Uri).fsPath);

test('Open Videos Folder on a local desktop reveals the newest saved video in the system file manager', async () => {
  save('sora_old.mp4', 600);
  const newest = save('sora_new.mp4', 10);
  await run(Commands.openVideosFolder);
  assert.deepEqual(reveals('revealFileInOS'), [newest]);
});

test('with nothing saved yet, Open Videos Folder creates the folder and reveals it', async () => {
  await run(Commands.openVideosFolder);
  assert.deepEqual(reveals('revealFileInOS'), [fs.realpathSync(folder)]);
});

test('in a remote or browser window the folder is on another machine: its path, Copy Path and Show Saved Videos', async () => {
  fake.remoteName = 'ssh-remote';
  fake.messageAnswers.push('Copy Path');
  await run(Commands.openVideosFolder);
  assert.deepEqual(reveals('revealFileInOS'), []);
  const real = fs.realpathSync(folder);
  assert.equal(fake.messages[0].message, `The videos are saved in ${real}`);
  assert.deepEqual(fake.messages[0].items, ['Copy Path', 'Show Saved Videos']);
  assert.deepEqual(fake.clipboard, [real]);
});

test('in a browser window a download folder inside the workspace is revealed in the Explorer', async () => {
  fake.uiKind = 2;
  fake.workspaceFolders = [{ uri: Uri.file(root), name: 'ws', index: 0 }];
  const newest = save('sora_1.mp4', 5);
  await run(Commands.openVideosFolder);
  assert.deepEqual(reveals('revealInExplorer'), [newest]);
  assert.deepEqual(fake.messages, []);
});

test('an unusable download folder setting is explained, and nothing is revealed', async () => {
  fake.settings.set('sora.downloadFolder', 'relative/videos');
  await run(Commands.openVideosFolder);
  await run(Commands.relistSavedVideos);
  assert.equal(fake.messages.length, 2);
  assert.ok(fake.messages.every((m) => m.level === 'error' && /no local workspace folder is open/.test(m.message)));
  assert.deepEqual(fake.executed.filter((e) => e.id.startsWith('reveal')), []);
});

test('Show Saved Videos lists the folder newest first, with the prompt of a task the list still has', async () => {
  const task = makeTask({ phase: 'completed', status: 'completed', remoteId: 'sora_known', settings: { prompt: 'A fox in the snow', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 } });
  await store.put(task);
  save('sora_cleared.mp4', 3600);
  save('sora_known.mp4', 60);
  save('notes.txt', 1);
  fake.quickPickAnswers.push(undefined);
  await run(Commands.relistSavedVideos);
  const pick = fake.quickPicks[0];
  assert.deepEqual(
    pick.items.map((i) => [i.label, i.detail]),
    [
      ['A fox in the snow', 'sora_known.mp4'],
      ['sora_cleared.mp4', undefined],
    ],
  );
  assert.match(pick.items[0].description ?? '', /^1 min ago · 2 KB$/);
  assert.deepEqual(pick.options, { title: 'Sora: Saved Videos', placeHolder: `2 videos in ${fs.realpathSync(folder)}, newest first`, matchOnDescription: true, matchOnDetail: true });
  assert.equal(fake.panels.length, 0, 'dismissed: nothing opens');
});

test('the chosen video plays in the preview: with its task details, or as a file after the list was cleared', async () => {
  const task = makeTask({ phase: 'completed', status: 'completed', remoteId: 'sora_known', settings: { prompt: 'A fox in the snow', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 } });
  await store.put(task);
  const known = save('sora_known.mp4', 60);
  const cleared = save('sora_cleared.mp4', 3600);
  fake.quickPickAnswers.push(0, 1);
  await run(Commands.relistSavedVideos);
  await run(Commands.relistSavedVideos);
  assert.deepEqual(fake.panels.map((p) => p.title), ['sora_known.mp4', 'sora_cleared.mp4']);
  const [withTask, fileOnly] = fake.panels.map((p) => p.panel.webview.html);
  assert.ok(withTask.includes('A fox in the snow') && withTask.includes(path.basename(known)));
  assert.ok(fileOnly.includes('not in the task list any more') && fileOnly.includes(cleared));
  assert.ok(!/id="prompt"/.test(fileOnly), 'no empty prompt section');
  assert.deepEqual((fake.panels[1].options.localResourceRoots as Uri[]).map((u) => u.fsPath), [path.dirname(cleared)]);
  assert.equal(fake.panels[1].options.enableScripts, false);
});

test('a prompt that looks like an icon is shown as text in the pick', async () => {
  await store.put(makeTask({ phase: 'completed', status: 'completed', remoteId: 'sora_icon', settings: { prompt: '$(alert) click me', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 } }));
  save('sora_icon.mp4', 1);
  await run(Commands.relistSavedVideos);
  assert.ok(!fake.quickPicks[0].items[0].label.includes('$('), fake.quickPicks[0].items[0].label);
});

test('no saved videos: Show Saved Videos says where it looked', async () => {
  await run(Commands.relistSavedVideos);
  assert.deepEqual(fake.quickPicks, []);
  assert.match(fake.messages[0].message, /^No saved videos in .*videos-\d+ yet\.$/);
});

test('manifest: both in the palette, Open Videos Folder a Tasks view title button, Show Saved Videos in its menu', () => {
  for (const id of [Commands.openVideosFolder, Commands.relistSavedVideos]) {
    assert.ok(manifest.contributes.commands.some((c) => c.command === id), id);
    assert.ok(!manifest.contributes.menus.commandPalette.some((m) => m.command === id && m.when === 'false'), `${id} is not hidden from the palette`);
  }
  const title = manifest.contributes.menus['view/title'];
  assert.ok(title.some((m) => m.command === Commands.openVideosFolder && m.when === 'view == sora.tasks' && m.group?.startsWith('navigation')));
  assert.ok(title.some((m) => m.command === Commands.relistSavedVideos && m.when === 'view == sora.tasks'));
});
