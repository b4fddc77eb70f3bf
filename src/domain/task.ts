// A task as the extension keeps it: from the draft written before the create request, through
// the service's statuses, to the saved file.
import * as z from 'zod';
import { ASPECT_RATIOS, MODELS, SECONDS } from './request';

/**
 * submitting: the draft is stored and the create request is on its way.
 * unknown: the create request may have reached the service but no reply was understood.
 * active: the service has the task (queued, processing or an unknown status); it is polled,
 *   unless it needs attention (refused checks, or running far too long: lifecycle.ts).
 * completed / failed: final.
 * Whether a task still needs work (polling, a download) is decided in lifecycle.ts.
 */
export type Phase = 'submitting' | 'unknown' | 'active' | 'completed' | 'failed';

const settingsSchema = z.object({
  prompt: z.string(),
  model: z.enum(MODELS),
  aspectRatio: z.enum(ASPECT_RATIOS),
  seconds: z.union(SECONDS.map((s) => z.literal(s)) as [z.ZodLiteral<4>, z.ZodLiteral<8>, z.ZodLiteral<12>]),
  referenceImage: z.string().optional(),
});

const downloadSchema = z.object({
  state: z.enum(['pending', 'downloading', 'done', 'failed', 'expired']),
  path: z.string().optional(),
  error: z.string().optional(),
  attempts: z.number().int().nonnegative(),
  nextAt: z.number().optional(),
  /** When 'downloading' began; another window leaves a fresh one alone (see downloads.ts). */
  startedAt: z.number().optional(),
});

export const taskSchema = z.object({
  localId: z.string().min(1),
  remoteId: z.string().optional(),
  phase: z.enum(['submitting', 'unknown', 'active', 'completed', 'failed']),
  status: z.string(),
  settings: settingsSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
  videoUrl: z.string().optional(),
  completedAt: z.number().optional(),
  actualDuration: z.number().optional(),
  amount: z.number().optional(),
  error: z.string().optional(),
  poll: z.object({
    errors: z.number().int().nonnegative(),
    lastAt: z.number().optional(),
    retryAfterMs: z.number().optional(),
    /** The last failed check, shown in the tooltip until a check succeeds. */
    lastError: z.string().optional(),
    /**
     * Checks in a row the service answered 401, 403 or 404 (with the last of those statuses). Enough
     * of them and the task is no longer checked automatically (lifecycle.ts, attentionOf).
     */
    refused: z.object({ status: z.number().int(), count: z.number().int().positive() }).optional(),
  }),
  download: downloadSchema.optional(),
  /**
   * Settings nobody reported yet: a task tracked by its id has placeholders there until the service
   * names them, and they are shown as unknown, never as facts.
   */
  unreported: z.array(z.enum(['model', 'aspectRatio', 'seconds', 'createdAt'])).optional(),
  /** When the user was told that this unsaved video's link is about to expire (once per task). */
  linkWarnedAt: z.number().optional(),
});

export type Task = z.infer<typeof taskSchema>;
export type DownloadInfo = z.infer<typeof downloadSchema>;

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
