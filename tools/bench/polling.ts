// Polling traffic: 50 tasks whose completion times are uniform in the documented 2–8 minutes,
// polled by the real Poller (src/tasks/poller.ts, src/tasks/schedule.ts) and TaskStore on a virtual
// clock, against polling every task at the fixed sora.pollIntervalSeconds. Counts query requests and
// the time from a task's completion to the poller seeing it (the tree refreshes in the same tick).
import { archiveFor, MemoryMemento } from '../../test/fixtures/memento';
import { TaskStore } from '../../src/persistence/repository';
import { Poller, type QueryClient } from '../../src/engine/poller';
import type { Task } from '../../src/domain/task';
import type { TaskSnapshot } from '../../src/http/schemas';
import { MemoryLog } from '../../src/util/log';
import { median, rng } from './util';

export interface PollingResult {
  tasks: number;
  baseSeconds: number;
  adaptive: { requests: number; medianSeenSeconds: number; maxSeenSeconds: number };
  fixed: { requests: number; medianSeenSeconds: number; maxSeenSeconds: number };
  ratio: number;
}

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/** setTimeout/clearTimeout on a virtual clock; advance() runs due timers and lets promises settle. */
class VirtualClock {
  now = 0;
  private timers = new Map<number, Timer>();
  private seq = 0;
  private saved = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };

  install(): void {
    globalThis.setTimeout = ((fn: () => void, ms = 0) => {
      const id = ++this.seq;
      this.timers.set(id, { at: this.now + Math.max(0, ms), seq: id, fn });
      return id as unknown as NodeJS.Timeout;
    }) as typeof setTimeout;
    globalThis.clearTimeout = ((id: number) => void this.timers.delete(id)) as typeof clearTimeout;
  }

  uninstall(): void {
    Object.assign(globalThis, this.saved);
  }

  private settle(): Promise<void> {
    return new Promise((r) => setImmediate(r));
  }

  /** Runs every timer up to `until`, in order, settling promises after each. */
  async runUntil(until: number): Promise<void> {
    await this.settle();
    for (;;) {
      let next: Timer | undefined;
      for (const t of this.timers.values()) if (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq)) next = t;
      if (!next || next.at > until) break;
      this.timers.delete(next.seq);
      this.now = Math.max(this.now, next.at);
      next.fn();
      await this.settle();
      await this.settle();
    }
    this.now = until;
  }
}

export async function measurePolling(tasks = 50, baseSeconds = 15, seed = 7): Promise<PollingResult> {
  const r = rng(seed);
  const baseMs = baseSeconds * 1000;
  // Tasks are created one every 20 s (a busy session) and finish 2–8 min after creation.
  const plan = Array.from({ length: tasks }, (_, i) => {
    const createdAt = i * 20_000;
    return { id: `sora_${i}`, createdAt, doneAt: createdAt + 120_000 + r() * 360_000 };
  });
  const byId = new Map(plan.map((p) => [p.id, p]));

  // Fixed interval: every base interval from creation until the poll that sees completion.
  const fixedSeen: number[] = [];
  let fixedRequests = 0;
  for (const p of plan) {
    let t = p.createdAt;
    do {
      t += baseMs;
      fixedRequests++;
    } while (t < p.doneAt);
    fixedSeen.push((t - p.doneAt) / 1000);
  }

  const clock = new VirtualClock();
  clock.install();
  const seen = new Map<string, number>();
  let requests = 0;
  try {
    const memento = new MemoryMemento();
    const store = new TaskStore(memento, new MemoryLog(), { archive: archiveFor(memento), autoDownload: () => true });
    const client: QueryClient = {
      query(id: string): Promise<TaskSnapshot> {
        requests++;
        const p = byId.get(id)!;
        const done = clock.now >= p.doneAt;
        return Promise.resolve(done ? { id, status: 'completed', state: 'completed', videoUrl: `https://cdn.example/${id}.mp4` } : { id, status: 'processing', state: 'processing' });
      },
    };
    const poller = new Poller({
      store,
      log: new MemoryLog(),
      baseMs: () => baseMs,
      getClient: () => Promise.resolve(client),
      now: () => clock.now,
      random: r,
      onFinal: (t: Task) => seen.set(t.remoteId!, clock.now),
    });
    for (const p of plan) {
      await clock.runUntil(p.createdAt);
      // As TaskEngine.submit leaves a created task: active, its first reply applied, no poll yet.
      await store.put({
        localId: `local-${p.id}`,
        remoteId: p.id,
        phase: 'active',
        status: 'queued',
        settings: { prompt: p.id, model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 },
        createdAt: p.createdAt,
        updatedAt: p.createdAt,
        poll: { errors: 0 },
      });
    }
    await clock.runUntil(Math.max(...plan.map((p) => p.doneAt)) + 30 * baseMs);
    poller.dispose();
  } finally {
    clock.uninstall();
  }
  if (seen.size !== tasks) throw new Error(`the poller saw ${seen.size} of ${tasks} completions`);
  const adaptiveSeen = plan.map((p) => (seen.get(p.id)! - p.doneAt) / 1000);
  return {
    tasks,
    baseSeconds,
    adaptive: { requests, medianSeenSeconds: median(adaptiveSeen), maxSeenSeconds: Math.max(...adaptiveSeen) },
    fixed: { requests: fixedRequests, medianSeenSeconds: median(fixedSeen), maxSeenSeconds: Math.max(...fixedSeen) },
    ratio: requests / fixedRequests,
  };
}

if (require.main === module) void measurePolling().then((r) => console.log(JSON.stringify(r, null, 2)));
