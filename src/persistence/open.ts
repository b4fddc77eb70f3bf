// Opening the task repository with the options the extension and the tests share (engine/services.ts
// builds the engine over it).
import type { Log } from '../util/log';
import type { ArchiveLog } from './archiveLog';
import { TaskStore, type MementoLike } from './repository';

export interface StoreServiceOptions {
  /** State every window of this VS Code shares (its global state). */
  memento: MementoLike;
  /** Where finished tasks are kept. */
  archive: ArchiveLog;
  log: Log;
  /** How often to look for other windows' writes (default: the store's own). */
  syncMs?: number;
  /** The settings; `autoDownload` decides where a finished task is kept. */
  settings: () => { autoDownload: boolean };
}

export function openStore(o: StoreServiceOptions): TaskStore {
  // Where a finished task is kept depends on whether it still needs a download, hence the setting.
  const autoDownload = () => o.settings().autoDownload;
  return new TaskStore(o.memento, o.log, o.syncMs === undefined ? { archive: o.archive, autoDownload } : { archive: o.archive, autoDownload, syncMs: o.syncMs });
}
