// sora.notifications: which finished tasks pop up a notification. Pure, so it is unit-tested.
export type NotifyLevel = 'all' | 'failures' | 'none';

/** An unknown value (a hand-edited settings.json) falls back to the default, `all`. */
export function notifyLevel(raw: unknown): NotifyLevel {
  if (raw === 'failures' || raw === 'none' || raw === 'all') return raw;
  // Tolerate a boolean, as earlier drafts of the setting were.
  if (raw === false) return 'none';
  return 'all';
}

/** A warning the user has to act on (a video about to be lost) shows at 'failures' too. */
export function shouldWarn(level: NotifyLevel): boolean {
  return level !== 'none';
}

export function shouldNotify(level: NotifyLevel, phase: 'completed' | 'failed'): boolean {
  return level === 'all' || (level === 'failures' && phase === 'failed');
}
