// An in-memory stand-in for vscode.Memento (the part TaskStore uses), with hooks to observe writes.
import type { MementoLike } from '../../src/tasks/store';
import { MemoryArchiveLog, MemoryLogBook } from '../../src/tasks/archiveLog';

export class MemoryMemento implements MementoLike {
  readonly values = new Map<string, unknown>();
  /** Every update, in call order, as JSON (so later mutation of the value cannot change history). */
  readonly writes: Array<{ key: string; json: string }> = [];
  /** Updates running right now, and the most that ever ran at once. */
  active = 0;
  maxActive = 0;

  /** delayMs(n) decides how long the n-th update (0-based) takes; fail(n) makes it reject. */
  constructor(
    initial: Record<string, unknown> = {},
    private readonly opts: { delayMs?: (n: number) => number; fail?: (n: number) => boolean } = {},
  ) {
    for (const [k, v] of Object.entries(initial)) this.values.set(k, v);
  }

  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  async update(key: string, value: unknown): Promise<void> {
    const n = this.writes.length;
    const json = JSON.stringify(value);
    this.writes.push({ key, json });
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      const ms = this.opts.delayMs?.(n) ?? 0;
      if (ms > 0) await new Promise((r) => setTimeout(r, ms));
      if (this.opts.fail?.(n)) throw new Error(`simulated storage failure #${n}`);
      // Like the real memento: stores a copy, not the caller's object.
      this.values.set(key, value === undefined ? undefined : JSON.parse(json));
    } finally {
      this.active--;
    }
  }
}

/**
 * The archive log that goes with a global state, as the file in global storage goes with VS Code's:
 * every store over the same memento (a reload, another window's hub) reads and appends the same
 * lines, each through its own reader.
 */
const books = new WeakMap<object, MemoryLogBook>();
export function archiveFor(owner: object): MemoryArchiveLog {
  let book = books.get(owner);
  if (!book) books.set(owner, (book = new MemoryLogBook()));
  return new MemoryArchiveLog(book);
}
