// Which window polls and downloads. Every VS Code window runs this extension over the same task
// list; if each polled, the traffic would grow with the number of windows. So the windows elect
// one through a lease in global state: the holder renews it, the others only follow the store, and
// when the holder closes (or dies and stops renewing) another one takes the lease over.
//
// Global state reaches the other windows late and without an event, and two windows can claim a
// free lease at the same moment. So a claim only counts once it is still ours a round later;
// rounds are jittered, so two claimants that both stepped back do not collide again.
import { randomUUID } from 'node:crypto';
import { Emitter } from '../util/emitter';
import type { MementoLike } from '../persistence/repository';
import type { Log } from '../util/log';
import { StateKeys } from '../domain/ids';

export const LEASE_KEY = StateKeys.lease;
export const RENEW_MS = 5_000;
export const LEASE_TTL_MS = 15_000;

interface LeaseValue {
  owner: string;
  until: number;
}

function readLease(raw: unknown): LeaseValue | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const { owner, until } = raw as Partial<LeaseValue>;
  return typeof owner === 'string' && typeof until === 'number' ? { owner, until } : undefined;
}

export interface LeaseOptions {
  memento: MementoLike;
  log: Log;
  /** This window; random by default. */
  id?: string;
  renewMs?: number;
  ttlMs?: number;
  random?: () => number;
}

export class LeaderLease {
  readonly id: string;
  private leading = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private started = false;
  private disposed = false;
  private readonly changed = new Emitter<boolean>();
  /** Fires with true when this window starts leading, false when it stops. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly o: LeaseOptions) {
    this.id = o.id ?? randomUUID();
  }

  get isLeader(): boolean {
    return this.leading;
  }

  private get renewMs(): number {
    return this.o.renewMs ?? RENEW_MS;
  }

  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    this.round();
  }

  private schedule(): void {
    if (this.disposed) return;
    const jitter = 0.8 + 0.4 * (this.o.random ?? Math.random)();
    this.timer = setTimeout(() => this.round(), this.renewMs * jitter);
  }

  private write(value: LeaseValue | undefined): void {
    Promise.resolve(this.o.memento.update(LEASE_KEY, value)).catch((e) => this.o.log.warn(`could not write the polling lease: ${String(e)}`));
  }

  private setLeading(v: boolean): void {
    if (this.leading === v) return;
    this.leading = v;
    this.o.log.info(v ? `this window now checks tasks and saves videos (${this.id.slice(0, 8)})` : `another window checks tasks now; this one follows (${this.id.slice(0, 8)})`);
    this.changed.fire(v);
  }

  /** One round: renew our lease, confirm a claim, step back for another owner, or claim a free lease. */
  private round(): void {
    if (this.disposed) return;
    const now = Date.now();
    const cur = readLease(this.o.memento.get(LEASE_KEY));
    const ttl = this.o.ttlMs ?? LEASE_TTL_MS;
    if (cur?.owner === this.id) {
      // Ours: renewed, and a claim made last round that no one overwrote is confirmed.
      this.write({ owner: this.id, until: now + ttl });
      this.setLeading(true);
    } else if (!cur || cur.until <= now) {
      this.setLeading(false);
      this.write({ owner: this.id, until: now + ttl });
    } else {
      this.setLeading(false);
    }
    this.schedule();
  }

  /** The window closes: hand the lease back so another takes over without waiting for it to expire. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    const cur = readLease(this.o.memento.get(LEASE_KEY));
    if (cur?.owner === this.id) this.write(undefined);
    // Quietly: the rest of the window is shutting down too (its log may be closed already).
    this.leading = false;
    this.changed.dispose();
  }
}
