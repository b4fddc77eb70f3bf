// Tasks in VS Code's global state. Every change is written through at once (a reload or a crashed
// extension host loses nothing), and unreadable entries are skipped rather than failing the list.
//
// Several windows share this value. VS Code copies another window's write into this window's
// memento later and without an event, and a write replaces the whole value. So the store never
// writes its own view blindly: it re-reads and merges first (per task, the higher updatedAt wins;
// a removal leaves a tombstone so a window that has not heard of it yet cannot bring the task
// back), and it re-reads every few seconds to notice the other windows' changes.
import { taskSchema, type Task } from './model';
import { Emitter } from '../util/emitter';
import type { Log } from '../util/log';

export const STORE_KEY = 'sora.tasks';
/** 1: {version, tasks}. 2: adds `removed` (tombstones: localId → removal time). */
export const STORE_VERSION = 2;
/** How long a removal is remembered: far longer than any window can go without re-reading. */
export const TOMBSTONE_MS = 24 * 60 * 60_000;
export const SYNC_MS = 2_000;

/** The part of vscode.Memento the store needs. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

interface Stored {
  version: number;
  tasks: unknown[];
  removed?: Record<string, number>;
}

export interface StoreState {
  tasks: Map<string, Task>;
  removed: Map<string, number>;
}

export function readStored(raw: unknown, log: Log): Task[] {
  return [...readState(raw, log).tasks.values()];
}

export function readState(raw: unknown, log: Log): StoreState {
  const state: StoreState = { tasks: new Map(), removed: new Map() };
  if (raw === undefined) return state;
  let list: unknown[];
  if (Array.isArray(raw)) list = raw; // before versioning: a bare array
  else if (raw && typeof raw === 'object' && Array.isArray((raw as Stored).tasks)) {
    const v = (raw as Stored).version;
    if (typeof v === 'number' && v > STORE_VERSION) log.warn(`task store version ${v} is newer than ${STORE_VERSION}; reading what fits`);
    list = (raw as Stored).tasks;
    const removed = (raw as Stored).removed;
    if (removed && typeof removed === 'object') {
      for (const [id, at] of Object.entries(removed)) if (typeof at === 'number' && Number.isFinite(at)) state.removed.set(id, at);
    }
  } else {
    log.error('task store is not readable; starting with an empty list (the old value is kept until the next change)');
    return state;
  }
  list.forEach((entry, i) => {
    const r = taskSchema.safeParse(entry);
    if (!r.success) {
      log.warn(`skipping unreadable stored task #${i}: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`);
      return;
    }
    if (state.tasks.has(r.data.localId) || state.removed.has(r.data.localId)) return;
    state.tasks.set(r.data.localId, r.data);
  });
  return state;
}

/** Of two versions of one task, the later; equal times are settled by content so every window picks the same. */
function newer(a: Task, b: Task): Task {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
}

/**
 * Merges `from` into `into` (in place). The result does not depend on the order of merging, so
 * windows that keep merging each other's values end up with the same list.
 */
export function mergeState(into: StoreState, from: StoreState, now: number): void {
  for (const [id, at] of from.removed) into.removed.set(id, Math.max(at, into.removed.get(id) ?? -Infinity));
  for (const [id, at] of into.removed) if (at < now - TOMBSTONE_MS) into.removed.delete(id);
  for (const [id, t] of from.tasks) {
    const mine = into.tasks.get(id);
    into.tasks.set(id, mine ? newer(mine, t) : t);
  }
  for (const id of into.removed.keys()) into.tasks.delete(id);
}

/** A comparable form of a state: same string, same tasks and removals. */
function canon(s: StoreState): string {
  const tasks = [...s.tasks.values()].sort((a, b) => (a.localId < b.localId ? -1 : 1));
  const removed = [...s.removed.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return JSON.stringify([tasks, removed]);
}

export interface StoreOptions {
  /** How often to look for other windows' writes; 0 turns it off. */
  syncMs?: number;
}

export class TaskStore {
  private state: StoreState = { tasks: new Map(), removed: new Map() };
  private readonly changed = new Emitter<void>();
  /** Fires after any change, ours or another window's; listeners coalesce it themselves if they need to. */
  readonly onDidChange = this.changed.event;
  private writing: Promise<void> = Promise.resolve();
  private pendingWrites = 0;
  /** The stored value last looked at, to skip unchanged values cheaply. */
  private lastRaw: unknown;
  private lastJson: string | undefined;
  /** A merge found something the stored value lacks, but a write was under way. */
  private dirty = false;
  private readonly timer: ReturnType<typeof setInterval> | undefined;
  private disposed = false;

  constructor(
    private readonly memento: MementoLike,
    private readonly log: Log,
    options: StoreOptions = {},
  ) {
    const raw = memento.get(STORE_KEY);
    this.state = readState(raw, log);
    this.lastRaw = raw;
    this.lastJson = raw === undefined ? undefined : JSON.stringify(raw);
    const every = options.syncMs ?? SYNC_MS;
    if (every > 0) {
      this.timer = setInterval(() => this.sync(), every);
      this.timer.unref?.();
    }
  }

  /** Newest first. */
  all(): Task[] {
    return [...this.state.tasks.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  get(localId: string): Task | undefined {
    return this.state.tasks.get(localId);
  }

  findByRemoteId(remoteId: string): Task | undefined {
    for (const t of this.state.tasks.values()) if (t.remoteId === remoteId) return t;
    return undefined;
  }

  /** Adds or replaces a task. A removed one stays removed (its id is never reused). */
  async put(task: Task): Promise<void> {
    const pulled = this.pull();
    if (this.state.removed.has(task.localId)) return this.settle(pulled);
    const cur = this.state.tasks.get(task.localId);
    // Replacing with an older copy (e.g. restoring an entry) must still win the merge.
    const updatedAt = cur ? Math.max(task.updatedAt, cur.updatedAt + 1, Date.now()) : task.updatedAt;
    this.state.tasks.set(task.localId, { ...task, updatedAt });
    await this.persist();
  }

  /** Applies a change to the current version of a task (another window's included); a removed task stays removed. */
  async update(localId: string, change: (t: Task) => Task): Promise<Task | undefined> {
    const pulled = this.pull();
    const cur = this.state.tasks.get(localId);
    if (!cur) return this.settle(pulled);
    const next = { ...change(cur), localId, updatedAt: Math.max(Date.now(), cur.updatedAt + 1) };
    this.state.tasks.set(localId, next);
    await this.persist();
    return next;
  }

  async remove(localIds: string[]): Promise<void> {
    const pulled = this.pull();
    const now = Date.now();
    let any = false;
    for (const id of localIds) {
      if (this.state.tasks.delete(id)) {
        this.state.removed.set(id, now);
        any = true;
      }
    }
    if (any) await this.persist();
    else this.settle(pulled);
  }

  /**
   * Looks for other windows' changes: merges them in, tells listeners, and writes back what the
   * stored value lacks (a window whose write was overwritten by another's gets it back this way).
   */
  sync(): void {
    if (this.disposed) return;
    const remote = this.readIfChanged();
    if (!remote && !this.dirty) return;
    const stored = remote ?? readState(this.memento.get(STORE_KEY), this.log);
    const before = canon(this.state);
    mergeState(this.state, stored, Date.now());
    const after = canon(this.state);
    if (after !== before) this.changed.fire();
    if (after === canon(stored)) {
      this.dirty = false;
    } else if (this.pendingWrites === 0) {
      this.dirty = false;
      void this.persist(false);
    } else {
      this.dirty = true;
    }
  }

  /** The stored state if it differs from what was last seen. */
  private readIfChanged(): StoreState | undefined {
    const raw = this.memento.get(STORE_KEY);
    if (raw === this.lastRaw) return undefined;
    this.lastRaw = raw;
    const json = raw === undefined ? undefined : JSON.stringify(raw);
    if (json === this.lastJson) return undefined;
    this.lastJson = json;
    return readState(raw, this.log);
  }

  /**
   * Merges other windows' changes in before a change of ours, so ours applies to the newest state.
   * True when that changed anything; listeners hear of it with the write that follows, or settle().
   */
  private pull(): boolean {
    const remote = this.readIfChanged();
    if (!remote) return false;
    const before = canon(this.state);
    mergeState(this.state, remote, Date.now());
    return canon(this.state) !== before;
  }

  /** No change of ours to write after all: still tell listeners about what pull() merged in. */
  private settle(pulled: boolean): undefined {
    if (pulled) {
      // The next sync compares in full, in case the stored value lacks something we hold.
      this.dirty = true;
      this.changed.fire();
    }
    return undefined;
  }

  /** Writes are serialised so an older snapshot never lands after a newer one. */
  private persist(fire = true): Promise<void> {
    const snapshot: Stored = {
      version: STORE_VERSION,
      tasks: [...this.state.tasks.values()],
      removed: Object.fromEntries(this.state.removed),
    };
    this.lastRaw = snapshot;
    this.lastJson = JSON.stringify(snapshot);
    this.dirty = false;
    if (fire) this.changed.fire();
    this.pendingWrites++;
    this.writing = this.writing.then(
      () => Promise.resolve(this.memento.update(STORE_KEY, snapshot)),
      () => Promise.resolve(this.memento.update(STORE_KEY, snapshot)),
    );
    return this.writing
      .catch((e) => this.log.error(`could not save tasks: ${String(e)}`))
      .finally(() => this.pendingWrites--);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.changed.dispose();
  }
}
