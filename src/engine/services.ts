// The one place the task services are put together: the repository over shared state and the
// archive log (openStore, in the activation bundle), and the engine over it (createEngine, in the
// lazy core bundle: src/vscode/core.ts). The extension (src/vscode/extension.ts) and the test
// harness (test/helpers/engine.ts) both build them here, so tests run the wiring users get.
import { openStore, type StoreServiceOptions } from '../persistence/open';
import type { TaskStore } from '../persistence/repository';
import type { Task } from '../domain/task';
import { TaskEngine, type EngineDeps, type EngineSettings } from './engine';
import type { LeaseOptions } from './lease';
import type { Catalogue } from '../domain/models/catalogue';

export interface EngineServiceOptions extends StoreServiceOptions {
  // Function-valued properties, not methods: they are handed on to the engine unbound.
  settings: () => EngineSettings;
  apiKey: () => Promise<string | undefined>;
  /** The download folder; throws a readable error when the setting is unusable. */
  downloadFolder: () => string;
  onFinal?: (task: Task) => void;
  onDownloadFailed?: (task: Task, message: string) => void;
  onLinkExpiring?: (task: Task) => void;
  /** For tests: a create retry waits this long instead of the real backoff. */
  sleep?: (ms: number) => Promise<void>;
  /** Present when other windows may share the task list: only the lease holder polls and downloads. */
  lease?: Omit<LeaseOptions, 'log' | 'memento'>;
  /** Every model, with the user's sora.customModels; the built-in ones when absent. */
  catalogue?: () => Catalogue;
  /** Asked before every create; a reason when the user chose not to send (the monthly budget). */
  beforeCreate?: EngineDeps['beforeCreate'];
}

export interface TaskServices {
  store: TaskStore;
  engine: TaskEngine;
  dispose(): void;
}

/** The engine over an open store (the extension opens the store at activation, the engine later). */
export function createEngine(store: TaskStore, o: EngineServiceOptions): TaskEngine {
  return new TaskEngine({
    store,
    log: o.log,
    apiKey: o.apiKey,
    settings: o.settings,
    downloadFolder: o.downloadFolder,
    onFinal: o.onFinal,
    onDownloadFailed: o.onDownloadFailed,
    onLinkExpiring: o.onLinkExpiring,
    sleep: o.sleep,
    catalogue: o.catalogue,
    beforeCreate: o.beforeCreate,
    lease: o.lease ? { ...o.lease, memento: o.memento } : undefined,
  });
}

/** Both at once, as the tests use them. */
export function createTaskServices(o: EngineServiceOptions): TaskServices {
  const store = openStore(o);
  const engine = createEngine(store, o);
  return {
    store,
    engine,
    dispose() {
      engine.dispose();
      store.dispose();
    },
  };
}
