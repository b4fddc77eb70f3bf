// What activation does: registers a stand-in for every command of the palette, the composer's panel
// serializer and the Tasks view, and returns. The real code (src/core.ts, with the store, zod, the
// engine and the composer) is loaded by the first of: a command, the view being shown, a restored
// composer panel, or stored work that must resume (checked after activation has returned).
// A plain require: esbuild's ESM interop would copy every property of the API object at load.
import vscode = require('vscode');
import type { Core, CoreHost } from '../core';
import { LazyTree } from './lazyTree';
import { needsWork } from '../../domain/lifecycle';
import type { Task } from '../../domain/task';
import { Panels, StateKeys } from '../../domain/ids';

export interface CoreModule {
  startCore(host: CoreHost): Core;
}

/** Command ids from package.json, which VS Code has already read: no disk access. */
export function contributedCommands(context: vscode.ExtensionContext): string[] {
  const cmds: unknown = context.extension?.packageJSON?.contributes?.commands;
  if (!Array.isArray(cmds)) return [];
  return cmds.map((c: { command?: unknown }) => c?.command).filter((c): c is string => typeof c === 'string');
}

/**
 * The commands a user can run before the core is loaded: all but those hidden from the palette
 * ("when": "false"), which only task items and notifications offer, and those exist only once the
 * core has loaded (it registers every contributed command).
 */
export function entryCommands(context: vscode.ExtensionContext): string[] {
  const palette: unknown = context.extension?.packageJSON?.contributes?.menus?.commandPalette;
  const hidden = new Set(Array.isArray(palette) ? palette.filter((m: { when?: unknown }) => m?.when === 'false').map((m: { command?: unknown }) => m.command) : []);
  return contributedCommands(context).filter((id) => !hidden.has(id));
}

export function startShell(context: vscode.ExtensionContext, load: () => CoreModule): { core(): Core; isLoaded(): boolean } {
  let core: Core | undefined;
  let failure: unknown;
  const standIns: vscode.Disposable[] = [];
  const releaseStandIns = (): void => {
    for (const d of standIns.splice(0)) d.dispose();
  };
  const tree = new LazyTree(() => getCore().tree);
  const getCore = (): Core => {
    if (core) return core;
    if (failure) throw failure;
    try {
      core = load().startCore({ context, releaseStandIns });
    } catch (e) {
      failure = e;
      throw e;
    }
    tree.attach(core.tree);
    return core;
  };

  for (const id of entryCommands(context)) {
    // The core replaces this stand-in with the real command, which then gets the same arguments.
    standIns.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        getCore();
        return vscode.commands.executeCommand(id, ...args);
      }),
    );
  }
  standIns.push(
    vscode.window.registerWebviewPanelSerializer(Panels.composer, {
      deserializeWebviewPanel: async (panel) => getCore().revive(panel),
    }),
  );
  // The preview keeps this one: nothing in the core registers a serializer for it.
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(Panels.videoPreview, {
      deserializeWebviewPanel: (panel) => getCore().revivePreview(panel),
    }),
  );
  const view = vscode.window.createTreeView(StateKeys.tasks, { treeDataProvider: tree, showCollapseAll: false });
  context.subscriptions.push(view, tree, { dispose: releaseStandIns });

  // Stored tasks that still run are picked up once activation has returned. Another window may add
  // work later and close before finishing it: a cheap look at the in-memory state every few seconds
  // lets this window load the core and take over the polling lease.
  const lookForWork = (): void => {
    if (core || failure) return clearInterval(watch);
    // Read raw, without zod: an entry that is an object is enough for the rule's few fields (the core
    // checks every task before its engine starts; automatic downloads are assumed on here).
    const stored = context.globalState.get<{ tasks?: unknown }>(StateKeys.tasks)?.tasks;
    if (Array.isArray(stored) && stored.some((e) => !!e && typeof e === 'object' && needsWork(e as Task, { autoDownload: true }))) {
      clearInterval(watch);
      try {
        getCore();
      } catch {
        // Kept in `failure`: the next command reports it to the user.
      }
    }
  };
  const watch = setInterval(lookForWork, 5_000);
  watch.unref?.();
  context.subscriptions.push({ dispose: () => clearInterval(watch) });
  setTimeout(lookForWork, 0);

  return { core: getCore, isLoaded: () => core !== undefined };
}
