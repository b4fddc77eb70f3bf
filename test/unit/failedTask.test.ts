// A failed task is not a dead end (src/vscode/commands/failedTaskCommands.ts, preview/detailsPanel.ts):
// its row opens the details (reason, settings sent, Create Again…, Retry Now, Copy Error, Remove),
// says the reason to a screen reader, and Retry Now sends the same settings once, after a modal
// that names the cost, through the engine's create path.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extensionContext, fake, fakeWebviewPanel, resetFake } from '../fixtures/vscode';
// After the fake above: importing it installs the vscode module these need.
import { registerTaskCommands } from '../../src/vscode/commands/taskCommands';
import { TaskItem } from '../../src/vscode/views/taskItem';
import { Commands, Panels } from '../../src/domain/ids';
import { SettingsError } from '../../src/domain/endpoints';
import type { SubmitOutcome, TaskEngine } from '../../src/engine/engine';
import type { SendInput } from '../../src/domain/taskSettings';
import { makeCatalogue } from '../../src/domain/models/catalogue';
import type { ModelRequest } from '../../src/domain/models/check';
import type { Task } from '../../src/domain/task';
import type { TaskStore } from '../../src/persistence/repository';
import { MemoryMemento } from '../fixtures/memento';
import { openStore } from '../helpers/store';
import { makeTask } from '../helpers/tasks';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string; title: string }>; menus: Record<string, MenuEntry[]> };
};
const nls = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.nls.json'), 'utf8')) as Record<string, string>;

const SIGNED = 'https://cdn.example/ref.png?X-Amz-Signature=SECRETSIG';
const failed = (over: Partial<Task> = {}): Task =>
  makeTask({
    phase: 'failed',
    status: 'failed',
    remoteId: 'sora_failed1',
    error: `The reference image could not be read (${SIGNED})`,
    settings: { prompt: 'A fox in the snow', model: 'openAiSora2Pro', aspectRatio: '9:16', seconds: 12, referenceImage: 'https://img.example/fox.png' },
    ...over,
  });

let context = extensionContext();
let store: TaskStore | undefined;
afterEach(() => {
  store?.dispose();
  resetFake(context);
  context = extensionContext();
});

const tick = () => new Promise((r) => setTimeout(r, 5));

/** A store holding `tasks`, the task commands registered over an engine whose submit answers `outcome`. */
async function setUp(tasks: Task[], outcome: () => Promise<SubmitOutcome> = async () => ({ kind: 'created', task: makeTask({ remoteId: 'sora_new' }) })) {
  store = openStore(new MemoryMemento());
  for (const task of tasks) await store.put(task);
  const submits: SendInput[] = [];
  const catalogue = makeCatalogue();
  const engine = { submit: (s: SendInput) => (submits.push(s), outcome()), catalogue: () => catalogue } as unknown as TaskEngine;
  registerTaskCommands(context as never, { store, engine: () => engine, showLog: () => undefined });
  return { store, submits };
}

describe('the failed row', () => {
  test('a click or Enter runs Show Details with the task; a completed row still opens its video', () => {
    const task = failed();
    assert.deepEqual(new TaskItem(task).command, { command: Commands.showTaskDetails, title: 'Show Details', arguments: [task.localId] });
    const done = makeTask({ phase: 'completed', status: 'completed', remoteId: 'sora_ok', videoUrl: 'https://v/x.mp4' });
    assert.equal(new TaskItem(done).command?.command, Commands.openVideo);
    assert.equal(new TaskItem(makeTask({ phase: 'active' })).command, undefined);
  });

  test('the accessible label says the reason (without a signed query); others stay as they were', () => {
    const label = new TaskItem(failed()).accessibilityInformation?.label ?? '';
    assert.equal(label, 'A fox in the snow, failed: The reference image could not be read (https://cdn.example/ref.png?…)');
    assert.equal(new TaskItem(failed({ error: undefined })).accessibilityInformation?.label, 'A fox in the snow, failed: no reason given');
    assert.equal(new TaskItem(makeTask({ phase: 'active', status: 'queued', settings: { prompt: 'p', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 } })).accessibilityInformation?.label, 'p, queued');
  });

  test('menus: Show Details, Retry Now and Copy Error on failed rows only, hidden from the palette; Create Again… says it opens something', () => {
    const shows = (id: string, task: Task) => {
      const viewItem = new TaskItem(task).contextValue ?? '';
      const entries = manifest.contributes.menus['view/item/context'].filter((m) => m.command === id);
      assert.ok(entries.length > 0, id);
      return entries.some((m) => {
        const re = /viewItem =~ \/(.*)\/$/.exec(m.when ?? '')?.[1];
        return m.when?.includes('view == sora.tasks') && (re === undefined || new RegExp(re).test(viewItem));
      });
    };
    const done = makeTask({ phase: 'completed', status: 'completed', remoteId: 'sora_ok', videoUrl: 'https://v/x.mp4' });
    for (const id of [Commands.showTaskDetails, Commands.retryNow, Commands.copyError]) {
      assert.equal(shows(id, failed()), true, `${id} on a failed row`);
      assert.equal(shows(id, done), false, `${id} not on a completed row`);
      assert.equal(shows(id, makeTask({ phase: 'unknown', status: 'outcome unknown' })), false, `${id} not on an unknown outcome`);
      assert.ok(manifest.contributes.menus.commandPalette.some((m) => m.command === id && m.when === 'false'), `${id} hidden from the palette`);
    }
    const title = (id: string) => nls[(manifest.contributes.commands.find((c) => c.command === id)?.title ?? '').replace(/%/g, '')];
    assert.equal(title(Commands.createAgain), 'Create Again…');
    assert.equal(title(Commands.retryNow), 'Retry Now');
  });
});

describe('the details panel', () => {
  test('shows the reason, the settings sent and the four actions, with scripts off and only those commands allowed', async () => {
    const task = failed({ amount: 3 });
    await setUp([task]);
    await fake.commands.get(Commands.showTaskDetails)!(task.localId);
    assert.equal(fake.panels.length, 1);
    const { viewType, title, options, panel } = fake.panels[0];
    assert.equal(viewType, Panels.taskDetails);
    assert.equal(title, 'Details: sora_failed1');
    assert.equal(options.enableScripts, false);
    assert.deepEqual(options.enableCommandUris, [Commands.createAgain, Commands.retryNow, Commands.copyError, Commands.removeTask]);
    assert.deepEqual(options.localResourceRoots, []);
    const html = panel.webview.html;
    assert.match(html, /The reference image could not be read \(https:\/\/cdn\.example\/ref\.png\?…\)/);
    assert.ok(!html.includes('SECRETSIG'));
    for (const text of ['openAiSora2Pro', '9:16 (720×1280)', '12 s', 'https://img.example/fox.png', 'sora_failed1', 'A fox in the snow']) assert.ok(html.includes(text), text);
    const arg = encodeURIComponent(JSON.stringify([task.localId]));
    const links = [...html.matchAll(/<a href="([^"]+)" title="[^"]*">([^<]+)<\/a>/g)].map((m) => [m[2], m[1]]);
    assert.deepEqual(links, [
      ['Create Again…', `command:${Commands.createAgain}?${arg}`],
      ['Retry Now', `command:${Commands.retryNow}?${arg}`],
      ['Copy Error', `command:${Commands.copyError}?${arg}`],
      ['Remove', `command:${Commands.removeTask}?${arg}`],
    ]);
  });

  test('one panel per task; it closes when the task is removed', async () => {
    const task = failed();
    const { store: s } = await setUp([task]);
    await fake.commands.get(Commands.showTaskDetails)!(task.localId);
    await fake.commands.get(Commands.showTaskDetails)!(task.localId);
    assert.equal(fake.panels.length, 1);
    let closed = false;
    fake.panels[0].panel.onDidDispose(() => (closed = true));
    await fake.commands.get(Commands.removeTask)!(task.localId);
    assert.equal(s.get(task.localId), undefined);
    assert.equal(closed, true);
    await fake.commands.get(Commands.showTaskDetails)!(task.localId);
    assert.equal(fake.panels.length, 1, 'a removed task has no details to show');
  });

  test('after a reload the panel finds its task by its title, or closes', async () => {
    const task = failed();
    await setUp([task]);
    const serializer = fake.serializers.get(Panels.taskDetails) as { deserializeWebviewPanel(p: unknown, s: unknown): Promise<void> };
    const reopened = (title: string) => {
      const panel = Object.assign(fakeWebviewPanel({}), { title, closed: false });
      panel.onDidDispose(() => (panel.closed = true));
      return panel;
    };
    const mine = reopened('Details: sora_failed1');
    await serializer.deserializeWebviewPanel(mine, undefined);
    assert.match(mine.webview.html, /A fox in the snow/);
    assert.equal(mine.webview.options.enableScripts, false);
    assert.equal(mine.closed, false);
    const stranger = reopened('Details: sora_unknown');
    await serializer.deserializeWebviewPanel(stranger, undefined);
    assert.equal(stranger.closed, true);
  });
});

test('Copy Error copies the reason as shown, a signed query left out', async () => {
  const task = failed();
  await setUp([task]);
  await fake.commands.get(Commands.copyError)!(task.localId);
  assert.deepEqual(fake.clipboard, ['The reference image could not be read (https://cdn.example/ref.png?…)']);
});

describe('Retry Now', () => {
  test('asks in a modal that names the cost; confirmed, the same settings are submitted once', async () => {
    const task = failed();
    const { submits } = await setUp([task]);
    fake.messageAnswers.push('Retry Now');
    await fake.commands.get(Commands.retryNow)!(task.localId);
    const ask = fake.messages[0];
    assert.equal(ask.message, 'This creates a new paid task with model openAiSora2Pro, 12 s.');
    assert.deepEqual(ask.options, { modal: true, detail: 'The same prompt, aspect ratio (9:16) and reference image are sent now. The failed task stays in the list.' });
    assert.deepEqual(ask.items, ['Retry Now']);
    assert.deepEqual(submits, [task.settings]);
    assert.equal(fake.messages[1].message, 'Task sora_new created.');
  });

  test('another model: the modal names it and the fields; its values are checked against its profile and sent as they were', async () => {
    const settings = { prompt: 'a kite', model: 'viduq3-pro', family: 'vidu', familyLabel: 'Vidu Q3', fields: { duration: 6, first_image: 'https://img.example/f.png' }, typicalMs: 300_000 };
    const task = failed({ settings });
    const { submits } = await setUp([task]);
    fake.messageAnswers.push('Retry Now');
    await fake.commands.get(Commands.retryNow)!(task.localId);
    assert.equal(fake.messages[0].message, 'This creates a new paid task with model viduq3-pro.');
    assert.deepEqual(fake.messages[0].options, { modal: true, detail: 'The same prompt and settings are sent now: duration, first_image. The failed task stays in the list.' });
    assert.equal(submits.length, 1);
    const sent = submits[0] as ModelRequest;
    assert.equal(sent.profile.id, 'viduq3-pro');
    assert.deepEqual(sent.values, { prompt: 'a kite', ...settings.fields });
  });

  test('another model whose values no longer pass, or whose model is gone: said why, nothing is sent', async () => {
    const base = { prompt: 'a kite', family: 'vidu', familyLabel: 'Vidu Q3', typicalMs: 300_000 };
    const tasks = [failed({ settings: { ...base, model: 'viduq3-pro', fields: { duration: 99 } } }), failed({ settings: { ...base, model: 'gone', fields: {} } })];
    const { submits } = await setUp(tasks);
    for (const task of tasks) await fake.commands.get(Commands.retryNow)!(task.localId);
    assert.deepEqual(submits, []);
    assert.match(fake.messages[0].message, /^This task cannot be sent again as it is: Duration must be between 1 and 16\. Use Create Again/);
    assert.match(fake.messages[1].message, /The model gone is no longer in the catalogue/);
  });

  test('cancelled, nothing is sent', async () => {
    const task = failed();
    const { submits } = await setUp([task]);
    fake.messageAnswers.push(undefined);
    await fake.commands.get(Commands.retryNow)!(task.localId);
    assert.deepEqual(submits, []);
  });

  test('a second click while the first is on its way sends nothing more', async () => {
    const task = failed();
    let finish!: (o: SubmitOutcome) => void;
    const { submits } = await setUp([task], () => new Promise((r) => (finish = r)));
    fake.messageAnswers.push('Retry Now', 'Retry Now');
    const first = fake.commands.get(Commands.retryNow)!(task.localId) as Promise<void>;
    await tick();
    await fake.commands.get(Commands.retryNow)!(task.localId);
    finish({ kind: 'created', task: makeTask({ remoteId: 'sora_new' }) });
    await first;
    assert.equal(submits.length, 1);
  });

  test('no key (or none for this address): Set API Key runs, as for every other send', async () => {
    const task = failed();
    await setUp([task], async () => ({ kind: 'noKey' }));
    fake.messageAnswers.push('Retry Now');
    await fake.commands.get(Commands.retryNow)!(task.localId);
    assert.ok(fake.executed.some((e) => e.id === Commands.setApiKey));
  });

  test('a key the service refused: the error offers Set API Key', async () => {
    const task = failed();
    await setUp([task], async () => ({ kind: 'notSent', status: 401, message: 'Creating the video task failed: HTTP 401 from https://api.example: invalid key.' }));
    fake.messageAnswers.push('Retry Now', 'Set API Key');
    await fake.commands.get(Commands.retryNow)!(task.localId);
    await tick();
    assert.equal(fake.messages[1].level, 'error');
    assert.equal(fake.messages[1].message, 'Creating the video task failed: HTTP 401 from https://api.example: invalid key. Nothing was created.');
    assert.deepEqual(fake.messages[1].items, ['Set API Key']);
    assert.ok(fake.executed.some((e) => e.id === Commands.setApiKey));
  });

  test('an unusable endpoint setting is explained and nothing is sent', async () => {
    const task = failed();
    await setUp([task], () => Promise.reject(new SettingsError('sora.baseUrl is not a valid URL.')));
    fake.messageAnswers.push('Retry Now');
    await fake.commands.get(Commands.retryNow)!(task.localId);
    assert.equal(fake.messages[1].message, 'sora.baseUrl is not a valid URL.');
  });

  test('settings nobody reported (a tracked task) are not sent as if they were known', async () => {
    const task = failed({ unreported: ['model', 'aspectRatio', 'seconds', 'createdAt'] });
    const { submits } = await setUp([task]);
    await fake.commands.get(Commands.retryNow)!(task.localId);
    assert.deepEqual(submits, []);
    assert.equal(fake.messages.length, 1, 'no cost question');
    assert.match(fake.messages[0].message, /Use Create Again… to choose them/);
  });

  test('only a failed task is retried this way', async () => {
    const task = makeTask({ phase: 'completed', status: 'completed', remoteId: 'sora_ok' });
    const { submits } = await setUp([task]);
    fake.messageAnswers.push('Retry Now');
    await fake.commands.get(Commands.retryNow)!(task.localId);
    assert.deepEqual(submits, []);
    assert.deepEqual(fake.messages, []);
  });
});
