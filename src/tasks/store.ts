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
/**
 * Finished tasks (failed, or completed and downloaded). VS Code clones and re-sends a whole value on
 * every write, so keeping the long, settled history apart means a running task's change rewrites
 * only the short list. Pending work therefore always lives under STORE_KEY (see boot/pending.ts).
 */
export const ARCHIVE_KEY = 'sora.tasks.archive';
/**
 * 1: {version, tasks}. 2: adds `removed` (tombstones: localId → removal time). 3: finished tasks
 * move to ARCHIVE_KEY ({version, tasks}); a version 1 or 2 value holding every task is still read.
 */
export const STORE_VERSION = 3;
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

/** Whether a task belongs under ARCHIVE_KEY: nothing about it will change without the user. */
export const isArchived = (t: Task): boolean => t.phase === 'failed' || (t.phase === 'completed' && t.download?.state === 'done');

export function readStored(raw: unknown, log: Log, archiveRaw?: unknown): Task[] {
  return [...readState(raw, log, archiveRaw).tasks.values()];
}

/** Reads the value under STORE_KEY and, when given, the one under ARCHIVE_KEY into one state. */
export function readState(raw: unknown, log: Log, archiveRaw?: unknown): StoreState {
  const state: StoreState = { tasks: new Map(), removed: new Map() };
  readInto(state, raw, log, 'task store');
  if (archiveRaw !== undefined) readInto(state, archiveRaw, log, 'task archive');
  return state;
}

function readInto(state: StoreState, raw: unknown, log: Log, what: string): void {
  if (raw === undefined) return;
  let list: unknown[];
  if (Array.isArray(raw)) list = raw; // before versioning: a bare array
  else if (raw && typeof raw === 'object' && Array.isArray((raw as Stored).tasks)) {
    const v = (raw as Stored).version;
    if (typeof v === 'number' && v > STORE_VERSION) log.warn(`${what} version ${v} is newer than ${STORE_VERSION}; reading what fits`);
    list = (raw as Stored).tasks;
    const removed = (raw as Stored).removed;
    if (removed && typeof removed === 'object') {
      for (const [id, at] of Object.entries(removed)) if (typeof at === 'number' && Number.isFinite(at)) state.removed.set(id, at);
    }
  } else {
    log.error(`${what} is not readable; reading it as empty (the old value is kept until the next change)`);
    return;
  }
  list.forEach((entry, i) => {
    const r = taskSchema.safeParse(entry);
    if (!r.success) {
      log.warn(`skipping unreadable ${what === 'task store' ? 'stored' : 'archived'} task #${i}: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`);
      return;
    }
    if (state.removed.has(r.data.localId)) return;
    // The same task under both keys (a window wrote one key, another the other): the later wins.
    const seen = state.tasks.get(r.data.localId);
    if (seen && what === 'task store') return;
    state.tasks.set(r.data.localId, seen ? newer(seen, r.data) : r.data);
  });
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
  /** The stored values last looked at (per key), to skip unchanged values cheaply. */
  private lastRaw: unknown;
  private lastJson: string | undefined;
  private lastArchiveRaw: unknown;
  private lastArchiveJson: string | undefined;
  /** The archived tasks last written or read, by identity: an unchanged archive is not rewritten. */
  private archived: Task[] | undefined;
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
    const archiveRaw = memento.get(ARCHIVE_KEY);
    this.state = readState(raw, log, archiveRaw);
    this.lastRaw = raw;
    this.lastJson = raw === undefined ? undefined : JSON.stringify(raw);
    this.lastArchiveRaw = archiveRaw;
    this.lastArchiveJson = archiveRaw === undefined ? undefined : JSON.stringify(archiveRaw);
    // When the archive read back is exactly what persist() would write, remember it by identity so
    // the first write does not have to serialise it to find that out.
    const list = (archiveRaw as Stored | undefined)?.tasks;
    const mine = [...this.state.tasks.values()].filter(isArchived);
    if (Array.isArray(list) && list.length === mine.length && mine.every((t, i) => t.localId === (list[i] as { localId?: unknown } | null)?.localId)) {
      this.archived = mine;
    }
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
    const stored = remote ?? readState(this.memento.get(STORE_KEY), this.log, this.memento.get(ARCHIVE_KEY));
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

  /** The stored state (both keys) if either differs from what was last seen. */
  private readIfChanged(): StoreState | undefined {
    const raw = this.memento.get(STORE_KEY);
    const archiveRaw = this.memento.get(ARCHIVE_KEY);
    let changed = false;
    if (raw !== this.lastRaw) {
      this.lastRaw = raw;
      const json = raw === undefined ? undefined : JSON.stringify(raw);
      if (json !== this.lastJson) changed = true;
      this.lastJson = json;
    }
    if (archiveRaw !== this.lastArchiveRaw) {
      this.lastArchiveRaw = archiveRaw;
      const json = archiveRaw === undefined ? undefined : JSON.stringify(archiveRaw);
      if (json !== this.lastArchiveJson) {
        changed = true;
        this.archived = undefined;
      }
      this.lastArchiveJson = json;
    }
    return changed ? readState(raw, this.log, archiveRaw) : undefined;
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

  /**
   * Writes are serialised so an older snapshot never lands after a newer one. Only a key whose
   * content changed is written: the archive is compared by task identity (a changed task is a new
   * object), the short list by its JSON.
   */
  private persist(fire = true): Promise<void> {
    const open: Task[] = [];
    const archived: Task[] = [];
    for (const t of this.state.tasks.values()) (isArchived(t) ? archived : open).push(t);
    const snapshot: Stored = { version: STORE_VERSION, tasks: open, removed: Object.fromEntries(this.state.removed) };
    const json = JSON.stringify(snapshot);
    const writes: Array<[string, Stored]> = [];
    if (json !== this.lastJson || this.lastRaw === undefined) {
      this.lastRaw = snapshot;
      this.lastJson = json;
      writes.push([STORE_KEY, snapshot]);
    }
    const same = this.archived !== undefined && this.archived.length === archived.length && this.archived.every((t, i) => t === archived[i]);
    if (!same) {
      const archive: Stored = { version: STORE_VERSION, tasks: archived };
      const archiveJson = JSON.stringify(archive);
      this.archived = archived;
      // No archive stored and nothing to archive: nothing to write.
      const emptyAndAbsent = archived.length === 0 && this.lastArchiveJson === undefined;
      if (archiveJson !== this.lastArchiveJson && !emptyAndAbsent) {
        this.lastArchiveRaw = archive;
        this.lastArchiveJson = archiveJson;
        writes.push([ARCHIVE_KEY, archive]);
      }
    }
    this.dirty = false;
    if (fire) this.changed.fire();
    this.pendingWrites++;
    // One update at a time, like the writes themselves.
    // A failed key does not stop the other; the failure is still reported.
    const write = async () => {
      let failure: unknown;
      for (const [key, value] of writes) {
        try {
          await this.memento.update(key, value);
        } catch (e) {
          failure ??= e;
        }
      }
      if (failure !== undefined) throw failure;
    };
    this.writing = this.writing.then(write, write);
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
