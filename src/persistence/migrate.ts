// The stored format's version, and how a stored value of another version is read. This is where
// a reader of an older format belongs once a format has been released and then changes.
//
// The format (version 4): under STORE_KEY in global state {version, tasks, removed}, the unfinished
// tasks and the removals (localId → time; see stateTable.ts); finished tasks in the archive log,
// one JSON line per change: {"task": …} or {"removed": localId, "at": time} (see archiveTable.ts).
//
// No earlier format was released (the CHANGELOG lists them all under Unreleased), so nothing here
// converts one: the readers of versions 1–3 (a bare array, finished tasks under a second key) are
// gone, and a value of an older number is read as this format (versions 1 and 2 were its subset;
// a finished task found under the short key moves to the archive log when the store opens).
// The number stays 4 rather than going back to 1: development installs hold version 4 values, and
// to a version 1 reader those would look written by a newer version (a warning on every start).
// The next change of format is version 5, with a reader of version 4 here.
import type { Log } from '../util/log';

export const STORE_VERSION = 4;

/** The value under STORE_KEY, as written. */
export interface StoredValue {
  version: number;
  tasks: unknown[];
  removed?: Record<string, number>;
}

/**
 * The stored value in the current format, its entries still unchecked; undefined for no value,
 * or (with an error line) for one that is not a task list at all. A newer version is read as far
 * as it fits: a window running an older copy of the extension must not lose the list.
 */
export function upgrade(raw: unknown, log: Log): StoredValue | undefined {
  if (raw === undefined) return undefined;
  if (!raw || typeof raw !== 'object' || !Array.isArray((raw as StoredValue).tasks)) {
    log.error('task store is not readable; reading it as empty (the old value is kept until the next change)');
    return undefined;
  }
  const { version, tasks, removed } = raw as StoredValue;
  if (typeof version === 'number' && version > STORE_VERSION) log.warn(`task store version ${version} is newer than ${STORE_VERSION}; reading what fits`);
  return { version: STORE_VERSION, tasks, removed: removed && typeof removed === 'object' ? removed : undefined };
}
