// The first-run walkthrough (package.json contributes.walkthroughs): every step has a picture for
// the light and the dark themes that exists and is an SVG, text in both languages, buttons that run
// commands that exist, and completes on an event the extension really signals: the key stored, a
// task created, a video opened (context keys), or a model setting changed.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extensionContext, fake, resetFake, setConfig, Uri } from '../fixtures/vscode';
// After the fake above: importing it installs the vscode module these need.
import { activate } from '../../src/vscode/extension';
import { showVideoPreview } from '../../src/vscode/preview/videoPanel';
import { resetWalkthroughEvents, walkthroughEvent } from '../../src/vscode/walkthrough';
import { Commands, Contexts, Secrets, Views } from '../../src/domain/ids';

const root = path.join(__dirname, '..', '..');
const readJson = (f: string) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8')) as Record<string, unknown>;
interface Step {
  id: string;
  title: string;
  description: string;
  media: { image?: Record<'light' | 'dark' | 'hc' | 'hcLight', string>; altText?: string; markdown?: string };
  completionEvents?: string[];
}
const manifest = readJson('package.json') as {
  publisher: string;
  name: string;
  contributes: { walkthroughs: Array<{ id: string; title: string; description: string; steps: Step[] }>; commands: { command: string }[]; configuration: { properties: Record<string, unknown> } };
};
const [walkthrough] = manifest.contributes.walkthroughs;
const nls = { en: readJson('package.nls.json') as Record<string, string>, 'zh-cn': readJson('package.nls.zh-cn.json') as Record<string, string> };
const text = (lang: keyof typeof nls, value: string): string => nls[lang][value.replace(/^%|%$/g, '')] ?? value;

let last: { subscriptions: Array<{ dispose(): void }> } | undefined;
afterEach(() => {
  resetFake(last);
  last = undefined;
  resetWalkthroughEvents();
});

test('one walkthrough: set the key, create a video, watch it, choose a model', () => {
  assert.equal(manifest.contributes.walkthroughs.length, 1);
  assert.deepEqual(walkthrough.steps.map((s) => s.id), ['setApiKey', 'createVideo', 'watchVideo', 'chooseModel']);
});

test('every step has an SVG for light and dark (High Contrast reuses them) with a description of it', () => {
  for (const step of walkthrough.steps) {
    const image = step.media.image;
    assert.ok(image, `${step.id} has an image`);
    assert.notEqual(image.light, image.dark, `${step.id}: light and dark differ`);
    assert.equal(image.hc, image.dark, `${step.id}: High Contrast dark uses the dark picture`);
    assert.equal(image.hcLight, image.light, `${step.id}: High Contrast light uses the light picture`);
    for (const file of [image.light, image.dark]) {
      assert.match(file, /^media\/walkthrough\/[\w-]+\.svg$/, 'under media/, which is packaged');
      const svg = fs.readFileSync(path.join(root, file), 'utf8');
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.doesNotMatch(svg, /<script|<foreignObject|href=/i, `${file}: a picture only, nothing active or fetched`);
      // Text in a picture could not be translated: the words are in the step's description.
      assert.doesNotMatch(svg, /<text/, `${file} has no words`);
      assert.ok(svg.length < 4_000, `${file} is small (${svg.length} bytes)`);
    }
    assert.match(step.media.altText ?? '', /^%walkthrough\.[\w.]+%$/, `${step.id}: localised alt text`);
  }
});

test('titles, descriptions and alt texts are in English and Chinese, with the same buttons', () => {
  const commands = new Set([...manifest.contributes.commands.map((c) => c.command), Views.tasksFocus, 'workbench.action.openSettings']);
  const links = (s: string) => [...s.matchAll(/\]\(command:([\w.]+)(\?[^)]*)?\)/g)].map((m) => m[1] + (m[2] ?? ''));
  for (const value of [walkthrough.title, walkthrough.description, ...walkthrough.steps.flatMap((s) => [s.title, s.description, s.media.altText ?? ''])]) {
    assert.match(value, /^%[\w.]+%$/, `${value} is localised`);
    const en = text('en', value);
    const zh = text('zh-cn', value);
    assert.notEqual(en, value, `${value} has English`);
    assert.notEqual(zh, value, `${value} has Chinese`);
    assert.match(zh, /[\u4e00-\u9fff]/, `${value}: the Chinese is Chinese`);
    // A walkthrough renders links only: backticks and asterisks would show as they are.
    for (const t of [en, zh]) assert.doesNotMatch(t, /`|\*\*/, `${value}: no markdown besides links`);
    assert.deepEqual(links(zh), links(en), `${value}: the same buttons`);
    for (const link of links(en)) assert.ok(commands.has(link.replace(/\?.*$/, '')), `${value}: ${link} is a command that exists`);
  }
  const settingsLinks = walkthrough.steps.flatMap((s) => links(text('en', s.description))).filter((l) => l.startsWith('workbench.action.openSettings'));
  for (const link of settingsLinks) {
    const [setting] = JSON.parse(decodeURIComponent(link.slice(link.indexOf('?') + 1))) as string[];
    assert.ok(setting in manifest.contributes.configuration.properties, `${link} opens a setting of ours`);
  }
});

test('each step completes on a real event: the key stored, a task created, a video opened, a model setting changed', () => {
  const events = Object.fromEntries(walkthrough.steps.map((s) => [s.id, s.completionEvents ?? []]));
  assert.deepEqual(events, {
    setApiKey: [`onContext:${Contexts.hasApiKey}`],
    createVideo: [`onContext:${Contexts.taskCreated}`],
    watchVideo: [`onContext:${Contexts.videoOpened}`],
    chooseModel: [`onContext:${Contexts.modelChosen}`],
  });
});

test('changing sora.defaultModel or sora.customModels completes "pick a model"; other settings do not', async () => {
  const context = extensionContext();
  last = context;
  activate(context as never);
  setConfig('sora.pollIntervalSeconds', 5);
  setConfig('editor.fontSize', 20);
  assert.equal(fake.contexts.get(Contexts.modelChosen), undefined);
  setConfig('sora.defaultModel', 'openAiSora2Pro');
  assert.equal(fake.contexts.get(Contexts.modelChosen), true);
  resetWalkthroughEvents();
  fake.contexts.clear();
  setConfig('sora.customModels', [{ id: 'acme_v1', createPath: '/v1/acme/videos' }]);
  assert.equal(fake.contexts.get(Contexts.modelChosen), true);
});

test('the "set your key" context follows the key in secret storage, set in this window or another', async () => {
  const context = extensionContext();
  last = context;
  activate(context as never);
  const settle = () => new Promise((r) => setTimeout(r, 10));
  await settle();
  assert.equal(fake.contexts.get(Contexts.hasApiKey), false, 'no key yet: the step is not done');
  fake.inputAnswers.push(undefined);
  await fake.commands.get(Commands.setApiKey)!();
  await settle();
  assert.equal(fake.contexts.get(Contexts.hasApiKey), false, 'a dismissed key prompt does not complete it');
  fake.inputAnswers.push('sk-walkthrough-0123456789');
  await fake.commands.get(Commands.setApiKey)!();
  await settle();
  assert.equal(fake.contexts.get(Contexts.hasApiKey), true, 'Set API Key completes the step');
  await context.secrets.delete(Secrets.apiKey);
  await settle();
  assert.equal(fake.contexts.get(Contexts.hasApiKey), false);
  await context.secrets.store(Secrets.apiKey, 'sk-from-another-window-0123');
  await settle();
  assert.equal(fake.contexts.get(Contexts.hasApiKey), true, 'a key stored by another window counts too');
});

test('opening a video in the preview completes "watch it"; the context is set once per window', () => {
  fake.reset();
  assert.equal(fake.contexts.get(Contexts.videoOpened), undefined);
  showVideoPreview(Uri.file('/ext') as never, undefined, '/videos/a.mp4');
  assert.equal(fake.contexts.get(Contexts.videoOpened), true);
  showVideoPreview(Uri.file('/ext') as never, undefined, '/videos/b.mp4');
  walkthroughEvent(Contexts.videoOpened);
  assert.equal(fake.executed.filter((e) => e.id === 'setContext' && e.args[0] === Contexts.videoOpened).length, 1);
  for (const p of fake.panels) p.panel.dispose();
});
