// Variations through the real activation, the composer host on the recording vscode stand-in and
// the simulator over HTTP: more than one is asked about once, then each is its own create (never
// sent twice, even when a fault stops the rest); a cancel sends nothing; one asks nothing.
import { fake, type FakePanel } from '../fixtures/vscode';
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { Commands, Views } from '../../src/domain/ids';
import type { TaskTreeProvider } from '../../src/vscode/views/taskTree';
import { countOf, requestsOf } from '../helpers/sim';
import { waitFor } from '../helpers/wait';
import { VALID } from '../helpers/fuzz';
import { activateWithKey, deactivate, type ActivatedContext } from '../helpers/activated';

type Posted = { type: string; requestId?: string; message?: string; taskId?: string };

let sim: Simulator;
let context: ActivatedContext;
let panel: FakePanel;
let n = 0;

before(async () => {
  sim = await startSimulator({ queuedMs: 60_000, processingMs: 60_000 });
  context = await activateWithKey(sim, 'sora-variations-');
  await fake.commands.get(Commands.createVideo)!();
  panel = fake.panels.at(-1)!.panel;
  panel.send({ type: 'ready' });
});

afterEach(() => {
  fake.messageAnswers.length = 0;
  fake.messages.length = 0;
  sim.clearFaults();
});

after(async () => {
  panel?.dispose();
  await deactivate(context);
  await sim?.close();
});

const tree = () => fake.treeViews.find((v) => v.id === Views.tasks)!.provider as TaskTreeProvider;
const confirmations = () => fake.messages.filter((m) => m.level === 'warning' && (m.options as { modal?: boolean } | undefined)?.modal);

/** Submits the draft with this count and returns the reply that ended the request. */
async function submit(prompt: string, count?: number): Promise<Posted> {
  const requestId = `v.${++n}`;
  panel.send({ type: 'submit', requestId, draft: { ...VALID, prompt }, ...(count === undefined ? {} : { count }) });
  const ends = ['created', 'failed', 'invalid', 'done'];
  return waitFor(() => (panel.posted as Posted[]).find((m) => m.requestId === requestId && ends.includes(m.type)), `the reply to ${requestId}`);
}

test('three variations: one confirmation naming the count, then exactly three creates, each its own task in the list', async () => {
  const posts = countOf(sim, 'create');
  const listed = tree().getChildren().length;
  fake.messageAnswers.push('Create 3 Videos');
  const reply = await submit('Three kites', 3);
  assert.equal(reply.type, 'created', JSON.stringify(reply));
  assert.equal(confirmations().length, 1);
  assert.equal(confirmations()[0].message, 'Create 3 paid videos with openAiSora2Plus?');
  const detail = (confirmations()[0].options as { detail: string }).detail;
  assert.match(detail, /3 variations of the same prompt and settings, 8 seconds each\./);
  assert.match(detail, /Estimated cost: cost unknown/, 'no earlier task reported a cost');
  const creates = requestsOf(sim, 'create').slice(posts);
  assert.deepEqual(creates.map((r) => (JSON.parse(r.body ?? '{}') as { prompt: string }).prompt), ['Three kites', 'Three kites', 'Three kites']);
  assert.equal(tree().getChildren().length - listed, 3);
  const said = /^3 videos were created: (.+)\. Each appears in the Sora task list\.$/.exec(reply.message ?? '');
  assert.ok(said, reply.message);
  const ids = said[1].split(', ');
  assert.equal(new Set(ids).size, 3, 'three different tasks');
  assert.equal(reply.taskId, ids[2], 'the composer follows the last one');
});

test('cancelling the confirmation sends nothing and lists nothing', async () => {
  const posts = countOf(sim, 'create');
  const listed = tree().getChildren().length;
  // No answer: the modal was dismissed.
  const reply = await submit('Never sent', 4);
  assert.equal(reply.type, 'done');
  assert.equal(confirmations().length, 1);
  assert.equal(countOf(sim, 'create'), posts);
  assert.equal(tree().getChildren().length, listed);
});

test('one video asks nothing, as before variations', async () => {
  const posts = countOf(sim, 'create');
  const reply = await submit('Just one');
  assert.equal(reply.type, 'created');
  assert.equal(confirmations().length, 0);
  assert.equal(countOf(sim, 'create') - posts, 1);
});

test('a dropped connection on the second create stops the rest; nothing is sent twice and what was created is kept', async () => {
  const posts = countOf(sim, 'create');
  const listed = tree().getChildren().length;
  sim.fault('create', { kind: 'delay', ms: 1 });
  sim.fault('create', { kind: 'drop' });
  fake.messageAnswers.push('Create 3 Videos');
  const reply = await submit('Fault on two', 3);
  assert.equal(reply.type, 'failed', JSON.stringify(reply));
  assert.match(reply.message ?? '', /^1 of 3 videos were created; the next one was not, so the rest were not sent: .*connection to .* was lost/);
  assert.equal(countOf(sim, 'create') - posts, 2, 'the first once, the second once (its outcome unknown), the third never');
  // The created one and the unknown one (kept with its prompt, to be checked) are both in the list.
  assert.equal(tree().getChildren().length - listed, 2);
});

test('a count the composer cannot offer is dropped by the protocol: nothing is sent', async () => {
  const posts = countOf(sim, 'create');
  for (const count of [0, 5, 2.5, '2']) {
    panel.send({ type: 'submit', requestId: `bad.${String(count)}`, draft: { ...VALID, prompt: 'bad count' }, count });
  }
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(countOf(sim, 'create'), posts);
  assert.equal(confirmations().length, 0);
});
