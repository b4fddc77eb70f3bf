// The polling lease (src/tasks/lease.ts): one window leads, a claim counts only once confirmed,
// a closing leader hands over, and a dead one is replaced when its lease runs out.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LEASE_KEY, LeaderLease } from '../../src/engine/lease';
import { MemoryLog } from '../../src/util/log';
import { MemoryMemento } from '../fixtures/memento';
import { waitFor } from '../helpers/wait';

const leases: LeaderLease[] = [];
afterEach(() => {
  for (const l of leases.splice(0)) l.dispose();
});
function lease(memento: MemoryMemento, id: string, over: { renewMs?: number; ttlMs?: number } = {}): LeaderLease {
  const l = new LeaderLease({ memento, log: new MemoryLog(), id, renewMs: 30, ttlMs: 150, ...over });
  leases.push(l);
  return l;
}

describe('LeaderLease', () => {
  test('a lone window claims, then leads only after confirming the claim', async () => {
    const m = new MemoryMemento();
    const a = lease(m, 'a');
    const events: boolean[] = [];
    a.onDidChange((v) => events.push(v));
    a.start();
    assert.equal(a.isLeader, false, 'not on the claim itself');
    await waitFor(() => a.isLeader, 'a to lead');
    assert.equal(m.get<{ owner: string }>(LEASE_KEY)?.owner, 'a');
    assert.deepEqual(events, [true]);
  });

  test('of several windows exactly one leads, and the others stay followers while it renews', async () => {
    const m = new MemoryMemento();
    const ls = ['a', 'b', 'c'].map((id) => lease(m, id));
    for (const l of ls) l.start();
    await waitFor(() => ls.filter((l) => l.isLeader).length === 1, 'one leader');
    const leader = ls.find((l) => l.isLeader)!;
    await new Promise((r) => setTimeout(r, 400)); // longer than the lease: it was renewed
    assert.deepEqual(ls.filter((l) => l.isLeader), [leader]);
  });

  test('dispose hands the lease over at once; a leader that stops renewing is replaced after the lease ends', async () => {
    const m = new MemoryMemento();
    const a = lease(m, 'a', { ttlMs: 10_000 });
    a.start();
    await waitFor(() => a.isLeader, 'a to lead');
    const b = lease(m, 'b', { ttlMs: 10_000 });
    b.start();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(b.isLeader, false);
    a.dispose();
    assert.equal(a.isLeader, false);
    await waitFor(() => b.isLeader, 'b to take over long before a 10 s lease would end', 2_000);

    // A window that dies without disposing: its lease simply runs out.
    const m2 = new MemoryMemento({ [LEASE_KEY]: { owner: 'dead', until: Date.now() + 200 } });
    const c = lease(m2, 'c');
    c.start();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(c.isLeader, false, 'the lease is still valid');
    await waitFor(() => c.isLeader, 'c to take over the expired lease', 2_000);
  });
});
