// The prompt history and presets in VS Code's global state (two small keys, synced by Settings
// Sync when the user allows it). Every read goes through the tolerant readers of
// domain/promptLibrary.ts, and writes run one after another, so two quick creates both count.
import { StateKeys } from '../domain/ids';
import { deletePreset, readHistory, readPresets, recordPrompt, savePreset, type HistoryEntry, type Preset, type PresetDraft, type SavePresetOutcome } from '../domain/promptLibrary';
import { Emitter, type Event } from '../util/emitter';

export interface LibraryMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export class PromptStore {
  private readonly changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changed.event;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly memento: LibraryMemento,
    private readonly now: () => number = Date.now,
  ) {}

  history(): HistoryEntry[] {
    return readHistory(this.memento.get(StateKeys.promptHistory));
  }

  presets(): Preset[] {
    return readPresets(this.memento.get(StateKeys.presets));
  }

  /** A task was created from this prompt. */
  record(prompt: string): Promise<void> {
    return this.write(StateKeys.promptHistory, () => recordPrompt(this.history(), prompt, this.now()));
  }

  clearHistory(): Promise<void> {
    return this.write(StateKeys.promptHistory, () => undefined);
  }

  async savePreset(name: string, draft: PresetDraft): Promise<SavePresetOutcome> {
    let outcome: SavePresetOutcome | undefined;
    await this.write(StateKeys.presets, () => {
      outcome = savePreset(this.presets(), name, draft, this.now());
      return outcome.ok ? outcome.presets : SKIP;
    });
    return outcome ?? { ok: false, problem: 'invalid' };
  }

  /** Whether a preset of that name was there. */
  async deletePreset(name: string): Promise<boolean> {
    let found = false;
    await this.write(StateKeys.presets, () => {
      const before = this.presets();
      const after = deletePreset(before, name);
      found = after.length < before.length;
      return found ? after : SKIP;
    });
    return found;
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** Runs `next` after every earlier write; SKIP leaves the key as it is. */
  private write(key: string, next: () => unknown): Promise<void> {
    const run = this.queue.then(async () => {
      const value = next();
      if (value === SKIP) return;
      await this.memento.update(key, value);
      this.changed.fire();
    });
    // One failed write must not stop the ones after it; its caller still sees the error.
    this.queue = run.catch(() => undefined);
    return run;
  }
}

const SKIP = Symbol('skip');

const stores = new WeakMap<object, PromptStore>();

/** The one store of a global state, shared by the composer and the commands (so both see each change). */
export function promptStoreFor(memento: LibraryMemento): PromptStore {
  let store = stores.get(memento);
  if (!store) stores.set(memento, (store = new PromptStore(memento)));
  return store;
}
