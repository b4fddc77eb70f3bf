// activate() registers and returns: no network and no disk access until the user acts or a stored
// task needs polling (and that starts after activation).
import * as vscode from 'vscode';
import { ApiKeyStore, registerApiKeyCommands } from './auth/apiKey';
import { TaskStore } from './tasks/store';
import { TaskEngine } from './tasks/engine';
import { registerTaskTree } from './views/taskTree';
import { registerStatusBar } from './views/statusBar';
import { registerCreateCommands } from './commands/createCommands';
import { registerTaskCommands } from './commands/taskCommands';
import { notifyDownloadFailed, notifyFinal } from './notifications';
import { downloadFolder, engineSettings } from './config';
import { loadNet } from './net/load';
import { redactingLog } from './util/log';
import { resolveEndpoints } from './api/endpoints';

function currentOrigin(): string | undefined {
  try {
    return resolveEndpoints(engineSettings()).origin;
  } catch {
    return undefined;
  }
}

export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel('Sora Video', { log: true });
  const log = redactingLog(channel);
  const keys = new ApiKeyStore(context.secrets, context.globalState, currentOrigin);
  const store = new TaskStore(context.globalState, log);
  context.subscriptions.push(channel, keys, { dispose: () => store.dispose() });

  let engine: TaskEngine | undefined;
  const getEngine = (): TaskEngine => {
    engine ??= new TaskEngine({
      store,
      log,
      net: loadNet,
      apiKey: () => keys.keyFor(resolveEndpoints(engineSettings()).origin),
      settings: engineSettings,
      downloadFolder: () => downloadFolder(context),
      onFinal: notifyFinal,
      onDownloadFailed: notifyDownloadFailed,
      // Other windows share the task list: only the one holding this lease polls and downloads.
      lease: { memento: context.globalState },
    });
    engine.start();
    return engine;
  };
  context.subscriptions.push({ dispose: () => engine?.dispose() });

  const view = registerTaskTree(context, store, keys);
  registerStatusBar(context, store);
  registerApiKeyCommands(context, keys);
  registerCreateCommands(
    context,
    {
      context,
      engine: getEngine,
      keys,
      log,
      onTaskListed: () => void vscode.commands.executeCommand('sora.tasks.focus').then(undefined, () => undefined),
    },
    store,
  );
  registerTaskCommands(context, { store, engine: getEngine, showLog: () => channel.show(true) });

  context.subscriptions.push(
    keys.onDidChange(() => engine?.poller.resume()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('sora') || e.affectsConfiguration('http')) engine?.settingsChanged();
      if (e.affectsConfiguration('sora.autoDownload')) engine?.downloads.scan();
    }),
  );
  void view;

  // Stored tasks that still run are picked up once activation has returned. Tasks that another
  // window adds later start the engine too, so this window can take over polling when that one closes.
  const hasWork = (): boolean => store.all().some((t) => t.phase === 'active' || (t.phase === 'completed' && t.download?.state !== 'done'));
  setTimeout(() => {
    if (hasWork()) getEngine();
  }, 0);
  context.subscriptions.push(
    store.onDidChange(() => {
      if (!engine && hasWork()) getEngine();
    }),
  );
}

export function deactivate(): void {}
