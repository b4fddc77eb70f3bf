import { StateKeys } from './ids';
// Whether the stored task list holds work that must resume without the user (polling, a download).
// Read from the raw stored value so activation needs neither zod nor the store: nothing here is used
// as a task, it only decides whether to load the code that validates and runs them. Only the short
// key is read: finished tasks move to 'sora.tasks.archive', and every unfinished one (a completed
// task still to download included) stays here, so this small value is all activation has to touch.

/** Must equal STORE_KEY in src/tasks/store.ts (a unit test checks it). */
export const RAW_STORE_KEY = StateKeys.tasks;

/** A task the engine must carry on with by itself: still running, or finished with its video unsaved. */
export function needsEngine(t: { phase?: unknown; download?: { state?: unknown } }): boolean {
  return t.phase === 'active' || (t.phase === 'completed' && t.download?.state !== 'done');
}

export function hasPendingWork(raw: unknown): boolean {
  const list: unknown = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? (raw as { tasks?: unknown }).tasks : undefined;
  if (!Array.isArray(list)) return false;
  return list.some((entry) => {
    if (!entry || typeof entry !== 'object') return false;
    const t = entry as { phase?: unknown; download?: { state?: unknown } };
    // The rule core.ts applies to validated tasks, plus 'submitting' for the status bar.
    return needsEngine(t) || t.phase === 'submitting';
  });
}
