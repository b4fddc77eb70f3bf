// The composer's side of the prompt history and presets: what the webview is sent, and Save Preset
// (the name is asked here, with VS Code's input box: a webview cannot open a prompt of its own).
import vscode = require('vscode');
import type { Draft, ReplyBody } from '../../shared/protocol';
import type { HistoryItem } from '../../shared/library';
import { findPreset, MAX_PRESET_NAME, MAX_PRESETS, MAX_STORED_PROMPT, presetName, type SavePresetProblem } from '../../domain/promptLibrary';
import type { PromptStore } from '../../persistence/promptStore';
import { t } from '../../util/l10n';

/** The history and presets as `init` and the `library` push carry them. */
export function libraryPayload(store: PromptStore): { history: HistoryItem[]; presets: Array<{ name: string; draft: Draft }> } {
  return {
    history: store.history().map((e) => ({ prompt: e.prompt, count: e.count })),
    presets: store.presets().map((p) => ({ name: p.name, draft: p.draft })),
  };
}

export function presetProblem(problem: SavePresetProblem): string {
  switch (problem) {
    case 'nameEmpty':
      return t('A preset needs a name.');
    case 'nameTooLong':
      return t('A preset name can have at most {0} characters.', MAX_PRESET_NAME);
    case 'promptTooLong':
      return t('Presets keep prompts of up to {0} characters; shorten the prompt to save it as a preset.', MAX_STORED_PROMPT);
    case 'tooMany':
      return t('There are already {0} presets. Delete one (Sora: Delete Preset…) or save under an existing name.', MAX_PRESETS);
    case 'invalid':
      return t('This form cannot be saved as a preset.');
  }
}

/** Asks for a name, then saves the draft under it; a preset of the same name is replaced after asking. */
export async function askAndSavePreset(store: PromptStore, draft: Draft, reply: (body: ReplyBody<'savePreset'>) => void): Promise<void> {
  const name = await vscode.window.showInputBox({
    title: t('Save as Preset'),
    prompt: t('A name for this prompt and its settings (model and values).'),
    placeHolder: t('e.g. Product shot, 9:16'),
    validateInput: (v) => {
      const clean = presetName(v);
      if (clean === '') return t('A preset needs a name.');
      return clean.length > MAX_PRESET_NAME ? t('A preset name can have at most {0} characters.', MAX_PRESET_NAME) : undefined;
    },
  });
  if (name === undefined) return reply({ type: 'done' });
  const existing = findPreset(store.presets(), presetName(name));
  if (existing) {
    const replace = t('Replace');
    const choice = await vscode.window.showWarningMessage(t('A preset named "{0}" exists. Replace it?', existing.name), { modal: true }, replace);
    if (choice !== replace) return reply({ type: 'done' });
  }
  const outcome = await store.savePreset(name, draft);
  if (!outcome.ok) return reply({ type: 'failed', message: presetProblem(outcome.problem) });
  reply({ type: 'info', message: t('Saved the preset "{0}". Choose it under Presets to apply it in one click.', outcome.name) });
}
