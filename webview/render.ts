// Shows a State in the built form. Text only (textContent), and live regions are rewritten only
// when what they say changes, or when asked to: a screen reader reads every rewrite aloud.
import { MAX_PROMPT_LENGTH, checkDraft } from '../src/domain/request';
import { prettyBody, previewModel, previewRequest } from '../src/domain/requestPreview';
import type { ComposerStrings } from '../src/shared/strings';
import { format } from '../src/util/l10n';
import { FIELD_ORDER, modelDetail } from './form';
import { alertLines, chosenProfile, currentVerdict, fieldMessages, isBusy, shownAction, type State } from './state';
import { setInvalid } from './controls';
import { verdictField } from './referenceState';
import { describeForm, describeModelFields } from './a11y';
import { el, type Ui } from './view';
import { charCount, longerThan } from '../src/util/text';

export interface Announce {
  /** Rewrite the alert even if its lines are unchanged, so a repeated problem is read again. */
  alert?: boolean;
  /** Rewrite the status even if unchanged (the same confirmation, given again). */
  status?: boolean;
}

function fillLines(target: HTMLElement, lines: readonly string[]): void {
  target.replaceChildren(...lines.map((line) => el('div', 'line', line)));
  target.hidden = lines.length === 0;
}

function renderPreview(u: Ui, s: State, strings: ComposerStrings): void {
  const profile = chosenProfile(s);
  // The same request the host would build and send for this draft (its own check, its own URL).
  const createUrl = profile ? profile.createUrl : s.createUrl;
  const p = profile
    ? previewModel(profile, { ...s.draft.fields, prompt: s.draft.prompt }, createUrl ?? strings.requestPreviewNoUrl)
    : previewRequest(s.draft, createUrl ?? strings.requestPreviewNoUrl);
  if (!p.ok) {
    u.requestHead.textContent = strings.requestPreviewInvalid;
    u.requestBody.textContent = '';
    u.requestBody.hidden = true;
  } else {
    u.requestHead.textContent = [`${p.method} ${p.url}`, ...p.headers.map(([k, v]) => `${k}: ${v}`)].join('\n');
    u.requestBody.textContent = prettyBody(p.body);
    u.requestBody.hidden = false;
  }
  const noCurl = !p.ok || createUrl === undefined;
  u.copyCurl.disabled = noCurl;
  u.copyCurl.setAttribute('aria-disabled', String(noCurl));
}

export function render(u: Ui, s: State, strings: ComposerStrings, announce: Announce = {}): void {
  const messages = fieldMessages(s, strings);
  for (const field of FIELD_ORDER) {
    const list = messages[field] ?? [];
    fillLines(u.fieldErrors[field], list);
    setInvalid(u, field, list.length > 0);
  }
  // "Checking…", "fits" and warnings about an image go beside the field's own hint.
  const verdictNote = currentVerdict(s)?.level === 'error' ? undefined : currentVerdict(s)?.message;
  const noteAt = verdictField(s);
  for (const [key, c] of u.modelFields?.controls ?? []) {
    const list = messages[`field:${key}`] ?? [];
    fillLines(c.error, list);
    setInvalid(u, `field:${key}`, list.length > 0);
    const hint = [c.baseHint, noteAt === `field:${key}` ? verdictNote : undefined].filter(Boolean).join(' ');
    if (c.hint.textContent !== hint) c.hint.textContent = hint;
    c.hint.hidden = hint === '';
  }

  const lines = alertLines(s, messages);
  const shown = Array.from(u.alert.children, (c) => c.textContent).join('\n');
  if (announce.alert || lines.join('\n') !== shown || u.alert.hidden !== (lines.length === 0)) fillLines(u.alert, lines);
  u.alertBox.hidden = u.alert.hidden;
  u.alertAction.hidden = shownAction(s) === undefined;
  u.noKey.hidden = s.hasKey;

  if (announce.status || u.status.textContent !== s.status) u.status.textContent = s.status;

  // Errors show under the field; the reference line is for "checking", "fits" and warnings.
  const v = currentVerdict(s);
  const note = v && v.level !== 'error' ? v : undefined;
  u.referenceStatus.textContent = note?.message ?? '';
  u.referenceStatus.hidden = note === undefined;
  u.referenceStatus.className = `reference-status ${note?.level ?? ''}`;
  renderPreview(u, s, strings);

  const detail = modelDetail(u.models, s.draft.model, strings.modelDetail, strings.modelFamily);
  if (u.modelDetail.textContent !== detail) u.modelDetail.textContent = detail;
  u.modelDetail.hidden = detail === '';

  // Another model's own prompt limit (Video2: 5000), where its profile gives one.
  const profilePrompt = chosenProfile(s)?.fields.find((f) => f.key === 'prompt');
  if (profilePrompt) {
    const max = profilePrompt.maxLength ?? MAX_PROMPT_LENGTH;
    u.count.textContent = format(strings.charCount, charCount(s.draft.prompt), max);
    u.count.classList.toggle('over', longerThan(s.draft.prompt.trim(), max));
  } else {
    u.count.textContent = format(strings.charCount, charCount(s.draft.prompt), MAX_PROMPT_LENGTH);
    const check = checkDraft(s.draft);
    u.count.classList.toggle('over', !check.ok && check.errors.some((e) => e.code === 'promptTooLong'));
  }

  // Last: the notes it points at (errors, count, status, hints) are filled and shown or hidden now.
  describeForm(u, (field) => (messages[field]?.length ?? 0) > 0);
  describeModelFields(u, (field) => (messages[field]?.length ?? 0) > 0);

  const busy = isBusy(s);
  u.submit.disabled = busy;
  u.variations.disabled = busy;
  // vscode-button does not expose its disabled state to assistive technology by itself.
  u.submit.setAttribute('aria-disabled', String(busy));
  u.busy.hidden = !busy;
}
