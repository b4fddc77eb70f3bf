// Find Task… and the Tasks view filter, through the real activation against the simulator and the
// recording vscode stand-in: what the pick offers and where a choice leads, what the filter keeps,
// how the view says so, how one click clears it, and that the filter outlives a reload of the window.
import vscode, { extensionContext, fake, resetFake } from '../fixtures/vscode';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { activate } from '../../src/vscode/extension';
import { Commands, Contexts, Panels, Secrets, Tools, Views, WorkspaceStateKeys } from '../../src/domain/ids';
import { waitFor } from '../helpers/wait';
import type { TaskTreeProvider } from '../../src/vscode/views/taskTree';
import type { TaskStore } from '../../src/persistence/repository';

const KEY = 'sk-find-task-test';
const CAT = 'A cat naps on a warm windowsill';
const DOG = 'A dog rides a skateboard downhill';
const FAILED = 'A comet over a desert [fail]';
const QUEUED = 'A kite over a beach [hold:queued]';

let sim: Simulator;
let root: string;
let context: ReturnType<typeof extensionContext>;

const run = (id: string, ...args: unknown[]) => Promise.resolve(fake.commands.get(id)!(...args));
const view = () => fake.treeViews.find((v) => v.id === Views.tasks)!;
/** The filter's part of the view's description (this month's reported total follows it after " — "). */
const filterShown = () => {
  const parts = (view().description ?? '').split(' — ');
  return parts[0].endsWith(' this month') ? undefined : parts[0] || undefined;
};
const tree = () => view().provider as TaskTreeProvider;
const labelOf = (node: unknown): string => {
  const label = tree().getTreeItem(String(node)).label;
  return typeof label === 'string' ? label : (label?.label ?? '');
};
/** The prompts the tree shows now (notices by their id). */
async function shown(): Promise<string[]> {
  await new Promise((r) => setTimeout(r, 5));
  return tree().getChildren().map((node) => (node.startsWith('notice:') ? node : labelOf(node)));
}
const lastPick = () => fake.quickPicks[fake.quickPicks.length - 1];
const pickIndex = (label: string) => lastPick().items.findIndex((i) => i.label === label);

before(async () => {
  sim = await startSimulator({ apiKey: KEY, queuedMs: 0, processingMs: 0 });
  fake.reset();
  fake.settings.set('sora.baseUrl', sim.url);
  fake.settings.set('sora.pollIntervalSeconds', 1);
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-find-'));
  context = extensionContext(root);
  activate(context as never);
  fake.inputAnswers.push(KEY);
  await run(Commands.setApiKey);
  // Created as agent mode would (the composer is a webview): each through the engine, with its prompt.
  for (const [prompt, model] of [[CAT, 'veo_3_1_fast'], [DOG, 'openAiSora2Plus'], [FAILED, 'openAiSora2Plus'], [QUEUED, 'openAiSora2Pro']]) {
    fake.tools.confirmAnswers.push(true);
    await vscode.lm.invokeTool(Tools.createVideo, { input: { prompt, model }, toolInvocationToken: undefined });
  }
  const store = () => (tree() as unknown as { store: TaskStore }).store.all();
  await waitFor(() => {
    const tasks = store();
    const saved = tasks.filter((t) => t.download?.state === 'done').length;
    return tasks.length === 4 && saved === 2 && tasks.some((t) => t.phase === 'failed') && tasks.every((t) => t.settings.prompt !== '');
  }, 'two saved videos, a failed and a queued task with their prompts');
});

after(async () => {
  resetFake(context);
  await sim?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

test('Find Task… offers every task with its status, model, id and time, matching on all of them', async () => {
  fake.quickPickAnswers.push(undefined);
  await run(Commands.findTask);
  const pick = lastPick();
  assert.deepEqual(pick.items.map((i) => i.label).sort(), [CAT, DOG, FAILED, QUEUED].sort());
  const cat = pick.items.find((i) => i.label === CAT)!;
  assert.match(cat.description ?? '', /^completed · veo_3_1_fast \(VEO 3\.1\)$/);
  assert.match(cat.detail ?? '', /^\S+ · \d+\/\d+\/\d{4}/, 'the task id and when it was created');
  assert.match(pick.items.find((i) => i.label === DOG)!.description ?? '', /^completed · openAiSora2Plus \(Sora\)$/);
  assert.match(pick.items.find((i) => i.label === FAILED)!.description ?? '', /^failed · /);
  assert.match(pick.items.find((i) => i.label === QUEUED)!.description ?? '', /^queued · /);
  assert.deepEqual({ ...(pick.options as object) }, { title: 'Sora: Find Task…', placeHolder: 'Type words from the prompt, the task id, the model or the status', matchOnDescription: true, matchOnDetail: true });
  assert.equal(fake.panels.length, 0, 'dismissing opens nothing');
  assert.equal(fake.reveals.length, 0, 'dismissing reveals nothing');
});

test('choosing a saved video opens it in the preview panel', async () => {
  fake.quickPickAnswers.push(undefined);
  await run(Commands.findTask);
  fake.quickPickAnswers.push(pickIndex(CAT));
  await run(Commands.findTask);
  await waitFor(() => fake.panels.find((p) => p.viewType === Panels.videoPreview), 'the video preview');
  assert.match(fake.panels[0].panel.webview.html, /<video/);
  assert.equal(fake.reveals.length, 0);
});

test('typed words in any order narrow the pick to the tasks holding them all, and the first one is chosen', async () => {
  const opens = () => fake.executed.filter((e) => e.id === Commands.openVideo).length;
  const before = opens();
  fake.quickPickAnswers.push({ value: 'WINDOWSILL cat', pick: 0 });
  await run(Commands.findTask);
  assert.deepEqual(lastPick().items.map((i) => i.label), [CAT]);
  assert.equal(opens(), before + 1, 'the saved video opened');
  fake.quickPickAnswers.push({ value: 'failed' });
  await run(Commands.findTask);
  assert.deepEqual(lastPick().items.map((i) => i.label), [FAILED], 'a status word');
  fake.quickPickAnswers.push({ value: 'veo' });
  await run(Commands.findTask);
  assert.deepEqual(lastPick().items.map((i) => i.label), [CAT], 'a model family');
  fake.quickPickAnswers.push(undefined);
  await run(Commands.findTask);
  const dogId = /^\S+/.exec(lastPick().items.find((i) => i.label === DOG)?.detail ?? '')![0];
  fake.quickPickAnswers.push({ value: dogId });
  await run(Commands.findTask);
  assert.deepEqual(lastPick().items.map((i) => i.label), [DOG], `the task id ${dogId}`);
  assert.ok(lastPick().items.every((i) => (i as { alwaysShow?: boolean }).alwaysShow), "VS Code's own filter hides none of the ranked tasks");
});

test('choosing any other task reveals and selects it in the Tasks view', async () => {
  fake.quickPickAnswers.push(undefined);
  await run(Commands.findTask);
  fake.quickPickAnswers.push(pickIndex(FAILED));
  await run(Commands.findTask);
  assert.equal(fake.reveals.length, 1);
  const revealed = fake.reveals[0];
  assert.equal(revealed.id, Views.tasks);
  assert.equal(labelOf(revealed.element), FAILED);
  assert.deepEqual(revealed.options, { select: true, focus: true });
  assert.equal(tree().getParent(), undefined, 'a root element (reveal asks for its parent)');
});

test('the filter keeps the matching tasks, names itself in the view description and is kept in workspace state', async () => {
  assert.equal((await shown()).length, 4);
  assert.equal(filterShown(), undefined, 'no filter in the description while nothing is filtered');
  // Status: completed, then Escape at the family step.
  fake.quickPickAnswers.push([4], undefined);
  await run(Commands.filterTasks);
  assert.equal(lastPick().items[0]?.label, 'Any model family', 'the family step was shown');
  assert.equal((await shown()).length, 4, 'Escape at the family step changes nothing');
  assert.equal(fake.contexts.get(Contexts.taskFilterActive), undefined);

  // Status: completed; family: VEO 3.1; text: "cat".
  fake.quickPickAnswers.push([4], 2);
  fake.inputAnswers.push(' cat ');
  await run(Commands.filterTasks);
  const [statusStep, familyStep] = fake.quickPicks.slice(-2);
  assert.deepEqual(statusStep.items.map((i) => i.label), ['sending', 'queued', 'processing', 'needs attention', 'completed', 'failed']);
  assert.equal((statusStep.options as { canPickMany?: boolean }).canPickMany, true);
  assert.deepEqual(familyStep.items.map((i) => i.label), ['Any model family', 'Sora', 'VEO 3.1'], 'the families of the listed tasks');
  assert.deepEqual(await shown(), [CAT]);
  assert.equal(filterShown(), 'completed · VEO 3.1 · "cat"');
  assert.match(view().description ?? '', / — \S+ this month$/, "this month's reported total follows the filter");
  assert.equal(view().message, 'Filtered: completed · VEO 3.1 · "cat"', 'said above the tasks too (no description shows while Tasks is its container\'s only view)');
  assert.equal(fake.contexts.get(Contexts.taskFilterActive), true, 'the Clear Filter button shows');
  assert.deepEqual(context.workspaceState.get(WorkspaceStateKeys.taskFilter), { statuses: ['completed'], family: { id: 'veo', label: 'VEO 3.1' }, text: 'cat' });
});

test('a filter that hides every task says so with a one-click way out, and Clear Filter shows every task again', async () => {
  // The status step offers the filter's statuses as chosen; the text step its text.
  fake.quickPickAnswers.push([5], 0);
  fake.inputAnswers.push('cat zebra');
  await run(Commands.filterTasks);
  const statusStep = fake.quickPicks.at(-2)!.items as Array<{ label: string; picked?: boolean }>;
  assert.deepEqual(statusStep.filter((i) => i.picked).map((i) => i.label), ['completed'], 'the status step starts from the filter in force');
  assert.deepEqual(await shown(), ['notice:filter']);
  const notice = tree().getTreeItem('notice:filter');
  assert.equal(notice.label, 'No task matches the filter. Click to clear it.');
  assert.equal(notice.command?.command, Commands.clearTaskFilter);
  assert.equal(filterShown(), 'failed · "cat zebra"');

  await run(notice.command.command);
  assert.equal((await shown()).length, 4);
  assert.equal(filterShown(), undefined);
  assert.equal(view().message, undefined);
  assert.equal(fake.contexts.get(Contexts.taskFilterActive), false, 'the Clear Filter button hides');
  assert.equal(context.workspaceState.get(WorkspaceStateKeys.taskFilter), undefined);
});

test('Find Task… clears a filter that hides the chosen task, then reveals it', async () => {
  fake.quickPickAnswers.push([4], 0);
  fake.inputAnswers.push('');
  await run(Commands.filterTasks);
  assert.deepEqual((await shown()).sort(), [CAT, DOG].sort());
  fake.quickPickAnswers.push(undefined);
  await run(Commands.findTask);
  fake.quickPickAnswers.push(pickIndex(QUEUED));
  await run(Commands.findTask);
  assert.equal(labelOf(fake.reveals.at(-1)!.element), QUEUED);
  assert.equal((await shown()).length, 4, 'the filter is gone, so the revealed task is in the list');
});

test('the filter outlives a reload of the window', async () => {
  fake.quickPickAnswers.push([], 0);
  fake.inputAnswers.push('dog');
  await run(Commands.filterTasks);
  const workspaceState = context.workspaceState;
  resetFake(context);
  fake.settings.set('sora.baseUrl', sim.url);
  fake.secrets.set(Secrets.apiKey, KEY);
  const again = Object.assign(extensionContext(root), { workspaceState, globalState: context.globalState });
  context = again;
  activate(again as never);
  assert.equal(fake.contexts.get(Contexts.taskFilterActive), true);
  assert.equal(filterShown(), '"dog"');
  assert.deepEqual(await shown(), [DOG]);
});
