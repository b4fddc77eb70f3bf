// The warning before an unsaved video's link expires (automatic downloads off): what the user sees,
// sora.notifications, and that a window opened hours after the video finished still warns.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extensionContext, fake, resetFake } from '../fixtures/vscode';
// After the fake above: importing it installs the vscode module these need.
import { activate } from '../../src/vscode/extension';
import { notifyLinkExpiring } from '../../src/vscode/notifications';
import { ARCHIVE_FILE, Commands, StateKeys } from '../../src/domain/ids';
import { LINK_WARNING_AFTER_MS } from '../../src/domain/lifecycle';
import { STORE_KEY, STORE_VERSION } from '../../src/persistence/repository';
import { FileArchiveLog } from '../../src/persistence/archiveLog';
import { TaskStore } from '../../src/persistence/repository';
import { MemoryLog } from '../../src/util/log';
import * as path from 'node:path';
import type { Task } from '../../src/domain/task';
import { makeTask } from '../helpers/tasks';
import { waitFor } from '../helpers/wait';

let last: { subscriptions: Array<{ dispose(): unknown }> } | undefined;
afterEach(() => resetFake(last));

const unsaved = (completedAt: number): Task =>
  makeTask({ phase: 'completed', status: 'completed', remoteId: 'sora_late', videoUrl: 'http://127.0.0.1:9/v.mp4', completedAt, settings: { prompt: 'a fox [x](command:evil)', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8 } });

describe('notifyLinkExpiring', () => {
  test('says how long is left and offers Save As…, which saves that task', async () => {
    const saved: unknown[] = [];
    fake.commands.set(Commands.saveVideoAs, (id) => saved.push(id));
    fake.messageAnswers.push('Save As…');
    const task = unsaved(Date.now() - LINK_WARNING_AFTER_MS);
    notifyLinkExpiring(task);
    await waitFor(() => saved.length === 1, 'Save As… to run');
    assert.deepEqual(saved, [task.localId]);
    const m = fake.messages[0];
    assert.equal(m.level, 'warning');
    assert.match(m.message, /^The video link for "a fox \[x\] \(command:evil\)" expires in about 4 h and the video is not saved yet/);
    assert.deepEqual(m.items, ['Save As…']);
  });

  test('shown with sora.notifications "failures" (the user has to act), not with "none"', () => {
    fake.settings.set('sora.notifications', 'failures');
    notifyLinkExpiring(unsaved(Date.now()));
    assert.equal(fake.messages.length, 1);
    fake.settings.set('sora.notifications', 'none');
    notifyLinkExpiring(unsaved(Date.now()));
    assert.equal(fake.messages.length, 1);
  });
});

describe('a window opened after the video finished', () => {
  test('automatic downloads off, a video finished 21 h ago and never saved: the engine starts and warns once', async () => {
    fake.settings.set('sora.autoDownload', false);
    const task = unsaved(Date.now() - 21 * 3_600_000);
    const context = extensionContext(undefined, { [STORE_KEY]: { version: STORE_VERSION, tasks: [task] } });
    last = context;
    activate(context as never);
    const warning = await waitFor(() => fake.messages.find((m) => m.message.startsWith('The video link for')), 'the warning');
    assert.match(warning.message, /about 3 h/);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(fake.messages.filter((m) => m.message.startsWith('The video link for')).length, 1, 'once');
    assert.ok(context.globalState.get(StateKeys.lease) !== undefined, 'the engine started for it');
    const archive = new FileArchiveLog(path.join(context.globalStorageUri.fsPath, ARCHIVE_FILE));
    const reread = new TaskStore(context.globalState, new MemoryLog(), { archive, autoDownload: () => false, syncMs: 0 });
    assert.ok(reread.get(task.localId)?.linkWarnedAt, 'remembered, so no other window or reload warns again');
    reread.dispose();
  });

  test('a video finished two days ago: its link is past its life, nothing to warn of, nothing started', async () => {
    fake.settings.set('sora.autoDownload', false);
    const old = unsaved(Date.now() - 48 * 3_600_000);
    const context = extensionContext(undefined, { [STORE_KEY]: { version: STORE_VERSION, tasks: [old] } });
    last = context;
    activate(context as never);
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(context.globalState.get(StateKeys.lease), undefined);
    assert.deepEqual(fake.messages, []);
  });
});
