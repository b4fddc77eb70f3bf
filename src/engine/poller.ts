// Polls the service for every active task on its own schedule, with one timer for all of them and
// a cap on requests in flight. Without a key it pauses and keeps every task's state.
// Only one window leads (see lease.ts); in the others the poller follows the store and checks a
// task only when the user asks (Refresh, Track): an explicit request is rare, and it still never
// goes out sooner than a base interval after the last check of that task by any window.
// A task that needs attention (lifecycle.ts: refused checks, or still running after a day) is
// checked only when the user asks, in any window.
import { nextPollDelay, typicalOf } from '../domain/schedule';
import { phaseOf, type Task } from '../domain/task';
import { attentionOf, isAtService, needsPolling, REFUSED_CHECKS_LIMIT, REFUSING_STATUSES } from '../domain/lifecycle';
import type { TaskStore } from '../persistence/repository';
import type { TaskSnapshot } from '../http/schemas';
import { ApiError } from '../domain/errors';
import type { Log } from '../util/log';
import { reported } from '../domain/tracked';
import type { ModelProfile } from '../domain/models/profile';

export interface QueryClient {
  query(id: string): Promise<TaskSnapshot>;
}

export interface PollerDeps {
  store: TaskStore;
  /** undefined when there is no key: polling pauses. Throws a readable error for bad settings. */
  getClient(): Promise<QueryClient | undefined>;
  baseMs(): number;
  log: Log;
  maxInFlight?: number;
  now?: () => number;
  random?: () => number;
  /** A task just became completed or failed. */
  onFinal?(task: Task): void;
  /** A model of the catalogue, to learn a tracked task's model from a reply. */
  findModel?(id: string): ModelProfile | undefined;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** `find`: a model of the catalogue, for a tracked task whose reply names its model. */
export function applySnapshot(t: Task, s: TaskSnapshot, now: number, find: (id: string) => ModelProfile | undefined = () => undefined): Task {
  const phase = phaseOf(s.state);
  const next: Task = {
    ...t,
    remoteId: t.remoteId ?? s.id,
    status: s.state === 'other' ? s.status : s.state,
    phase,
    poll: { errors: 0, lastAt: now },
  };
  if (s.videoUrl) next.videoUrl = s.videoUrl;
  if (s.error) next.error = s.error;
  if (s.actualDuration !== undefined) next.actualDuration = s.actualDuration;
  if (s.amount !== undefined) next.amount = s.amount;
  if (s.totalTokens !== undefined) next.totalTokens = s.totalTokens;
  if (phase === 'completed' && t.phase !== 'completed') next.completedAt = now;
  if (t.unreported) Object.assign(next, reported(t, s, find));
  return next;
}

export class Poller {
  private nextAt = new Map<string, number>();
  private inFlight = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Infinity;
  private paused = false;
  private disposed = false;
  private leading = true;
  /** Checks the user asked for; the only ones a following window makes. */
  private manual = new Set<string>();
  private readonly sub: { dispose(): void };

  constructor(private readonly d: PollerDeps) {
    this.sub = d.store.onDidChange(() => this.reconcile());
  }

  private now(): number {
    return (this.d.now ?? Date.now)();
  }

  private due(t: Task): number {
    const ref = t.poll.lastAt ?? t.createdAt;
    const delay = nextPollDelay({
      ageMs: Math.max(0, ref - t.createdAt),
      baseMs: this.d.baseMs(),
      errors: t.poll.errors,
      retryAfterMs: t.poll.retryAfterMs,
      random: (this.d.random ?? Math.random)(),
      typicalMs: typicalOf(t.settings),
    });
    return ref + delay;
  }

  /**
   * Brings the schedule in line with the store: new active tasks get a time, finished ones and
   * those that need attention leave (unless the user asked for a check).
   */
  reconcile(): void {
    if (this.disposed) return;
    const auto = new Set<string>();
    const checkable = new Set<string>();
    for (const t of this.d.store.all()) {
      if (!isAtService(t)) continue;
      checkable.add(t.localId);
      if (!needsPolling(t)) continue;
      auto.add(t.localId);
      if (this.leading && !this.nextAt.has(t.localId) && !this.inFlight.has(t.localId)) this.nextAt.set(t.localId, this.due(t));
    }
    for (const id of this.manual) if (!checkable.has(id)) this.manual.delete(id);
    for (const id of this.nextAt.keys()) if (!this.manual.has(id) && (!auto.has(id) || !this.leading)) this.nextAt.delete(id);
    this.arm();
  }

  /** Checks now every task at the service (those needing attention too) whose last check is at least one base interval old. */
  refresh(): void {
    this.paused = false;
    const now = this.now();
    const base = this.d.baseMs();
    for (const t of this.d.store.all()) {
      if (!isAtService(t) || this.inFlight.has(t.localId)) continue;
      const earliest = (t.poll.lastAt ?? 0) + base;
      this.nextAt.set(t.localId, Math.max(now, earliest));
      this.manual.add(t.localId);
    }
    this.arm();
  }

  /** Checks one task (one needing attention too: Check Again) as soon as the minimum interval since its last check allows. */
  pollSoon(localId: string): void {
    const t = this.d.store.get(localId);
    if (!t || !isAtService(t) || this.inFlight.has(localId)) return;
    this.nextAt.set(localId, Math.max(this.now(), (t.poll.lastAt ?? 0) + this.d.baseMs()));
    this.manual.add(localId);
    this.arm();
  }

  /** This window leads (polls every active task) or follows (polls only what the user asks for). */
  setLeading(leading: boolean): void {
    if (this.leading === leading) return;
    this.leading = leading;
    this.reconcile();
  }

  /** After a key was set or settings changed. */
  resume(): void {
    this.paused = false;
    this.reconcile();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  private arm(): void {
    if (this.disposed || this.paused) return;
    // Every slot busy: a timer would fire, find nothing it may start and re-arm at once (a spin that
    // also asks for the key each time). The next finished check re-arms through reconcile().
    if (this.inFlight.size >= (this.d.maxInFlight ?? 4)) {
      this.clearTimer();
      return;
    }
    let soonest = Infinity;
    for (const at of this.nextAt.values()) soonest = Math.min(soonest, at);
    if (soonest === Infinity) {
      this.clearTimer();
      return;
    }
    if (this.timer && soonest >= this.timerAt) return;
    this.clearTimer();
    this.timerAt = soonest;
    const delay = Math.min(Math.max(0, soonest - this.now()), MAX_TIMER_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      void this.tick();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private async tick(): Promise<void> {
    if (this.disposed || this.paused) return;
    const now = this.now();
    const max = this.d.maxInFlight ?? 4;
    // Another window may have checked a task since its time was set: never ask again sooner than
    // a base interval after the last check, whoever made it.
    for (const [id, at] of this.nextAt) {
      const last = this.d.store.get(id)?.poll.lastAt;
      if (at <= now && last !== undefined && last + this.d.baseMs() > now) this.nextAt.set(id, last + this.d.baseMs());
    }
    const ready = [...this.nextAt.entries()].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1]);
    if (ready.length > 0) {
      let client: QueryClient | undefined;
      try {
        client = await this.d.getClient();
      } catch (e) {
        // Bad settings: say so once per tick in the log and try again a base interval later.
        this.d.log.warn(`polling skipped: ${(e as Error).message}`);
        for (const [id] of ready) this.nextAt.set(id, now + this.d.baseMs());
        this.arm();
        return;
      }
      if (!client) {
        this.paused = true;
        this.d.log.info('polling paused: no API key');
        return;
      }
      for (const [id] of ready) {
        if (this.inFlight.size >= max) break;
        this.nextAt.delete(id);
        const asked = this.manual.delete(id);
        this.inFlight.add(id);
        void this.pollOne(id, client, asked).finally(() => {
          this.inFlight.delete(id);
          this.reconcile();
        });
      }
    }
    this.arm();
  }

  /** One check; `asked`: the user asked for it, so a task that needs attention is checked too. */
  private async pollOne(localId: string, client: QueryClient, asked: boolean): Promise<void> {
    const t = this.d.store.get(localId);
    if (!t || !(asked ? isAtService(t) : needsPolling(t))) return;
    let updated: Task | undefined;
    try {
      const snap = await client.query(t.remoteId!);
      updated = await this.d.store.update(localId, (cur) => applySnapshot(cur, snap, this.now(), (id) => this.d.findModel?.(id)));
      if (updated && (updated.phase === 'completed' || updated.phase === 'failed') && t.phase !== updated.phase) {
        this.d.onFinal?.(updated);
      }
    } catch (e) {
      const err = e as Error;
      const retryAfterMs = e instanceof ApiError && e.status === 429 ? e.retryAfterMs : undefined;
      // Only answers in a row count: any other outcome (another status, no answer) breaks the row.
      const status = e instanceof ApiError && e.kind === 'http' ? e.status : undefined;
      const refusing = status !== undefined && REFUSING_STATUSES.includes(status);
      updated = await this.d.store.update(localId, (cur) => ({
        ...cur,
        poll: {
          errors: cur.poll.errors + 1,
          lastAt: this.now(),
          retryAfterMs,
          lastError: err.message,
          refused: refusing ? { status, count: (cur.poll.refused?.count ?? 0) + 1 } : undefined,
        },
      }));
    }
    const why = updated && attentionOf(updated);
    if (why && why !== attentionOf(t)) {
      const detail = why === 'refused' ? `HTTP ${updated!.poll.refused!.status} on ${REFUSED_CHECKS_LIMIT}+ checks in a row` : 'still running a day after it was created';
      this.d.log.warn(`task ${t.remoteId!} needs attention (${detail}): no longer checked automatically`);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.sub.dispose();
  }
}
