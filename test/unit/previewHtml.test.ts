// The video preview page: no script can run, only the local video and the page's own style load,
// and every text from the prompt or the service is inert.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, previewCsp, videoPreviewHtml, type PreviewPage } from '../../src/vscode/preview/html';

const EVIL = `<img src=x onerror=alert(1)><script>alert("x")</script>&'"`;
const page = (over: Partial<PreviewPage> = {}): PreviewPage => ({
  lang: 'en',
  nonce: 'Tm9uY2Uw',
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  videoSrc: 'https://file+.vscode-resource.vscode-cdn.net/tmp/videos/sora_abc.mp4',
  title: 'A fox',
  prompt: 'A fox in the snow',
  promptLabel: 'Prompt',
  details: [
    { label: 'Model', value: 'openAiSora2Plus' },
    { label: 'Task id', value: 'sora_abc', code: true },
    { label: 'Cost', value: '' },
  ],
  actions: [{ label: 'Save As…', href: 'command:sora.saveVideoAs?%5B%22id%22%5D' }],
  noVideoText: 'cannot play',
  ...over,
});

test('the CSP allows no script, only the resource origin for media and the nonce for style', () => {
  const csp = previewCsp('https://res.example', 'abc');
  assert.equal(csp, "default-src 'none'; media-src https://res.example; img-src https://res.example; style-src 'nonce-abc'");
  const html = videoPreviewHtml(page());
  assert.ok(html.includes(`content="${previewCsp(page().cspSource, page().nonce)}"`));
  assert.ok(!/<script/i.test(html), 'no script element');
  assert.match(html, /<style nonce="Tm9uY2Uw">/);
});

test('the video element loads the given webview URI, with controls', () => {
  const html = videoPreviewHtml(page());
  assert.match(html, /<video id="video" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/tmp\/videos\/sora_abc\.mp4" controls/);
});

test('prompt, title, details and links are escaped; empty details are left out', () => {
  const html = videoPreviewHtml(
    page({ title: EVIL, prompt: EVIL, details: [{ label: EVIL, value: EVIL }], actions: [{ label: EVIL, href: `command:x?"><script>` }] }),
  );
  assert.ok(!html.includes('<img src=x'), 'no live img tag');
  assert.ok(!html.includes('<script>'), 'no live script tag');
  assert.ok(html.includes(escapeHtml(EVIL)));
  assert.ok(!videoPreviewHtml(page()).includes('<dt>Cost</dt>'), 'an empty detail is not shown');
  assert.ok(videoPreviewHtml(page()).includes('<dd><code>sora_abc</code></dd>'));
});

test('the video is named by the page title and each link by its label, never by its command: URI', () => {
  const html = videoPreviewHtml(page());
  assert.match(html, /<video id="video" [^>]*aria-labelledby="title"/);
  assert.match(html, /<h1 id="title">/);
  const links = [...html.matchAll(/<a href="([^"]*)" title="([^"]*)">([^<]*)<\/a>/g)];
  assert.equal(links.length, page().actions.length);
  for (const [, href, title, text] of links) {
    assert.equal(title, text);
    assert.ok(!title.includes('command:'), href);
  }
});
