// The Show Spending page (src/vscode/spending/spendingHtml.ts): no script and only its own nonce'd
// style (no inline style attributes, which the CSP would block), tables with every number for screen
// readers, bars hidden from them, tokens never shown as money, and every text inert.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spending } from '../../src/domain/spending';
import { spendingCsp, spendingHtml, type SpendingPage, type SpendingWords } from '../../src/vscode/spending/spendingHtml';
import { makeTask } from '../helpers/tasks';

const words: SpendingWords = {
  title: 'Sora Spending',
  note: 'note',
  thisMonth: 'This month',
  total: 'All tasks',
  byDay: 'Per day',
  byMonth: 'Per month',
  byModel: 'Per model',
  day: 'Day',
  month: 'Month',
  model: 'Model',
  cost: 'Cost',
  tokens: 'Tokens',
  tasks: 'Tasks',
  nothing: 'Nothing reported yet.',
};
const now = new Date(2026, 11, 4, 12).getTime();
const page = (tasks = [makeTask({ phase: 'completed', completedAt: now - 1000, amount: 0.8 })], over: Partial<SpendingPage> = {}): string =>
  spendingHtml({ lang: 'en', nonce: 'Tm9uY2Uw', words, spending: spending(tasks, now), modelLabel: (id) => id, dayLabel: (k) => k, monthLabel: (k) => k, ...over });

test('the CSP allows nothing but the nonced style; the page has no script and no style attribute', () => {
  assert.equal(spendingCsp('n1'), "default-src 'none'; style-src 'nonce-n1'");
  const html = page();
  assert.match(html, /content="default-src 'none'; style-src 'nonce-Tm9uY2Uw'"/);
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /\sstyle="/);
  assert.doesNotMatch(html, /\son\w+=/i);
});

test('the totals, and a table per chart with the numbers; the bars are hidden from screen readers', () => {
  const html = page([
    makeTask({ phase: 'completed', completedAt: now - 1000, amount: 0.8 }),
    makeTask({ phase: 'completed', completedAt: now - 86_400_000 * 40, amount: 1.2, settings: { prompt: 'p', model: 'openAiSora2Pro', aspectRatio: '16:9', seconds: 12 } }),
  ]);
  assert.match(html, /<dd id="this-month">0\.80<\/dd>/);
  assert.match(html, /<dd id="total">2\.00<\/dd>/);
  assert.equal((html.match(/<div class="bar /g) ?? []).length, 30);
  for (const id of ['by-day', 'by-month', 'by-model']) {
    assert.match(html, new RegExp(`<table id="${id}-table"><caption>`), id);
    assert.match(html, new RegExp(`id="${id}-bars" aria-hidden="true"`), id);
  }
  assert.match(html, /<th scope="row">openAiSora2Pro<\/th><td class="n">1\.20<\/td><td class="n">1<\/td>/);
  // The costliest day's bar is full height, the others in proportion; each size is a class of the sheet.
  assert.match(html, /class="bar h100"/);
  assert.match(html, /\.chart \.bar\.h100 \{ height: 100%; \}/);
  assert.match(html, /class="fill w67"/);
  assert.match(html, /\.rows \.fill\.w67 \{ width: 67%; \}/);
});

test('tokens are a column and a sum of their own, never money', () => {
  const seedance = { prompt: 's', model: 'doubao-seedance-2-0', family: 'seedance2', familyLabel: 'Seedance 2.0', fields: {}, typicalMs: 1 };
  const html = page([makeTask({ phase: 'completed', completedAt: now - 1000, totalTokens: 5000, settings: seedance })]);
  assert.match(html, /<dd id="this-month">5000 tokens<\/dd>/);
  assert.match(html, /<th scope="col" class="n">Tokens<\/th>/);
  assert.match(html, /<th scope="row">doubao-seedance-2-0<\/th><td class="n">0\.00<\/td><td class="n">5000<\/td>/);
  // With no money at all, the bars measure tokens.
  assert.match(html, /class="bar h100"/);
});

test('with nothing reported the page says so, without empty charts', () => {
  const html = page([makeTask()]);
  assert.match(html, /<p id="nothing">Nothing reported yet\.<\/p>/);
  assert.doesNotMatch(html, /<table/);
  assert.match(html, /<dd id="this-month">0\.00<\/dd>/);
});

test('a model id or label from the service or the settings is inert text', () => {
  const evil = `<img src=x onerror=alert(1)>"'&`;
  const html = page([makeTask({ phase: 'completed', completedAt: now - 1000, amount: 1, settings: { prompt: 'p', model: evil, family: 'x', familyLabel: 'x', fields: {}, typicalMs: 1 } })]);
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;&quot;&#39;&amp;/);
});
