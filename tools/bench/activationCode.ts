// Code loaded at activation: in a fresh Node process, require the built dist/extension.js under the
// fake vscode module (test/fixtures/vscode), call activate(), let its timers run, and sum the
// bytes of every file under dist/ in require.cache. Then run a first command that needs no network
// and record what it loads: the lazy core (dist/core.js) is still not loaded.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isChild, REPO, reply, runChild } from './util';
import type * as VscodeModule from '../../test/fixtures/vscode';

export interface ActivationCodeResult {
  atActivation: { files: string[]; bytes: number };
  afterFirstCommand: { files: string[]; bytes: number };
  lazyBundles: Record<string, number>;
}

export function measureActivationCode(): Promise<ActivationCodeResult> {
  return runChild<ActivationCodeResult>(__filename);
}

function loaded(dist: string): { files: string[]; bytes: number } {
  const files = Object.keys(require.cache).filter((f) => f.startsWith(dist + path.sep)).sort();
  return { files: files.map((f) => path.relative(dist, f)), bytes: files.reduce((n, f) => n + fs.statSync(f).size, 0) };
}

async function child(): Promise<ActivationCodeResult> {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded in the child process only, after the fake vscode module */
  const { extensionContext, fake } = require('../../test/fixtures/vscode') as typeof VscodeModule;
  const dist = path.join(REPO, 'dist');
  const context = extensionContext();
  (require(path.join(dist, 'extension.js')) as { activate(c: unknown): void }).activate(context);
  /* eslint-enable @typescript-eslint/no-require-imports */
  await new Promise((r) => setTimeout(r, 20));
  const atActivation = loaded(dist);
  if (atActivation.files.some((f) => f !== 'extension.js')) throw new Error(`activation loaded ${atActivation.files.join(', ')}`);
  // "Sora: Show Log" needs no network.
  await fake.commands.get('sora.showLog')!();
  const afterFirstCommand = loaded(dist);
  if (afterFirstCommand.files.includes('core.js')) throw new Error('showing the log loaded the core bundle');
  const lazyBundles = Object.fromEntries(
    fs.readdirSync(dist).filter((f) => f.endsWith('.js')).map((f) => [f, fs.statSync(path.join(dist, f)).size]),
  );
  for (const d of context.subscriptions) d.dispose();
  return { atActivation, afterFirstCommand, lazyBundles };
}

if (isChild() && path.resolve(process.argv[1]) === __filename) void child().then(reply);
