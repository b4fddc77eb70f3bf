// The language-model tools through vscode.lm.invokeTool, as another extension or agent mode calls
// them: the real activation against the recording vscode stand-in and the simulator over HTTP. A
// confirmed create is one request and one task in the tree; an invalid input is an error naming the
// field and sends nothing; a declined confirmation sends nothing; getTask and listTasks report what
// the list holds.
import { fake, type LanguageModelTextPart, type LanguageModelToolResult } from '../fixtures/vscode';
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import vscode from '../fixtures/vscode';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { Commands, Tools, Views } from '../../src/domain/ids';
import type { TaskTreeProvider } from '../../src/vscode/views/taskTree';
import { countOf, createOnSim, requestsOf } from '../helpers/sim';
import { waitFor } from '../helpers/wait';
import { activateWithKey, deactivate, type ActivatedContext } from '../helpers/activated';

let sim: Simulator;
let context: ActivatedContext;

before(async () => {
  // Slow enough that a new task stays queued while it is looked at.
  sim = await startSimulator({ queuedMs: 60_000, processingMs: 60_000 });
  context = await activateWithKey(sim, 'sora-tools-', { 'sora.pollIntervalSeconds': 1 });
});

afterEach(() => {
  fake.tools.confirmAnswers.length = 0;
  sim.clearFaults();
});

after(async () => {
  await deactivate(context);
  await sim?.close();
});

const invoke = (name: string, input: object) => vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
const textOf = (r: unknown): string => (r as LanguageModelToolResult).content.map((p) => (p as LanguageModelTextPart).value).join('\n');
const tree = () => fake.treeViews.find((v) => v.id === Views.tasks)!.provider as TaskTreeProvider;

test('the three tools are registered at activation and listed with their schemas', () => {
  assert.deepEqual(vscode.lm.tools.map((t) => t.name).sort(), [Tools.createVideo, Tools.getTask, Tools.listTasks].sort());
  const create = vscode.lm.tools.find((t) => t.name === Tools.createVideo);
  assert.deepEqual((create?.inputSchema as { required: string[] }).required, ['prompt']);
});

test('a confirmed create is one request to the model path, one task in the tree, and says the id and what next', async () => {
  const posts = countOf(sim, 'create');
  fake.tools.confirmAnswers.push(true);
  const result = textOf(await invoke(Tools.createVideo, { prompt: 'A paper boat on a rainy street', model: 'openAiSora2Pro', seconds: 4 }));
  const prepared = fake.tools.prepared.at(-1);
  assert.equal(prepared?.tool, Tools.createVideo);
  // The confirmation names the model, the length and the cost.
  assert.match(prepared?.confirmation?.title ?? '', /openAiSora2Pro/);
  assert.match(prepared?.confirmation?.message ?? '', /openAiSora2Pro, 4 seconds, cost unknown \(the service reports it when the task finishes\)/);
  const creates = requestsOf(sim, 'create').slice(posts);
  assert.equal(creates.length, 1);
  // Omitted fields take the composer's defaults (sora.defaultAspectRatio: 16:9).
  assert.deepEqual(JSON.parse(creates[0].body ?? '{}'), { model: 'openAiSora2Pro', prompt: 'A paper boat on a rainy street', aspect_ratio: '16:9', seconds: 4 });
  const id = /Created task (\S+) \(/.exec(result)?.[1];
  assert.ok(id, result);
  assert.match(result, /sora_getTask with id/);
  const listed = tree().getChildren().map((n) => tree().getTreeItem(n));
  assert.ok(listed.some((item) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '').includes('A paper boat')), 'the task is in the tree');
});

test('an invalid input is an error naming the field, and nothing is sent or asked', async () => {
  const posts = countOf(sim, 'create');
  const asked = fake.tools.prepared.filter((p) => p.confirmation).length;
  const cases: Array<[object, RegExp]> = [
    [{ prompt: 'x', model: 'openAiSora2Plus', seconds: 7 }, /seconds: Duration must be one of: 4, 8, 12/],
    [{ prompt: 'x', model: 'openAiSora2Plus', duration: 10 }, /duration is not a field of openAiSora2Plus/],
    [{ prompt: '   ', model: 'veo_3_1_fast' }, /prompt: Prompt is required/],
    [{ prompt: 'x', model: 'no_such_model' }, /model: there is no model "no_such_model"/],
    [{ prompt: 'x', model: 'veo_3_1_fast', last_image: 'https://example.com/b.png' }, /last_image: Last frame needs First frame/],
  ];
  for (const [input, error] of cases) {
    fake.tools.confirmAnswers.push(true);
    await assert.rejects(invoke(Tools.createVideo, input), (e: Error) => {
      assert.match(e.message, /^Invalid input, nothing was sent\./);
      assert.match(e.message, error);
      return true;
    });
    fake.tools.confirmAnswers.length = 0;
  }
  assert.equal(countOf(sim, 'create') - posts, 0, 'no request reached the simulator');
  assert.equal(fake.tools.prepared.filter((p) => p.confirmation).length, asked, 'no confirmation was asked for an input that is not sent');
});

test('a declined confirmation sends nothing and lists nothing', async () => {
  const posts = countOf(sim, 'create');
  const before = tree().getChildren().length;
  await assert.rejects(invoke(Tools.createVideo, { prompt: 'Never sent', model: 'veo_3_1_fast', resolution: '1080p' }), { name: 'Canceled' });
  assert.match(fake.tools.prepared.at(-1)?.confirmation?.message ?? '', /veo_3_1_fast, the model's default length, cost unknown/);
  assert.equal(countOf(sim, 'create'), posts);
  assert.equal(tree().getChildren().length, before);
});

test('a reply lost on the way: the task is kept as outcome unknown, sent once, and the result says not to send it again', async () => {
  sim.fault('create', { kind: 'drop' });
  const posts = countOf(sim, 'create');
  fake.tools.confirmAnswers.push(true);
  const result = textOf(await invoke(Tools.createVideo, { prompt: 'Lost on the way', model: 'openAiSora2Plus' }));
  assert.equal(countOf(sim, 'create') - posts, 1);
  assert.match(result, /outcome unknown/);
  assert.match(result, /Do not call sora_createVideo again/);
  const unknown = textOf(await invoke(Tools.listTasks, { status: 'unknown' }));
  assert.match(unknown, /1 of 1 tasks with status unknown/);
  assert.match(unknown, /Lost on the way/);
});

test('a request the service refuses creates nothing, says so, and never shows the key a gateway echoes', async () => {
  sim.fault('create', { kind: 'status', status: 400, body: JSON.stringify({ error: { message: `Bad request for key ${sim.apiKey}-echo` } }) });
  const before = tree().getChildren().length;
  fake.tools.confirmAnswers.push(true);
  const result = textOf(await invoke(Tools.createVideo, { prompt: 'Refused by the service', model: 'openAiSora2Plus' }));
  assert.match(result, /^Nothing was created: .*HTTP 400/);
  assert.doesNotMatch(result, /Set API Key/, 'a 400 is not about the key');
  assert.ok(!result.includes(sim.apiKey), 'the key is not in the result');
  assert.match(result, /Bad request for key \[redacted\]-echo/, "the service's reason is passed on, redacted");
  assert.equal(tree().getChildren().length, before, 'nothing is listed');
});

test('getTask reports a tracked task by its id; an unknown id says how to find one; a bad input names the field', async () => {
  const id = await createOnSim(sim, 'Made elsewhere, a lighthouse');
  fake.inputAnswers.push(id);
  await fake.commands.get(Commands.trackTask)!();
  const text = await waitFor(async () => {
    const t = textOf(await invoke(Tools.getTask, { id }));
    return /: queued\./.test(t) && t;
  }, 'the tracked task to be checked');
  assert.match(text, new RegExp(`^Task ${id}: queued\\.`));
  // The service's reply named the model; the prompt of a task made elsewhere is not reported.
  assert.match(text, /Model and settings: openAiSora2Plus/);
  assert.match(text, /still running; check again later with sora_getTask/);
  assert.match(textOf(await invoke(Tools.getTask, { id: 'sora_nobody' })), /No task with id "sora_nobody" is in the task list/);
  await assert.rejects(invoke(Tools.getTask, { id: 42 }), /Invalid input: id must be the task id/);
  await assert.rejects(invoke(Tools.getTask, { task: id }), /Invalid input: (task is not an input|id must be the task id)/);
});

test('listTasks lists newest first, filters by status, honours the limit, and refuses a bad filter by name', async () => {
  const all = textOf(await invoke(Tools.listTasks, {}));
  const rows = all.split('\n').filter((l) => l.startsWith('- '));
  assert.ok(rows.length >= 3, all);
  const at = (text: string) => rows.findIndex((r) => r.includes(text));
  assert.ok(at('Lost on the way') >= 0 && at('Lost on the way') < at('A paper boat'), 'the newest first');
  const queued = textOf(await invoke(Tools.listTasks, { status: 'queued' })).split('\n').filter((l) => l.startsWith('- '));
  assert.equal(queued.length, 2, 'the created task and the tracked one are queued');
  assert.ok(queued.every((r) => r.includes(' · queued · ')));
  const one = textOf(await invoke(Tools.listTasks, { limit: 1 }));
  assert.equal(one.split('\n').filter((l) => l.startsWith('- ')).length, 1);
  assert.match(one, new RegExp(`^1 of ${rows.length} tasks, newest first:`));
  const failed = textOf(await invoke(Tools.listTasks, { status: 'failed' }));
  assert.equal(failed, 'No tasks with status failed.');
  await assert.rejects(invoke(Tools.listTasks, { status: 'done' }), /Invalid input: status must be one of: running, queued/);
  await assert.rejects(invoke(Tools.listTasks, { limit: 0 }), /Invalid input: limit must be a whole number from 1 to 50/);
});
