// The extension's body: the task store, the engine, the composer, the tree and the status bar.
// Built as its own bundle (dist/core.js) and required on first use by src/boot/loadCore.ts, so
// activation loads none of it (nor zod). VS Code calls startCore at most once per window.
import * as vscode from 'vscode';
import { ApiKeyStore, registerApiKeyCommands } from './apiKey';
import * as path from 'node:path';
import { ARCHIVE_FILE, TaskStore } from '../persistence/repository';
import { FileArchiveLog } from '../persistence/archiveLog';
import { TaskEngine } from '../engine/engine';
import { TaskTreeProvider } from './views/taskTree';
import { registerStatusBar } from './views/statusBar';
import { registerCreateCommands } from './commands/createCommands';
import { registerTaskCommands } from './commands/taskCommands';
import { ComposerPanel, type ComposerDeps } from './composer/panel';
import { reviveVideoPreview } from './preview/videoPanel';
import { notifyDownloadFailed, notifyFinal } from './notifications';
import { downloadFolder, engineSettings } from './config';
import { loadNet } from '../http/load';
import { redactingLog } from '../util/log';
import { useTranslator } from '../util/l10n';
import { resolveEndpoints } from '../domain/endpoints';
import { needsWork } from '../domain/lifecycle';
import { Views } from '../domain/ids';

export interface CoreHost {
  context: vscode.ExtensionContext;
  /** Disposes the activation-time stand-ins (command stubs, panel serializer) so the real ones can register. */
  releaseStandIns(): void;
}

export interface Core {
  tree: vscode.TreeDataProvider<string> & vscode.Disposable;
  /** Restores a composer panel VS Code kept across a reload. */
  revive(panel: vscode.WebviewPanel): void;
  /** Restores a video preview panel VS Code kept across a reload. */
  revivePreview(panel: vscode.WebviewPanel): Promise<void>;
}

function currentOrigin(): string | undefined {
  try {
    return resolveEndpoints(engineSettings()).origin;
  } catch {
    return undefined;
  }
}

export function startCore(host: CoreHost): Core {
  const { context } = host;
  useTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const channel = vscode.window.createOutputChannel('Sora Video', { log: true });
  const log = redactingLog(channel);
  const keys = new ApiKeyStore(context.secrets, context.globalState, currentOrigin);
  // Finished tasks: a file every window of this VS Code shares (global storage, not global state).
  const archive = new FileArchiveLog(path.join(context.globalStorageUri.fsPath, ARCHIVE_FILE));
  const store = new TaskStore(context.globalState, log, { archive, autoDownload: () => engineSettings().autoDownload });
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

  const tree = new TaskTreeProvider(store, keys);
  context.subscriptions.push(tree);
  registerStatusBar(context, store);

  const composerDeps: ComposerDeps = {
    context,
    engine: getEngine,
    keys,
    log,
    onTaskListed: () => void vscode.commands.executeCommand(Views.tasksFocus).then(undefined, () => undefined),
  };
  host.releaseStandIns();
  registerApiKeyCommands(context, keys);
  registerCreateCommands(context, composerDeps, store);
  registerTaskCommands(context, { store, engine: getEngine, showLog: () => channel.show(true) });

  context.subscriptions.push(
    keys.onDidChange(() => engine?.poller.resume()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('sora') || e.affectsConfiguration('http')) engine?.settingsChanged();
      // Turned on: finished videos that were settled are due now (started engines rescan every task).
      if (e.affectsConfiguration('sora.autoDownload')) {
        if (engine) engine.downloads.scan();
        else if (hasWork()) getEngine();
      }
    }),
  );

  // Stored tasks that still run are picked up once the caller (a command, the view) has its answer.
  // Tasks that another window adds later start the engine too, so this window can take over polling
  // when that one closes.
  const hasWork = (work = { autoDownload: engineSettings().autoDownload }): boolean => store.all().some((t) => needsWork(t, work));
  setTimeout(() => {
    if (hasWork()) getEngine();
  }, 0);
  context.subscriptions.push(
    store.onDidChange(() => {
      if (!engine && hasWork()) getEngine();
    }),
  );

  return {
    tree,
    revive: (panel) => ComposerPanel.revive(panel, composerDeps),
    revivePreview: (panel) => reviveVideoPreview(panel, context.extensionUri, store),
  };
}
