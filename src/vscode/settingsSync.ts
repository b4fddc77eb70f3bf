// Settings Sync of the composer's prompt history and presets. VS Code syncs only the global-state
// keys an extension names, so tasks (and their archive, and the videos) stay on this machine; the
// two small, capped keys of the prompt library follow the user unless sora.syncPromptsAndPresets
// is off. Named at activation (a window that never opens the composer still syncs them) and again
// whenever the setting changes.
import vscode = require('vscode');
import { SYNCED_STATE_KEYS } from '../domain/ids';

export const SYNC_SETTING = 'sora.syncPromptsAndPresets';

/** The keys to sync for the setting's value: all of them unless it is exactly `false`. */
export function keysForSync(setting: unknown): readonly string[] {
  return setting === false ? [] : SYNCED_STATE_KEYS;
}

export function registerSettingsSync(context: Pick<vscode.ExtensionContext, 'globalState' | 'subscriptions'>): void {
  const apply = () => context.globalState.setKeysForSync([...keysForSync(vscode.workspace.getConfiguration('sora').get<unknown>('syncPromptsAndPresets', true))]);
  apply();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SYNC_SETTING)) apply();
    }),
  );
}
