// "Sora: Create Videos from File…" through the real activation, the recording vscode stand-in and
// the simulator over HTTP: a valid file is one confirmation and one create per line; an invalid
// line sends nothing and is named; a cancel keeps what was created; a failed line is reported
// without losing the others.
import { fake, Uri } from '../fixtures/vscode';
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import vscode from '../fixtures/vscode';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { Commands, Views } from '../../src/domain/ids';
import type { TaskTreeProvider } from '../../src/vscode/views/taskTree';
import { countOf, requestsOf } from '../helpers/sim';
import { waitFor } from '../helpers/wait';
import { activateWithKey, deactivate, type ActivatedContext } from '../helpers/activated';

let sim: Simulator;
let context: ActivatedContext;
let dir: string;

before(async () => {
  sim = await startSimulator({ queuedMs: 60_000, processingMs: 60_000 });
  context = await activateWithKey(sim, 'sora-batch-');
  dir = context.extensionUri.fsPath;
});

afterEach(() => {
  fake.messageAnswers.length = 0;
  fake.messages.length = 0;
  fake.progress.length = 0;
  (vscode.window as { activeTextEditor: unknown }).activeTextEditor = undefined;
  sim.clearFaults();
});

after(async () => {
  await deactivate(context);
  await sim?.close();
});

const file = (name: string, text: string): Uri => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return Uri.file(p);
};
const run = (uri?: Uri) => fake.commands.get(Commands.createFromFile)!(uri) as Promise<void>;
const tree = () => fake.treeViews.find((v) => v.id === Views.tasks)!.provider as TaskTreeProvider;
const labels = (): string[] =>
  tree()
    .getChildren()
    .map((n: unknown) => tree().getTreeItem(n as never).label)
    .map((l: unknown) => (typeof l === 'string' ? l : ((l as { label?: string })?.label ?? '')));
const confirmations = () => fake.messages.filter((m) => m.level === 'warning' && (m.options as { modal?: boolean } | undefined)?.modal);

test('the command is registered at activation, and the explorer offers it on .txt, .md and .jsonl files', () => {
  assert.ok(fake.commands.has(Commands.createFromFile));
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { menus: Record<string, Array<{ command: string; when?: string }>> } };
  const when = manifest.contributes.menus['explorer/context'].find((m) => m.command === Commands.createFromFile)?.when ?? '';
  assert.match(when, /^!explorerResourceIsFolder && /);
  const re = /=~ \/(.*)\/i$/.exec(when);
  assert.ok(re, when);
  const ext = new RegExp(re[1].replace(/\\\\/g, '\\'), 'i');
  for (const e of ['.txt', '.md', '.jsonl', '.JSONL']) assert.ok(ext.test(e), e);
  for (const e of ['.json', '.ts', '.mdx', '.txt.bak']) assert.ok(!ext.test(e), e);
});

test('three prompts: one confirmation with the count and the cost, then exactly three creates, listed, with n/N progress', async () => {
  const posts = countOf(sim, 'create');
  const before = tree().getChildren().length;
  fake.messageAnswers.push('Create 3 Videos');
  await run(file('three.txt', 'Batch kite\n\nBatch boat\nBatch lighthouse\n'));
  assert.equal(confirmations().length, 1);
  assert.equal(confirmations()[0].message, 'Create 3 paid videos from three.txt?');
  assert.match((confirmations()[0].options as { detail: string }).detail, /3 × openAiSora2Plus, 8 seconds\nEstimated cost: cost unknown/);
  const creates = requestsOf(sim, 'create').slice(posts);
  assert.deepEqual(creates.map((r) => (JSON.parse(r.body ?? '{}') as { prompt: string }).prompt), ['Batch kite', 'Batch boat', 'Batch lighthouse']);
  assert.equal(tree().getChildren().length - before, 3);
  assert.ok(['Batch kite', 'Batch boat', 'Batch lighthouse'].every((p) => labels().some((l) => l.includes(p))));
  assert.deepEqual(fake.progress[0].reports.map((r) => r.message), ['1/3', '2/3', '3/3']);
  assert.equal((fake.progress[0].options as { cancellable?: boolean }).cancellable, true);
  assert.equal(fake.messages.at(-1)?.message, 'Created 3 videos from three.txt.');
});

test('an invalid line: the error names each bad line, nothing is asked or sent, and Show All lists them', async () => {
  const posts = countOf(sim, 'create');
  const before = tree().getChildren().length;
  fake.messageAnswers.push('Show All');
  const docs = fake.shownDocuments.length;
  await run(file('bad.jsonl', ['{"prompt":"Fine one"}', '{"prompt":"Bad one","seconds":7}', '{"prompt":"Fine two"}', 'oops'].join('\n')));
  assert.equal(countOf(sim, 'create') - posts, 0, 'nothing was sent');
  assert.equal(tree().getChildren().length, before);
  assert.equal(confirmations().length, 0, 'no confirmation for a file that is not sent');
  const error = fake.messages.find((m) => m.level === 'error');
  assert.equal(error?.message, '2 of 4 lines of bad.jsonl are not valid, so nothing was sent.');
  assert.match((error?.options as { detail: string }).detail, /^Line 2: seconds: Duration must be one of: 4, 8, 12.*\nLine 4: not a JSON object/);
  assert.equal(fake.shownDocuments.length, docs + 1);
  assert.match(fake.shownDocuments.at(-1) ?? '', /Line 2: seconds:[^\n]*\nLine 4: not a JSON object/);
});

test('a declined confirmation sends nothing', async () => {
  const posts = countOf(sim, 'create');
  fake.messageAnswers.push(undefined);
  await run(file('declined.md', '# Shots\n- Never sent one\n- Never sent two\n'));
  assert.equal(confirmations()[0]?.message, 'Create 2 paid videos from declined.md?');
  assert.equal(countOf(sim, 'create') - posts, 0);
  assert.equal(fake.progress.length, 0);
});

test('a cancel after the first create stops the others and keeps the one created', async () => {
  const posts = countOf(sim, 'create');
  const before = tree().getChildren().length;
  fake.messageAnswers.push('Create 3 Videos');
  fake.cancelProgressAfter = 1;
  await run(file('cancel.txt', 'Cancel kept\nCancel dropped two\nCancel dropped three'));
  assert.equal(countOf(sim, 'create') - posts, 1);
  assert.equal(tree().getChildren().length - before, 1);
  assert.ok(labels().some((l) => l.includes('Cancel kept')));
  assert.equal(fake.messages.at(-1)?.message, 'Created 1 of 3 videos from cancel.txt. Not sent (cancelled): lines 2, 3.');
});

test('a line the service refuses is reported by its number, and the other lines are created', async () => {
  sim.fault('create', { kind: 'status', status: 400, body: JSON.stringify({ error: { message: 'prompt refused' } }) });
  const posts = countOf(sim, 'create');
  fake.messageAnswers.push('Create 3 Videos');
  await run(file('partial.jsonl', ['{"prompt":"Refused shot"}', '{"prompt":"Second shot","model":"veo_3_1_fast"}', '{"prompt":"Third shot","seconds":4}'].join('\n')));
  assert.equal(countOf(sim, 'create') - posts, 3, 'each line sent once');
  const last = fake.messages.at(-1);
  assert.equal(last?.level, 'warning');
  assert.match(last?.message ?? '', /^Created 2 of 3 videos from partial\.jsonl\. Line 1: not created: .*HTTP 400/);
  assert.ok(labels().some((l) => l.includes('Second shot')) && labels().some((l) => l.includes('Third shot')));
});

test('from the palette: an open dialog starting at the active editor batch file', async () => {
  const uri = file('palette.txt', 'Palette shot');
  (vscode.window as { activeTextEditor: unknown }).activeTextEditor = { document: { uri, fileName: uri.fsPath } };
  fake.openDialogAnswers.push([uri]);
  fake.messageAnswers.push('Create 1 Video');
  const posts = countOf(sim, 'create');
  await run();
  assert.equal((fake.openDialogs.at(-1) as { defaultUri?: Uri }).defaultUri, uri);
  assert.equal(countOf(sim, 'create') - posts, 1);
  assert.equal(confirmations().at(-1)?.message, 'Create 1 paid video from palette.txt?');
  assert.equal(fake.messages.at(-1)?.message, 'Created 1 video from palette.txt.');
  // A cancelled dialog does nothing.
  fake.openDialogAnswers.push(undefined);
  await run();
  assert.equal(countOf(sim, 'create') - posts, 1);
});

test('a key the service refuses stops the batch at the first line: the others are not sent, and the report says so', async () => {
  sim.fault('create', { kind: 'status', status: 401, body: JSON.stringify({ error: { message: 'bad key' } }) });
  const posts = countOf(sim, 'create');
  fake.messageAnswers.push('Create 3 Videos', 'Show All');
  await run(file('refused.txt', 'Refused key one\nRefused key two\nRefused key three'));
  assert.equal(countOf(sim, 'create') - posts, 1, 'the next lines would be refused the same way');
  assert.match(fake.messages.at(-1)?.message ?? '', /^Created 0 of 3 videos from refused\.txt\. Line 1: not created: .*did not accept the API key\. …and 1 more\.$/);
  const all = await waitFor(() => fake.shownDocuments.find((d) => d.startsWith('Created 0 of 3 videos from refused.txt.')), 'Show All to open the list');
  assert.match(all, /\nLine 1: not created: [^\n]*\nNot sent, as they would be refused the same way: lines 2, 3\.$/);
});

test('a very long invalid line is shown cut in the dialog, whole in Show All', async () => {
  const model = 'm'.repeat(5_000);
  fake.messageAnswers.push('Show All');
  await run(file('long.jsonl', JSON.stringify({ prompt: 'x', model })));
  const error = fake.messages.find((m) => m.level === 'error');
  const detail = (error?.options as { detail: string }).detail;
  assert.match(detail, /^Line 1: model: there is no model "m+/);
  assert.ok(detail.length <= 300, `detail of ${detail.length} characters`);
  assert.ok((fake.shownDocuments.at(-1) ?? '').includes(model));
});

test('without a key: the confirmation, then the key prompt; dismissed, nothing is sent', async () => {
  await fake.commands.get(Commands.clearApiKey)!();
  const posts = countOf(sim, 'create');
  fake.messageAnswers.push('Create 1 Video');
  await run(file('nokey.txt', 'No key shot'));
  assert.equal(countOf(sim, 'create') - posts, 0);
  assert.equal(fake.progress.length, 0);
  assert.equal(fake.messages.at(-1)?.message, 'No API key was entered, so nothing was sent.');
});
