// Settled tasks (see domain/lifecycle.ts), in the archive log that every window shares: what this
// window has read of it, what it appends, and compaction. VS Code's global state re-serialises
// everything it holds on every write, so a long history there made each write of a running task
// cost as much as the history; a line appended to the log costs the same whatever came before it.
//
// Lines: {"task": …} for a version of a task, {"removed": localId, "at": time} for a removal. The
// newest version of a task wins; a removal read from the log counts at once, and the task is never
// appended again. Unreadable lines are skipped with a log line.
import type { Task } from '../domain/task';
import { readTask } from './taskReader';
import type { Log } from '../util/log';
import type { ArchiveLog } from './archiveLog';
import { keepNewer, TOMBSTONE_MS } from './stateTable';

/** The log is compacted when it holds more than twice its live lines and this many besides. */
export const COMPACT_SLACK = 200;

interface LogLine {
  task?: unknown;
  removed?: unknown;
  at?: unknown;
}

/** Lines to append for one write, and the tasks among them (to take back if the append fails). */
export interface ArchiveBatch {
  lines: string[];
  tasks: Task[];
}

export class ArchiveTable {
  /** What the log holds (with what this window is appending): the newest version of each task, and removals. */
  readonly tasks = new Map<string, Task>();
  readonly removed = new Map<string, number>();
  /** Lines read from the log (this window's own included, once read back). */
  private lineCount = 0;
  /** Lines this window appended that its own reading of the log has not reached yet. */
  private readonly own = new Map<string, number>();

  constructor(
    private readonly file: ArchiveLog,
    private readonly log: Log,
  ) {}

  /** Reads what the log gained; true when another window's lines changed it. */
  readNew(): boolean {
    let read;
    try {
      read = this.file.readNew();
    } catch (e) {
      this.log.error(`the task archive could not be read: ${String(e)}`);
      return false;
    }
    if (read.reset) {
      this.tasks.clear();
      this.removed.clear();
      this.own.clear();
      this.lineCount = 0;
    }
    let changed = read.reset && read.lines.length > 0;
    for (const line of read.lines) {
      this.lineCount++;
      const mine = this.own.get(line);
      if (mine !== undefined) {
        if (mine > 1) this.own.set(line, mine - 1);
        else this.own.delete(line);
        continue;
      }
      changed = true;
      this.apply(line);
    }
    return changed;
  }

  private apply(line: string): void {
    let rec: LogLine;
    try {
      rec = JSON.parse(line) as LogLine;
    } catch {
      this.log.warn(`skipping unreadable line ${this.lineCount} of the task archive`);
      return;
    }
    if (typeof rec?.removed === 'string') {
      this.removed.set(rec.removed, typeof rec.at === 'number' && Number.isFinite(rec.at) ? rec.at : Date.now());
      this.tasks.delete(rec.removed);
      return;
    }
    const r = readTask(rec?.task);
    if ('problem' in r) {
      this.log.warn(`skipping unreadable archived task on line ${this.lineCount}: ${r.problem}`);
      return;
    }
    if (!this.removed.has(r.task.localId)) keepNewer(this.tasks, r.task);
  }

  /** More superseded lines than live ones (and the slack). */
  get bloated(): boolean {
    return this.lineCount > 2 * (this.tasks.size + this.removed.size) + COMPACT_SLACK;
  }

  /** Rewrites the log with its live lines (and recent removals, which other windows may not have heard of). */
  compact(): void {
    const since = Date.now() - TOMBSTONE_MS;
    for (const [id, at] of this.removed) if (at < since) this.removed.delete(id);
    const lines = [...this.tasks.values()].map((t) => JSON.stringify({ task: t }));
    for (const [id, at] of this.removed) lines.push(JSON.stringify({ removed: id, at }));
    try {
      this.file.rewrite(lines);
      this.lineCount = lines.length;
      this.own.clear();
    } catch (e) {
      this.log.warn(`could not compact the task archive: ${String(e)}`);
    }
  }

  /** Whether the log already holds this version of a task (or a newer one). */
  private holds(t: Task): boolean {
    const inLog = this.tasks.get(t.localId);
    if (inLog === undefined) return false;
    if (inLog === t || inLog.updatedAt > t.updatedAt) return true;
    if (inLog.updatedAt < t.updatedAt || JSON.stringify(inLog) !== JSON.stringify(t)) return false;
    // The same content read back as another object (after a compaction): compare by identity next time.
    this.tasks.set(t.localId, t);
    return true;
  }

  /** Whether this version of a settled task is still to be appended: the log neither holds it (or a newer one) nor removed the task. */
  lacks(t: Task): boolean {
    return !this.removed.has(t.localId) && !this.holds(t);
  }

  /**
   * The lines that bring the log up to date with these settled tasks and removals, counted as
   * in the log from now on (drop() takes back those of a failed append). A task the log has
   * removed is skipped.
   */
  stage(settled: Task[], removed: Map<string, number>): ArchiveBatch {
    const batch: ArchiveBatch = { lines: [], tasks: [] };
    for (const t of settled) {
      if (!this.lacks(t)) continue;
      batch.tasks.push(t);
      batch.lines.push(JSON.stringify({ task: t }));
      this.tasks.set(t.localId, t);
    }
    for (const [id, at] of removed) {
      if (!this.tasks.delete(id)) continue;
      this.removed.set(id, at);
      batch.lines.push(JSON.stringify({ removed: id, at }));
    }
    for (const l of batch.lines) this.own.set(l, (this.own.get(l) ?? 0) + 1);
    return batch;
  }

  append(batch: ArchiveBatch): Promise<void> {
    return this.file.append(batch.lines);
  }

  /** The append failed: its tasks are not in the log after all (they stay under the short key). */
  drop(batch: ArchiveBatch): void {
    for (const t of batch.tasks) if (this.tasks.get(t.localId) === t) this.tasks.delete(t.localId);
    for (const l of batch.lines) this.own.delete(l);
  }
}
