// How a task looks in the tree (src/views/taskItem.ts), under the fake vscode module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../fixtures/vscode';
import { makeTask } from '../helpers/tasks';

// After the fake above: importing it installs the vscode module this one needs.
import { oneLine, relativeTime, TaskItem, taskTooltip } from '../../src/vscode/views/taskItem';

/** The plain definition: flatten everything, then cut. */
function reference(s: string, max: number): string {
  const flat = s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

test('oneLine gives the same text as flattening the whole string', () => {
  const alphabet = ['a', 'b', ' ', '  ', '\n', '\t', '\u0001', '\u007f', '\u2028', '\u00a0', '好', 'xyz'];
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 3000; i++) {
    const len = Math.floor(next() * 400);
    let s = '';
    while (s.length < len) s += alphabet[Math.floor(next() * alphabet.length)];
    if (i % 7 === 0) s = ' '.repeat(Math.floor(next() * 300)) + s;
    for (const max of [1, 30, 60, 200]) assert.equal(oneLine(s, max), reference(s, max), JSON.stringify({ s, max }));
  }
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

test('older tasks show their local date, as toLocaleDateString does', () => {
  const now = Date.UTC(2026, 10, 25, 12);
  for (let h = 49; h < 24 * 400; h += 7) {
    const at = now - h * 3_600_000;
    assert.equal(relativeTime(at, now), new Date(at).toLocaleDateString());
  }
  assert.equal(relativeTime(now - 10_000, now), 'just now');
});
