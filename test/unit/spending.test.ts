// The spending sums: money and tokens apart, local days and months in any time zone, the budget
// decision at its edge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { budgetReached, dayKey, formatAmount, monthSpending, spending } from '../../src/domain/spending';
import type { Task } from '../../src/domain/task';
import { makeTask } from '../helpers/tasks';

function done(at: number, over: Partial<Task> = {}): Task {
  return makeTask({ phase: 'completed', status: 'completed', completedAt: at, updatedAt: at, ...over });
}

function withZone<T>(zone: string, fn: () => T): T {
  const tz = process.env.TZ;
  process.env.TZ = zone;
  try {
    return fn();
  } finally {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  }
}

const seedance = (prompt: string) => ({ prompt, model: 'doubao-seedance-2-0', family: 'seedance2', familyLabel: 'Seedance 2.0', fields: {}, typicalMs: 240_000 });

test('money and tokens are summed apart, per model, and tasks without a report are left out', () => {
  const now = new Date(2026, 11, 4, 12).getTime();
  const tasks = [
    done(now - 1000, { amount: 0.1 }),
    done(now - 2000, { amount: 0.2 }),
    done(now - 3000, { amount: 0.4, settings: { prompt: 'p', model: 'openAiSora2Pro', aspectRatio: '16:9', seconds: 4 } }),
    done(now - 4000, { totalTokens: 1200, settings: seedance('s') }),
    done(now - 5000, {}),
    makeTask({ phase: 'active' }),
  ];
  const s = spending(tasks, now);
  // 0.1 + 0.2 + 0.4 in binary is 0.7000000000000001.
  assert.equal(s.total.amount, 0.7);
  assert.equal(s.total.tokens, 1200);
  assert.equal(s.total.tasks, 4);
  assert.deepEqual(
    s.byModel.map((m) => [m.key, m.amount, m.tokens, m.tasks]),
    [
      ['openAiSora2Pro', 0.4, 0, 1],
      ['openAiSora2Plus', 0.3, 0, 2],
      ['doubao-seedance-2-0', 0, 1200, 1],
    ],
  );
  assert.deepEqual(s.thisMonth, { key: '2026-12', amount: 0.7, tokens: 1200, tasks: 4 });
  assert.deepEqual(monthSpending(tasks, now), s.thisMonth);
});

test('days are the last 30 local days, today last, and months are every month with a cost', () => {
  const now = new Date(2026, 2, 10, 9).getTime();
  const tasks = [
    done(new Date(2026, 2, 10, 1).getTime(), { amount: 1 }),
    done(new Date(2026, 2, 1, 23, 59).getTime(), { amount: 2 }),
    done(new Date(2026, 1, 9, 12).getTime(), { amount: 4 }), // 29 days before: the first of the 30
    done(new Date(2026, 1, 8, 12).getTime(), { amount: 8 }), // 30 days before: out of the days, in its month
    done(new Date(2025, 11, 31, 23).getTime(), { amount: 16 }),
  ];
  const s = spending(tasks, now);
  assert.equal(s.byDay.length, 30);
  assert.equal(s.byDay[0].key, '2026-02-09');
  assert.equal(s.byDay[0].amount, 4);
  assert.equal(s.byDay.at(-1)?.key, '2026-03-10');
  assert.equal(s.byDay.at(-1)?.amount, 1);
  assert.equal(s.byDay.find((d) => d.key === '2026-03-01')?.amount, 2);
  assert.equal(s.byDay.reduce((a, d) => a + d.amount, 0), 7);
  assert.deepEqual(
    s.byMonth.map((m) => [m.key, m.amount]),
    [
      ['2025-12', 16],
      ['2026-02', 12],
      ['2026-03', 3],
    ],
  );
  assert.equal(s.thisMonth.amount, 3);
});

test('a cost counts on the local day and month it was reported, in any time zone and across DST', () => {
  // 2026-03-31 23:30 UTC: still March in New York, already April in Kolkata and Chatham.
  const at = Date.UTC(2026, 2, 31, 23, 30);
  const cases: Array<[string, string, string]> = [
    ['UTC', '2026-03-31', '2026-03'],
    ['America/New_York', '2026-03-31', '2026-03'],
    ['Asia/Kolkata', '2026-04-01', '2026-04'],
    ['Pacific/Chatham', '2026-04-01', '2026-04'],
  ];
  for (const [zone, day, month] of cases) {
    withZone(zone, () => {
      assert.equal(dayKey(at), day, zone);
      const s = spending([done(at, { amount: 5 })], at + 60_000);
      assert.equal(s.byDay.at(-1)?.key, dayKey(at + 60_000), zone);
      assert.equal(s.byMonth[0].key, month, zone);
      // Thirty distinct consecutive days, even over a daylight-saving change (New York: 8 March).
      const days = s.byDay.map((d) => d.key);
      assert.equal(new Set(days).size, 30, zone);
      for (let i = 1; i < days.length; i++) {
        const [a, b] = [new Date(`${days[i - 1]}T12:00:00Z`), new Date(`${days[i]}T12:00:00Z`)];
        assert.equal(b.getTime() - a.getTime(), 86_400_000, `${zone}: ${days[i - 1]} then ${days[i]}`);
      }
      assert.equal(monthSpending([done(at, { amount: 5 })], at).amount, 5, zone);
    });
  }
});

test('the budget is reached at its value, not before; 0, negative and non-finite budgets are none', () => {
  const now = new Date(2026, 11, 20, 12).getTime();
  const lastMonth = done(new Date(2026, 10, 30, 12).getTime(), { amount: 100 });
  const tasks = [done(now - 1000, { amount: 2.5 }), done(now - 2000, { amount: 2.5, totalTokens: 99999 }), lastMonth];
  assert.deepEqual(budgetReached(tasks, 5, now), { spent: 5, budget: 5 });
  assert.deepEqual(budgetReached(tasks, 4, now), { spent: 5, budget: 4 });
  assert.equal(budgetReached(tasks, 5.01, now), undefined);
  for (const none of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(budgetReached(tasks, none, now), undefined, String(none));
  // Tokens are not money: a month of tokens alone never reaches a budget.
  assert.equal(budgetReached([done(now, { totalTokens: 10_000 })], 1, now), undefined);
  assert.equal(budgetReached([], 1, now), undefined);
});

test('amounts show two decimals, more only for amounts below a cent', () => {
  assert.equal(formatAmount(12.3), '12.30');
  assert.equal(formatAmount(0), '0.00');
  assert.equal(formatAmount(0.4), '0.40');
  assert.equal(formatAmount(0.004), '0.004');
  assert.equal(formatAmount(1234.567), '1234.57');
});
