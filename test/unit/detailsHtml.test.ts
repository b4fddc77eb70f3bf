// The task details page (src/vscode/preview/detailsHtml.ts): no script can run, nothing loads but
// its own style, and every text from the prompt or the service is inert.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detailsCsp, taskDetailsHtml, type DetailsPage } from '../../src/vscode/preview/detailsHtml';

const EVIL = `<img src=x onerror=alert(1)><script>alert("x")</script>&'"`;
const page = (over: Partial<DetailsPage> = {}): DetailsPage => ({
  lang: 'en',
  nonce: 'Tm9uY2Uw',
  title: 'A fox',
  status: 'This task failed.',
  reasonLabel: 'Reason',
  reason: 'content policy violation',
  promptLabel: 'Prompt',
  prompt: 'A fox in the snow',
  settingsLabel: 'Settings that were sent',
  settings: [
    { label: 'Model', value: 'openAiSora2Pro' },
    { label: 'Task id', value: 'sora_abc', code: true },
    { label: 'Cost', value: '' },
  ],
  actionsLabel: 'What you can do',
  actions: [
    { label: 'Create Again…', href: 'command:sora.createAgain?%5B%22id%22%5D', hint: 'Opens the composer' },
    { label: 'Retry Now', href: 'command:sora.retryNow?%5B%22id%22%5D', hint: 'A new paid task' },
  ],
  ...over,
});

test('the CSP allows no script and nothing to load, only the nonce for style', () => {
  assert.equal(detailsCsp('abc'), "default-src 'none'; style-src 'nonce-abc'");
  const html = taskDetailsHtml(page());
  assert.ok(html.includes(`content="${detailsCsp('Tm9uY2Uw')}"`));
  assert.ok(!/<script/i.test(html), 'no script element');
  assert.match(html, /<style nonce="Tm9uY2Uw">/);
});

test('the reason, the settings that were sent and each action with what it does', () => {
  const html = taskDetailsHtml(page());
  assert.match(html, /<h2>Reason<\/h2>\n<p class="reason" id="reason">content policy violation<\/p>/);
  assert.match(html, /<dt>Model<\/dt><dd>openAiSora2Pro<\/dd>/);
  assert.match(html, /<dt>Task id<\/dt><dd><code>sora_abc<\/code><\/dd>/);
  assert.ok(!html.includes('<dt>Cost</dt>'), 'empty settings are left out');
  assert.match(html, /<li><a href="command:sora\.createAgain\?%5B%22id%22%5D" title="Create Again…">Create Again…<\/a><span class="hint">Opens the composer<\/span><\/li>/);
  assert.match(html, /<a href="command:sora\.retryNow\?%5B%22id%22%5D" title="Retry Now">Retry Now<\/a>/);
  assert.match(html, /<p class="prompt" id="prompt">A fox in the snow<\/p>/);
});

test('no reason, no reason section', () => {
  assert.ok(!taskDetailsHtml(page({ reason: '' })).includes('id="reason"'));
});

test('every text is escaped; a signed link in the reason or the reference loses its query', () => {
  const html = taskDetailsHtml(
    page({
      title: EVIL,
      status: EVIL,
      reason: `${EVIL} fetching https://cdn.example/ref.png?X-Amz-Signature=SECRETSIG failed`,
      prompt: EVIL,
      settings: [{ label: EVIL, value: `https://img.example/a.png?token=SECRETTOKEN` }],
      actions: [{ label: EVIL, href: `command:x?"><script>`, hint: EVIL }],
      lang: 'en"><script>',
    }),
  );
  assert.ok(!/<script/i.test(html), 'no script element got through');
  assert.ok(!/<img/i.test(html), 'no element from the text');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(!html.includes('SECRETSIG') && !html.includes('SECRETTOKEN'), 'signed queries are hidden');
  assert.match(html, /<html lang="enscript">/);
});
