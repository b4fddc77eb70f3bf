// The ids module and the manifest name the same commands, views, panels and context keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, Contexts, Panels, Views } from '../../src/domain/ids';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]>; viewsContainers: { activitybar: { id: string }[] }; viewsWelcome: { when?: string }[]; menus: Record<string, { when?: string }[]>; walkthroughs: { steps: { completionEvents?: string[] }[] }[] };
};

test('every contributed command is in Commands, and every Commands entry is contributed', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(Object.values(Commands).sort(), contributed);
});

test('views, the container and the panels match the manifest', () => {
  assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map((c) => c.id), [Views.container]);
  assert.deepEqual(manifest.contributes.views[Views.container].map((v) => v.id), [Views.tasks]);
  assert.equal(Views.tasksFocus, `${Views.tasks}.focus`);
  for (const panel of Object.values(Panels)) assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${panel}`), panel);
});

test('the context keys used in when clauses are the ones the extension sets', () => {
  const whens = manifest.contributes.viewsWelcome.map((w) => w.when ?? '').join(' ');
  assert.ok(whens.includes(Contexts.noApiKey));
  const menuWhens = Object.values(manifest.contributes.menus).flatMap((entries) => entries.map((e) => e.when ?? ''));
  // The walkthrough's steps complete on context keys too (onContext:<expression>).
  const completions = manifest.contributes.walkthroughs.flatMap((w) => w.steps.flatMap((s) => s.completionEvents ?? [])).filter((e) => e.startsWith('onContext:'));
  const used = new Set([...`${whens} ${menuWhens.join(' ')} ${completions.join(' ')}`.matchAll(/\bsora\.[\w.]+/g)].map((m) => m[0]));
  const ours = new Set<string>([...Object.values(Contexts), ...Object.values(Views), ...Object.values(Panels)]);
  assert.deepEqual([...used].filter((k) => !ours.has(k)), [], 'sora.* names in when clauses or completion events that are neither a context key nor a view');
  for (const key of Object.values(Contexts)) assert.ok(used.has(key), `${key} is set but no when clause or walkthrough step uses it`);
});
