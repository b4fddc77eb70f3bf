// Fuzz: generated odd replies (test/fixtures/simulator/odd.ts: wrong types, nulls, numeric strings,
// ids as big JSON numbers, unknown status words, every wrapper and envelope, long and non-ASCII
// texts, the key echoed back) answer the real engine's creates and checks over HTTP. Properties:
// nothing throws; a reply naming a usable task id never leaves "outcome unknown" and keeps the id
// digit for digit; a check with an id and a status is applied; every task ends in a state a person
// can read, with a reason; the key is never stored. Seeded: SORA_FUZZ_SEED=<n> tries another seed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import type { OddReply, OddReplies } from '../fixtures/simulator/odd';
import { archiveFor } from '../fixtures/memento';
import { makeEngine, type EngineHarness } from '../helpers/engine';
import { waitFor } from '../helpers/wait';
import { clean } from '../../src/domain/errors';
import { unknownStatus, type Task } from '../../src/domain/task';
import type { VideoSettings } from '../../src/domain/request';
import { redact } from '../../src/util/log';

const SEED = Number(process.env.SORA_FUZZ_SEED ?? 20251028);
const KEY = 'sk-fuzz-Qm7Zr2Lp9Xc4Vb8N';
const CREATES = 700;
const QUERIES = 700;
const BATCH = 50;
const SETTINGS: VideoSettings = { prompt: 'a lighthouse in a storm', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 };

let sim: Simulator;
let odd: OddReplies;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown): void => void unhandled.push(e);

before(async () => {
  process.on('unhandledRejection', onUnhandled);
  sim = await startSimulator({ apiKey: KEY, odd: { seed: SEED } });
  odd = sim.odd!;
});
after(async () => {
  process.off('unhandledRejection', onUnhandled);
  await sim?.close();
});

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** Why a text shown to the user is not readable, or undefined. */
function unreadable(text: string | undefined, what: string): string | undefined {
  if (text === undefined || text.trim() === '') return `${what} is empty`;
  if (CONTROL.test(text)) return `${what} has control characters: ${JSON.stringify(text.slice(0, 80))}`;
  if (/\[object Object\]|^(undefined|null)$/.test(text)) return `${what} is a raw value: ${text.slice(0, 80)}`;
  if (text.length > 1000) return `${what} is unbounded (${text.length} characters)`;
  return undefined;
}

/** Why a task is not in a state a person can read, with a reason, or undefined. */
function problemOf(t: Task, r: OddReply | undefined): string | undefined {
  switch (t.phase) {
    case 'submitting':
      return 'still "sending" after the request returned';
    case 'unknown':
      return unreadable(t.error, 'the reason of an unknown outcome');
    case 'completed':
      return /^https?:\/\//.test(t.videoUrl ?? '') ? undefined : `completed without an http(s) video URL: ${t.videoUrl}`;
    case 'failed':
      // The service may say "failed" and nothing more: then that word is all there is to show.
      if (t.error === undefined && r?.statusKind === 'failed' && !r.errorText) return undefined;
      return unreadable(t.error, 'the reason of a failure');
    case 'active':
      return unreadable(t.status, 'the status') ?? (t.poll.errors > 0 ? unreadable(t.poll.lastError, 'the last check error') : undefined);
  }
}

/** The key in anything stored: the global state as written, every time, and the archive log. */
function keyStored(h: EngineHarness): string | undefined {
  const write = h.memento.writes.find((w) => w.json.includes(KEY));
  if (write) return `global state: ${write.json.slice(Math.max(0, write.json.indexOf(KEY) - 80), write.json.indexOf(KEY) + 40)}`;
  const line = archiveFor(h.memento).book.lines.find((l) => l.includes(KEY));
  return line === undefined ? undefined : `archive: ${line.slice(0, 200)}`;
}

const describeReply = (r: OddReply): string => `HTTP ${r.status} [${r.tags.join(', ')}] ${r.body.slice(0, 160)}`;

function count(counts: Map<string, number>, ...keys: string[]): void {
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
}

// No odd reply is slow: a request that times out here is the machine's load (CI runs on 2 shared
// cores), which the harness's 5 s would turn into a missing request, not the replies under test.
const FUZZ_TIMEOUT_MS = 30_000;

test(`create: ${CREATES} odd replies (seed ${SEED})`, { timeout: 60_000 }, async () => {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (let start = 0; start < CREATES; start += BATCH) {
    // No polling here: each created task is looked at as the create left it.
    const h = makeEngine({ baseUrl: sim.url, apiKey: KEY, settings: { autoDownload: false, pollBaseMs: 3_600_000, timeoutMs: FUZZ_TIMEOUT_MS } });
    try {
      for (let i = start; i < Math.min(CREATES, start + BATCH); i++) {
        const first = odd.created.length;
        let outcome: Awaited<ReturnType<typeof h.engine.submit>>;
        try {
          outcome = await h.engine.submit(SETTINGS);
        } catch (e) {
          problems.push(`#${i}: submit threw ${String(e)}`);
          continue;
        }
        const replies = odd.created.slice(first);
        if (replies.length !== 1) {
          problems.push(`#${i}: ${replies.length} create requests for one submit`);
          continue;
        }
        const r = replies[0];
        const fail = (why: string): void => void problems.push(`#${i} ${outcome.kind}: ${why}\n    reply: ${describeReply(r)}`);
        count(seen, outcome.kind, ...r.tags, ...(r.echoesKey ? ['key echoed'] : []), ...(r.id !== undefined ? ['id recoverable'] : []));
        if (r.id !== undefined) {
          if (outcome.kind !== 'created' && outcome.kind !== 'rejected') fail(`a reply naming task "${r.id.slice(0, 60)}" ended as ${outcome.kind}: ${'message' in outcome ? outcome.message : ''}`);
          else if (outcome.task.remoteId !== r.id) fail(`the id became "${outcome.task.remoteId?.slice(0, 60)}", not "${r.id.slice(0, 60)}"`);
          else if (r.tags.includes('big id')) count(seen, 'big id kept');
        }
        if (r.envelope !== undefined) {
          const words = clean(redact(r.envelope)).slice(0, 40);
          if (outcome.kind !== 'notSent') fail('an error envelope was not reported as a refusal');
          else if (!outcome.message.includes(words)) fail(`the service's words are missing from "${outcome.message.slice(0, 200)}"`);
        }
        if ('message' in outcome) {
          const bad = unreadable(outcome.message, 'the message');
          if (bad) fail(bad);
          if (outcome.message.includes(KEY)) fail('the message holds the key');
        }
        if (outcome.kind === 'noKey') {
          fail('no key?');
          continue;
        }
        if (outcome.kind === 'notSent') continue;
        const stored = h.store.get(outcome.task.localId);
        if (!stored) fail('the task is not in the list');
        else {
          const bad = problemOf(stored, r);
          if (bad) fail(bad);
        }
      }
      const leak = keyStored(h);
      if (leak) problems.push(`batch ${start}: the key was stored: ${leak}`);
    } finally {
      h.dispose();
    }
  }
  if (process.env.SORA_FUZZ_VERBOSE) console.log(JSON.stringify([...seen]));
  assert.deepEqual(problems.slice(0, 15), [], `${problems.length} problems; seen ${JSON.stringify([...seen])}`);
  // The run covered what it claims to (otherwise the properties above held vacuously).
  for (const [what, least] of [
    ['id recoverable', 250], ['created', 150], ['rejected', 40], ['unknown', 100], ['notSent', 40], ['envelope', 40], ['broken', 20],
    ['big id kept', 25], ['long id', 10], ['wrapped', 150], ['status unknown', 50], ['status unreadable', 50], ['key echoed', 80],
  ] as const) {
    assert.ok((seen.get(what) ?? 0) >= least, `at least ${least} × ${what}: ${JSON.stringify([...seen])}`);
  }
});

test(`query: ${QUERIES} odd replies (seed ${SEED})`, { timeout: 60_000 }, async () => {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (let start = 0; start < QUERIES; start += BATCH) {
    const h = makeEngine({ baseUrl: sim.url, apiKey: KEY, settings: { autoDownload: false, pollBaseMs: 1, timeoutMs: FUZZ_TIMEOUT_MS } });
    try {
      const tasks: Task[] = [];
      for (let i = start; i < Math.min(QUERIES, start + BATCH); i++) tasks.push(await h.engine.track(`fz-${SEED}-${i}`));
      await waitFor(() => tasks.every((t) => h.store.get(t.localId)?.poll.lastAt !== undefined), 'every task checked once', 30_000);
      for (const [k, task] of tasks.entries()) {
        const r = odd.forId(task.remoteId!);
        const t = h.store.get(task.localId);
        if (!r || !t) {
          problems.push(`#${start + k}: ${r ? 'the task left the list' : 'never queried'}`);
          continue;
        }
        const fail = (why: string): void => void problems.push(`#${start + k} ${t.phase}/${t.status}: ${why}\n    reply: ${describeReply(r)}`);
        const accepted = r.tags.includes('task') && r.id !== undefined && r.statusKind !== 'unreadable';
        count(seen, accepted ? 'accepted' : 'refused', t.phase, ...r.tags, ...(r.echoesKey ? ['key echoed'] : []));
        if (!accepted) {
          if (t.poll.errors === 0) fail('a reply without a usable id and status was applied');
        } else if (t.poll.errors !== 0 || t.poll.lastError !== undefined) {
          fail(`a reply with an id and a status was not applied: ${t.poll.lastError}`);
        } else if (r.statusKind === 'unknown') {
          if (r.errorText && t.phase !== 'failed') fail('an unknown status with an error is not final');
          if (!r.errorText && (t.phase !== 'active' || unknownStatus(t) === undefined)) fail('an unknown status without an error does not read as one');
          count(seen, r.errorText ? 'unknown with error' : 'unknown without error');
        } else if (r.statusKind === 'failed' && t.phase !== 'failed') {
          fail('a failure word did not fail the task');
        } else if (r.statusKind === 'open' && (t.phase !== 'active' || unknownStatus(t) !== undefined)) {
          fail('an open status word did not keep the task open');
        } else if (r.statusKind === 'completed' && t.phase !== 'completed' && t.phase !== 'failed') {
          fail('a completed word left the task open');
        }
        const bad = problemOf(t, r);
        if (bad) fail(bad);
      }
      const leak = keyStored(h);
      if (leak) problems.push(`batch ${start}: the key was stored: ${leak}`);
    } finally {
      h.dispose();
    }
  }
  if (process.env.SORA_FUZZ_VERBOSE) console.log(JSON.stringify([...seen]));
  assert.deepEqual(problems.slice(0, 15), [], `${problems.length} problems; seen ${JSON.stringify([...seen])}`);
  for (const [what, least] of [
    ['accepted', 300], ['refused', 150], ['failed', 80], ['completed', 20], ['active', 250], ['unknown with error', 20],
    ['unknown without error', 30], ['envelope', 30], ['wrapped', 150], ['key echoed', 80],
  ] as const) {
    assert.ok((seen.get(what) ?? 0) >= least, `at least ${least} × ${what}: ${JSON.stringify([...seen])}`);
  }
});

test('nothing threw where no one was waiting', () => {
  assert.deepEqual(unhandled.map(String), []);
});
