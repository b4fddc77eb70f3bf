// Sora: Clear Prompt History and Sora: Delete Preset… (in the lazy core, with the store the composer
// uses, so an open composer shows the change at once). Both ask before anything is removed.
import vscode = require('vscode');
import { promptStoreFor } from '../../persistence/promptStore';
import { t } from '../../util/l10n';
import { headChars, longerThan } from '../../util/text';

type Context = Pick<vscode.ExtensionContext, 'globalState'>;

export async function clearPromptHistory(context: Context): Promise<void> {
  const store = promptStoreFor(context.globalState);
  const count = store.history().length;
  if (count === 0) {
    void vscode.window.showInformationMessage(t('The prompt history is already empty.'));
    return;
  }
  const clear = t('Clear History');
  const choice = await vscode.window.showWarningMessage(
    t('Clear the prompt history ({0} prompts)? Presets are kept. With Settings Sync on, your other machines lose it too.', count),
    { modal: true },
    clear,
  );
  if (choice !== clear) return;
  await store.clearHistory();
  void vscode.window.showInformationMessage(t('The prompt history is cleared.'));
}

/** `name`: the preset to delete (a caller that knows it); otherwise the user picks one. */
export async function deletePresetCommand(context: Context, name?: unknown): Promise<void> {
  const store = promptStoreFor(context.globalState);
  const presets = store.presets();
  if (presets.length === 0) {
    void vscode.window.showInformationMessage(t('There are no presets. Save one from the composer (Save as Preset…).'));
    return;
  }
  let chosen = typeof name === 'string' ? presets.find((p) => p.name === name)?.name : undefined;
  if (chosen === undefined) {
    const picked = await vscode.window.showQuickPick(
      presets.map((p) => ({ label: p.name, description: p.draft.model, detail: longerThan(p.draft.prompt, 120) ? `${headChars(p.draft.prompt, 119)}…` : p.draft.prompt })),
      { title: t('Delete Preset'), placeHolder: t('Choose the preset to delete') },
    );
    if (!picked) return;
    chosen = picked.label;
  }
  const remove = t('Delete');
  const choice = await vscode.window.showWarningMessage(t('Delete the preset "{0}"?', chosen), { modal: true }, remove);
  if (choice !== remove) return;
  await store.deletePreset(chosen);
  void vscode.window.showInformationMessage(t('Deleted the preset "{0}".', chosen));
}
