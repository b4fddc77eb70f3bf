// When to ask about a task next (src/tasks/schedule.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FIRST_POLL_FACTOR, MAX_BACKOFF_MS, nextPollDelay, STEADY_FACTOR, type ScheduleInput } from '../../src/domain/schedule';

const BASE = 15_000;
const at = (over: Partial<ScheduleInput>): number => nextPollDelay({ ageMs: 0, baseMs: BASE, errors: 0, random: 0.5, ...over });
const RANDOMS = [0, 0.25, 0.5, 0.999, 1];

describe('nextPollDelay', () => {
  test('the first poll waits for the shortest plausible run (2 min with the default 15 s)', () => {
    assert.equal(at({ ageMs: 0 }), FIRST_POLL_FACTOR * BASE);
    assert.equal(at({ ageMs: 0 }), 120_000);
    assert.equal(at({ ageMs: 30_000 }), 90_000, 'counted from creation, not from now');
  });

  test('then a steady pace of twice the base', () => {
    assert.equal(at({ ageMs: FIRST_POLL_FACTOR * BASE }), STEADY_FACTOR * BASE);
    assert.equal(at({ ageMs: 10 * 60_000 }), 30_000);
  });

  test('never below the base interval, at any age, error count, randomness or Retry-After', () => {
    for (const baseMs of [1000, 15_000, 60_000, 600_000])
      for (const ageMs of [0, 1, baseMs * FIRST_POLL_FACTOR - 1, baseMs * FIRST_POLL_FACTOR, 3_600_000])
        for (const errors of [0, 1, 2, 5, 50])
          for (const random of RANDOMS)
            for (const retryAfterMs of [undefined, 0, 10, baseMs * 100]) {
              const d = nextPollDelay({ ageMs, baseMs, errors, random, retryAfterMs });
              assert.ok(d >= baseMs, JSON.stringify({ ageMs, baseMs, errors, random, retryAfterMs, d }));
            }
  });

  test('a task just before its first poll still waits a full base interval', () => {
    assert.equal(at({ ageMs: FIRST_POLL_FACTOR * BASE - 1 }), BASE);
  });

  test('errors back off exponentially, with jitter of up to +50 %', () => {
    const ageMs = 10 * 60_000;
    let previousMin = 0;
    for (let errors = 1; errors <= 5; errors++) {
      const min = nextPollDelay({ ageMs, baseMs: BASE, errors, random: 0 });
      const max = nextPollDelay({ ageMs, baseMs: BASE, errors, random: 1 });
      assert.equal(min, BASE * 2 ** errors, `errors ${errors}`);
      assert.equal(max, min * 1.5, `errors ${errors}`);
      assert.ok(min > previousMin, 'grows with each error');
      previousMin = min;
    }
    // Jitter spreads clients out: different randoms, different delays.
    assert.notEqual(at({ errors: 2, random: 0.1 }), at({ errors: 2, random: 0.9 }));
  });

  test('backoff is capped (plus its jitter), however many errors', () => {
    for (const errors of [8, 10, 11, 30, 1000])
      for (const random of RANDOMS) {
        const d = at({ errors, random });
        assert.ok(d <= MAX_BACKOFF_MS * 1.5, `errors ${errors}: ${d}`);
        assert.ok(d >= MAX_BACKOFF_MS, `errors ${errors}: ${d}`);
      }
  });

  test('Retry-After is honoured when longer than the backoff, ignored when shorter', () => {
    assert.equal(at({ errors: 1, random: 0, retryAfterMs: 5 * 60_000 }), 5 * 60_000);
    assert.equal(at({ errors: 1, random: 0, retryAfterMs: 1000 }), 2 * BASE);
    assert.equal(at({ ageMs: 3_600_000, errors: 0, retryAfterMs: 90_000 }), 90_000);
  });

  test('everything scales with the base interval', () => {
    assert.equal(nextPollDelay({ ageMs: 0, baseMs: 50, errors: 0, random: 0 }), 400);
    assert.equal(nextPollDelay({ ageMs: 400, baseMs: 50, errors: 0, random: 0 }), 100);
    assert.equal(nextPollDelay({ ageMs: 400, baseMs: 50, errors: 1, random: 0 }), 100);
    assert.equal(nextPollDelay({ ageMs: 400, baseMs: 50, errors: 3, random: 0 }), 400);
  });
});
