// A TaskEngine wired to a simulator through the extension's own composition root (src/engine/services.ts): in-memory state,
// a temp download folder, settings and key that a test can change, and every callback recorded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskEngine, EngineSettings } from '../../src/engine/engine';
import type { TaskStore } from '../../src/persistence/repository';
import { createTaskServices } from '../../src/engine/services';
import { FileArchiveLog } from '../../src/persistence/archiveLog';
import type { Task } from '../../src/domain/task';
import type { Catalogue } from '../../src/domain/models/catalogue';
import { MemoryLog } from '../../src/util/log';
import { archiveFor, MemoryMemento } from '../fixtures/memento';
import type { MementoLike } from '../../src/persistence/repository';

export interface EngineHarness {
  engine: TaskEngine;
  store: TaskStore;
  memento: MemoryMemento;
  log: MemoryLog;
  settings: EngineSettings;
  key: { value: string | undefined };
  folder: { value: string };
  tmp: string;
  /** Waits requested by create retries (the harness does not really wait). */
  sleeps: number[];
  finals: Task[];
  saved: Task[];
  downloadFailures: Array<{ task: Task; message: string }>;
  /** Unsaved videos whose link was about to expire (automatic downloads off). */
  linkWarnings: Task[];
  dispose(): void;
}

export interface HarnessOptions {
  baseUrl: string;
  apiKey?: string | undefined;
  settings?: Partial<EngineSettings>;
  memento?: MemoryMemento;
  /** Downloads go to a fresh temp folder unless this is given. */
  folder?: string;
  /** One of several windows over shared global state: this memento, re-read this often, and a polling lease. */
  window?: { memento: MementoLike; syncMs: number; renewMs: number; ttlMs: number; id?: string };
  /** Finished tasks in this file (as the extension keeps them) instead of the in-memory log. */
  archiveFile?: string;
  /** The models the engine knows (sora.customModels); the built-in ones when absent. */
  catalogue?: () => Catalogue;
}

export function defaultSettings(baseUrl: string): EngineSettings {
  return {
    baseUrl,
    createPath: '/v1/sora/videos',
    queryPath: '/v1/result/{id}',
    timeoutMs: 5_000,
    pollBaseMs: 50,
    autoDownload: true,
    // An empty environment: a proxy configured on the test machine must not leak in.
    proxy: { proxy: '', strictSSL: true, noProxy: [], env: {} },
  };
}

export function makeEngine(o: HarnessOptions): EngineHarness {
  const tmp = mkdtempSync(join(tmpdir(), 'sora-engine-'));
  const memento = o.memento ?? new MemoryMemento();
  const log = new MemoryLog();
  const shared = o.window?.memento ?? memento;
  // Windows over one hub share its archive log; a reload over the same memento finds it again.
  const archive = o.archiveFile ? new FileArchiveLog(o.archiveFile) : archiveFor((shared as { hub?: object }).hub ?? shared);
  const settings: EngineSettings = { ...defaultSettings(o.baseUrl), ...o.settings };
  const key = { value: 'apiKey' in o ? o.apiKey : 'sim-key' };
  const folder = { value: o.folder ?? join(tmp, 'videos') };
  const finals: Task[] = [];
  const downloadFailures: EngineHarness['downloadFailures'] = [];
  const sleeps: number[] = [];
  const linkWarnings: Task[] = [];
  const { store, engine } = createTaskServices({
    memento: shared,
    archive,
    log,
    syncMs: o.window?.syncMs,
    apiKey: () => Promise.resolve(key.value),
    settings: () => settings,
    downloadFolder: () => folder.value,
    onFinal: (t) => finals.push(t),
    onDownloadFailed: (task, message) => downloadFailures.push({ task, message }),
    onLinkExpiring: (t) => linkWarnings.push(t),
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    catalogue: o.catalogue,
    lease: o.window ? { renewMs: o.window.renewMs, ttlMs: o.window.ttlMs, id: o.window.id } : undefined,
  });
  // Saved videos, in the order they were saved, as the store reports them.
  const saved: Task[] = [];
  const savedIds = new Set(store.all().filter((t) => t.download?.state === 'done').map((t) => t.localId));
  store.onDidChange(() => {
    for (const t of store.all()) {
      if (t.download?.state === 'done' && !savedIds.has(t.localId)) {
        savedIds.add(t.localId);
        saved.push(t);
      }
    }
  });
  const h: Omit<EngineHarness, 'engine' | 'dispose'> = { store, memento, log, settings, key, folder, tmp, sleeps, finals, saved, downloadFailures, linkWarnings };
  return {
    ...h,
    engine,
    dispose() {
      engine.dispose();
      store.dispose();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
