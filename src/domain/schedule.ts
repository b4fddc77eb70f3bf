// When to ask about a task next. Generation takes minutes, so early polls are wasted: the first one
// waits for the shortest plausible run, then a steady pace; errors back off with jitter.
// Everything scales with the user's base interval, and no wait is ever shorter than it.
import type { Model } from './request';

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
}

/** With the default 15 s: first poll 2 min after creation, then every 30 s. */
export const FIRST_POLL_FACTOR = 8;
export const STEADY_FACTOR = 2;
export const MAX_BACKOFF_MS = 10 * 60_000;

export function nextPollDelay(i: ScheduleInput): number {
  if (i.errors > 0) {
    const backoff = Math.min(i.baseMs * 2 ** Math.min(i.errors, 10), MAX_BACKOFF_MS) * (1 + 0.5 * i.random);
    return Math.max(backoff, i.retryAfterMs ?? 0, i.baseMs);
  }
  const first = FIRST_POLL_FACTOR * i.baseMs;
  if (i.ageMs < first) return Math.max(first - i.ageMs, i.baseMs);
  return Math.max(STEADY_FACTOR * i.baseMs, i.retryAfterMs ?? 0);
}

/**
 * Sora's documented run is a few minutes (2–8); a task still running this long after it was
 * created is shown as taking longer than usual. Per model, as other model families run longer.
 */
export const TAKING_LONG_MS: Record<Model, number> = {
  openAiSora2Plus: 30 * 60_000,
  openAiSora2Pro: 30 * 60_000,
};

/**
 * A task a check finds still running this long after it was created is no longer checked
 * automatically (it needs attention, see lifecycle.ts); the user can still check it by hand.
 */
export const STOP_POLLING_AFTER_MS = 24 * 60 * 60_000;
