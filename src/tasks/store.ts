// Tasks in VS Code's global state. Every change is written through at once (a reload or a crashed
// extension host loses nothing), and unreadable entries are skipped rather than failing the list.
import { taskSchema, type Task } from './model';
import { Emitter } from '../util/emitter';
import type { Log } from '../util/log';

export const STORE_KEY = 'sora.tasks';
export const STORE_VERSION = 1;

/** The part of vscode.Memento the store needs. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

interface Stored {
  version: number;
  tasks: unknown[];
}

export function readStored(raw: unknown, log: Log): Task[] {
  if (raw === undefined) return [];
  let list: unknown[];
  if (Array.isArray(raw)) list = raw; // before versioning: a bare array
  else if (raw && typeof raw === 'object' && Array.isArray((raw as Stored).tasks)) {
    const v = (raw as Stored).version;
    if (typeof v === 'number' && v > STORE_VERSION) log.warn(`task store version ${v} is newer than ${STORE_VERSION}; reading what fits`);
    list = (raw as Stored).tasks;
  } else {
    log.error('task store is not readable; starting with an empty list (the old value is kept until the next change)');
    return [];
  }
  const tasks: Task[] = [];
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    const r = taskSchema.safeParse(entry);
    if (!r.success) {
      log.warn(`skipping unreadable stored task #${i}: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`);
      return;
    }
    if (seen.has(r.data.localId)) return;
    seen.add(r.data.localId);
    tasks.push(r.data);
  });
  return tasks;
}

export class TaskStore {
  private tasks = new Map<string, Task>();
  private readonly changed = new Emitter<void>();
  /** Fires after any change; listeners coalesce it themselves if they need to. */
  readonly onDidChange = this.changed.event;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly memento: MementoLike,
    private readonly log: Log,
  ) {
    for (const t of readStored(memento.get(STORE_KEY), log)) this.tasks.set(t.localId, t);
  }

  /** Newest first. */
  all(): Task[] {
    return [...this.tasks.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  get(localId: string): Task | undefined {
    return this.tasks.get(localId);
  }

  findByRemoteId(remoteId: string): Task | undefined {
    for (const t of this.tasks.values()) if (t.remoteId === remoteId) return t;
    return undefined;
  }

  async put(task: Task): Promise<void> {
    this.tasks.set(task.localId, task);
    await this.persist();
  }

  /** Applies a change to the current version of a task; a removed task stays removed. */
  async update(localId: string, change: (t: Task) => Task): Promise<Task | undefined> {
    const cur = this.tasks.get(localId);
    if (!cur) return undefined;
    const next = { ...change(cur), localId, updatedAt: Date.now() };
    this.tasks.set(localId, next);
    await this.persist();
    return next;
  }

  async remove(localIds: string[]): Promise<void> {
    let any = false;
    for (const id of localIds) any = this.tasks.delete(id) || any;
    if (any) await this.persist();
  }

  /** Writes are serialised so an older snapshot never lands after a newer one. */
  private persist(): Promise<void> {
    const snapshot: Stored = { version: STORE_VERSION, tasks: [...this.tasks.values()] };
    this.changed.fire();
    this.writing = this.writing.then(
      () => Promise.resolve(this.memento.update(STORE_KEY, snapshot)),
      () => Promise.resolve(this.memento.update(STORE_KEY, snapshot)),
    );
    return this.writing.catch((e) => this.log.error(`could not save tasks: ${String(e)}`));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
