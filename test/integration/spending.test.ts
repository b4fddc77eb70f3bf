// Spending and the monthly budget, through the real activation against the recording vscode stand-in
// and the simulator over HTTP: a finished task's reported cost reaches the Tasks view's description,
// the status bar tooltip and Sora: Show Spending; with sora.monthlyBudget reached, a create asks
// first (a modal), and "no" sends nothing, says so, while "Create Anyway" sends one request; the
// creates of one batch file or of one request's variations are asked about once, not once each.
import { fake, setConfig, Uri, type LanguageModelTextPart, type LanguageModelToolResult } from '../fixtures/vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import vscode from '../fixtures/vscode';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { Commands, Panels, Tools, Views } from '../../src/domain/ids';
import type { TaskTreeProvider } from '../../src/vscode/views/taskTree';
import { countOf } from '../helpers/sim';
import { waitFor } from '../helpers/wait';
import { VALID } from '../helpers/fuzz';
import { activateWithKey, deactivate, type ActivatedContext } from '../helpers/activated';

let sim: Simulator;
let context: ActivatedContext;

before(async () => {
  // Quick to finish, so a task reports its cost within the test.
  sim = await startSimulator({ queuedMs: 50, processingMs: 50 });
  context = await activateWithKey(sim, 'sora-spending-', { 'sora.pollIntervalSeconds': 1 });
});

after(async () => {
  await deactivate(context);
  await sim?.close();
});

const invoke = (input: object) => vscode.lm.invokeTool(Tools.createVideo, { input, toolInvocationToken: undefined });
const textOf = (r: unknown): string => (r as LanguageModelToolResult).content.map((p) => (p as LanguageModelTextPart).value).join('\n');
const tasksView = () => fake.treeViews.find((v) => v.id === Views.tasks)!;
const budgetModals = () => fake.messages.filter((m) => /has reached your budget/.test(m.message));

/** Creates a 4-second Sora task through the tool (the simulator reports 0.40 for it) and waits for its cost. */
async function finishedTask(prompt: string): Promise<void> {
  fake.tools.confirmAnswers.push(true);
  const text = textOf(await invoke({ prompt, model: 'openAiSora2Plus', seconds: 4 }));
  const id = /Created task (\S+) \(/.exec(text)?.[1];
  assert.ok(id, text);
  await waitFor(
    async () => {
      // Checks now rather than at the schedule's first poll.
      await fake.commands.get(Commands.refreshTasks)!();
      return tasksView().description;
    },
    'a reported cost in the Tasks view',
    10_000,
    100,
  );
}

test('a finished task\'s reported cost is this month\'s total in the view, the status bar tooltip and Show Spending', async () => {
  assert.equal(tasksView().description, undefined, 'nothing reported yet: no description');
  await finishedTask('A lighthouse at dawn');
  assert.equal(tasksView().description, '0.40 this month');

  // Show Spending: one panel, no scripts, the simulator's reported total on it.
  await fake.commands.get(Commands.showSpending)!();
  const shown = fake.panels.filter((p) => p.viewType === Panels.spending);
  assert.equal(shown.length, 1);
  assert.equal(shown[0].options.enableScripts, false);
  const html = shown[0].panel.webview.html;
  assert.match(html, /<dd id="this-month">0\.40<\/dd>/);
  assert.match(html, /<dd id="total">0\.40<\/dd>/);
  assert.match(html, /<th scope="row">openAiSora2Plus<\/th><td class="n">0\.40<\/td>/);
  assert.doesNotMatch(html, /<script/i);
});

test('budget reached: a create asks first; No sends nothing and says so; Create Anyway sends one request', async () => {
  setConfig('sora.monthlyBudget', 0.4);
  const before = countOf(sim, 'create');
  const asked = budgetModals().length;

  fake.tools.confirmAnswers.push(true);
  fake.messageAnswers.push(undefined); // the modal's Cancel
  const declined = textOf(await invoke({ prompt: 'Over budget', model: 'openAiSora2Plus', seconds: 4 }));
  assert.equal(countOf(sim, 'create'), before, 'nothing was sent');
  assert.equal(budgetModals().length, asked + 1);
  const modal = budgetModals().at(-1)!;
  assert.equal(modal.level, 'warning');
  assert.equal((modal.options as { modal?: boolean }).modal, true);
  assert.equal(modal.message, "This month's reported cost (0.40) has reached your budget (0.40). Create anyway?");
  assert.deepEqual(modal.items, ['Create Anyway']);
  assert.match(declined, /Nothing was created: Not sent: this month's reported cost \(0\.40\) has reached your budget \(0\.40\)\./);
  const tree = tasksView().provider as TaskTreeProvider;
  const labelOf = (n: string): string => {
    const label = tree.getTreeItem(n).label;
    return typeof label === 'string' ? label : (label?.label ?? '');
  };
  assert.ok(!tree.getChildren().some((n) => labelOf(n).includes('Over budget')), 'no task was listed');

  fake.tools.confirmAnswers.push(true);
  fake.messageAnswers.push('Create Anyway');
  const accepted = textOf(await invoke({ prompt: 'Over budget, knowingly', model: 'openAiSora2Plus', seconds: 4 }));
  assert.match(accepted, /Created task /);
  assert.equal(countOf(sim, 'create'), before + 1, 'one request');
  assert.equal(budgetModals().length, asked + 2);
  // The new task runs, so the status bar shows; its tooltip names this month's cost too.
  const bar = await waitFor(() => fake.statusBarItems.find((i) => i.visible), 'the status bar item');
  assert.match(String(bar.tooltip), /\nThis month's reported cost: 0\.40$/);

  // Below the budget nothing is asked.
  setConfig('sora.monthlyBudget', 100);
  fake.tools.confirmAnswers.push(true);
  textOf(await invoke({ prompt: 'Under budget', model: 'openAiSora2Plus', seconds: 4 }));
  assert.equal(countOf(sim, 'create'), before + 2);
  assert.equal(budgetModals().length, asked + 2, 'not asked under the budget');
  setConfig('sora.monthlyBudget', 0);
});

test('budget reached: a file of three shots and three variations are each asked about once, and a no sends none of them', async () => {
  // The question itself: the batch's report of what was not sent quotes the reason too.
  const budgetQuestions = () => budgetModals().filter((m) => m.message.endsWith('Create anyway?'));
  setConfig('sora.monthlyBudget', 0.4);
  try {
    const batch = path.join(context.extensionUri.fsPath, 'three.txt');
    fs.writeFileSync(batch, 'A red kite\nA blue kite\nA green kite\n');
    const before = countOf(sim, 'create');
    const asked = budgetQuestions().length;
    fake.messageAnswers.push('Create 3 Videos', 'Create Anyway');
    await fake.commands.get(Commands.createFromFile)!(Uri.file(batch));
    assert.equal(countOf(sim, 'create'), before + 3, 'three creates');
    assert.equal(budgetQuestions().length, asked + 1, 'one budget question for the file');

    fake.messageAnswers.push('Create 3 Videos', undefined);
    await fake.commands.get(Commands.createFromFile)!(Uri.file(batch));
    assert.equal(countOf(sim, 'create'), before + 3, 'a no sends none of the three');
    assert.equal(budgetQuestions().length, asked + 2, 'and is asked once');

    await fake.commands.get(Commands.createVideo)!();
    const panel = fake.panels.filter((p) => p.viewType === Panels.composer).at(-1)!.panel;
    panel.send({ type: 'ready' });
    fake.messageAnswers.push('Create 3 Videos', 'Create Anyway');
    panel.send({ type: 'submit', requestId: 'budget.1', draft: { ...VALID, prompt: 'Three lanterns' }, count: 3 });
    type Posted = { type: string; requestId?: string };
    await waitFor(() => (panel.posted as Posted[]).find((m) => m.requestId === 'budget.1' && m.type === 'created'), 'three variations created');
    assert.equal(countOf(sim, 'create'), before + 6, 'three variations');
    assert.equal(budgetQuestions().length, asked + 3, 'one budget question for the three variations');
    panel.dispose();
  } finally {
    setConfig('sora.monthlyBudget', 0);
  }
});
