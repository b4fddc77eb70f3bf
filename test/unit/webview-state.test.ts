// The composer's state transitions (webview/state.ts): what the user sees after each edit, check,
// attempt and reply, without a DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as S from '../../webview/state';
import { composerStrings } from '../../src/vscode/composer/strings';

const strings = composerStrings();
const URL = 'https://img.example/720x1280.png';
const base = S.initialState({ ...S.DEFAULT_DRAFT, prompt: 'A harbour at dawn' }, 'https://api.example/v1/sora/videos');

test('an edit drops the host\'s message for that field only; a new ratio also drops the image verdict of the host', () => {
  const refused = S.refused(base, [
    { field: 'prompt', message: 'host: prompt' },
    { field: 'referenceImage', message: 'host: image' },
  ]);
  const promptEdited = S.edited(refused, { ...refused.draft, prompt: 'Another harbour' });
  assert.deepEqual(promptEdited.hostErrors, { referenceImage: ['host: image'] });
  const ratioEdited = S.edited(refused, { ...refused.draft, aspectRatio: '9:16' });
  assert.deepEqual(ratioEdited.hostErrors, { prompt: ['host: prompt'] });
});

test('emptying a prompt that had text shows the empty-prompt message without an attempt', () => {
  assert.deepEqual(S.fieldMessages(S.initialState(), strings), {}, 'a fresh empty form says nothing');
  const cleared = S.edited(base, { ...base.draft, prompt: '  ' });
  assert.equal(cleared.promptCleared, true);
  assert.deepEqual(S.fieldMessages(cleared, strings).prompt, [strings['error.promptEmpty']]);
  assert.deepEqual(S.alertLines(cleared, S.fieldMessages(cleared, strings)), [], 'the alert waits for an attempt');
});

test('a verdict holds for its URL and ratio only; "checking" never hides a verdict already shown', () => {
  const withUrl = S.edited(base, { ...base.draft, referenceImage: URL });
  assert.deepEqual(S.wantedCheck(withUrl), { url: URL, aspectRatio: '16:9' });
  const about = { url: URL, aspectRatio: '16:9' };
  const checking = S.verdict(withUrl, about, 'checking', 'Checking…');
  assert.deepEqual(S.wantedCheck(checking), about, '"checking" is not an answer yet');
  const bad = S.verdict(checking, about, 'error', 'choose 9:16');
  assert.equal(S.wantedCheck(bad), undefined);
  assert.deepEqual(S.fieldMessages(bad, strings).referenceImage, ['choose 9:16']);
  assert.equal(S.verdict(bad, about, 'checking', 'again').reference?.message, 'choose 9:16');
  assert.equal(S.verdict(bad, { url: 'https://img.example/other.png', aspectRatio: '16:9' }, 'ok', 'x'), bad, 'not about this URL');

  const portrait = S.edited(bad, { ...bad.draft, aspectRatio: '9:16' });
  assert.equal(S.currentVerdict(portrait), undefined, 'the verdict was for 16:9');
  assert.deepEqual(S.fieldMessages(portrait, strings), {});
  const back = S.edited(portrait, { ...portrait.draft, aspectRatio: '16:9' });
  assert.equal(S.currentVerdict(back)?.level, 'error', 'and holds again for 16:9');
});

test('an attempt shows every problem and is blocked by a bad field or an image that does not fit', () => {
  const empty = S.failed(S.initialState(), 'earlier failure');
  const a = S.attempted(empty, strings);
  assert.equal(a.blocked, 'prompt');
  assert.equal(a.state.requestError, undefined);
  assert.deepEqual(S.alertLines(a.state, S.fieldMessages(a.state, strings)), [strings['error.promptEmpty']]);

  const about = { url: URL, aspectRatio: '16:9' };
  const mismatched = S.verdict(S.edited(base, { ...base.draft, referenceImage: URL }), about, 'error', 'choose 9:16');
  assert.equal(S.attempted(mismatched, strings).blocked, 'referenceImage');
  const fits = S.verdict(S.edited(base, { ...base.draft, referenceImage: URL }), about, 'warning', 'could not check');
  assert.equal(S.attempted(fits, strings).blocked, undefined, 'a warning does not block');
});

test('a submit: busy from the request to its last reply; created clears only the prompt that was sent', () => {
  const sent = S.submitted(S.attempted(base, strings).state, 'p.1');
  assert.equal(S.isBusy(sent), true);
  assert.equal(S.isBusy(S.submitEnded(sent)), false);
  assert.equal(S.isBusy(S.failed(S.submitEnded(sent), 'no')), false);
  assert.deepEqual(S.alertLines(S.failed(sent, 'no'), {}), ['no']);

  const done = S.created(sent, 'Task 1 created', 't1');
  assert.equal(done.clearedPrompt, true);
  assert.equal(done.state.draft.prompt, '');
  assert.equal(done.state.status, 'Task 1 created');
  assert.equal(done.state.attempted, false);
  assert.equal(S.isBusy(done.state), false);

  const typedMeanwhile = S.edited(sent, { ...sent.draft, prompt: 'A new idea typed while sending' });
  const kept = S.created(typedMeanwhile, 'Task 2 created', 't2');
  assert.equal(kept.clearedPrompt, false);
  assert.equal(kept.state.draft.prompt, 'A new idea typed while sending');
});

test('a draft from the host starts clean, and the host\'s refusal is listed in the alert', () => {
  const messy = S.failed(S.refused(base, [{ field: 'seconds', message: 'host: seconds' }]), 'failed');
  const listed = S.alertLines(messy, S.fieldMessages(messy, strings));
  assert.deepEqual(listed, ['host: seconds', 'failed']);
  const fresh = S.replaced(S.confirmed(messy, 'copied'), { ...S.DEFAULT_DRAFT, prompt: 'selection' });
  assert.deepEqual([fresh.attempted, fresh.requestError, fresh.status, fresh.hostErrors], [false, undefined, '', {}]);
  assert.equal(fresh.draft.prompt, 'selection');
});

test('the "no key yet" line follows the key; a new key ends an alert that asked for one, not another alert', () => {
  const noKey = S.initialState(base.draft, undefined, undefined, false);
  assert.equal(noKey.hasKey, false);
  const refused = S.failed(S.submitted(noKey, 'k.1'), 'HTTP 401: set a key', 'setApiKey');
  assert.equal(S.shownAction(refused), 'setApiKey');
  assert.deepEqual(S.alertLines(refused, {}), ['HTTP 401: set a key']);
  const keyed = S.keyChanged(refused, true);
  assert.deepEqual([keyed.hasKey, keyed.requestError, S.shownAction(keyed)], [true, undefined, undefined], 'the key answered the alert');
  assert.equal(S.keyChanged(keyed, false).hasKey, false, 'cleared in another window: the line comes back');

  const offline = S.failed(base, 'Offline.');
  assert.equal(S.shownAction(offline), undefined);
  assert.equal(S.keyChanged(offline, true).requestError, 'Offline.', 'a key does not answer a network error');
  const saved = S.keySaved(refused, 'API key saved.');
  assert.deepEqual([saved.requestError, saved.status, saved.hasKey], [undefined, 'API key saved.', true]);
  assert.equal(S.shownAction(S.attempted(refused, strings).state), undefined, 'a new attempt drops the old action');
});

test('the status line follows the task it announced, and only that one', () => {
  const sent = S.submitted(S.attempted(base, strings).state, 'p.1');
  const { state } = S.created(sent, 'Task t1 created (queued).', 't1');
  const running = S.progressed(state, 't1', 'Task t1 created (processing).');
  assert.equal(running.status, 'Task t1 created (processing).');
  assert.equal(S.progressed(running, 't0', 'Task t0 completed.'), running, 'another task is not this line\'s');
  const copied = S.confirmed(running, 'Copied the request.');
  assert.equal(S.progressed(copied, 't1', 'Task t1 completed.').status, 'Copied the request.', 'a newer confirmation is not overwritten');
});
