// Task state and the JSON shapes the service replies with. Status is derived
// from elapsed time rather than timers, so a task never needs cleaning up and
// tests can reason about it from its creation time alone.
import { randomBytes } from 'node:crypto';
import type { ReplyStyle } from './server';
import type { CreateRequest } from './validate';

export type Status = 'queued' | 'processing' | 'completed' | 'failed';

export interface Task {
  id: string;
  model: string;
  prompt: string;
  seconds: number;
  createdMs: number;
  queuedMs: number;
  processingMs: number;
  /** Terminal state once queued + processing time has passed. */
  outcome: 'completed' | 'failed';
  /** Set for failed outcomes. */
  error?: string;
  /** false for the `[nourl]` prompt: completed without a video URL. */
  hasUrl: boolean;
}

export const FAIL_MESSAGE = 'Content policy violation: the prompt was rejected';
/** Used when the request names neither `duration` nor `seconds` (OpenAI's default too). */
export const DEFAULT_SECONDS = 4;
const TRACE = { x_trace: 'abc' }; // unknown field on every reply: clients must ignore it

export class TaskStore {
  // Map keeps insertion order, which gives taskIds() "newest last" for free.
  private readonly tasks = new Map<string, Task>();

  constructor(
    private readonly queuedMs: number,
    private readonly processingMs: number,
    private readonly failMessage = FAIL_MESSAGE,
  ) {}

  create(req: CreateRequest, now = Date.now()): Task {
    const p = req.prompt;
    const rejected = p.includes('[reject]');
    const slow = p.includes('[slow]') ? 10 : 1;
    const customId = /\[id:([^\]]+)\]/.exec(p)?.[1];
    const failed = rejected || p.includes('[fail]');
    const task: Task = {
      id: rejected ? `task-failed-${hex()}` : customId ?? `sora_${hex()}`,
      model: req.model,
      prompt: p,
      seconds: req.seconds ?? DEFAULT_SECONDS,
      createdMs: now,
      queuedMs: rejected ? 0 : this.queuedMs * slow,
      processingMs: rejected ? 0 : this.processingMs * slow,
      outcome: failed ? 'failed' : 'completed',
      error: rejected ? 'policy rejected' : failed ? this.failMessage : undefined,
      hasUrl: !p.includes('[nourl]'),
    };
    // Reusing an `[id:...]` starts that task afresh and makes it the newest.
    this.tasks.delete(task.id);
    this.tasks.set(task.id, task);
    return task;
  }

  get(id: string): Task | undefined {
    return this.tasks.get(id);
  }

  ids(): string[] {
    return [...this.tasks.keys()];
  }
}

export function statusOf(task: Task, now = Date.now()): Status {
  const elapsed = now - task.createdMs;
  if (elapsed < task.queuedMs) return 'queued';
  if (elapsed < task.queuedMs + task.processingMs) return 'processing';
  return task.outcome;
}

export function videoUrl(origin: string, id: string): string {
  return `${origin}/files/${encodeURIComponent(id)}.mp4`;
}

export function createReply(task: Task, style: ReplyStyle): Record<string, unknown> {
  if (task.id.startsWith('task-failed-')) {
    // The documented "already terminal" create reply: deliberately sparse.
    return { id: task.id, status: cased('failed', style), error: task.error, ...TRACE };
  }
  return {
    id: task.id,
    object: 'video.generation',
    created: Math.floor(task.createdMs / 1000),
    model: task.model,
    status: cased('queued', style), // even with queuedMs 0: the service always accepts first
    ...TRACE,
  };
}

export function queryReply(task: Task, style: ReplyStyle, origin: string, now = Date.now()): Record<string, unknown> {
  const status = statusOf(task, now);
  const fields: Record<string, unknown> = {
    id: task.id,
    object: 'video.generation',
    created: Math.floor(task.createdMs / 1000),
    model: task.model,
    status: cased(status, style),
  };
  if (status === 'completed') {
    if (task.hasUrl) fields[style.urlField] = videoUrl(origin, task.id);
    fields.actualDuration = task.seconds;
    fields.amount = Math.round(task.seconds * 10) / 100;
  } else if (status === 'failed') {
    fields.error = style.errorAsObject ? { message: task.error } : task.error;
  }
  Object.assign(fields, TRACE);
  return style.wrapData ? { data: fields } : fields;
}

function cased(status: Status, style: ReplyStyle): string {
  return style.statusCase === 'upper' ? status.toUpperCase() : status;
}

function hex(): string {
  return randomBytes(6).toString('hex');
}
