// No dead ends in the composer (host side): the "no key yet" line hears of every key change, a
// refused key leads to Set API Key (in the alert and a notification) and the next Create uses the
// new key, Create Video puts the caret in the prompt of an open composer, the page gets the focus
// back after the key prompt, and the status line follows the created task to its end.
import { extensionContext, fake, type FakePanel } from '../fixtures/vscode';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { ComposerPanel, type ComposerDeps } from '../../src/vscode/composer/panel';
import { ApiKeyStore } from '../../src/vscode/apiKey';
import { MemoryLog } from '../../src/util/log';
import type { SubmitOutcome, TaskEngine } from '../../src/engine/engine';
import { Commands, Secrets } from '../../src/domain/ids';
import type { Task } from '../../src/domain/task';
import { fromHostSchema } from '../../src/shared/protocol';
import { VALID } from '../helpers/fuzz';
import { openStore } from '../helpers/store';
import { makeTask } from '../helpers/tasks';
import { MemoryMemento } from '../fixtures/memento';

const NEW_KEY = 'sk-the-right-key-123456';
type Posted = { type: string; requestId?: string; hasKey?: boolean; action?: string; message?: string; taskId?: string };

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
let open: FakePanel | undefined;
afterEach(() => {
  open?.dispose();
  open = undefined;
});

function setup(submit: (keys: ApiKeyStore) => Promise<SubmitOutcome>) {
  fake.reset();
  fake.settings.set('sora.baseUrl', 'https://api.example');
  const context = extensionContext('/ext');
  const keys = new ApiKeyStore(context.secrets, context.globalState, () => 'https://api.example');
  const store = openStore(new MemoryMemento(), new MemoryLog(), { syncMs: 0 });
  const engine = { submit: () => submit(keys) } as unknown as TaskEngine;
  const deps: ComposerDeps = { context: context as never, engine: () => engine, keys, store, log: new MemoryLog(), onTaskListed: () => undefined };
  ComposerPanel.show(deps);
  const panel = fake.panels.at(-1)!.panel;
  open = panel;
  const posted = panel.posted as Posted[];
  const last = (type: string) => posted.filter((m) => m.type === type).at(-1);
  return { context, keys, store, deps, panel, posted, last };
}

test('the composer hears of every key change, another window\'s included, so its "no key yet" line follows', async () => {
  const { context, panel, last } = setup(() => Promise.resolve({ kind: 'noKey' }));
  panel.send({ type: 'ready' });
  await tick();
  assert.equal(last('init')?.hasKey, false);
  // Another window stores the key: this one learns it from secret storage's change event only.
  await context.secrets.store(Secrets.apiKey, NEW_KEY);
  await tick();
  assert.equal(last('keyState')?.hasKey, true);
  await context.secrets.delete(Secrets.apiKey);
  await tick();
  assert.equal(last('keyState')?.hasKey, false, 'cleared: the line comes back');
});

test('a refused key (401, 403) offers Set API Key in the alert and in a notification; the key stored there is used by the next Create', async () => {
  const created = makeTask({ remoteId: 'sora_ok', status: 'queued' });
  const { keys, panel, posted, last } = setup(async (k) =>
    (await k.get()) === NEW_KEY
      ? { kind: 'created', task: created }
      : { kind: 'notSent', status: 401, message: 'Creating the video task failed: HTTP 401 from https://api.example/v1/sora/videos: 令牌无效' },
  );
  await keys.set('sk-revoked-key-000000');
  const ran: string[] = [];
  fake.commands.set(Commands.setApiKey, () => void ran.push(Commands.setApiKey));
  fake.messageAnswers.push('Set API Key');
  panel.send({ type: 'submit', requestId: 'r.1', draft: VALID });
  await tick();
  const failed = last('failed');
  assert.equal(failed?.action, 'setApiKey', JSON.stringify(failed));
  assert.match(failed?.message ?? '', /HTTP 401.*Set API Key/);
  const note = fake.messages.find((m) => m.level === 'error');
  assert.deepEqual(note?.items, ['Set API Key'], 'the notification offers the fix too');
  assert.deepEqual(ran, [Commands.setApiKey], 'and its button runs Set API Key');

  // The alert's button: the host asks for the key, then hands the focus back to the page.
  const reveals = panel.reveals.length;
  fake.inputAnswers.push(NEW_KEY);
  panel.send({ type: 'setApiKey', requestId: 'r.2' });
  await tick();
  assert.equal(`${posted.at(-1)?.type}:${posted.at(-1)?.requestId}`, 'info:r.2');
  assert.deepEqual(panel.reveals.slice(reveals), [{ preserveFocus: false }]);
  assert.ok(!JSON.stringify(posted).includes(NEW_KEY), 'the key never reaches the page');
  panel.send({ type: 'submit', requestId: 'r.3', draft: VALID });
  await tick();
  assert.equal(`${last('created')?.requestId}:${last('created')?.taskId}`, 'r.3:sora_ok', 'Create works, nothing reopened');
  for (const m of posted) assert.ok(fromHostSchema.safeParse(m).success, JSON.stringify(m));
});

test('403 is a key problem too; 400 is not, and a dismissed key prompt answers done', async () => {
  let status = 403;
  const { keys, panel, posted, last } = setup(() => Promise.resolve({ kind: 'notSent', status, message: `HTTP ${status}` }));
  await keys.set('sk-some-key-000000');
  panel.send({ type: 'submit', requestId: 'a.1', draft: VALID });
  await tick();
  assert.equal(last('failed')?.action, 'setApiKey');
  status = 400;
  panel.send({ type: 'submit', requestId: 'a.2', draft: VALID });
  await tick();
  assert.equal(last('failed')?.action, undefined, 'a bad request is not fixed by a key');
  assert.equal(fake.messages.filter((m) => m.level === 'error').length, 1, 'one notification, for the 403');
  fake.inputAnswers.push(undefined);
  panel.send({ type: 'setApiKey', requestId: 'a.3' });
  await tick();
  assert.equal(`${posted.at(-1)?.type}:${posted.at(-1)?.requestId}`, 'done:a.3');
});

test('without a key, Create asks for it and the page gets the focus back; dismissed, the alert offers Set API Key', async () => {
  const { panel, last } = setup(() => Promise.resolve({ kind: 'noKey' }));
  fake.inputAnswers.push(undefined);
  const before = panel.reveals.length;
  panel.send({ type: 'submit', requestId: 'k.1', draft: VALID });
  await tick();
  assert.deepEqual(panel.reveals.slice(before), [{ preserveFocus: false }], 'the focus goes back to the composer');
  assert.equal(last('failed')?.action, 'setApiKey');
});

test('Sora: Create Video with the composer already open reveals it with the focus and puts the caret in the prompt', () => {
  const { deps, panel, posted } = setup(() => Promise.resolve({ kind: 'noKey' }));
  ComposerPanel.show(deps);
  assert.equal(fake.panels.length, 1, 'the same panel');
  assert.deepEqual(panel.reveals.at(-1), { preserveFocus: false });
  assert.equal(posted.at(-1)?.type, 'focus');
  ComposerPanel.show(deps, { ...VALID, prompt: 'from a selection' });
  assert.deepEqual(posted.slice(-2).map((m) => m.type), ['setDraft', 'focus']);
});

test('the status line follows the created task to its end, then stops', async () => {
  let task: Task = makeTask({ remoteId: 'sora_follow', status: 'queued' });
  const { keys, store, panel, posted } = setup(() => Promise.resolve({ kind: 'created', task }));
  await keys.set(NEW_KEY);
  await store.put(task); // the engine stores it before it answers
  panel.send({ type: 'submit', requestId: 'f.1', draft: VALID });
  await tick();
  const progress = () => posted.filter((m) => m.type === 'taskProgress').map((m) => `${m.taskId}: ${m.message}`);
  assert.deepEqual(progress(), [], 'the created reply said "queued" already');
  task = (await store.update(task.localId, (t) => ({ ...t, status: 'processing' })))!;
  await store.update(task.localId, (t) => ({ ...t, updatedAt: t.updatedAt + 1 })); // nothing new to say
  assert.deepEqual(progress(), ['sora_follow: Task sora_follow created (processing). It appears in the Sora task list.']);
  await store.update(task.localId, (t) => ({ ...t, phase: 'completed', status: 'completed', videoUrl: 'https://cdn.example/v.mp4?sig=SECRET' }));
  await store.update(task.localId, (t) => ({ ...t, phase: 'failed', status: 'failed', error: 'later news' }));
  assert.deepEqual(progress().slice(1), ['sora_follow: Task sora_follow completed. The video is in the Sora task list.'], 'the end, and nothing after it');
});

test('a task that fails is followed to its reason, URL queries hidden', async () => {
  const task: Task = makeTask({ remoteId: 'sora_fail', status: 'queued' });
  const { keys, store, panel, posted } = setup(() => Promise.resolve({ kind: 'created', task }));
  await keys.set(NEW_KEY);
  await store.put(task);
  panel.send({ type: 'submit', requestId: 'g.1', draft: VALID });
  await tick();
  await store.update(task.localId, (t) => ({ ...t, phase: 'failed', status: 'failed', error: 'content policy: see https://x.example/a?token=SECRET' }));
  const said = posted.filter((m) => m.type === 'taskProgress').map((m) => m.message ?? '');
  assert.equal(said.length, 1);
  assert.match(said[0], /^Task sora_fail failed: content policy/);
  assert.ok(!said[0].includes('SECRET'), said[0]);
});
