// The gallery page inlines its script and styles under the page's nonce (the webview resource
// loader took a second to deliver them as files): the CSP must still forbid everything else, and
// the inlined text must not be able to close its element early.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { galleryCsp, galleryHtml, inlineSafe } from '../../src/vscode/gallery/galleryHtml';

const page = (script: string, style = 'body{}') =>
  galleryHtml({ lang: 'en', nonce: 'N0nce+/=', cspSource: 'https://res.test', script, style, title: 'Sora Gallery' });

test('the script and styles are inline, under the nonce, and no file is loaded for them', () => {
  const html = page('console.log(1)', '.x{color:red}');
  assert.match(html, /<script nonce="N0nce\+\/=">console\.log\(1\)<\/script>/);
  assert.match(html, /<style nonce="N0nce\+\/=">\.x\{color:red\}<\/style>/);
  assert.doesNotMatch(html, /<script[^>]* src=/);
  assert.doesNotMatch(html, /<link /);
});

test('the CSP allows only the nonce for scripts and styles, never unsafe-inline, and pictures only from the resource roots', () => {
  const csp = galleryCsp('abc', 'https://res.test');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-abc'(;|$)/);
  assert.match(csp, /style-src 'nonce-abc'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  assert.match(csp, /img-src https:\/\/res\.test blob:(;|$)/);
  assert.match(csp, /media-src https:\/\/res\.test(;|$)/);
});

test('inlined text cannot close its element: </script and </style are escaped in any case', () => {
  assert.equal(inlineSafe('a="</script>";b="</SCRIPT "', 'script'), 'a="<\\/script>";b="<\\/SCRIPT "');
  assert.equal(inlineSafe('content:"</style>"', 'style'), 'content:"<\\/style>"');
  const html = page('x="</script><img src=x onerror=alert(1)>"');
  assert.equal(html.match(/<\/script>/gi)?.length, 1, 'only the element’s own end tag');
});
