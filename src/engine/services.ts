// The one place the task services are put together: the repository over shared state and the
// archive log, and the engine over it. The extension (src/vscode/extension.ts) and the test
// harness (test/helpers/engine.ts) both build them here, so tests run the wiring users get.
import type { ArchiveLog } from '../persistence/archiveLog';
import { TaskStore, type MementoLike } from '../persistence/repository';
import type { Task } from '../domain/task';
import type { Log } from '../util/log';
import { TaskEngine, type EngineSettings } from './engine';
import type { LeaseOptions } from './lease';

export interface TaskServicesOptions {
  /** State every window of this VS Code shares (its global state). */
  memento: MementoLike;
  /** Where finished tasks are kept. */
  archive: ArchiveLog;
  log: Log;
  /** How often to look for other windows' writes (default: the store's own). */
  syncMs?: number;
  // Function-valued properties, not methods: they are handed on to the engine unbound.
  apiKey: () => Promise<string | undefined>;
  settings: () => EngineSettings;
  /** The download folder; throws a readable error when the setting is unusable. */
  downloadFolder: () => string;
  onFinal?: (task: Task) => void;
  onDownloadFailed?: (task: Task, message: string) => void;
  onLinkExpiring?: (task: Task) => void;
  /** For tests: a create retry waits this long instead of the real backoff. */
  sleep?: (ms: number) => Promise<void>;
  /** Present when other windows may share the task list: only the lease holder polls and downloads. */
  lease?: Omit<LeaseOptions, 'log' | 'memento'>;
}

export interface TaskServices {
  store: TaskStore;
  engine: TaskEngine;
  dispose(): void;
}

export function createTaskServices(o: TaskServicesOptions): TaskServices {
  // Where a finished task is kept depends on whether it still needs a download, hence the setting.
  const autoDownload = () => o.settings().autoDownload;
  const store = new TaskStore(o.memento, o.log, o.syncMs === undefined ? { archive: o.archive, autoDownload } : { archive: o.archive, autoDownload, syncMs: o.syncMs });
  const engine = new TaskEngine({
    store,
    log: o.log,
    apiKey: o.apiKey,
    settings: o.settings,
    downloadFolder: o.downloadFolder,
    onFinal: o.onFinal,
    onDownloadFailed: o.onDownloadFailed,
    onLinkExpiring: o.onLinkExpiring,
    sleep: o.sleep,
    lease: o.lease ? { ...o.lease, memento: o.memento } : undefined,
  });
  return {
    store,
    engine,
    dispose() {
      engine.dispose();
      store.dispose();
    },
  };
}
