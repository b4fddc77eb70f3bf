// DOM-free parts of the prompt history and presets in the composer: Up/Down recall in an empty
// prompt, the history's option text, and a preset turned into the form's draft. Unit-tested with Node.
import type { ComposerModel, Draft, ModelOption } from '../src/shared/protocol';
import type { ComposerStrings } from '../src/shared/strings';
import { applyPreset, type PresetDraft } from '../src/domain/promptLibrary';
import { format } from '../src/util/l10n';
import { headChars, longerThan } from '../src/util/text';
import { isSoraModel, modelProfile } from './modelDraft';

/**
 * Up and Down in the prompt walk the history while the prompt is empty or still shows the entry
 * they put there: Up goes to older prompts, Down to newer ones, and Down past the newest empties
 * the prompt again. Any edit ends the walk (the next Up in an empty prompt starts from the newest).
 */
export class PromptRecall {
  /** The entry shown, -1 for none. */
  private index = -1;
  private shown: string | undefined;

  /** The prompt to show for the key, or undefined when the key is the textarea's own (not handled). */
  key(key: string, prompt: string, history: readonly string[]): string | undefined {
    if (key !== 'ArrowUp' && key !== 'ArrowDown') return undefined;
    const walking = this.index >= 0 && prompt === this.shown;
    if (!walking) {
      this.index = -1;
      if (prompt !== '') return undefined;
    }
    if (key === 'ArrowUp') {
      if (history.length === 0) return undefined;
      this.index = Math.min(this.index + 1, history.length - 1);
    } else {
      if (this.index < 0) return undefined;
      this.index--;
    }
    this.shown = this.index < 0 ? '' : history[this.index];
    return this.shown;
  }

  /** The history changed (or the form was replaced): the walk starts again. */
  reset(): void {
    this.index = -1;
    this.shown = undefined;
  }
}

const OPTION_CHARS = 90;

/** A prompt as one line of the history list, with its use count. */
export function historyOption(prompt: string, count: number, s: Pick<ComposerStrings, 'historyOption'>): string {
  const line = prompt.replace(/\s+/g, ' ').trim();
  const text = longerThan(line, OPTION_CHARS) ? `${headChars(line, OPTION_CHARS - 1)}…` : line;
  return format(s.historyOption, text, count);
}

export interface AppliedDraft {
  draft: Draft;
  /** For the status line: what was applied. */
  status?: string;
  /** For the alert: the model is gone, so only the prompt was taken. */
  warning?: string;
}

/**
 * The form once the preset `name` is applied: its model, values and prompt as saved, checked against
 * the model's profile now. A preset of a model no longer offered keeps the form and takes only the prompt.
 */
export function presetToDraft(
  name: string,
  saved: PresetDraft,
  current: Draft,
  models: readonly ModelOption[],
  profiles: readonly ComposerModel[],
  s: Pick<ComposerStrings, 'presetApplied' | 'presetDropped' | 'presetModelGone'>,
): AppliedDraft {
  const known = isSoraModel(saved.model) || models.some((m) => m.id === saved.model);
  const applied = applyPreset({ draft: saved }, known, modelProfile(profiles, saved.model));
  if (!applied.ok) return { draft: { ...current, prompt: applied.prompt }, warning: format(s.presetModelGone, name, applied.model) };
  const status = applied.dropped.length > 0 ? format(s.presetDropped, name, applied.dropped.join(', ')) : format(s.presetApplied, name);
  return { draft: applied.draft, status };
}
