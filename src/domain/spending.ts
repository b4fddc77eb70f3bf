// What the service reported a task cost, summed per day, per month and per model, and whether this
// month's sum has reached the user's budget. `amount` has no documented unit (docs/protocol.md), so
// it is a bare number here; `totalTokens` (Seedance 2.0, Vidu) is another unit and is summed apart,
// never added to the money. Days and months are the user's local calendar, as the tree's dates are.
import type { Task } from './task';
import { t } from '../util/l10n';

export interface SpendingSum {
  /** 'YYYY-MM-DD', 'YYYY-MM' or the model id. */
  key: string;
  amount: number;
  tokens: number;
  /** Tasks with a reported amount or token count in this sum. */
  tasks: number;
}

export interface Spending {
  total: SpendingSum;
  /** The last `days` days (today last), every day listed, with or without cost. */
  byDay: SpendingSum[];
  /** Every month with a reported cost, oldest first. */
  byMonth: SpendingSum[];
  /** Every model with a reported cost, the costliest first. */
  byModel: SpendingSum[];
  thisMonth: SpendingSum;
}

export const SPENDING_DAYS = 30;

const pad = (n: number): string => String(n).padStart(2, '0');

export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function monthKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

/** When the cost counts: the service reports it when the task finishes. */
function chargedAt(task: Task): number {
  return task.completedAt ?? task.updatedAt;
}

function reported(task: Task): boolean {
  return isCount(task.amount) || isCount(task.totalTokens);
}

function isCount(n: number | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

// Amounts like 0.1 and 0.2 do not add up exactly in binary: summed in millionths, so a month of
// tasks never shows 12.299999999.
export const AMOUNT_SCALE = 1_000_000;
const SCALE = AMOUNT_SCALE;

/** An amount rounded to millionths, so 3 × 0.1 reads 0.3. */
export const roundAmount = (n: number): number => Math.round(n * SCALE) / SCALE;

function add(sum: SpendingSum, task: Task): void {
  if (isCount(task.amount)) sum.amount = Math.round(sum.amount * SCALE + task.amount * SCALE) / SCALE;
  if (isCount(task.totalTokens)) sum.tokens += task.totalTokens;
  sum.tasks++;
}

const empty = (key: string): SpendingSum => ({ key, amount: 0, tokens: 0, tasks: 0 });

export function spending(tasks: readonly Task[], now: number, days = SPENDING_DAYS): Spending {
  const byDay = new Map<string, SpendingSum>();
  const today = new Date(now);
  for (let i = days - 1; i >= 0; i--) {
    // Calendar arithmetic, not 24 h steps: a daylight-saving day is 23 or 25 hours long.
    const key = dayKey(new Date(today.getFullYear(), today.getMonth(), today.getDate() - i, 12).getTime());
    byDay.set(key, empty(key));
  }
  const byMonth = new Map<string, SpendingSum>();
  const byModel = new Map<string, SpendingSum>();
  const total = empty('');
  const current = monthKey(now);
  const thisMonth = empty(current);
  for (const task of tasks) {
    if (!reported(task)) continue;
    const at = chargedAt(task);
    add(total, task);
    const day = byDay.get(dayKey(at));
    if (day) add(day, task);
    const month = monthKey(at);
    if (!byMonth.has(month)) byMonth.set(month, empty(month));
    add(byMonth.get(month)!, task);
    if (month === current) add(thisMonth, task);
    const model = task.settings.model;
    if (!byModel.has(model)) byModel.set(model, empty(model));
    add(byModel.get(model)!, task);
  }
  return {
    total,
    byDay: [...byDay.values()],
    byMonth: [...byMonth.values()].sort((a, b) => a.key.localeCompare(b.key)),
    byModel: [...byModel.values()].sort((a, b) => b.amount - a.amount || b.tokens - a.tokens || a.key.localeCompare(b.key)),
    thisMonth,
  };
}

/** The reported cost of this month (local calendar). */
export function monthSpending(tasks: readonly Task[], now: number): SpendingSum {
  const current = monthKey(now);
  const sum = empty(current);
  for (const task of tasks) if (reported(task) && monthKey(chargedAt(task)) === current) add(sum, task);
  return sum;
}

/** This month's reported cost when a budget is set (> 0) and the cost has reached it; else undefined. */
export function budgetReached(tasks: readonly Task[], budget: number, now: number): { spent: number; budget: number } | undefined {
  if (!(budget > 0) || !Number.isFinite(budget)) return undefined;
  const spent = monthSpending(tasks, now).amount;
  return spent >= budget ? { spent, budget } : undefined;
}

/**
 * An amount as the UI shows it: two decimals (a currency-like 12.30), more only for amounts smaller
 * than that shows. No symbol: the service names no currency.
 */
export function formatAmount(n: number): string {
  if (n !== 0 && Math.abs(n) < 0.01) return String(Number(n.toPrecision(2)));
  return n.toFixed(2);
}

/** A sum in words: "0.40", "1200 tokens", or both; tokens are never turned into money. */
export function costText(sum: Pick<SpendingSum, 'amount' | 'tokens'>): string {
  if (sum.tokens > 0 && sum.amount === 0) return t('{0} tokens', sum.tokens);
  if (sum.tokens > 0) return t('{0} and {1} tokens', formatAmount(sum.amount), sum.tokens);
  return formatAmount(sum.amount);
}
