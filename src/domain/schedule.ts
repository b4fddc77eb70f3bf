// When to ask about a task next. Generation takes minutes, so early polls are wasted: the first one
// waits for the shortest plausible run, then a steady pace; errors back off with jitter.
// Everything scales with the user's base interval, and no wait is ever shorter than it.
import { SORA } from './models/sora';
import { isSoraSettings, type TaskSettings } from './task';

export interface ScheduleInput {
  /** ms since the task was created. */
  ageMs: number;
  /** sora.pollIntervalSeconds in ms. */
  baseMs: number;
  /** Consecutive failed polls. */
  errors: number;
  retryAfterMs?: number;
  /** 0..1 */
  random: number;
  /** The model's typical run (typicalOf); Sora's when absent. */
  typicalMs?: number;
}

/** Sora's usual run, which the factors below were tuned for; other models scale from it. */
export const SORA_TYPICAL_MS = SORA.typicalMinutes * 60_000;

/** With the default 15 s and Sora's 5 minutes: first poll 2 min after creation, then every 30 s. */
export const FIRST_POLL_FACTOR = 8;
export const STEADY_FACTOR = 2;
export const MAX_BACKOFF_MS = 10 * 60_000;

export function nextPollDelay(i: ScheduleInput): number {
  if (i.errors > 0) {
    const backoff = Math.min(i.baseMs * 2 ** Math.min(i.errors, 10), MAX_BACKOFF_MS) * (1 + 0.5 * i.random);
    return Math.max(backoff, i.retryAfterMs ?? 0, i.baseMs);
  }
  // A model that usually takes half as long as Sora is first asked about half as soon.
  const first = Math.max(i.baseMs, Math.round((FIRST_POLL_FACTOR * i.baseMs * (i.typicalMs ?? SORA_TYPICAL_MS)) / SORA_TYPICAL_MS));
  if (i.ageMs < first) return Math.max(first - i.ageMs, i.baseMs);
  return Math.max(STEADY_FACTOR * i.baseMs, i.retryAfterMs ?? 0);
}

/** How long a task's model usually takes: stored with the task, so the catalogue is not needed. */
export function typicalOf(s: TaskSettings): number {
  return isSoraSettings(s) ? SORA_TYPICAL_MS : s.typicalMs;
}

/** A task still running this many typical runs after it was created is taking longer than usual (Sora: 30 min). */
export const TAKING_LONG_FACTOR = 6;

export function takingLongMs(s: TaskSettings): number {
  return TAKING_LONG_FACTOR * typicalOf(s);
}

/**
 * A task a check finds still running this long after it was created is no longer checked
 * automatically (it needs attention, see lifecycle.ts); the user can still check it by hand.
 */
export const STOP_POLLING_AFTER_MS = 24 * 60 * 60_000;
