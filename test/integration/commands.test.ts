// No command returns the key, and nothing any command shows, copies, logs or posts holds it: the
// real activation runs against a recording vscode stand-in and a simulator, and every command the
// manifest contributes is executed with and without a task argument.
import { extensionContext, fake, type MarkdownString } from '../fixtures/vscode';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { activate } from '../../src/vscode/extension';
import { STORE_KEY } from '../../src/persistence/repository';
import { TaskItem, taskTooltip } from '../../src/vscode/views/taskItem';
import type { Task } from '../../src/domain/task';
import { createOnSim } from '../helpers/sim';
import { waitFor } from '../helpers/wait';

const KEY = 'sk-commands-test-Zx81Qp';
/** The parts of package.json read here. */
interface Manifest {
  contributes: { commands: { command: string }[]; menus: { commandPalette: { command: string; when?: string }[] } };
}
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;
const contributed: string[] = manifest.contributes.commands.map((c) => c.command);

let sim: Simulator;
let context: ReturnType<typeof extensionContext>;

before(async () => {
  sim = await startSimulator({ apiKey: KEY, queuedMs: 0, processingMs: 0 });
  fake.reset();
  fake.settings.set('sora.baseUrl', sim.url);
  fake.settings.set('sora.pollIntervalSeconds', 1);
  context = extensionContext(fs.mkdtempSync(path.join(os.tmpdir(), 'sora-cmd-')));
  // The manifest is the one VS Code would hand over.
  activate(Object.assign(context, { extension: { packageJSON: manifest } }) as never);
});

after(async () => {
  for (const s of context?.subscriptions ?? []) await s.dispose();
  await sim?.close();
  fs.rmSync(context.extensionUri.fsPath, { recursive: true, force: true });
});

function leaksIn(value: unknown): boolean {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.includes(KEY);
}

test('every contributed command is registered at activation', async () => {
  const hidden = new Set(manifest.contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command));
  for (const id of contributed.filter((c) => !hidden.has(c))) assert.ok(fake.commands.has(id), `${id} is registered at activation`);
  await fake.commands.get('sora.showLog')!();
  for (const id of contributed) assert.ok(fake.commands.has(id), `${id} is registered`);
});

test('no command returns the key or shows, copies, logs or posts it', { timeout: 60_000 }, async () => {
  fake.inputAnswers.push(KEY);
  await fake.commands.get('sora.setApiKey')!();
  assert.deepEqual([...fake.secrets.values()], [KEY]);

  // A task the extension knows, so task commands have something to act on (and send requests).
  const remote = await createOnSim(sim, 'made elsewhere');
  fake.inputAnswers.push(remote);
  await fake.commands.get('sora.trackTask')!();
  await waitFor(() => sim.requests.some((r) => r.kind === 'query' && r.headers.authorization === `Bearer ${KEY}`), 'the tracked task to be queried with the key');
  const stored = context.globalState.get<{ tasks: Array<{ localId: string }> }>(STORE_KEY);
  const localId = stored?.tasks[0]?.localId;
  assert.ok(localId, 'the tracked task is stored');

  // A gateway that echoes the key it refused: the error lands in the task, its tooltip, the log.
  sim.fault('query', { kind: 'status', status: 401, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}` } }) }, 3);
  fake.inputAnswers.push(await createOnSim(sim, 'second'));
  await fake.commands.get('sora.trackTask')!();
  const echoed = await waitFor(() => context.globalState.get<{ tasks: Task[] }>(STORE_KEY)?.tasks.find((t) => (t.poll.lastError ?? t.error ?? '').includes('Incorrect API key')), 'the echoed error to be stored');
  const item = new TaskItem(echoed);
  const tooltip = (item.tooltip ?? taskTooltip(echoed)) as unknown as MarkdownString;
  assert.ok(!leaksIn([item.label, item.description, tooltip.value, tooltip.parts, item.accessibilityInformation]), 'the key is not in the tree item');
  assert.ok(tooltip.parts.some((p) => p.value.includes('Incorrect API key')), 'the tooltip shows the error (so the check saw it)');

  const results: Array<{ id: string; arg: unknown; value: unknown }> = [];
  const order = contributed.filter((id) => id !== 'sora.clearApiKey').concat('sora.clearApiKey');
  for (const id of order) {
    for (const arg of [localId, undefined, { localId }, KEY]) {
      fake.inputAnswers.push(undefined);
      const value = await Promise.resolve(fake.commands.get(id)!(arg)).catch((e: Error) => `threw: ${e.message}`);
      results.push({ id, arg: arg === KEY ? '(the key as argument)' : arg, value });
    }
  }
  for (const r of results) assert.ok(!leaksIn(r.value), `${r.id}(${JSON.stringify(r.arg)}) returned the key`);
  for (const r of results) assert.ok(!(typeof r.value === 'string' && r.value.startsWith('threw')), `${r.id}(${JSON.stringify(r.arg)}) ${String(r.value)}`);

  const places: Record<string, unknown> = {
    shown: fake.shown,
    messages: fake.messages,
    clipboard: fake.clipboard,
    log: fake.log,
    webview: fake.panels.map((p) => [p.panel.webview.html, p.panel.posted]),
    globalState: [...context.globalState.values],
    workspaceState: [...context.workspaceState.values],
    settings: [...fake.settings],
  };
  for (const [where, value] of Object.entries(places)) assert.ok(!leaksIn(value), `the key is in ${where}`);
  assert.ok(fake.log.some((l) => l.includes(sim.origin)), 'the log recorded the requests (the scan saw something)');
  assert.ok(fake.panels.length > 0, 'the composer was opened by a command');
});
