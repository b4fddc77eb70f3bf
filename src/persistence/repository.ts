// The task list, one API over two stores: unfinished tasks (and removals) under a key in VS Code's
// global state (stateTable.ts), settled ones in an append-only log file in the extension's global
// storage (archiveTable.ts, archiveLog.ts). Which tasks are settled is lifecycle.ts's rule. Every
// change is written through at once (a reload or a crashed extension host loses nothing).
//
// Several windows share both. The store never writes its own view blindly: before a change it
// re-reads both and merges (per task the later version wins, a removal sticks), and every few
// seconds it re-reads to notice the other windows' changes, writing back what the stored values
// lack (a write another window overwrote, an append lost to another window's compaction).
import type { Task } from '../domain/task';
import { isSettled, type WorkOptions } from '../domain/lifecycle';
import { Emitter } from '../util/emitter';
import type { Log } from '../util/log';
import type { ArchiveLog } from './archiveLog';
import { ArchiveTable } from './archiveTable';
import { canon, keepNewer, mergeState, StateTable, TOMBSTONE_MS, type MementoLike, type StoreState } from './stateTable';

export { STORE_KEY, TOMBSTONE_MS, type MementoLike } from './stateTable';
export { STORE_VERSION } from './migrate';
export { COMPACT_SLACK } from './archiveTable';
/** The archive log's file name in the extension's global storage. */
export { ARCHIVE_FILE } from '../domain/ids';
export const SYNC_MS = 2_000;

export interface StoreOptions {
  /** Where settled tasks go: the file in global storage. Without it they would not outlive the window. */
  archive: ArchiveLog;
  /** The `sora.autoDownload` setting: a finished video still to save automatically is not settled. */
  autoDownload(): boolean;
  /** How often to look for other windows' writes; 0 turns it off. */
  syncMs?: number;
}

export class TaskStore {
  private state: StoreState = { tasks: new Map(), removed: new Map() };
  private readonly changed = new Emitter<void>();
  /** Fires after any change, ours or another window's; listeners coalesce it themselves if they need to. */
  readonly onDidChange = this.changed.event;
  private readonly listedNow = new Emitter<void>();
  /** Fires once, after the whole list (the archive log too) was first read. */
  readonly onDidList = this.listedNow.event;
  private writing: Promise<void> = Promise.resolve();
  private pendingWrites = 0;
  private readonly table: StateTable;
  private readonly archive: ArchiveTable;
  /** A merge found something the stored values lack, but a write was under way. */
  private dirty = false;
  private readonly timer: ReturnType<typeof setInterval> | undefined;
  private disposed = false;
  private archiveRead = false;

  constructor(
    memento: MementoLike,
    private readonly log: Log,
    private readonly options: StoreOptions,
  ) {
    this.table = new StateTable(memento, log);
    this.archive = new ArchiveTable(options.archive, log);
    // Only the short key at first: the log (every finished task) is read when something needs the
    // whole list (the tree, the engine, a command), which most windows never do at start-up.
    this.state = this.table.read();
    // Settled tasks still under the short key (automatic downloads were turned off, an append failed)
    // move to the log at once, which needs the log read: a rare case.
    const work = this.work();
    if ([...this.state.tasks.values()].some((t) => isSettled(t, work))) this.loaded();
    const every = options.syncMs ?? SYNC_MS;
    if (every > 0) {
      this.timer = setInterval(() => this.sync(), every);
      this.timer.unref?.();
    }
  }

  /** Reads the archive log the first time the whole list is needed, and merges it in. */
  private loaded(): void {
    if (this.archiveRead) return;
    this.archiveRead = true;
    this.archive.readNew();
    const before = this.unsettledCanon();
    const underShortKey = [...this.state.tasks.keys()];
    // No write happened yet (every change reads the log first): the state is the short key's.
    this.state = this.combined(this.state);
    if (this.archive.bloated) this.archive.compact();
    // A task under the short key that is settled by now (automatic downloads were turned off, an
    // append failed, a development build put it there) moves to the log now, not at the next change.
    const work = this.work();
    const settledThere = underShortKey.some((id) => {
      const t = this.state.tasks.get(id);
      return t !== undefined && isSettled(t, work);
    });
    if (settledThere) void this.persist(false);
    // The log can hold a newer copy of a task the short key still had: those who only looked at the
    // unsettled tasks (the status bar) hear of it, after the caller that needed the list.
    if (this.unsettledCanon() !== before) queueMicrotask(() => this.changed.fire());
    queueMicrotask(() => this.listedNow.fire());
  }

  private unsettledCanon(): string {
    return JSON.stringify(this.unsettled());
  }

  /** Whether the whole list has been read (the archive log too); until then only unsettled() is known. */
  get listed(): boolean {
    return this.archiveRead;
  }

  /**
   * Tasks still under way or with work left (not settled), without reading the archive log: what
   * activation needs (the status bar, whether to start the engine).
   */
  unsettled(): Task[] {
    const work = this.work();
    return [...this.state.tasks.values()].filter((t) => !isSettled(t, work));
  }

  /** Newest first. */
  all(): Task[] {
    this.loaded();
    return [...this.state.tasks.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  get(localId: string): Task | undefined {
    this.loaded();
    return this.state.tasks.get(localId);
  }

  findByRemoteId(remoteId: string): Task | undefined {
    this.loaded();
    for (const t of this.state.tasks.values()) if (t.remoteId === remoteId) return t;
    return undefined;
  }

  /** Adds or replaces a task. A removed one stays removed (its id is never reused). */
  async put(task: Task): Promise<void> {
    this.loaded();
    const pulled = this.pull();
    if (this.state.removed.has(task.localId) || this.archive.removed.has(task.localId)) return this.settle(pulled);
    const cur = this.state.tasks.get(task.localId);
    // Replacing with an older copy (e.g. restoring an entry) must still win the merge.
    const updatedAt = cur ? Math.max(task.updatedAt, cur.updatedAt + 1, Date.now()) : task.updatedAt;
    this.state.tasks.set(task.localId, { ...task, updatedAt });
    await this.persist();
  }

  /** Applies a change to the current version of a task (another window's included); a removed task stays removed. */
  async update(localId: string, change: (t: Task) => Task): Promise<Task | undefined> {
    this.loaded();
    const pulled = this.pull();
    const cur = this.state.tasks.get(localId);
    if (!cur) return this.settle(pulled);
    const next = { ...change(cur), localId, updatedAt: Math.max(Date.now(), cur.updatedAt + 1) };
    this.state.tasks.set(localId, next);
    await this.persist();
    return next;
  }

  async remove(localIds: string[]): Promise<void> {
    this.loaded();
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
    const stored = remote ?? this.combined(this.table.read());
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

  private work(): WorkOptions {
    return { autoDownload: this.options.autoDownload() };
  }

  /** The short key's state with the log's tasks and removals, as one state. */
  private combined(s: StoreState): StoreState {
    for (const [id, t] of this.archive.tasks) if (!s.removed.has(id)) keepNewer(s.tasks, t);
    // A removal another window logged counts at once, before its tombstone reaches this window's
    // global state; only recent ones become tombstones (older ones are settled everywhere).
    const since = Date.now() - TOMBSTONE_MS;
    for (const [id, at] of this.archive.removed) {
      s.tasks.delete(id);
      if (at >= since && !s.removed.has(id)) s.removed.set(id, at);
    }
    return s;
  }

  /** The stored state if the short key or the log changed since last seen. */
  private readIfChanged(): StoreState | undefined {
    const short = this.table.changed();
    // Until the log is first read, other windows' appends are simply there when it is.
    const logged = this.archiveRead && this.archive.readNew();
    return short || logged ? this.combined(this.table.read()) : undefined;
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
   * Writes are serialised so an older snapshot never lands after a newer one. A settled task is
   * appended to the log only when it changed; the short key is written only when its JSON did.
   */
  private persist(fire = true): Promise<void> {
    const work = this.work();
    const open: Task[] = [];
    // One pass: of a long history, only the settled tasks the log lacks are handed on to stage().
    const settled: Task[] = [];
    for (const t of this.state.tasks.values()) {
      if (!isSettled(t, work)) open.push(t);
      else if (this.archive.lacks(t)) settled.push(t);
    }
    const batch = this.archive.stage(settled, this.state.removed);
    const removed = new Map(this.state.removed);
    const short = this.table.prepare(open, removed);
    this.dirty = false;
    if (fire) this.changed.fire();
    this.pendingWrites++;
    // One write at a time. The log first: a crash in between leaves a settled task in both places
    // (the newer copy wins), never in neither. A failed append keeps those tasks under the short key.
    const write = async () => {
      // What storage threw: fs and the memento reject with Error objects.
      let failure: Error | undefined;
      let value = short;
      try {
        await this.archive.append(batch);
      } catch (e) {
        failure = e as Error;
        this.archive.drop(batch);
        value = this.table.prepare([...open, ...batch.tasks], removed, true);
      }
      if (value) {
        try {
          await this.table.write(value);
        } catch (e) {
          failure ??= e as Error;
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
    this.listedNow.dispose();
  }
}
