// Settings Sync: the two prompt-library keys only, and none when sora.syncPromptsAndPresets is off;
// the choice follows the setting as it changes, and activation makes it.
import { extensionContext, fake, resetFake, setConfig } from '../fixtures/vscode';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keysForSync, registerSettingsSync } from '../../src/vscode/settingsSync';
import { StateKeys, SYNCED_STATE_KEYS } from '../../src/domain/ids';
import { activate } from '../../src/vscode/extension';

test('the synced keys are the history and the presets, never the tasks, the draft or the key origin', () => {
  assert.deepEqual([...keysForSync(true)].sort(), [StateKeys.presets, StateKeys.promptHistory].sort());
  assert.deepEqual(keysForSync(undefined), SYNCED_STATE_KEYS, 'on by default');
  assert.deepEqual(keysForSync(false), []);
  for (const local of [StateKeys.tasks, StateKeys.lease, StateKeys.composerDraft, StateKeys.apiKeyOrigin, StateKeys.apiKeyPlainHttpOrigin]) {
    assert.ok(!SYNCED_STATE_KEYS.includes(local), `${local} stays on this machine`);
  }
});

test('the setting turns syncing off and on again while the window runs', () => {
  fake.reset();
  const context = extensionContext();
  registerSettingsSync(context);
  assert.deepEqual(context.globalState.syncedKeys, SYNCED_STATE_KEYS);
  setConfig('sora.syncPromptsAndPresets', false);
  assert.deepEqual(context.globalState.syncedKeys, []);
  setConfig('sora.syncPromptsAndPresets', true);
  assert.deepEqual(context.globalState.syncedKeys, SYNCED_STATE_KEYS);
  const calls = context.globalState.syncCalls.length;
  setConfig('sora.autoDownload', false);
  assert.equal(context.globalState.syncCalls.length, calls, 'another setting changes nothing');
  resetFake(context);
});

test('activation names the keys, or none when the user turned syncing off', () => {
  fake.reset();
  const on = extensionContext();
  activate(on as never);
  assert.deepEqual(on.globalState.syncedKeys, SYNCED_STATE_KEYS);
  resetFake(on);
  fake.settings.set('sora.syncPromptsAndPresets', false);
  const off = extensionContext();
  activate(off as never);
  assert.deepEqual(off.globalState.syncedKeys, []);
  resetFake(off);
});
