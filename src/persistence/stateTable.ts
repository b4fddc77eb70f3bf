// Unfinished tasks and removals, under STORE_KEY in VS Code's global state, which every window
// shares. VS Code copies another window's write into this window's memento later and without an
// event, and a write replaces the whole value. So nothing here is written blindly: the repository
// re-reads and merges first (per task, the higher updatedAt wins; a removal leaves a tombstone so a
// window that has not heard of it yet cannot bring the task back), and re-reads every few seconds.
// Unreadable entries are skipped with a log line rather than failing the list.
import type { Task } from '../domain/task';
import { readTask } from './taskReader';
import { StateKeys } from '../domain/ids';
import type { Log } from '../util/log';
import { STORE_VERSION, upgrade, type StoredValue } from './migrate';

export const STORE_KEY = StateKeys.tasks;
/** How long a removal is remembered: far longer than any window can go without re-reading. */
export const TOMBSTONE_MS = 24 * 60 * 60_000;

/** The part of vscode.Memento the store needs. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export interface StoreState {
  tasks: Map<string, Task>;
  removed: Map<string, number>;
}

/** Reads a value of STORE_KEY: its readable tasks (the first of two with one localId) and removals. */
export function readState(raw: unknown, log: Log): StoreState {
  const state: StoreState = { tasks: new Map(), removed: new Map() };
  const value = upgrade(raw, log);
  if (!value) return state;
  for (const [id, at] of Object.entries(value.removed ?? {})) if (typeof at === 'number' && Number.isFinite(at)) state.removed.set(id, at);
  value.tasks.forEach((entry, i) => {
    const r = readTask(entry);
    if ('problem' in r) {
      log.warn(`skipping unreadable stored task #${i}: ${r.problem}`);
      return;
    }
    if (!state.removed.has(r.task.localId) && !state.tasks.has(r.task.localId)) state.tasks.set(r.task.localId, r.task);
  });
  return state;
}

/** Of two versions of one task, the later; equal times are settled by content so every window picks the same. */
function newer(a: Task, b: Task): Task {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
}

/** Puts `t` into `tasks` unless the version already there is newer. */
export function keepNewer(tasks: Map<string, Task>, t: Task): void {
  const seen = tasks.get(t.localId);
  tasks.set(t.localId, seen ? newer(seen, t) : t);
}

/**
 * Merges `from` into `into` (in place). The result does not depend on the order of merging, so
 * windows that keep merging each other's values end up with the same list.
 */
export function mergeState(into: StoreState, from: StoreState, now: number): void {
  for (const [id, at] of from.removed) into.removed.set(id, Math.max(at, into.removed.get(id) ?? -Infinity));
  for (const [id, at] of into.removed) if (at < now - TOMBSTONE_MS) into.removed.delete(id);
  for (const t of from.tasks.values()) keepNewer(into.tasks, t);
  for (const id of into.removed.keys()) into.tasks.delete(id);
}

/** A comparable form of a state: same string, same tasks and removals. */
export function canon(s: StoreState): string {
  const tasks = [...s.tasks.values()].sort((a, b) => (a.localId < b.localId ? -1 : 1));
  const removed = [...s.removed.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return JSON.stringify([tasks, removed]);
}

/** The key in one window: reads it, tells whether another window changed it, and writes only a changed value. */
export class StateTable {
  /** The value last read or written, to skip an unchanged value cheaply. */
  private lastRaw: unknown;
  private lastJson: string | undefined;

  constructor(
    private readonly memento: MementoLike,
    private readonly log: Log,
  ) {
    this.lastRaw = memento.get(STORE_KEY);
    this.lastJson = this.lastRaw === undefined ? undefined : JSON.stringify(this.lastRaw);
  }

  read(): StoreState {
    return readState(this.memento.get(STORE_KEY), this.log);
  }

  /** Whether the stored value differs from the one last read or written here. */
  changed(): boolean {
    const raw = this.memento.get(STORE_KEY);
    if (raw === this.lastRaw) return false;
    this.lastRaw = raw;
    const json = raw === undefined ? undefined : JSON.stringify(raw);
    const changed = json !== this.lastJson;
    this.lastJson = json;
    return changed;
  }

  /**
   * The value holding these tasks and removals, taken as the stored one from now on; undefined
   * when the stored value is the same already (unless `always`).
   */
  prepare(tasks: Task[], removed: Map<string, number>, always = false): StoredValue | undefined {
    const value: StoredValue = { version: STORE_VERSION, tasks, removed: Object.fromEntries(removed) };
    const json = JSON.stringify(value);
    if (!always && json === this.lastJson && this.lastRaw !== undefined) return undefined;
    this.lastRaw = value;
    this.lastJson = json;
    return value;
  }

  write(value: StoredValue): Thenable<void> {
    return this.memento.update(STORE_KEY, value);
  }
}
