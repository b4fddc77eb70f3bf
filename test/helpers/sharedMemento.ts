// Global state shared by several VS Code windows, as VS Code behaves: a window's own write is
// visible to it at once; the other windows see it only after a delay, with no event; whichever
// write arrives last is what everybody ends up with (a write replaces the whole value).
import type { MementoLike } from '../../src/persistence/repository';

export class SharedMementoHub {
  /** What the storage holds (what a new window would read). */
  readonly stored = new Map<string, string>();
  readonly windows = new Set<WindowMemento>();
  writes = 0;

  constructor(readonly delayMs = 30) {}

  window(): WindowMemento {
    const w = new WindowMemento(this);
    for (const [k, json] of this.stored) w.values.set(k, JSON.parse(json));
    this.windows.add(w);
    return w;
  }

  /** Called after the delay: the storage takes the value and the other windows receive it. */
  arrive(from: WindowMemento, key: string, json: string | undefined): void {
    if (json === undefined) this.stored.delete(key);
    else this.stored.set(key, json);
    for (const w of this.windows) {
      if (w === from) continue;
      if (json === undefined) w.values.delete(key);
      else w.values.set(key, JSON.parse(json));
    }
  }

  get<T>(key: string): T | undefined {
    const json = this.stored.get(key);
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }
}

export class WindowMemento implements MementoLike {
  readonly values = new Map<string, unknown>();
  closed = false;

  constructor(readonly hub: SharedMementoHub) {}

  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  async update(key: string, value: unknown): Promise<void> {
    const json = value === undefined ? undefined : JSON.stringify(value);
    if (json === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(json));
    this.hub.writes++;
    await new Promise((r) => setTimeout(r, this.hub.delayMs));
    this.hub.arrive(this, key, json);
  }

  /** The window closes: it no longer receives other windows' writes (its own pending ones still land). */
  close(): void {
    this.closed = true;
    this.hub.windows.delete(this);
  }
}
