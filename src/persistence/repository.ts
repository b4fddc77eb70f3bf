// The task list. Unfinished tasks (and removals) live in VS Code's global state under STORE_KEY;
// finished ones in an append-only log (src/tasks/archiveLog.ts, a file in the extension's global
// storage), because global state re-serialises everything it holds on every write. Every change is
// written through at once (a reload or a crashed extension host loses nothing), and unreadable
// entries are skipped rather than failing the list.
//
// Several windows share both. VS Code copies another window's write into this window's
// memento later and without an event, and a write replaces the whole value. So the store never
// writes its own view blindly: it re-reads and merges first (per task, the higher updatedAt wins;
// a removal leaves a tombstone so a window that has not heard of it yet cannot bring the task
// back), and it re-reads every few seconds to notice the other windows' changes.
import { taskSchema, type Task } from '../domain/task';
import { MemoryArchiveLog, type ArchiveLog } from './archiveLog';
import { Emitter } from '../util/emitter';
import type { Log } from '../util/log';
import { StateKeys } from '../domain/ids';

export const STORE_KEY = StateKeys.tasks;
/**
 * Version 3 kept finished tasks here, in global state ({version, tasks}). Still read: its tasks are
 * moved to the archive log and the key is cleared. Pending work always lives under STORE_KEY (see
 * boot/pending.ts).
 */
export const LEGACY_ARCHIVE_KEY = StateKeys.legacyArchive;
/** The archive log's file name in the extension's global storage. */
export { ARCHIVE_FILE } from '../domain/ids';
/**
 * 1: {version, tasks}. 2: adds `removed` (tombstones: localId → removal time). 3: finished tasks
 * under LEGACY_ARCHIVE_KEY. 4: finished tasks in the archive log, one line per change:
 * {"task": …} or {"removed": localId, "at": time}. Versions 1–3 are still read.
 */
export const STORE_VERSION = 4;
/** The log is compacted when it holds more than twice its live lines and this many besides. */
export const COMPACT_SLACK = 200;
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

/** Whether a task belongs in the archive log: nothing about it will change without the user. */
export const isArchived = (t: Task): boolean => t.phase === 'failed' || (t.phase === 'completed' && t.download?.state === 'done');

export function readStored(raw: unknown, log: Log, archiveRaw?: unknown): Task[] {
  return [...readState(raw, log, archiveRaw).tasks.values()];
}

/** Reads the value under STORE_KEY and, when given, a version 3 archive (LEGACY_ARCHIVE_KEY) into one state. */
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
    if (what === 'task store' && state.tasks.has(r.data.localId)) return;
    keepNewer(state.tasks, r.data);
  });
}

/** Of two versions of one task, the later; equal times are settled by content so every window picks the same. */
function newer(a: Task, b: Task): Task {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
}

/** Puts `t` into `tasks` unless the version already there is newer. */
function keepNewer(tasks: Map<string, Task>, t: Task): void {
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
  /** Where finished tasks go; by default a log in memory (tests). */
  archive?: ArchiveLog;
}

interface LogLine {
  task?: unknown;
  removed?: unknown;
  at?: unknown;
}

export class TaskStore {
  private state: StoreState = { tasks: new Map(), removed: new Map() };
  private readonly changed = new Emitter<void>();
  /** Fires after any change, ours or another window's; listeners coalesce it themselves if they need to. */
  readonly onDidChange = this.changed.event;
  private writing: Promise<void> = Promise.resolve();
  private pendingWrites = 0;
  /** The value under STORE_KEY last looked at, to skip an unchanged value cheaply. */
  private lastRaw: unknown;
  private lastJson: string | undefined;
  /** A version 3 archive still in global state (another window may run the older version). */
  private legacyRaw: unknown;
  private readonly archive: ArchiveLog;
  /** What the log holds (with what this store is appending): the newest version of each task, and removals. */
  private readonly logTasks = new Map<string, Task>();
  private readonly logRemoved = new Map<string, number>();
  /** Lines read from the log (this store's own included, once read back). */
  private logLines = 0;
  /** Lines this store appended that its own reading of the log has not reached yet. */
  private readonly own = new Map<string, number>();
  /** A merge found something the stored value lacks, but a write was under way. */
  private dirty = false;
  private readonly timer: ReturnType<typeof setInterval> | undefined;
  private disposed = false;

  constructor(
    private readonly memento: MementoLike,
    private readonly log: Log,
    options: StoreOptions = {},
  ) {
    this.archive = options.archive ?? new MemoryArchiveLog();
    const raw = memento.get(STORE_KEY);
    this.lastRaw = raw;
    this.lastJson = raw === undefined ? undefined : JSON.stringify(raw);
    this.legacyRaw = memento.get(LEGACY_ARCHIVE_KEY);
    this.readLog();
    this.state = this.combined(raw);
    if (this.logLines > 2 * (this.logTasks.size + this.logRemoved.size) + COMPACT_SLACK) this.compact();
    // A version 3 archive moves to the log now, not at the first change.
    if (this.legacyRaw !== undefined) void this.persist(false);
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
    if (this.state.removed.has(task.localId) || this.logRemoved.has(task.localId)) return this.settle(pulled);
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
   * stored values lack (a window whose write was overwritten or lost gets it back this way).
   */
  sync(): void {
    if (this.disposed) return;
    const remote = this.readIfChanged();
    if (!remote && !this.dirty) return;
    const stored = remote ?? this.combined(this.memento.get(STORE_KEY));
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

  /** The short key, a version 3 archive if one is left, and the log, as one state. */
  private combined(raw: unknown): StoreState {
    const s = readState(raw, this.log, this.legacyRaw);
    for (const [id, t] of this.logTasks) if (!s.removed.has(id)) keepNewer(s.tasks, t);
    // A removal another window logged counts at once, before its tombstone reaches this window's
    // global state; only recent ones become tombstones (older ones are settled everywhere).
    const since = Date.now() - TOMBSTONE_MS;
    for (const [id, at] of this.logRemoved) {
      s.tasks.delete(id);
      if (at >= since && !s.removed.has(id)) s.removed.set(id, at);
    }
    return s;
  }

  /** Reads what the log gained; true when another window's lines changed it. */
  private readLog(): boolean {
    let read;
    try {
      read = this.archive.readNew();
    } catch (e) {
      this.log.error(`the task archive could not be read: ${String(e)}`);
      return false;
    }
    if (read.reset) {
      this.logTasks.clear();
      this.logRemoved.clear();
      this.own.clear();
      this.logLines = 0;
    }
    let changed = read.reset && read.lines.length > 0;
    for (const line of read.lines) {
      this.logLines++;
      const mine = this.own.get(line);
      if (mine !== undefined) {
        if (mine > 1) this.own.set(line, mine - 1);
        else this.own.delete(line);
        continue;
      }
      changed = true;
      this.applyLine(line);
    }
    return changed;
  }

  private applyLine(line: string): void {
    let rec: LogLine;
    try {
      rec = JSON.parse(line) as LogLine;
    } catch {
      this.log.warn(`skipping unreadable line ${this.logLines} of the task archive`);
      return;
    }
    if (typeof rec?.removed === 'string') {
      this.logRemoved.set(rec.removed, typeof rec.at === 'number' && Number.isFinite(rec.at) ? rec.at : Date.now());
      this.logTasks.delete(rec.removed);
      return;
    }
    const r = taskSchema.safeParse(rec?.task);
    if (!r.success) {
      this.log.warn(`skipping unreadable archived task on line ${this.logLines}: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`);
      return;
    }
    if (!this.logRemoved.has(r.data.localId)) keepNewer(this.logTasks, r.data);
  }

  /** Rewrites the log with its live lines (and recent removals, which other windows may not have heard of). */
  private compact(): void {
    const since = Date.now() - TOMBSTONE_MS;
    for (const [id, at] of this.logRemoved) if (at < since) this.logRemoved.delete(id);
    const lines = [...this.logTasks.values()].map((t) => JSON.stringify({ task: t }));
    for (const [id, at] of this.logRemoved) lines.push(JSON.stringify({ removed: id, at }));
    try {
      this.archive.rewrite(lines);
      this.logLines = lines.length;
      this.own.clear();
    } catch (e) {
      this.log.warn(`could not compact the task archive: ${String(e)}`);
    }
  }

  /** The stored state if the short key, a version 3 archive or the log changed since last seen. */
  private readIfChanged(): StoreState | undefined {
    const raw = this.memento.get(STORE_KEY);
    let changed = false;
    if (raw !== this.lastRaw) {
      this.lastRaw = raw;
      const json = raw === undefined ? undefined : JSON.stringify(raw);
      if (json !== this.lastJson) changed = true;
      this.lastJson = json;
    }
    const legacy = this.memento.get(LEGACY_ARCHIVE_KEY);
    if (legacy !== this.legacyRaw) {
      this.legacyRaw = legacy;
      if (legacy !== undefined) changed = true;
    }
    if (this.readLog()) changed = true;
    return changed ? this.combined(raw) : undefined;
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

  /** Whether the log already holds this version of a finished task (or a newer one). */
  private logged(t: Task): boolean {
    const inLog = this.logTasks.get(t.localId);
    if (inLog === undefined) return false;
    if (inLog === t || inLog.updatedAt > t.updatedAt) return true;
    if (inLog.updatedAt < t.updatedAt || JSON.stringify(inLog) !== JSON.stringify(t)) return false;
    // The same content read back as another object (after a compaction): compare by identity next time.
    this.logTasks.set(t.localId, t);
    return true;
  }

  /**
   * Writes are serialised so an older snapshot never lands after a newer one. A finished task is
   * appended to the log only when it changed; the short key is written only when its JSON did.
   */
  private persist(fire = true): Promise<void> {
    const open: Task[] = [];
    const appended: Task[] = [];
    const lines: string[] = [];
    for (const t of this.state.tasks.values()) {
      if (!isArchived(t)) open.push(t);
      else if (this.logRemoved.has(t.localId)) continue;
      else if (!this.logged(t)) {
        appended.push(t);
        lines.push(JSON.stringify({ task: t }));
        this.logTasks.set(t.localId, t);
      }
    }
    for (const [id, at] of this.state.removed) {
      if (!this.logTasks.delete(id)) continue;
      this.logRemoved.set(id, at);
      lines.push(JSON.stringify({ removed: id, at }));
    }
    for (const l of lines) this.own.set(l, (this.own.get(l) ?? 0) + 1);
    const snapshot: Stored = { version: STORE_VERSION, tasks: open, removed: Object.fromEntries(this.state.removed) };
    const json = JSON.stringify(snapshot);
    const writeShort = json !== this.lastJson || this.lastRaw === undefined;
    if (writeShort) {
      this.lastRaw = snapshot;
      this.lastJson = json;
    }
    const clearLegacy = this.legacyRaw !== undefined;
    this.dirty = false;
    if (fire) this.changed.fire();
    this.pendingWrites++;
    // One write at a time. The log first: a crash in between leaves a finished task in both places
    // (the newer copy wins), never in neither. A failed append keeps those tasks under the short key.
    const write = async () => {
      let failure: unknown;
      let short = writeShort ? snapshot : undefined;
      try {
        await this.archive.append(lines);
      } catch (e) {
        failure = e;
        short = { ...snapshot, tasks: [...open, ...appended] };
        for (const t of appended) if (this.logTasks.get(t.localId) === t) this.logTasks.delete(t.localId);
        for (const l of lines) this.own.delete(l);
        this.lastRaw = short;
        this.lastJson = JSON.stringify(short);
      }
      if (short) {
        try {
          await this.memento.update(STORE_KEY, short);
        } catch (e) {
          failure ??= e;
        }
      }
      if (clearLegacy && failure === undefined) {
        this.legacyRaw = undefined;
        await this.memento.update(LEGACY_ARCHIVE_KEY, undefined);
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
