// The prompt history through the real extension and the simulator over HTTP: a task created from the
// composer (and from Create from Selection's composer) records its prompt; what is stored survives
// a reload of the window (a new activation over the same global state) and reaches the new
// composer's init; Settings Sync is told the two keys; the LM tool's creates are not recorded.
import { extensionContext, fake, type LanguageModelToolResult } from '../fixtures/vscode';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import vscode from '../fixtures/vscode';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { Commands, StateKeys, SYNCED_STATE_KEYS, Tools } from '../../src/domain/ids';
import { activate } from '../../src/vscode/extension';
import { waitFor } from '../helpers/wait';
import { activateWithKey, deactivate, type ActivatedContext } from '../helpers/activated';

let sim: Simulator;
let context: ActivatedContext | undefined;
let reloaded: ActivatedContext | undefined;

before(async () => {
  sim = await startSimulator({});
  context = await activateWithKey(sim, 'sora-prompt-library-');
});

after(async () => {
  await deactivate(reloaded);
  await deactivate(context);
  await sim?.close();
});

type Posted = { type: string; requestId?: string; history?: Array<{ prompt: string; count: number }> };
const DRAFT = { model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 4, referenceImage: '' };

async function openComposer(): Promise<{ send(m: unknown): void; posted: Posted[] }> {
  await fake.commands.get(Commands.createVideo)!();
  const panel = await waitFor(() => fake.panels.at(-1)?.panel, 'the composer panel');
  return { send: (m) => panel.send(m), posted: panel.posted as Posted[] };
}

const last = (posted: Posted[], type: string) => posted.filter((m) => m.type === type).at(-1);

test('creates from the composer record their prompts, counted; the window reloaded shows them in the composer', async () => {
  const c = await openComposer();
  c.send({ type: 'ready' });
  await waitFor(() => last(c.posted, 'init'), 'init');
  for (const [i, prompt] of ['A paper boat on a pond', 'Snow on a red roof', 'A paper boat on a pond'].entries()) {
    const before = sim.requests.length;
    c.send({ type: 'submit', requestId: `lib.${i}`, draft: { ...DRAFT, prompt } });
    await waitFor(() => c.posted.some((m) => m.type === 'created' && m.requestId === `lib.${i}`), `task ${i} created`);
    assert.ok(sim.requests.length > before, 'it went to the service');
  }
  await waitFor(() => last(c.posted, 'library')?.history?.[0]?.count === 2, 'the history push');
  assert.deepEqual(last(c.posted, 'library')?.history, [
    { prompt: 'A paper boat on a pond', count: 2 },
    { prompt: 'Snow on a red roof', count: 1 },
  ]);
  assert.deepEqual(context!.globalState.syncedKeys, SYNCED_STATE_KEYS);

  // The LM tool's create is not recorded: the history is what the user wrote in the composer.
  fake.tools.confirmAnswers.push(true);
  const result = (await vscode.lm.invokeTool(Tools.createVideo, { input: { prompt: 'An agent wrote this', seconds: 4 }, toolInvocationToken: undefined })) as LanguageModelToolResult;
  assert.ok(result.content.length > 0);
  const stored = context!.globalState.get<Array<{ prompt: string }>>(StateKeys.promptHistory) ?? [];
  assert.ok(!stored.some((e) => e.prompt === 'An agent wrote this'));

  // Reload: a new activation over the same global state (and extension folder).
  const root = context!.extensionUri.fsPath;
  const state = Object.fromEntries(context!.globalState.keys().map((k) => [k, context!.globalState.get(k)]));
  for (const s of context!.subscriptions.splice(0)) await s.dispose();
  // The window closes with its composer.
  for (const p of fake.panels.splice(0)) p.panel.dispose();
  fake.commands.clear();
  fake.serializers.clear();
  fake.treeViews.length = 0;
  reloaded = extensionContext(fs.mkdtempSync(`${root}-reloaded-`), state);
  activate(reloaded as never);
  const again = await openComposer();
  again.send({ type: 'ready' });
  const init = await waitFor(() => last(again.posted, 'init'), 'init after the reload');
  assert.deepEqual(init.history, [
    { prompt: 'A paper boat on a pond', count: 2 },
    { prompt: 'Snow on a red roof', count: 1 },
  ]);
});
