// A TaskStore as tests open it: over an in-memory global state, with the in-memory archive log
// that goes with it (a reload over the same memento finds its settled tasks again).
import { TaskStore, type MementoLike, type StoreOptions } from '../../src/persistence/repository';
import { MemoryLog, type Log } from '../../src/util/log';
import { archiveFor } from '../fixtures/memento';

export function openStore(memento: MementoLike, log: Log = new MemoryLog(), over: Partial<StoreOptions> = {}): TaskStore {
  return new TaskStore(memento, log, { archive: archiveFor(memento), autoDownload: () => true, ...over });
}
