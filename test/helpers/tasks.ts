// Task records for tests that need a store with something in it.
import type { Task } from '../../src/domain/task';

let n = 0;

export function makeTask(over: Partial<Task> = {}): Task {
  n++;
  const now = Date.now();
  return {
    localId: `local-${n}`,
    phase: 'active',
    status: 'queued',
    settings: { prompt: `prompt ${n}`, model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 },
    createdAt: now + n, // distinct, so "newest first" is well defined
    updatedAt: now,
    poll: { errors: 0 },
    ...over,
  };
}
