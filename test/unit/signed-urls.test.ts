// A signed video URL is a credential until it expires: its query never reaches a message, a
// tooltip, the preview page or the log. Copy/Open Video URL still use the whole URL
// (test/integration/secrets.test.ts).
import { fake, type MarkdownString } from '../fixtures/vscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hideUrlQueries, MemoryLog, redactingLog, trimForLog } from '../../src/util/log';
import { taskTooltip } from '../../src/vscode/views/taskItem';
import { notifyDownloadFailed, notifyFinal } from '../../src/vscode/notifications';
import { videoPreviewHtml } from '../../src/vscode/preview/html';
import { makeTask } from '../helpers/tasks';

const SIGNED = 'https://cdn.example/v/abc.mp4?X-Amz-Signature=SIGSECRET&X-Amz-Expires=86400';
const SHOWN = 'https://cdn.example/v/abc.mp4?…';

test('hideUrlQueries keeps host and path, drops query and fragment, keeps the punctuation after the URL', () => {
  assert.equal(hideUrlQueries(`Downloading the video failed: HTTP 403 from ${SIGNED}.`), `Downloading the video failed: HTTP 403 from ${SHOWN}.`);
  assert.equal(hideUrlQueries(`from ${SIGNED}: Forbidden`), `from ${SHOWN}: Forbidden`);
  assert.equal(hideUrlQueries(`(${SIGNED})`), `(${SHOWN})`);
  assert.equal(hideUrlQueries(`{"video_url":"${SIGNED}","x":1}`), `{"video_url":"${SHOWN}","x":1}`);
  assert.equal(hideUrlQueries('HTTP://CDN.EXAMPLE/A#t=1 and http://b/c?d e'), 'HTTP://CDN.EXAMPLE/A?… and http://b/c?… e');
  assert.equal(hideUrlQueries('no url? here # nor here'), 'no url? here # nor here');
  assert.equal(hideUrlQueries('https://cdn.example/v/abc.mp4'), 'https://cdn.example/v/abc.mp4');
});

test('hideUrlQueries is one pass over long hostile text', () => {
  const started = Date.now();
  hideUrlQueries('http://'.repeat(50_000));
  hideUrlQueries(`https://a/${'x'.repeat(500_000)}`);
  assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
});

test('log lines never carry a URL signature, whoever writes them', () => {
  const seen: string[] = [];
  const log = redactingLog({ debug: (m) => seen.push(m), info: (m) => seen.push(m), warn: (m) => seen.push(m), error: (m) => seen.push(m) });
  log.info(`GET ${SIGNED} → 200`);
  log.warn(`download of x failed: Downloading the video failed: HTTP 403 from ${SIGNED}.`);
  const memory = new MemoryLog();
  memory.info(`reply: {"video_url":"${SIGNED}"}`);
  const all = [...seen, ...memory.lines, trimForLog(`{"video_url":"${SIGNED}"}`)].join('\n');
  assert.ok(!all.includes('SIGSECRET'), all);
  assert.ok(all.includes(SHOWN), 'the host and path stay');
});

test('the tooltip shows errors and the reference image without the signature', () => {
  const task = makeTask({
    phase: 'completed',
    status: 'completed',
    remoteId: 'sora_abc',
    videoUrl: SIGNED,
    error: `note ${SIGNED}`,
    download: { state: 'failed', attempts: 1, error: `Downloading the video failed: HTTP 403 from ${SIGNED}.` },
    settings: { prompt: 'p', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8, referenceImage: 'https://img.example/ref.png?sig=REFSECRET' },
  });
  const md = taskTooltip(task) as unknown as MarkdownString;
  const text = JSON.stringify([md.value, md.parts]);
  assert.ok(!text.includes('SIGSECRET') && !text.includes('REFSECRET'), text);
  assert.ok(text.includes('cdn.example/v/abc.mp4') && text.includes('img.example/ref.png'), 'host and path are shown');
});

test('notifications show the failure without the signature', () => {
  fake.messages.length = 0;
  const task = makeTask({ phase: 'failed', status: 'failed', error: `the service could not fetch ${SIGNED}` });
  notifyFinal(task);
  notifyDownloadFailed(task, `The video link has expired or is gone: Downloading the video failed: HTTP 410 from ${SIGNED}.`);
  assert.equal(fake.messages.length, 2);
  for (const m of fake.messages) {
    assert.ok(!m.message.includes('SIGSECRET'), m.message);
    assert.ok(m.message.includes(SHOWN), m.message);
  }
});

test('the preview page shows a signed reference image URL without its query', () => {
  const html = videoPreviewHtml({
    lang: 'en',
    nonce: 'n',
    cspSource: 'https://res.example',
    videoSrc: 'https://res.example/v.mp4',
    title: 't',
    prompt: 'p',
    promptLabel: 'Prompt',
    details: [{ label: 'Reference image', value: 'https://img.example/ref.png?sig=REFSECRET', code: true }],
    actions: [],
    noVideoText: '',
  });
  assert.ok(!html.includes('REFSECRET'));
  assert.ok(html.includes('<code>https://img.example/ref.png?…</code>'), html);
});
