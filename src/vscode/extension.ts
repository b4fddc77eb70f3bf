// The composition root: activate() opens the task store, registers every command, view, panel
// serializer and language-model tool, and returns. Nothing here touches the network. The engine,
// the composer and the tools are in the lazy core (loadCore.ts); the engine starts only when stored
// tasks need work (after activation has returned) or a command needs it.
import path = require('node:path');
import vscode = require('vscode');
import { ARCHIVE_FILE, Contexts, Panels, Views } from '../domain/ids';
import { needsEngine } from '../domain/lifecycle';
import { resolveEndpoints } from '../domain/endpoints';
import type { TaskEngine } from '../engine/engine';
import { FileArchiveLog } from '../persistence/archiveLog';
import { openStore } from '../persistence/open';
import { t, useTranslator } from '../util/l10n';
import { redactingLog } from '../util/log';
import { ApiKeyStore, registerApiKeyCommands } from './apiKey';
import { registerCreateCommands } from './commands/createCommands';
import { registerCreateFromFile } from './commands/createFromFileCommand';
import { registerTaskCommands } from './commands/taskCommands';
import { registerSpendingCommand } from './commands/spendingCommand';
import { registerFindTask } from './commands/findTask';
import { registerFilterCommands } from './commands/filterTasks';
import { registerGalleryCommand } from './commands/galleryCommand';
import type { ComposerDeps } from './composer/panel';
import { customModelsSetting, downloadFolder, engineSettings, hasCustomModels } from './config';
import type { ModelCatalogue } from './modelCatalogue';
import { loadCore } from './loadCore';
import { notifyDownloadFailed, notifyFinal, notifyLinkExpiring } from './notifications';
import { registerStatusBar } from './views/statusBar';
import { describeTasksView } from './views/monthTotal';
import { budgetGate } from './budget';
import { walkthroughEvent } from './walkthrough';
import { TaskTreeProvider } from './views/taskTree';
import { TaskFilterState } from './views/taskFilterState';
import { registerTools } from './tools/registerTools';
import { registerPromptLibraryCommands } from './commands/promptLibraryCommands';
import { registerSettingsSync } from './settingsSync';

/** The origin the key is bound to, or undefined while the endpoint settings are unusable. */
function currentOrigin(): string | undefined {
  try {
    return resolveEndpoints(engineSettings()).origin;
  } catch {
    return undefined;
  }
}

export function activate(context: vscode.ExtensionContext): void {
  useTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const channel = vscode.window.createOutputChannel('Sora Video', { log: true });
  const log = redactingLog(channel);
  const keys = new ApiKeyStore(context.secrets, context.globalState, currentOrigin);
  let modelsLoaded: ModelCatalogue | undefined;
  const models = (): ModelCatalogue => {
    if (!modelsLoaded) {
      modelsLoaded = new (loadCore().ModelCatalogue)(customModelsSetting, (message) => warnCustomModels(log, message));
      context.subscriptions.push(modelsLoaded);
    }
    return modelsLoaded;
  };
  const options = {
    memento: context.globalState,
    // Finished tasks: a file every window of this VS Code shares (global storage, not global state).
    archive: new FileArchiveLog(path.join(context.globalStorageUri.fsPath, ARCHIVE_FILE)),
    log,
    apiKey: () => keys.keyFor(resolveEndpoints(engineSettings()).origin),
    settings: engineSettings,
    downloadFolder: () => downloadFolder(context),
    onFinal: notifyFinal,
    onDownloadFailed: notifyDownloadFailed,
    onLinkExpiring: notifyLinkExpiring,
    // Other windows share the task list: only the one holding this lease polls and downloads.
    lease: {},
    catalogue: () => models().get(),
  };
  const store = openStore(options);
  const budget = budgetGate(store);
  let started: TaskEngine | undefined;
  const engine = (): TaskEngine => {
    if (!started) {
      started = loadCore().createEngine(store, { ...options, beforeCreate: budget.check });
      started.start();
    }
    return started;
  };
  context.subscriptions.push(channel, keys, {
    dispose: () => {
      started?.dispose();
      store.dispose();
    },
  });

  const filter = new TaskFilterState(context.workspaceState);
  const tree = new TaskTreeProvider(store, keys, filter);
  const view = vscode.window.createTreeView(Views.tasks, { treeDataProvider: tree, showCollapseAll: false });
  context.subscriptions.push(filter, tree, view, describeTasksView(view, filter, store));
  registerStatusBar(context, store);

  const composerDeps: ComposerDeps = {
    context,
    engine,
    keys,
    store,
    log,
    onTaskListed: () => {
      walkthroughEvent(Contexts.taskCreated);
      void vscode.commands.executeCommand(Views.tasksFocus).then(undefined, () => undefined);
    },
    models: () => models().get(),
    onModelsChanged: (listener) => models().onDidChange(listener),
  };
  registerApiKeyCommands(context, keys);
  registerCreateCommands(context, composerDeps, store);
  registerTaskCommands(context, { store, engine, showLog: () => channel.show(true) });
  registerSpendingCommand(context, store);
  registerFindTask(context, { store, filter, reveal: (localId) => view.reveal(localId, { select: true, focus: true }) });
  registerFilterCommands(context, { store, filter });
  registerGalleryCommand(context, { extensionUri: context.extensionUri, globalStorageUri: context.globalStorageUri, store, filter, log, downloadFolder: () => usableDownloadFolder(context) });
  registerPromptLibraryCommands(context);
  registerSettingsSync(context);
  registerTools(context, { store, engine, keys, models: () => models().get(), log });
  registerCreateFromFile(context, { engine, keys, models: () => models().get(), log, onTaskListed: (id) => composerDeps.onTaskListed(id), tasks: () => store.all() });
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(Panels.videoPreview, {
      deserializeWebviewPanel: (panel) =>
        loadCore().reviveVideoPreview(panel, context.extensionUri, store, () => {
          try {
            return downloadFolder(context);
          } catch {
            return undefined; // an unusable folder setting: the preview closes, the setting says why elsewhere
          }
        }),
    }),
    keys.onDidChange(() => started?.poller.resume()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('sora') || e.affectsConfiguration('http')) started?.settingsChanged();
      if (e.affectsConfiguration('sora.defaultModel') || e.affectsConfiguration('sora.customModels')) walkthroughEvent(Contexts.modelChosen);
      if (e.affectsConfiguration('sora.customModels')) {
        if (modelsLoaded) modelsLoaded.reload();
        else if (hasCustomModels()) models().get();
      }
      // Turned on: finished videos that were settled are due now (a started engine rescans every task).
      if (e.affectsConfiguration('sora.autoDownload')) {
        if (started) started.downloads.scan();
        else if (hasWork()) engine();
      }
    }),
  );

  // Stored work resumes once activation has returned. Work another window adds later starts the
  // engine too, so this window can take over polling when that one closes.
  const hasWork = (): boolean => {
    const work = { autoDownload: engineSettings().autoDownload };
    const now = Date.now();
    // Work is never settled; a link about to expire (automatic downloads off) can be, so only then
    // is the archive log read here (after activation has returned).
    return (work.autoDownload ? store.unsettled() : store.all()).some((t) => needsEngine(t, work, now));
  };
  const timer = setTimeout(() => {
    if (hasWork()) engine();
    // Custom models are checked once activation has returned, so a broken entry is named at start-up.
    if (hasCustomModels()) models().get();
  }, 0);
  context.subscriptions.push(
    { dispose: () => clearTimeout(timer) },
    store.onDidChange(() => {
      if (!started && hasWork()) engine();
    }),
  );
}

function warnCustomModels(log: { warn(message: string): void }, message: string): void {
  log.warn(message);
  const open = t('Open Settings');
  void vscode.window.showWarningMessage(message, open).then((choice) => {
    if (choice === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'sora.customModels');
  });
}

/** The download folder, or undefined while its setting is unusable (the setting says why elsewhere). */
function usableDownloadFolder(context: vscode.ExtensionContext): string | undefined {
  try {
    return downloadFolder(context);
  } catch {
    return undefined;
  }
}

export function deactivate(): void {}
