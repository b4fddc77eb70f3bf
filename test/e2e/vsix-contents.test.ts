// The packaged .vsix holds only what the extension runs and documents: the bundles, media (the
// icon and the walkthrough's pictures), the manifest with its translations, README, CHANGELOG and
// LICENSE. No sources, tests, maps, tools, node_modules or dot-files, and at most 500 KB. Runs after
// `npm run package` (test:e2e packages first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { REPO_ROOT, findVsix } from '../fixtures/codeServer/env';

interface Entry {
  name: string;
  size: number;
  method: number;
  offset: number;
  compressed: number;
}

/** The central directory of a zip file (no zip64: a .vsix of this size never needs it). */
export function zipEntries(buf: Buffer): Entry[] {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const offset = buf.readUInt32LE(at + 42);
    entries.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLen), size, method, offset, compressed });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function read(buf: Buffer, e: Entry): Buffer {
  const nameLen = buf.readUInt16LE(e.offset + 26);
  const extraLen = buf.readUInt16LE(e.offset + 28);
  const start = e.offset + 30 + nameLen + extraLen;
  const data = buf.subarray(start, start + e.compressed);
  return e.method === 8 ? zlib.inflateRawSync(data) : data;
}

const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[a-z-]+)?\.json$/,
  /^extension\/l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
  /^extension\/dist\/(extension|core)\.js$/,
  /^extension\/dist\/webview\/[\w.-]+\.(js|css|ttf|woff2?)$/,
  /^extension\/media\/[\w.-]+\.(svg|png)$/,
  /^extension\/media\/walkthrough\/[\w-]+\.svg$/,
  /^extension\/(readme|changelog)\.md$/i,
  /^extension\/LICENSE(\.txt)?$/,
];

const vsix = findVsix();

test('the .vsix holds only bundles, media, manifest, translations and docs', { skip: vsix ? false : 'no .vsix: run "npm run package" first' }, () => {
  const buf = fs.readFileSync(vsix!);
  const names = zipEntries(buf).map((e) => e.name);
  const unexpected = names.filter((n) => !ALLOWED.some((re) => re.test(n)));
  assert.deepEqual(unexpected, [], `unexpected files in ${vsix}: ${unexpected.join(', ')}`);
  for (const must of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/core.js', 'extension/dist/webview/composer.js', 'extension/package.nls.zh-cn.json', 'extension/l10n/bundle.l10n.zh-cn.json']) {
    assert.ok(names.includes(must), `${must} is packaged`);
  }
  assert.ok(!names.some((n) => n.endsWith('.map')), 'no source maps');
});

/** What the Marketplace limits and what we promise: the package stays small with every feature in it. */
const SIZE_BUDGET = 500 * 1024;

test('the .vsix stays within its size budget of 500 KB', { skip: vsix ? false : 'no .vsix' }, () => {
  const size = fs.statSync(vsix!).size;
  assert.ok(size <= SIZE_BUDGET, `${path.basename(vsix!)} is ${(size / 1024).toFixed(1)} KB, over the ${SIZE_BUDGET / 1024} KB budget`);
});

test('`vsce ls` lists exactly what the .vsix ships', { skip: vsix ? false : 'no .vsix' }, () => {
  const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const listed = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    // vsce packs these under its own names (extension/readme.md, extension/LICENSE.txt).
    .map((f) => `extension/${f.replace(/^README\.md$/, 'readme.md').replace(/^CHANGELOG\.md$/, 'changelog.md').replace(/^LICENSE$/, 'LICENSE.txt')}`)
    .sort();
  const shipped = zipEntries(fs.readFileSync(vsix!))
    .map((e) => e.name)
    .filter((n) => n.startsWith('extension/'))
    .sort();
  assert.deepEqual(listed, shipped);
});

test('the listing: icon, walkthrough pictures, categories and version are packaged as the manifest names them', { skip: vsix ? false : 'no .vsix' }, () => {
  const buf = fs.readFileSync(vsix!);
  const entries = zipEntries(buf);
  const names = entries.map((e) => e.name);
  const entry = (name: string) => entries.find((e) => e.name === name)!;
  const packaged = JSON.parse(read(buf, entry('extension/package.json')).toString('utf8')) as {
    version: string;
    icon: string;
    categories: string[];
    contributes: { walkthroughs: Array<{ steps: Array<{ media: { image: Record<string, string> } }> }> };
  };
  assert.equal(path.basename(vsix!), `sora-video-${packaged.version}.vsix`);
  assert.deepEqual(packaged.categories, ['AI', 'Visualization']);
  const icon = read(buf, entry(`extension/${packaged.icon}`));
  // A PNG's IHDR: width and height at bytes 16 and 20.
  assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
  assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128], 'a 128×128 icon');
  const pictures = packaged.contributes.walkthroughs.flatMap((w) => w.steps.flatMap((s) => Object.values(s.media.image)));
  assert.ok(pictures.length >= 8);
  for (const p of pictures) assert.ok(names.includes(`extension/${p}`), `${p} is packaged`);
  const vsixManifest = read(buf, entry('extension.vsixmanifest')).toString('utf8');
  assert.match(vsixManifest, /<Asset Type="Microsoft\.VisualStudio\.Services\.Icons\.Default" Path="extension\/media\/icon\.png"/);
  assert.match(vsixManifest, /<Categories>AI,Visualization<\/Categories>/);
});

test('the packaged manifest is the repository\'s and keeps the security settings', { skip: vsix ? false : 'no .vsix' }, () => {
  const buf = fs.readFileSync(vsix!);
  const entry = zipEntries(buf).find((e) => e.name === 'extension/package.json')!;
  const packaged = JSON.parse(read(buf, entry).toString('utf8')) as {
    name: string;
    contributes: { configuration: { properties: Record<string, { scope?: string }> } };
    capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  };
  assert.equal(packaged.name, 'sora-video');
  for (const key of ['sora.baseUrl', 'sora.createPath', 'sora.queryPath']) {
    assert.equal(packaged.contributes.configuration.properties[key].scope, 'application', key);
  }
  assert.deepEqual(packaged.capabilities.untrustedWorkspaces.restrictedConfigurations, ['sora.downloadFolder', 'sora.defaultModel', 'sora.defaultSeconds', 'sora.pollIntervalSeconds', 'sora.requestTimeoutSeconds', 'sora.maxDownloadMB']);
  // The bundles were built for production: a source map comment would point at files not shipped.
  const ext = zipEntries(buf).find((e) => e.name === 'extension/dist/extension.js')!;
  assert.doesNotMatch(read(buf, ext).toString('utf8'), /sourceMappingURL=/);
});

test('the shipped webview bundle builds no markup from strings', { skip: vsix ? false : 'no .vsix' }, () => {
  const buf = fs.readFileSync(vsix!);
  const entry = zipEntries(buf).find((e) => e.name === 'extension/dist/webview/composer.js')!;
  const js = read(buf, entry).toString('utf8');
  // lit's template factory is the one innerHTML: it parses the components' static templates.
  const uses = [...js.matchAll(/innerHTML/g)].length;
  assert.ok(uses <= 1, `innerHTML appears ${uses} times in the bundle`);
  if (uses === 1) assert.match(js, /createElement\("template"\);return \w+\.innerHTML=\w+,\w+\}/);
  for (const bad of [/insertAdjacentHTML/, /document\.write\(/, /\beval\(/, /new Function\(/, /outerHTML=/, /unsafeHTML/]) assert.doesNotMatch(js, bad);
});
