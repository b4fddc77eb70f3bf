// The real extension activated on the `vscode` fake, pointed at a simulator, with its key stored:
// the start of the integration tests that drive it through its commands and tools.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fake, extensionContext } from '../fixtures/vscode';
import type { Simulator } from '../fixtures/simulator/server';
import { activate } from '../../src/vscode/extension';
import { Commands } from '../../src/domain/ids';

export type ActivatedContext = ReturnType<typeof extensionContext>;

export async function activateWithKey(sim: Simulator, prefix: string, settings: Record<string, unknown> = {}): Promise<ActivatedContext> {
  fake.reset();
  fake.settings.set('sora.baseUrl', sim.url);
  for (const [k, v] of Object.entries(settings)) fake.settings.set(k, v);
  const context = extensionContext(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  activate(context as never);
  fake.inputAnswers.push(sim.apiKey);
  await fake.commands.get(Commands.setApiKey)!();
  return context;
}

/** Safe after a failed start. */
export async function deactivate(context: ActivatedContext | undefined): Promise<void> {
  for (const s of context?.subscriptions ?? []) await s.dispose();
  if (context) fs.rmSync(context.extensionUri.fsPath, { recursive: true, force: true });
}
