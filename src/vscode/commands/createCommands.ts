// Opening the composer: empty, from the editor selection, or prefilled from an earlier task.
import vscode = require('vscode');
import type { ComposerDeps } from '../composer/panel';
import { loadCore } from '../loadCore';
import { defaultDraft } from '../config';
import type { TaskStore } from '../../persistence/repository';
import { Commands, Panels, StateKeys } from '../../domain/ids';
import { t } from '../../util/l10n';
import { isSoraSettings } from '../../domain/task';
import type { FieldValue } from '../../domain/models/profile';
import { taskFromArg } from './taskArg';

export function registerCreateCommands(context: vscode.ExtensionContext, deps: ComposerDeps, store: TaskStore): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.createVideo, () => loadCore().ComposerPanel.show(deps)),
    vscode.commands.registerCommand(Commands.createVideoFromSelection, () => {
      const editor = vscode.window.activeTextEditor;
      const text = editor ? editor.selections.map((s) => editor.document.getText(s)).join('\n').trim() : '';
      if (!text) {
        void vscode.window.showInformationMessage(t('Select the text of a prompt first, then run "Sora: Create Video from Selection".'));
        return;
      }
      loadCore().ComposerPanel.show(deps, { ...defaultDraft(), ...rememberedSettings(context), prompt: text });
    }),
    vscode.commands.registerCommand(Commands.createAgain, (arg?: unknown) => {
      const task = taskFromArg(store, arg);
      if (!task) return;
      const s = task.settings;
      if (isSoraSettings(s)) loadCore().ComposerPanel.show(deps, { prompt: s.prompt, model: s.model, aspectRatio: s.aspectRatio, seconds: s.seconds, referenceImage: s.referenceImage ?? '' });
      else if (deps.models?.().find(s.model)) loadCore().ComposerPanel.show(deps, { ...defaultDraft(), prompt: s.prompt, model: s.model, fields: formValues(s.fields) });
      else {
        // Its custom model was removed or renamed since: the prompt is still worth keeping.
        void vscode.window.showWarningMessage(t('The model {0} is no longer in the catalogue (built-in models and sora.customModels), so the composer opens with the prompt only.', s.model));
        loadCore().ComposerPanel.show(deps, { ...defaultDraft(), prompt: s.prompt });
      }
    }),
    vscode.window.registerWebviewPanelSerializer(Panels.composer, {
      deserializeWebviewPanel: (panel) => {
        loadCore().ComposerPanel.revive(panel, deps);
        return Promise.resolve();
      },
    }),
  );
}

/** A task's values as the composer's draft holds them (its lists as plain arrays). */
function formValues(fields: Readonly<Record<string, FieldValue>>): Record<string, string | number | boolean | string[]> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'object' ? [...v] : v]));
}

/** The model, ratio and duration used last, so a selection keeps the user's usual choice. */
function rememberedSettings(context: vscode.ExtensionContext): { model?: string; aspectRatio?: string; seconds?: number } {
  const d = context.globalState.get<Record<string, unknown>>(StateKeys.composerDraft);
  if (!d || typeof d !== 'object') return {};
  const out: { model?: string; aspectRatio?: string; seconds?: number } = {};
  if (typeof d.model === 'string') out.model = d.model;
  if (typeof d.aspectRatio === 'string') out.aspectRatio = d.aspectRatio;
  if (typeof d.seconds === 'number') out.seconds = d.seconds;
  return out;
}
