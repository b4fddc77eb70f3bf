import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sourceStrings } from '../../tools/l10n';

const root = path.resolve(__dirname, '..', '..');
const readJson = (p: string) => JSON.parse(fs.readFileSync(path.join(root, p), 'utf8')) as Record<string, string>;
const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();

test('every localisable string in src/ has a Simplified Chinese translation, and none is stale', () => {
  const strings = sourceStrings(root);
  assert.ok(strings.size > 80, `the extractor found only ${strings.size} strings`);
  assert.ok(strings.has('Write a prompt that describes the video.'), 'a known composer string is found');
  const zh = readJson('l10n/bundle.l10n.zh-cn.json');
  const missing = [...strings.keys()].filter((s) => !(s in zh));
  assert.deepEqual(missing, [], 'strings without a translation');
  const stale = Object.keys(zh).filter((k) => !strings.has(k));
  assert.deepEqual(stale, [], 'translations of strings no longer in the code');
  for (const [en, cn] of Object.entries(zh)) {
    assert.ok(cn.trim().length > 0, `empty translation for "${en}"`);
    assert.deepEqual(placeholders(cn), placeholders(en), `placeholders differ for "${en}"`);
  }
});

test('package.json contributions are all localised in English and Chinese', () => {
  const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 20);
  const en = readJson('package.nls.json');
  const zh = readJson('package.nls.zh-cn.json');
  for (const k of keys) {
    assert.ok(en[k], `package.nls.json lacks ${k}`);
    assert.ok(zh[k], `package.nls.zh-cn.json lacks ${k}`);
  }
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort(), 'the two nls files have the same keys');
  for (const k of Object.keys(en)) assert.deepEqual((zh[k].match(/\(command:[\w.]+\)/g) ?? []).sort(), (en[k].match(/\(command:[\w.]+\)/g) ?? []).sort(), `command links differ in ${k}`);
});
