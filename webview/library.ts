// The prompt history and presets in the composer: two drop-downs and a button under the prompt
// (#promptHistory, #presets, #savePreset), and Up/Down in an empty prompt. Choosing an entry acts at
// once (one click) and the drop-down goes back to its placeholder, so the same entry can be chosen
// again. The host owns the lists; this only shows them and says what the user chose.
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';

import type { ComposerModel, Draft, FromHost, ModelOption } from '../src/shared/protocol';
import type { ComposerStrings } from '../src/shared/strings';
import { historyOption, presetToDraft, PromptRecall, type AppliedDraft } from './history';
import { el, label, type ButtonControl, type ValueControl } from './view';

type Library = Pick<Extract<FromHost, { type: 'library' }>, 'history' | 'presets'>;

export interface LibraryHost {
  /** The form's draft now, the models offered and their profiles. */
  current(): { draft: Draft; models: readonly ModelOption[]; profiles: readonly ComposerModel[] };
  /** Put a recalled prompt in the prompt field (the rest of the form stays). */
  recall(prompt: string): void;
  /** Replace the form with a preset's draft. */
  apply(applied: AppliedDraft): void;
  /** Save Preset… was pressed. */
  save(): void;
}

interface Controls {
  history: ValueControl;
  presets: ValueControl;
  save: ButtonControl;
}

function option(value: string, text: string, title?: string): HTMLElement {
  const o = el('vscode-option', undefined, text);
  o.setAttribute('value', value);
  if (title) o.setAttribute('title', title);
  return o;
}

function select(id: string): ValueControl {
  const s = el('vscode-single-select', 'library-select') as unknown as ValueControl;
  s.id = id;
  return s;
}

export class LibraryControls {
  private lists: Library = { history: [], presets: [] };
  private controls: Controls | undefined;
  private strings: ComposerStrings | undefined;
  private readonly walk = new PromptRecall();

  constructor(private readonly host: LibraryHost) {}

  /** Builds the row under the prompt field of a freshly built form. */
  mount(prompt: HTMLElement, s: ComposerStrings, lists: Library): void {
    this.strings = s;
    const history = select('promptHistory');
    const presets = select('presets');
    const save = el('vscode-button', undefined, s.savePreset) as unknown as ButtonControl;
    save.id = 'savePreset';
    save.setAttribute('secondary', '');
    const column = (className: string, ...children: HTMLElement[]) => {
      const f = el('div', `field ${className}`);
      f.append(...children);
      return f;
    };
    const row = el('div', 'library');
    row.id = 'library';
    row.append(column('field-history', label('promptHistory', s.historyLabel), history), column('field-presets', label('presets', s.presetsLabel), presets), save);
    (prompt.closest('.field') ?? prompt).after(row);
    this.controls = { history, presets, save };
    // The longer word goes in the tooltip: the drop-downs are narrow.
    history.title = s.historyHint;
    presets.title = s.presetsHint;

    history.addEventListener('change', () => this.chosen(history, (i) => this.recallEntry(i)));
    presets.addEventListener('change', () => this.chosen(presets, (i) => this.applyPreset(i)));
    save.addEventListener('click', (e) => {
      e.preventDefault();
      this.host.save();
    });
    prompt.addEventListener('keydown', (e) => this.onKey(e, prompt as ValueControl));
    this.update(lists);
  }

  update(lists: Library): void {
    this.lists = { history: lists.history, presets: lists.presets };
    this.walk.reset();
    const c = this.controls;
    const s = this.strings;
    if (!c || !s) return;
    const { history, presets } = this.lists;
    c.history.replaceChildren(
      option('', history.length ? s.historyPlaceholder : s.historyEmpty),
      ...history.map((h, i) => option(String(i), historyOption(h.prompt, h.count, s), h.prompt)),
    );
    c.presets.replaceChildren(option('', presets.length ? s.presetsPlaceholder : s.presetsEmpty), ...presets.map((p, i) => option(String(i), p.name)));
    c.history.value = '';
    c.presets.value = '';
    c.history.disabled = history.length === 0;
    c.presets.disabled = presets.length === 0;
  }

  /** The form was replaced (a selection, Create Again): a walk through the history starts again. */
  reset(): void {
    this.walk.reset();
  }

  private chosen(control: ValueControl, act: (index: number) => void): void {
    const value = control.value;
    if (value === '') return;
    // Back to the placeholder first: the same entry may be chosen again.
    control.value = '';
    act(Number(value));
  }

  private recallEntry(index: number): void {
    const entry = this.lists.history[index];
    if (entry) this.host.recall(entry.prompt);
  }

  private applyPreset(index: number): void {
    const preset = this.lists.presets[index];
    if (!preset || !this.strings) return;
    const { draft, models, profiles } = this.host.current();
    this.walk.reset();
    this.host.apply(presetToDraft(preset.name, preset.draft, draft, models, profiles, this.strings));
  }

  private onKey(e: KeyboardEvent, prompt: ValueControl): void {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.isComposing) return;
    const next = this.walk.key(e.key, prompt.value ?? '', this.lists.history.map((h) => h.prompt));
    if (next === undefined) return;
    e.preventDefault();
    this.host.recall(next);
  }
}
