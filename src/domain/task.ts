// A task as the extension keeps it: from the draft written before the create request, through
// the service's statuses, to the saved file.
import type { AspectRatio, Model, Seconds } from './request';
import type { FieldValue } from './models/profile';

/**
 * submitting: the draft is stored and the create request is on its way.
 * unknown: the create request may have reached the service but no reply was understood.
 * active: the service has the task (queued, processing or an unknown status); it is polled,
 *   unless it needs attention (refused checks, or running far too long: lifecycle.ts).
 * completed / failed: final.
 * Whether a task still needs work (polling, a download) is decided in lifecycle.ts.
 */
export type Phase = (typeof PHASES)[number];

export const PHASES = ['submitting', 'unknown', 'active', 'completed', 'failed'] as const;
export const DOWNLOAD_STATES = ['pending', 'downloading', 'done', 'failed', 'expired'] as const;
/** `fields`: a tracked task of a model other than Sora, whose field values nobody reported. */
export const UNREPORTABLE = ['model', 'aspectRatio', 'seconds', 'createdAt', 'fields'] as const;

/** A Sora task, stored in the shape that predates the catalogue: every stored Sora task has it. */
export interface SoraTaskSettings {
  prompt: string;
  model: Model;
  aspectRatio: AspectRatio;
  seconds: Seconds;
  referenceImage?: string;
}

/**
 * A task of any other model: the values that were sent, by JSON key (the prompt apart), and what
 * the profile said about the model then, so the task still reads and paces itself after the model
 * left the catalogue (a custom model removed) and without loading the catalogue at activation.
 */
export interface ModelTaskSettings {
  prompt: string;
  model: string;
  family: string;
  familyLabel: string;
  fields: Record<string, FieldValue>;
  typicalMs: number;
}

export type TaskSettings = SoraTaskSettings | ModelTaskSettings;

export function isSoraSettings(s: TaskSettings): s is SoraTaskSettings {
  return !('fields' in s);
}

export interface DownloadInfo {
  state: (typeof DOWNLOAD_STATES)[number];
  path?: string;
  error?: string;
  attempts: number;
  nextAt?: number;
  /** When 'downloading' began; another window leaves a fresh one alone (see downloads.ts). */
  startedAt?: number;
}

export interface PollInfo {
  errors: number;
  lastAt?: number;
  retryAfterMs?: number;
  /** The last failed check, shown in the tooltip until a check succeeds. */
  lastError?: string;
  /**
   * Checks in a row the service answered 401, 403 or 404 (with the last of those statuses). Enough
   * of them and the task is no longer checked automatically (lifecycle.ts, attentionOf).
   */
  refused?: { status: number; count: number };
}

// Stored tasks are read by persistence/taskReader.ts, by hand rather than with zod: they are read at
// activation, where building zod's schemas alone cost about 30 ms (BENCHMARKS.md).
export interface Task {
  localId: string;
  remoteId?: string;
  phase: Phase;
  status: string;
  settings: TaskSettings;
  createdAt: number;
  updatedAt: number;
  videoUrl?: string;
  completedAt?: number;
  actualDuration?: number;
  amount?: number;
  /** Reported by some families (Seedance 2.0, Vidu) when a task finishes. */
  totalTokens?: number;
  error?: string;
  poll: PollInfo;
  download?: DownloadInfo;
  /**
   * Settings nobody reported yet: a task tracked by its id has placeholders there until the service
   * names them, and they are shown as unknown, never as facts.
   */
  unreported?: Array<(typeof UNREPORTABLE)[number]>;
  /** When the user was told that this unsaved video's link is about to expire (once per task). */
  linkWarnedAt?: number;
}

/** The phase for a state the service reported (TaskState in http/schemas.ts; domain imports nothing from http). */
export function phaseOf(state: string): Phase {
  return state === 'completed' ? 'completed' : state === 'failed' ? 'failed' : 'active';
}

/** What an active task's status holds when the service's word was one the extension knows (or before its first check). */
const KNOWN_ACTIVE = new Set(['queued', 'processing', 'tracking']);

/** The service's status word when the extension does not know it (shown as "unknown status: …"); the task is still checked. */
export function unknownStatus(task: Task): string | undefined {
  return task.phase === 'active' && !KNOWN_ACTIVE.has(task.status) ? task.status : undefined;
}
