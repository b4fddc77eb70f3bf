// With VS Code in Simplified Chinese, what the extension itself writes in the task list (labels,
// descriptions, tooltips, accessible names), the status bar, the notifications and the video
// preview is Chinese: no English status word, no English date. Only the Latin words the Chinese
// translations themselves use (API, HTTP, Sora…) and the test's own data may remain.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extensionContext, fake, resetFake, Uri, type MarkdownString, type TreeItem } from '../fixtures/vscode';
import { makeTask } from '../helpers/tasks';
import { openStore } from '../helpers/store';
import { MemoryMemento } from '../fixtures/memento';
import { format, useTranslator } from '../../src/util/l10n';
import type { SoraTaskSettings, Task } from '../../src/domain/task';
import { REFUSED_CHECKS_LIMIT } from '../../src/domain/lifecycle';
import { STOP_POLLING_AFTER_MS } from '../../src/domain/schedule';

// After the fake above: importing it installs the vscode module these need.
import { TaskItem, taskTooltip } from '../../src/vscode/views/taskItem';
import { registerStatusBar } from '../../src/vscode/views/statusBar';
import { notifyDownloadFailed, notifyFinal, notifyLinkExpiring } from '../../src/vscode/notifications';
import { showVideoPreview } from '../../src/vscode/preview/videoPanel';
import { composerStrings, modelOptions } from '../../src/vscode/composer/strings';

const zh = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
/** Latin words a Chinese translation itself uses (API, HTTP, URL, Sora…). */
const latinInChinese = new Set(Object.values(zh).flatMap((v) => v.match(/[A-Za-z]{2,}/g) ?? []));

/** Words that must never be left in English (the statuses and what the tree says around them). */
const ENGLISH_STATUS = /\b(queued|processing|completed|failed|unknown|needs attention|attention|running|sending|tracking|taking longer|just now|ago|outcome|expired|saving|saved|checking|status|settings|tasks?|min|[0-9]+ ?[sh])\b/i;

const HOUR = 3_600_000;
const now = Date.now();
const PROMPT = '雪中的红狐狸';
/** The test's own data (the prompt, ids, model names, the service's unknown status word, a path) and key names. */
const DATA = [PROMPT, 'sora_42', 'openAiSora2Plus', 'openAiSora2Pro', 'Plus', 'Pro', 'moderating', '/videos/fox.mp4', 'fox.mp4', 'https://img.example/ref.png', 'Ctrl+Enter', '⌘+Enter'];

const task = (over: Partial<Task>): Task => makeTask({ remoteId: 'sora_42', ...over, settings: { prompt: PROMPT, model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8, ...(over.settings as Partial<SoraTaskSettings>) } });
const refused = (status: number) => task({ poll: { errors: 3, lastAt: now, lastError: '查询失败', refused: { status, count: REFUSED_CHECKS_LIMIT } } });

/** One task in every state the list can show. */
const TASKS: Task[] = [
  task({ phase: 'submitting', status: 'submitting', remoteId: undefined }),
  task({ phase: 'unknown', status: 'outcome unknown', remoteId: undefined, error: '连接中断' }),
  task({ status: 'queued' }),
  task({ status: 'processing', createdAt: now - 5 * 60_000 }),
  task({ status: 'processing', createdAt: now - 40 * 60_000, poll: { errors: 0, lastAt: now } }),
  task({ status: 'tracking', unreported: ['model', 'aspectRatio', 'seconds', 'createdAt'] }),
  task({ status: 'tracking', unreported: ['aspectRatio', 'seconds'], createdAt: now - 3 * HOUR }),
  task({ status: 'moderating' }),
  refused(401),
  refused(403),
  refused(404),
  task({ status: 'processing', createdAt: now - STOP_POLLING_AFTER_MS - 60_000, poll: { errors: 0, lastAt: now } }),
  task({ phase: 'completed', status: 'completed', videoUrl: 'https://v.example/a.mp4', completedAt: now - HOUR, actualDuration: 8, amount: 0.4, download: { state: 'done', attempts: 1, path: '/videos/fox.mp4' } }),
  task({ phase: 'completed', status: 'completed', videoUrl: 'https://v.example/a.mp4', download: { state: 'downloading', attempts: 1, startedAt: now } }),
  task({ phase: 'completed', status: 'completed', videoUrl: 'https://v.example/a.mp4', download: { state: 'expired', attempts: 1, error: '链接已失效' } }),
  task({ phase: 'completed', status: 'completed', videoUrl: 'https://v.example/a.mp4', download: { state: 'failed', attempts: 5, error: '磁盘已满' } }),
  task({ phase: 'completed', status: 'completed', videoUrl: 'https://v.example/a.mp4', createdAt: now - 30 * 24 * HOUR }),
  task({ phase: 'failed', status: 'failed', error: '内容违规', createdAt: now - 3 * 24 * HOUR, settings: { prompt: PROMPT, model: 'openAiSora2Pro', aspectRatio: '9:16', seconds: 12, referenceImage: 'https://img.example/ref.png' } }),
];

/** What is left once the test's own data is taken out. */
function stripData(text: string): string {
  let out = text;
  for (const d of DATA) out = out.split(d).join(' ');
  return out;
}

function assertChinese(where: string, text: string): void {
  const left = stripData(text);
  assert.doesNotMatch(left, ENGLISH_STATUS, `${where}: an English word in ${JSON.stringify(text)}`);
  const english = (left.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !latinInChinese.has(w));
  assert.deepEqual(english, [], `${where}: English in ${JSON.stringify(text)}`);
}

const tooltipText = (md: MarkdownString): string => md.parts.map((p) => p.value).join('');
const html = (page: string): string =>
  page
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, ' ');

let context = extensionContext();
beforeEach(() => {
  useTranslator((message, ...args) => format(zh[message] ?? message, ...args));
  fake.language = 'zh-cn';
});
afterEach(() => {
  useTranslator(format);
  resetFake(context);
  context = extensionContext();
});

test('zh-cn: every tree item, tooltip and accessible name is Chinese', () => {
  for (const tk of TASKS) {
    const item = new TaskItem(tk) as unknown as TreeItem;
    const name = `${tk.phase}/${tk.status}/${tk.download?.state ?? ''}`;
    assertChinese(`${name} description`, String(item.description));
    assertChinese(`${name} accessible name`, item.accessibilityInformation?.label ?? '');
    assertChinese(`${name} tooltip`, tooltipText(taskTooltip(tk) as unknown as MarkdownString));
    if (item.command) assertChinese(`${name} command title`, item.command.title);
  }
});

test('zh-cn: dates follow the UI language, not the process locale', () => {
  const old = TASKS.at(-1)!;
  const item = new TaskItem(old);
  assert.match(String(item.description), new RegExp(`${new Intl.DateTimeFormat('zh-cn').format(old.createdAt).replace(/\//g, '\\/')}$`));
  const created = new Intl.DateTimeFormat('zh-cn', { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(old.createdAt);
  assert.ok(tooltipText(taskTooltip(old) as unknown as MarkdownString).includes(created), `the tooltip shows ${created}`);
});

test('zh-cn: the status bar text, tooltip and accessible name are Chinese', async () => {
  const store = openStore(new MemoryMemento());
  registerStatusBar(context as never, store);
  let checked = 0;
  for (const tk of TASKS) {
    await store.put(tk);
    // The item is made when there is first something to show.
    const item = fake.statusBarItems[0];
    if (!item?.visible) continue;
    checked++;
    // The $(icon) syntax is not text: VS Code draws it as an icon.
    assertChinese('status bar text', item.text.replace(/\$\([\w~-]+\)/g, ' '));
    assertChinese('status bar tooltip', item.tooltip);
    assertChinese('status bar accessible name', item.accessibilityInformation?.label ?? '');
  }
  assert.ok(checked > 0, 'the status bar showed for some of the tasks');
  store.dispose();
});

test('zh-cn: notifications and the video preview are Chinese', () => {
  const done = TASKS.find((tk) => tk.download?.state === 'done')!;
  notifyFinal(done);
  notifyFinal(TASKS.find((tk) => tk.phase === 'failed')!);
  notifyFinal({ ...TASKS.find((tk) => tk.phase === 'failed')!, error: undefined });
  notifyDownloadFailed(done, '磁盘已满');
  notifyLinkExpiring({ ...done, completedAt: now - 20 * HOUR });
  assert.equal(fake.messages.length, 5);
  for (const m of fake.messages) for (const text of [m.message, ...m.items]) assertChinese('notification', text);

  const panel = showVideoPreview(Uri.file('/ext') as never, done, '/videos/fox.mp4') as unknown as { webview: { html: string } };
  assert.match(panel.webview.html, /<html lang="zh-cn">/);
  assertChinese('video preview', html(panel.webview.html));
});

test('zh-cn: the composer\'s texts and model descriptions are Chinese', () => {
  for (const platform of ['darwin', 'linux'] as const) {
    for (const [key, text] of Object.entries(composerStrings(platform))) if (key !== 'referencePlaceholder') assertChinese(`composer ${key}`, text);
  }
  for (const m of modelOptions()) assertChinese(`model ${m.id}`, `${m.label} ${m.description}`);
});
