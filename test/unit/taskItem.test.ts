// How a task looks in the tree (src/views/taskItem.ts), under the fake vscode module.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fake } from '../fixtures/vscode';
import { makeTask } from '../helpers/tasks';
import type { ThemeIcon } from '../fixtures/vscode';
import type { Task } from '../../src/domain/task';
import { REFUSED_CHECKS_LIMIT } from '../../src/domain/lifecycle';
import { STOP_POLLING_AFTER_MS } from '../../src/domain/schedule';

// After the fake above: importing it installs the vscode module this one needs.
import { TaskItem, taskTooltip } from '../../src/vscode/views/taskItem';
import { flatHead, oneLine, truncate } from '../../src/util/text';
import { relativeTime } from '../../src/vscode/views/when';
import { format, useTranslator } from '../../src/util/l10n';

/** The plain definition: flatten everything, then cut. */
function reference(s: string, max: number): string {
  const flat = s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A repeatable random source (an LCG from `seed`), and texts of up to `maxLength` units from `alphabet`. */
function randomTexts(alphabet: string[], seed: number) {
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const text = (maxLength: number) => {
    const len = Math.floor(next() * maxLength);
    let s = '';
    while (s.length < len) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  };
  return { next, text };
}

test('oneLine gives the same text as flattening the whole string', () => {
  const { next, text } = randomTexts(['a', 'b', ' ', '  ', '\n', '\t', '\u0001', '\u007f', '\u2028', '\u00a0', '好', 'xyz'], 7);
  for (let i = 0; i < 3000; i++) {
    let s = text(400);
    if (i % 7 === 0) s = ' '.repeat(Math.floor(next() * 300)) + s;
    for (const max of [1, 30, 60, 200]) assert.equal(oneLine(s, max), reference(s, max), JSON.stringify({ s, max }));
  }
});

test('a prompt flattened once for the accessible name cuts to the same label', () => {
  const { text } = randomTexts(['a', ' ', '  ', '\n', '\u2028', '\u00a0', '好', 'e\u0301', '😀', '🇨🇳'], 11);
  for (let i = 0; i < 2000; i++) {
    const s = text(900);
    const flat = flatHead(s, 200);
    for (const max of [1, 60, 120, 200]) assert.equal(truncate(flat, max), oneLine(s, max), JSON.stringify({ s, max }));
  }
  const task = makeTask({ settings: { prompt: `${'a  dolly\tshot '.repeat(40)}`, model: 'openAiSora2Pro', aspectRatio: '9:16', seconds: 12 } });
  const item = new TaskItem(task);
  assert.equal(item.label, oneLine(task.settings.prompt, 60));
  assert.ok(item.accessibilityInformation?.label.startsWith(`${oneLine(task.settings.prompt, 200)}, `));
});

test('the tooltip is built on hover, not for every item', () => {
  const task = makeTask({ phase: 'failed', status: 'failed', error: 'policy', settings: { prompt: 'a *bold* fox', model: 'openAiSora2Pro', aspectRatio: '9:16', seconds: 12 } });
  const item = new TaskItem(task);
  assert.equal(item.tooltip, undefined);
  assert.match(String(item.description), /^failed · Pro · 9:16 · 12s/);
  const md = taskTooltip(task) as unknown as { value: string };
  // VS Code escapes appended text: markup characters get a backslash, spaces become &nbsp;.
  assert.match(md.value, /a&nbsp;\\\*bold\\\*&nbsp;fox/);
  assert.match(md.value, /policy/);
});

test('older tasks show their date in VS Code\'s display language, not the process locale', () => {
  const now = Date.UTC(2026, 10, 25, 12);
  try {
    for (const language of ['de', 'zh-cn', 'en']) {
      fake.language = language;
      for (let h = 49; h < 24 * 400; h += 7) {
        const at = now - h * 3_600_000;
        assert.equal(relativeTime(at, now), new Date(at).toLocaleDateString(language), language);
      }
    }
    assert.notEqual(relativeTime(Date.UTC(2026, 0, 31), now), new Date(Date.UTC(2026, 0, 31)).toLocaleDateString('de'), 'the last language counts');
    fake.language = 'no such language!';
    assert.equal(relativeTime(Date.UTC(2026, 0, 31), now), new Date(Date.UTC(2026, 0, 31)).toLocaleDateString(), 'a tag Intl refuses falls back to the default');
  } finally {
    fake.language = 'en';
  }
  assert.equal(relativeTime(now - 10_000, now), 'just now');
});

test('dates made without Intl (English, Chinese) are the ones Intl makes, in any time zone and across DST changes', () => {
  const now = Date.UTC(2026, 10, 25, 12);
  const tz = process.env.TZ;
  try {
    for (const zone of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Australia/Lord_Howe', 'America/St_Johns']) {
      process.env.TZ = zone;
      for (const language of ['en', 'zh-cn']) {
        fake.language = language;
        const intl = new Intl.DateTimeFormat(language);
        for (let h = 49; h < 24 * 800; h += 5) {
          const at = now - h * 3_600_000 - 1_800_000;
          assert.equal(relativeTime(at, now), intl.format(at), `${zone} ${language} ${new Date(at).toISOString()}`);
        }
      }
    }
  } finally {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
    fake.language = 'en';
  }
});

test('a duration kept for a long list is translated again when the translator changes', () => {
  const task = makeTask({ settings: { prompt: 'fox', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 } });
  assert.match(String(new TaskItem(task).description), / · 8s · /);
  try {
    useTranslator((message, ...args) => format(message === '{0}s' ? '{0} 秒' : message, ...args));
    assert.match(String(new TaskItem(task).description), / · 8 秒 · /);
  } finally {
    useTranslator(format);
  }
  assert.match(String(new TaskItem(task).description), / · 8s · /);
});

describe('a task that needs attention, or takes long', () => {
  const running = (over: Partial<Task> = {}): Task => makeTask({ phase: 'active', status: 'processing', remoteId: 'sora_1', ...over });
  const refused = (status: number): Task => running({ poll: { errors: 3, lastAt: Date.now(), lastError: `Checking the task failed: HTTP ${status}`, refused: { status, count: REFUSED_CHECKS_LIMIT } } });
  const md = (task: Task): string => (taskTooltip(task) as unknown as { value: string }).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');

  test('refused checks: a warning icon, "needs attention" with the status, the reason and what to do, and Check Again in the menu', () => {
    for (const [status, advice] of [[401, /Set the API key, then Check Again/], [403, /Check the API key and what it may access/], [404, /sora\.queryPath/]] as const) {
      const task = refused(status);
      const item = new TaskItem(task);
      assert.match(String(item.description), new RegExp(`^needs attention · HTTP ${status} · Plus`));
      assert.equal((item.iconPath as ThemeIcon).id, 'warning');
      assert.match(item.contextValue ?? '', /\battention\b/);
      assert.match(md(task), new RegExp(`\\(HTTP ${status}\\) on ${REFUSED_CHECKS_LIMIT} checks in a row`));
      assert.match(md(task), advice);
      assert.match(item.accessibilityInformation?.label ?? '', /needs attention/);
    }
  });

  test('running for more than a day: needs attention, checked by hand only', () => {
    const createdAt = Date.now() - STOP_POLLING_AFTER_MS - 60_000;
    const task = running({ createdAt, poll: { errors: 0, lastAt: Date.now() } });
    const item = new TaskItem(task);
    assert.match(String(item.description), /^needs attention · running over 24 h · /);
    assert.match(item.contextValue ?? '', /\battention\b/);
    assert.match(md(task), /Still running more than 24 hours after it was created/);
  });

  test('past the usual time but still checked: a hint, no attention', () => {
    const task = running({ createdAt: Date.now() - 31 * 60_000, poll: { errors: 0, lastAt: Date.now() } });
    const item = new TaskItem(task);
    assert.match(String(item.description), /^processing · taking longer than usual · Plus/);
    assert.equal((item.iconPath as ThemeIcon).id, 'loading~spin');
    assert.doesNotMatch(item.contextValue ?? '', /attention/);
    assert.match(md(task), /Taking longer than usual/);
    const young = new TaskItem(running({ createdAt: Date.now() - 5 * 60_000 }));
    assert.match(String(young.description), /^processing · Plus/);
  });
});

describe('a narrow side bar (250 px) still tells the state', () => {
  const states: Array<[string, Task]> = [
    ['queued', makeTask({ status: 'queued', remoteId: 'sora_q' })],
    ['processing', makeTask({ status: 'processing', remoteId: 'sora_p' })],
    ['needs attention', makeTask({ status: 'processing', remoteId: 'sora_a', poll: { errors: 3, refused: { status: 401, count: REFUSED_CHECKS_LIMIT } } })],
    ['failed', makeTask({ phase: 'failed', status: 'failed', remoteId: 'sora_f' })],
    ['completed', makeTask({ phase: 'completed', status: 'completed', remoteId: 'sora_c', download: { state: 'done', attempts: 1, path: '/v/c.mp4' } })],
    ['sending', makeTask({ phase: 'submitting', status: 'submitting' })],
    ['outcome unknown', makeTask({ phase: 'unknown', status: 'outcome unknown' })],
    ['tracking', makeTask({ status: 'tracking', remoteId: 'sora_t' })],
    ['unknown status', makeTask({ status: 'moderating', remoteId: 'sora_u' })],
  ];

  test('queued, processing, needs attention, failed and completed each have their own icon', () => {
    const icon = (task: Task) => (new TaskItem(task).iconPath as ThemeIcon).id;
    const five = states.slice(0, 5).map(([, task]) => icon(task));
    assert.equal(new Set(five).size, 5, `icons: ${five.join(', ')}`);
    const all = states.map(([, task]) => icon(task));
    assert.equal(new Set(all).size, all.length, `every state its own shape: ${all.join(', ')}`);
  });

  test('the description starts with a short status word; the tooltip and accessible name have it in full', () => {
    for (const [word, task] of states) {
      const item = new TaskItem(task);
      const first = String(item.description).split(' · ')[0];
      assert.equal(first, word);
      assert.ok(first.length <= 16, `"${first}" is short`);
    }
    const unknown = new TaskItem(states.at(-1)![1]);
    assert.match(String(unknown.description), /^unknown status · moderating · Plus/);
    assert.match(unknown.accessibilityInformation?.label ?? '', /, unknown status: moderating$/);
  });

  test('a completed task whose video is not saved says why after the status', () => {
    const done = (download: Task['download']) => String(new TaskItem(makeTask({ phase: 'completed', status: 'completed', remoteId: 'sora_d', videoUrl: 'https://v/x.mp4', download })).description);
    assert.match(done({ state: 'downloading', attempts: 1, startedAt: Date.now() }), /^completed · saving · /);
    assert.match(done({ state: 'expired', attempts: 1 }), /^completed · link expired · /);
    assert.match(done({ state: 'failed', attempts: 5 }), /^completed · not saved · /);
    assert.match(done({ state: 'done', attempts: 1, path: '/v/x.mp4' }), /^completed · Plus · /);
    const refused = new TaskItem(states[2][1]);
    assert.match(refused.accessibilityInformation?.label ?? '', /, needs attention, HTTP 401$/, 'the accessible name has the hint too');
  });
});

describe('a task of another model', () => {
  const veo = (over: Partial<Task> = {}): Task =>
    makeTask({
      phase: 'completed',
      status: 'completed',
      remoteId: 'video_1',
      totalTokens: 108900,
      settings: {
        prompt: 'a lighthouse',
        model: 'veo_3_1_fast',
        family: 'veo',
        familyLabel: 'VEO 3.1',
        fields: { resolution: '1080p', aspect_ratio: '9:16', input_reference: ['https://img.example/a.png', 'https://img.example/b.png'], generateAudio: true },
        typicalMs: 240_000,
      },
      ...over,
    });
  const tooltip = (task: Task) => (taskTooltip(task) as unknown as { value: string }).value.replace(/&nbsp;/g, ' ').replace(/\\/g, '');

  test('the tree says its model and the ratio it was sent with', () => {
    assert.match(String(new TaskItem(veo()).description), /^completed · veo_3_1_fast · 9:16 · /);
  });

  test('the tooltip names the family, the model, every field sent and the tokens', () => {
    const text = tooltip(veo());
    for (const line of ['**Family**: VEO 3.1', '**Model**: veo_3_1_fast', '**Resolution**: 1080p', '**Aspect ratio**: 9:16', '**Reference images**: https://img.example/a.png https://img.example/b.png', '**Generate audio**: on', '**Tokens**: 108900']) {
      assert.ok(text.includes(line), `${line} in ${text}`);
    }
    assert.ok(!text.includes('Duration'), 'no Sora settings it never had');
  });

  test('a tracked task whose fields nobody reported says so', () => {
    const text = tooltip(veo({ unreported: ['fields'], settings: { ...(veo().settings as Extract<Task['settings'], { fields: unknown }>), fields: {} } }));
    assert.ok(text.includes('**Fields**: unknown'), text);
  });

  test('taking longer than usual is measured, and worded, by the model', () => {
    const running = veo({ phase: 'active', status: 'processing', createdAt: Date.now() - 30 * 60_000, totalTokens: undefined });
    assert.match(tooltip(running), /VEO 3\.1 videos usually take about 4 minutes/);
  });
});
