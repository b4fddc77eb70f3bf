// A service that echoes the key in a 200 reply (in the error, the status word, the video URL, the
// model, the id) must not get it into anything the extension keeps or shows: the real activation
// runs against the recording vscode stand-in and a simulator, and every place is searched. The
// key is also put right where a message is cut, so a redaction after the cut would leave its start.
import { extensionContext, fake, type MarkdownString } from '../fixtures/vscode';
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { activate } from '../../src/vscode/extension';
import { ARCHIVE_FILE } from '../../src/domain/ids';
import { STORE_KEY } from '../../src/persistence/repository';
import { TaskItem, taskTooltip } from '../../src/vscode/views/taskItem';
import type { Task } from '../../src/domain/task';
import { makeEngine, type EngineHarness } from '../helpers/engine';
import { createOnSim } from '../helpers/sim';
import { waitFor } from '../helpers/wait';

const KEY = 'sk-EchoedKey-7hQ2mX9vLpR4';
/** The start of the key: what a cut through it would leave behind. */
const KEY_START = KEY.slice(0, 8);
/** Puts the key across the 300-character cut of a service message, its first 10 characters before it. */
const atTheCut = (before: string) => `${before}${'x'.repeat(290 - before.length)}${KEY}`;

let sim: Simulator;
let context: ReturnType<typeof extensionContext>;
const harnesses: EngineHarness[] = [];

before(async () => {
  sim = await startSimulator({ apiKey: KEY, queuedMs: 0, processingMs: 0, failMessage: `Incorrect API key provided: ${KEY}` });
  fake.reset();
  fake.settings.set('sora.baseUrl', sim.url);
  fake.settings.set('sora.pollIntervalSeconds', 1);
  fake.settings.set('sora.autoDownload', false);
  context = extensionContext(fs.mkdtempSync(path.join(os.tmpdir(), 'sora-secrets-')));
  activate(context as never);
  fake.inputAnswers.push(KEY);
  await fake.commands.get('sora.setApiKey')!();
});

afterEach(() => {
  sim.clearFaults();
  for (const h of harnesses.splice(0)) h.dispose();
});

after(async () => {
  for (const s of context?.subscriptions ?? []) await s.dispose();
  await sim?.close();
  fs.rmSync(context.extensionUri.fsPath, { recursive: true, force: true });
});

const archive = (): string => {
  try {
    return fs.readFileSync(path.join(context.globalStorageUri.fsPath, ARCHIVE_FILE), 'utf8');
  } catch {
    return '';
  }
};
/** Every task as last written: unfinished ones in global state, finished ones in the archive log. */
function stored(): Task[] {
  const byId = new Map<string, Task>();
  for (const line of archive().split('\n').filter(Boolean)) {
    const task = (JSON.parse(line) as { task?: Task }).task;
    if (task) byId.set(task.localId, task);
  }
  for (const task of context.globalState.get<{ tasks: Task[] }>(STORE_KEY)?.tasks ?? []) byId.set(task.localId, task);
  return [...byId.values()];
}

/** Every place a task's text can end up, as one string per place. */
function places(tasks: Task[]): Record<string, string> {
  const tree = tasks.map((task) => {
    const item = new TaskItem(task);
    const tooltip = taskTooltip(task) as unknown as MarkdownString;
    return JSON.stringify([item.label, item.description, item.accessibilityInformation, tooltip.value, tooltip.parts]);
  });
  return {
    globalState: JSON.stringify([...context.globalState.values]),
    archive: archive(),
    tree: tree.join('\n'),
    notifications: JSON.stringify(fake.messages),
    shown: fake.shown.join('\n'),
    log: fake.log.join('\n'),
  };
}

function assertNoKey(tasks: Task[]): void {
  for (const [where, text] of Object.entries(places(tasks))) {
    assert.ok(!text.includes(KEY), `the key is in ${where}: ${text.slice(0, 2000)}`);
    assert.ok(!text.includes(KEY_START), `the start of the key is in ${where}: ${text.slice(0, 2000)}`);
  }
}

/** Tracks a task the simulator made, with the next query answered by `reply` (HTTP 200), and waits until `settled`. */
async function trackWith(reply: (id: string) => Record<string, unknown> | undefined, settled: (t: Task) => boolean, what: string): Promise<Task> {
  const id = await createOnSim(sim, '[fail] echo');
  const body = reply(id);
  if (body) sim.fault('query', { kind: 'status', status: 200, body: JSON.stringify(body) });
  fake.inputAnswers.push(id);
  await fake.commands.get('sora.trackTask')!();
  return waitFor(() => stored().find((t) => t.remoteId === id && settled(t)), what);
}

test('a failed task whose error echoes the key: not in the store, the archive, the tree, the notification or the log', async () => {
  const task = await trackWith(() => undefined, (t) => t.phase === 'failed', 'the task to fail');
  assert.ok(task.error?.includes('Incorrect API key provided'), `the error is kept (the check saw it): ${task.error}`);
  await waitFor(() => fake.messages.some((m) => m.level === 'error' && m.message.includes('Incorrect API key')), 'the failure notification');
  assertNoKey(stored());
});

test('the key right at the 300-character cut of an error leaves no part of itself', async () => {
  const task = await trackWith((id) => ({ id, status: 'failed', error: atTheCut('Denied: ') }), (t) => t.phase === 'failed', 'the task to fail');
  assert.ok(task.error?.startsWith('Denied: '), task.error);
  await waitFor(() => fake.messages.some((m) => m.message.includes('Denied: ')), 'the failure notification');
  assertNoKey(stored());
});

test('a status word, a video URL and a model holding the key are redacted before they are stored', async () => {
  const held = await trackWith(
    (id) => ({ id, status: `Held-${KEY}`, model: `m-${KEY}` }),
    (t) => t.status.startsWith('held-'),
    'the unknown status to be stored',
  );
  assert.equal(held.phase, 'active');
  assertNoKey(stored());
  const done = await trackWith(
    (id) => ({ id, status: 'completed', video_url: `${sim.origin}/files/${id}.mp4?token=${KEY}` }),
    (t) => t.phase === 'completed',
    'the task to complete',
  );
  assert.ok(done.videoUrl?.startsWith(`${sim.origin}/files/`), done.videoUrl);
  assertNoKey(stored());
});

test('a create reply that echoes the key: not in the outcome, the stored task or the log', async () => {
  const h = makeEngine({ baseUrl: sim.url, apiKey: KEY, settings: { autoDownload: false } });
  harnesses.push(h);
  sim.fault('create', { kind: 'status', status: 200, body: JSON.stringify({ id: 'task-echo', status: 'failed', error: atTheCut('Refused: ') }) });
  const outcome = await h.engine.submit({ prompt: 'echo', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 4 });
  assert.equal(outcome.kind, 'rejected');
  const seen = JSON.stringify([outcome, h.store.all(), [...h.memento.values], h.log.lines]);
  assert.ok(seen.includes('Refused: '), 'the message is kept (the check saw it)');
  assert.ok(!seen.includes(KEY_START), `the key leaked: ${seen.slice(0, 2000)}`);
});

test('an error envelope in a 200 reply with the key at the cut leaves no part of it', async () => {
  const h = makeEngine({ baseUrl: sim.url, apiKey: KEY, settings: { autoDownload: false } });
  harnesses.push(h);
  sim.fault('create', { kind: 'status', status: 200, body: JSON.stringify({ code: 401, msg: atTheCut('Bad token: ') }) });
  const outcome = await h.engine.submit({ prompt: 'echo', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 4 });
  assert.equal(outcome.kind, 'notSent');
  const seen = JSON.stringify([outcome, h.store.all(), [...h.memento.values], h.log.lines]);
  assert.ok(seen.includes('Bad token: '), 'the message is kept (the check saw it)');
  assert.ok(!seen.includes(KEY_START), `the key leaked: ${seen.slice(0, 2000)}`);
});

test('a signed video URL: errors, notifications, the tree and the log name it without its query; Copy Video URL copies it whole', async () => {
  const signed = (id: string) => `${sim.origin}/files/${id}.mp4?X-Amz-Signature=SIGSECRET&X-Amz-Expires=86400`;
  let url = '';
  const task = await trackWith(
    (id) => {
      sim.expireVideo(id); // the download gets the CDN's 410, whose message names the URL
      url = signed(id);
      return { id, status: 'completed', video_url: url };
    },
    (t) => t.phase === 'completed',
    'the task to complete',
  );
  assert.equal(task.videoUrl, url, 'the whole URL is stored: downloads need it');
  await fake.commands.get('sora.openVideo')!(task.localId);
  const failed = await waitFor(() => stored().find((t) => t.localId === task.localId && t.download?.state === 'expired'), 'the download to fail');
  assert.ok(failed.download?.error?.includes(`${sim.origin}/files/`), `the error names the video's host and path: ${failed.download?.error}`);
  await waitFor(() => fake.messages.some((m) => m.message.includes('410')), 'the failure to be shown');
  assert.ok(fake.log.some((l) => l.includes(`/files/${task.remoteId}.mp4?…`)), 'the log recorded the reply naming the video (the scan saw it)');
  const seen = places(stored());
  for (const where of ['tree', 'notifications', 'log'] as const) assert.ok(!seen[where].includes('SIGSECRET'), `the signature is in ${where}: ${seen[where].slice(0, 2000)}`);
  assert.ok(!(failed.download?.error ?? '').includes('SIGSECRET'), 'the stored error has no signature');
  await fake.commands.get('sora.copyVideoUrl')!(task.localId);
  assert.equal(fake.clipboard.at(-1), url, 'Copy Video URL copies the whole signed URL (the user asked for it)');
});
