// The hand-written stored-task reader (src/persistence/taskReader.ts) against the zod schema the
// store used before: both accept exactly the same values and keep exactly the same keys, over
// thousands of mutated tasks.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as z from 'zod';
import { ASPECT_RATIOS, MODELS, SECONDS } from '../../src/domain/request';
import { DOWNLOAD_STATES, PHASES, UNREPORTABLE, type Task } from '../../src/domain/task';
import { readTask } from '../../src/persistence/taskReader';
import { prng } from '../fixtures/prng';

const oracle = z.object({
  localId: z.string().min(1),
  remoteId: z.string().optional(),
  phase: z.enum(PHASES),
  status: z.string(),
  settings: z.union([
    z.object({
      prompt: z.string(),
      model: z.string(),
      family: z.string(),
      familyLabel: z.string(),
      fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])),
      typicalMs: z.number(),
    }),
    z.object({
      prompt: z.string(),
      model: z.enum(MODELS),
      aspectRatio: z.enum(ASPECT_RATIOS),
      seconds: z.union(SECONDS.map((s) => z.literal(s)) as [z.ZodLiteral<4>, z.ZodLiteral<8>, z.ZodLiteral<12>]),
      referenceImage: z.string().optional(),
    }),
  ]),
  createdAt: z.number(),
  updatedAt: z.number(),
  videoUrl: z.string().optional(),
  completedAt: z.number().optional(),
  actualDuration: z.number().optional(),
  amount: z.number().optional(),
  totalTokens: z.number().optional(),
  error: z.string().optional(),
  poll: z.object({
    errors: z.number().int().nonnegative(),
    lastAt: z.number().optional(),
    retryAfterMs: z.number().optional(),
    lastError: z.string().optional(),
    refused: z.object({ status: z.number().int(), count: z.number().int().positive() }).optional(),
  }),
  download: z
    .object({
      state: z.enum(DOWNLOAD_STATES),
      path: z.string().optional(),
      error: z.string().optional(),
      attempts: z.number().int().nonnegative(),
      nextAt: z.number().optional(),
      startedAt: z.number().optional(),
    })
    .optional(),
  unreported: z.array(z.enum(UNREPORTABLE)).optional(),
  linkWarnedAt: z.number().optional(),
});

const full: Task = {
  localId: 'l1',
  remoteId: 'sora_1',
  phase: 'completed',
  status: 'completed',
  settings: { prompt: 'a harbour', model: 'openAiSora2Pro', aspectRatio: '9:16', seconds: 12, referenceImage: 'https://x/r.png' },
  createdAt: 1,
  updatedAt: 2,
  videoUrl: 'https://x/v.mp4',
  completedAt: 3,
  actualDuration: 12.5,
  amount: 0.4,
  totalTokens: 120,
  error: 'none',
  poll: { errors: 2, lastAt: 4, retryAfterMs: 5, lastError: 'e', refused: { status: 403, count: 1 } },
  download: { state: 'done', path: '/v.mp4', error: 'x', attempts: 1, nextAt: 6, startedAt: 7 },
  unreported: ['model', 'createdAt'],
  linkWarnedAt: 8,
};

/** A task of another model: the values sent, by JSON key. */
const veo: Task = {
  ...full,
  remoteId: 'video_1',
  settings: {
    prompt: 'a lighthouse',
    model: 'veo_3_1_fast',
    family: 'veo',
    familyLabel: 'VEO 3.1',
    fields: { aspect_ratio: '16:9', enhance_prompt: true, duration: 8, images: ['https://x/1.png', 'https://x/2.png'] },
    typicalMs: 240_000,
  },
  unreported: ['fields'],
};

const ODD = [undefined, null, '', 'x', 0, -1, 1.5, 2 ** 53, NaN, Infinity, true, [], {}, ['model'], 'queued', 'openAiSora2Plus', 8, '8', 'done', { status: 1, count: 0 }];

/** Every object path in a value, for picking what to mutate. */
function paths(v: unknown, at: string[] = []): string[][] {
  if (typeof v !== 'object' || v === null) return [at];
  return [at, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))];
}

function mutate(task: Task, rnd: () => number): unknown {
  const copy = structuredClone(task) as unknown as Record<string, unknown>;
  for (let n = 1 + Math.floor(rnd() * 3); n > 0; n--) {
    const all = paths(copy).filter((p) => p.length > 0);
    const p = all[Math.floor(rnd() * all.length)];
    let parent = copy;
    for (const k of p.slice(0, -1)) parent = parent[k] as Record<string, unknown>;
    const key = p[p.length - 1];
    const r = rnd();
    if (r < 0.2) delete parent[key];
    else if (r < 0.3) parent[`extra${Math.floor(rnd() * 9)}`] = 'dropped';
    else parent[key] = structuredClone(ODD[Math.floor(rnd() * ODD.length)]);
  }
  return rnd() < 0.02 ? ODD[Math.floor(rnd() * ODD.length)] : copy;
}

test('a full task and a minimal one read back unchanged', () => {
  assert.deepEqual(readTask(full), { task: full });
  assert.deepEqual(readTask(veo), { task: veo });
  const minimal: Task = { localId: 'm', phase: 'active', status: 'queued', settings: { prompt: '', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 4 }, createdAt: 0, updatedAt: 0, poll: { errors: 0 } };
  assert.deepEqual(readTask(minimal), { task: minimal });
});

test('an unreadable task names the first problem by its path', () => {
  const bad = { ...full, settings: { ...full.settings, model: 'sora-3' } };
  assert.deepEqual(readTask(bad), { problem: 'settings.model: expected one of openAiSora2Plus, openAiSora2Pro' });
  assert.deepEqual(readTask({ ...full, poll: { errors: -1 } }), { problem: 'poll.errors: expected an integer ≥ 0' });
  assert.deepEqual(readTask('x'), { problem: '(task): expected an object' });
  assert.deepEqual(readTask({ ...full, localId: '' }), { problem: 'localId: expected a non-empty string' });
  assert.deepEqual(readTask({ ...veo, settings: { ...veo.settings, fields: { duration: [8] } } }), { problem: 'settings.fields.duration.0: expected a string' });
  assert.deepEqual(readTask({ ...veo, settings: { ...veo.settings, typicalMs: '4' } }), { problem: 'settings.typicalMs: expected a finite number' });
  const proto = readTask(JSON.parse(JSON.stringify(veo).replace('"fields":{', '"fields":{"__proto__":["x"],')));
  assert.ok('task' in proto && Object.getPrototypeOf((proto.task.settings as { fields: object }).fields) === Object.prototype, 'a stored __proto__ key changes nothing');
});

test('accepts and keeps exactly what the zod schema does, over 5,000 mutated tasks of each shape', () => {
  for (const [start, seed] of [[full, 20261203], [veo, 20261204]] as const) agreesOver(start, seed);
});

function agreesOver(start: Task, seed: number): void {
  const rnd = prng(seed);
  let accepted = 0;
  for (let i = 0; i < 5_000; i++) {
    const value = mutate(start, rnd);
    const want = oracle.safeParse(value);
    const got = readTask(value);
    assert.equal('task' in got, want.success, `disagree on ${JSON.stringify(value)}: ${JSON.stringify(got)}`);
    if (want.success && 'task' in got) {
      accepted++;
      // zod keeps an optional key that is present as undefined; the stored values are JSON, which has none.
      assert.deepEqual(got.task, JSON.parse(JSON.stringify(want.data)), `kept keys differ for ${JSON.stringify(value)}`);
    }
  }
  // Both outcomes are exercised in quantity, or the comparison proves little.
  assert.ok(accepted > 500 && accepted < 4_500, `accepted ${accepted} of 5000`);
}
