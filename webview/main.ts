// The composer webview: builds the "create a video" form inside #app, validates it live with the
// shared rules and talks to the host with the messages of src/shared/protocol.ts.
// Every text comes from the host's `init` strings; host strings are only ever used as text.
import './zod-jitless'; // must stay the first import
import './style.css';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-form-helper/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';

import { fromHostSchema, type Draft, type FromHost, type FromWebview, type ReferenceCheckMessage } from '../src/shared/protocol';
import {
  ASPECT_RATIOS,
  MAX_PROMPT_LENGTH,
  MAX_REFERENCE_URL_LENGTH,
  MODELS,
  SECONDS,
  checkDraft,
  isHttpUrl,
  referenceCandidates,
  type DraftField,
} from '../src/domain/request';
import { prettyBody, previewRequest } from '../src/domain/requestPreview';
import {
  FIELD_ORDER,
  allMessages,
  firstInvalidField,
  format,
  hostMessages,
  initialDraft,
  isSubmitShortcut,
  localMessages,
  mergeMessages,
  sameDraft,
  str,
  toDraft,
  type FieldMessages,
  type Strings,
} from './form';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

/** How long draftChanged waits for the typing to pause. */
const DRAFT_DEBOUNCE_MS = 400;
/** After a submit, the button stays disabled this long even if the host does not answer with `sending`. */
const SUBMIT_GRACE_MS = 2500;
/** While the host checks the reference image of a submit, the button stays disabled this long at most. */
const REFERENCE_GRACE_MS = 15_000;
/** How long the reference URL must stay unchanged before the host is asked to look at it. */
const REFERENCE_DEBOUNCE_MS = 500;

// Minimal structural views of the vscode-elements controls (their classes are ES-module-only types).
interface ValueControl extends HTMLElement {
  value: string;
  invalid: boolean;
  disabled: boolean;
  label: string;
}
interface RadioControl extends HTMLElement {
  value: string;
  checked: boolean;
  name: string;
  invalid: boolean;
}
interface ButtonControl extends HTMLElement {
  disabled: boolean;
}

interface Ui {
  form: HTMLFormElement;
  prompt: ValueControl;
  model: ValueControl;
  aspectRatio: HTMLElement;
  seconds: HTMLElement;
  referenceImage: ValueControl;
  submit: ButtonControl;
  busy: HTMLElement;
  count: HTMLElement;
  alert: HTMLElement;
  status: HTMLElement;
  fieldErrors: Record<DraftField, HTMLElement>;
  referenceStatus: HTMLElement;
  preview: HTMLDetailsElement;
  requestHead: HTMLElement;
  requestBody: HTMLElement;
  copyCurl: ButtonControl;
}

let strings: Strings = {};
let ui: Ui | undefined;
/** The form's values: the source of truth, mirrored into the controls. */
let current: Draft = { prompt: '', model: MODELS[0], aspectRatio: ASPECT_RATIOS[0], seconds: SECONDS[1], referenceImage: '' };
/** The user tried to submit since the last reset: every problem is shown, and listed in the alert. */
let attempted = false;
/** The user emptied a prompt that had text: the empty-prompt message is shown. */
let promptCleared = false;
/** Messages from the host's `invalid`, dropped per field when the user edits that field. */
let hostErrors: FieldMessages = {};
let requestError: string | undefined;
/** The host reported `sending` and has not answered yet. */
let hostBusy = false;
/** Just posted a submit; waiting (briefly) for the host's `sending`. */
let submitPending: ReturnType<typeof setTimeout> | undefined;
/** The prompt of the last submit, so `created` clears only what was sent (not what was typed since). */
let submittedPrompt: string | undefined;
let draftTimer: ReturnType<typeof setTimeout> | undefined;
/** The host's last word on the reference image; it applies only while URL and ratio are unchanged. */
let referenceCheck: ReferenceCheckMessage | undefined;
let referenceTimer: ReturnType<typeof setTimeout> | undefined;
/** The create URL the preview shows (undefined: the endpoint settings are unusable). */
let createUrl: string | undefined;

const t = (key: string): string => str(strings, key);

function post(message: FromWebview): void {
  vscode.postMessage(message);
}

function copyDraft(d: Draft): Draft {
  return {
    prompt: d.prompt,
    model: d.model,
    aspectRatio: d.aspectRatio,
    seconds: d.seconds,
    referenceImage: d.referenceImage,
  };
}

// ---------------------------------------------------------------------------------------------
// Building the DOM

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K];
function el(tag: string, className?: string, text?: string): HTMLElement;
function el(tag: string, className?: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function label(forId: string, text: string): HTMLElement {
  const l = el('vscode-label', undefined, text);
  l.setAttribute('for', forId);
  return l;
}

function fieldError(field: DraftField): HTMLElement {
  const e = el('div', 'field-error');
  e.id = `${field}-error`;
  e.hidden = true;
  return e;
}

function radioGroup(id: string, options: Array<{ value: string; text: string }>): HTMLElement {
  const group = el('vscode-radio-group');
  group.id = id;
  for (const o of options) {
    const r = el('vscode-radio', undefined, o.text) as RadioControl;
    r.setAttribute('name', id);
    r.setAttribute('value', o.value);
    group.append(r);
  }
  return group;
}

function build(endpoint: string, hasKey: boolean): Ui {
  const app = document.getElementById('app') ?? document.body.appendChild(el('main'));
  app.replaceChildren();

  const header = el('header', 'header');
  const title = el('h1', 'title', t('title'));
  title.id = 'title';
  header.append(title);
  const endpointLine = el('p', 'meta', format(t('endpoint'), endpoint));
  endpointLine.id = 'endpoint';
  header.append(endpointLine);
  if (!hasKey) {
    const noKey = el('p', 'meta no-key', t('noKey'));
    noKey.id = 'noKey';
    header.append(noKey);
  }

  const form = el('form', 'composer');
  form.id = 'composer';
  form.noValidate = true;
  form.setAttribute('aria-labelledby', 'title');

  const fieldErrors = {} as Record<DraftField, HTMLElement>;
  for (const f of FIELD_ORDER) fieldErrors[f] = fieldError(f);

  // Prompt
  const prompt = el('vscode-textarea') as unknown as ValueControl;
  prompt.id = 'prompt';
  prompt.setAttribute('rows', '8');
  prompt.setAttribute('resize', 'vertical');
  prompt.setAttribute('placeholder', t('promptPlaceholder'));
  const count = el('div', 'char-count');
  count.id = 'charCount';
  const promptFoot = el('div', 'field-foot');
  promptFoot.append(fieldErrors.prompt, count);
  const promptField = el('div', 'field field-prompt');
  promptField.append(label('prompt', t('promptLabel')), prompt, promptFoot);

  // Model
  const model = el('vscode-single-select') as unknown as ValueControl;
  model.id = 'model';
  for (const m of MODELS) {
    const o = el('vscode-option', undefined, m);
    o.setAttribute('value', m);
    model.append(o);
  }
  const modelField = el('div', 'field field-model');
  modelField.append(label('model', t('modelLabel')), model, fieldErrors.model);

  // Aspect ratio
  const ratioText: Record<string, string> = { '16:9': t('landscape'), '9:16': t('portrait') };
  const aspectRatio = radioGroup(
    'aspectRatio',
    ASPECT_RATIOS.map((r) => ({ value: r, text: ratioText[r] ?? r })),
  );
  const ratioField = el('div', 'field field-aspect-ratio');
  ratioField.append(label('aspectRatio', t('aspectRatioLabel')), aspectRatio, fieldErrors.aspectRatio);

  // Seconds
  const seconds = radioGroup(
    'seconds',
    SECONDS.map((s) => ({ value: String(s), text: format(t('secondsOption'), s) })),
  );
  const secondsField = el('div', 'field field-seconds');
  secondsField.append(label('seconds', t('secondsLabel')), seconds, fieldErrors.seconds);

  // Reference image
  const referenceImage = el('vscode-textfield') as unknown as ValueControl;
  referenceImage.id = 'referenceImage';
  referenceImage.setAttribute('type', 'url');
  referenceImage.setAttribute('placeholder', t('referencePlaceholder'));
  referenceImage.setAttribute('spellcheck', 'false');
  const hint = el('vscode-form-helper', 'hint', t('referenceHint'));
  hint.id = 'referenceHint';
  const referenceStatus = el('div', 'reference-status');
  referenceStatus.id = 'referenceStatus';
  referenceStatus.setAttribute('aria-live', 'polite');
  referenceStatus.hidden = true;
  const refField = el('div', 'field field-reference');
  refField.append(label('referenceImage', t('referenceLabel')), referenceImage, fieldErrors.referenceImage, referenceStatus, hint);

  // The request as it would be sent (read-only); the key is never in the webview.
  const preview = el('details', 'request-preview');
  preview.id = 'requestPreview';
  const summary = el('summary', undefined, t('requestPreview'));
  const requestHead = el('pre', 'request-head');
  requestHead.id = 'requestHead';
  const requestBody = el('pre', 'request-body');
  requestBody.id = 'requestBody';
  const copyCurl = el('vscode-button') as unknown as ButtonControl;
  copyCurl.id = 'copyCurl';
  copyCurl.setAttribute('secondary', '');
  copyCurl.textContent = t('copyCurl');
  const previewNote = el('p', 'meta', t('requestPreviewNote'));
  preview.append(summary, requestHead, requestBody, previewNote, copyCurl);

  // Actions
  const submit = el('vscode-button') as unknown as ButtonControl;
  submit.id = 'submit';
  submit.textContent = t('submit');
  const ring = el('vscode-progress-ring') as HTMLElement & { role: string; ariaLabel: string; ariaLive: string };
  // The ring defaults to role="alert" with an English label; the text beside it says it all.
  ring.role = 'presentation';
  ring.ariaLive = 'off';
  ring.setAttribute('aria-hidden', 'true');
  const busy = el('span', 'busy');
  busy.id = 'busy';
  busy.hidden = true;
  busy.append(ring, el('span', 'busy-text', t('sending')));
  const actions = el('div', 'actions');
  actions.append(submit, busy);
  const shortcut = el('p', 'meta shortcut', t('shortcut'));
  shortcut.id = 'shortcut';

  const alert = el('div', 'alert');
  alert.id = 'alert';
  alert.setAttribute('role', 'alert');
  alert.hidden = true;
  const status = el('div', 'status');
  status.id = 'status';
  status.setAttribute('role', 'status');

  const settings = el('div', 'settings');
  settings.append(modelField, ratioField, secondsField);
  form.append(promptField, settings, refField, actions, shortcut, alert, status, preview);
  app.append(header, form);

  return {
    form,
    prompt,
    model,
    aspectRatio,
    seconds,
    referenceImage,
    submit,
    busy,
    count,
    alert,
    status,
    fieldErrors,
    referenceStatus,
    preview,
    requestHead,
    requestBody,
    copyCurl,
  };
}

// ---------------------------------------------------------------------------------------------
// Form values ⇄ controls

function radios(group: HTMLElement): RadioControl[] {
  return Array.from(group.querySelectorAll('vscode-radio')) as unknown as RadioControl[];
}

function checkedValue(group: HTMLElement): string | undefined {
  return radios(group).find((r) => r.checked)?.value;
}

function readForm(u: Ui): Draft {
  return toDraft(
    {
      prompt: u.prompt.value ?? '',
      // An empty value means the select has not taken its options yet.
      model: u.model.value || current.model,
      aspectRatio: checkedValue(u.aspectRatio),
      seconds: checkedValue(u.seconds),
      referenceImage: u.referenceImage.value ?? '',
    },
    current,
  );
}

function writeForm(u: Ui, d: Draft): void {
  u.prompt.value = d.prompt;

  // A model the form does not offer gets its own option, so checkDraft can say what is wrong.
  u.model.querySelectorAll('vscode-option.unknown').forEach((o) => o.remove());
  if (!(MODELS as readonly string[]).includes(d.model)) {
    const o = el('vscode-option', 'unknown', d.model);
    o.setAttribute('value', d.model);
    u.model.append(o);
  }
  u.model.value = d.model;

  for (const r of radios(u.aspectRatio)) r.checked = r.value === d.aspectRatio;
  for (const r of radios(u.seconds)) r.checked = r.value === String(d.seconds);
  u.referenceImage.value = d.referenceImage;
}

function saveState(): void {
  vscode.setState({ draft: copyDraft(current), previewOpen: ui?.preview.open === true });
}

/** Whether the request preview was open in the panel's earlier life (it reloads when hidden). */
function previewWasOpen(state: unknown): boolean {
  return typeof state === 'object' && state !== null && (state as { previewOpen?: unknown }).previewOpen === true;
}

function scheduleDraftChanged(): void {
  if (draftTimer !== undefined) clearTimeout(draftTimer);
  draftTimer = setTimeout(flushDraftChanged, DRAFT_DEBOUNCE_MS);
}

function flushDraftChanged(): void {
  if (draftTimer === undefined) return;
  clearTimeout(draftTimer);
  draftTimer = undefined;
  post({ type: 'draftChanged', draft: copyDraft(current) });
}

function cancelDraftChanged(): void {
  if (draftTimer !== undefined) clearTimeout(draftTimer);
  draftTimer = undefined;
}

// ---------------------------------------------------------------------------------------------
// Rendering of messages and state

/** The reference URL the host may look at, or undefined when the field holds none (or a bad one). */
function checkableReference(d: Draft): string | undefined {
  const refs = referenceCandidates(d.referenceImage);
  return refs.length === 1 && refs[0].length <= MAX_REFERENCE_URL_LENGTH && isHttpUrl(refs[0]) ? d.referenceImage : undefined;
}

function currentReferenceCheck(): ReferenceCheckMessage | undefined {
  const c = referenceCheck;
  return c && c.url === current.referenceImage && c.aspectRatio === current.aspectRatio ? c : undefined;
}

function scheduleReferenceCheck(delay = REFERENCE_DEBOUNCE_MS): void {
  if (referenceTimer !== undefined) clearTimeout(referenceTimer);
  referenceTimer = undefined;
  if (checkableReference(current) === undefined || currentReferenceCheck()) return;
  referenceTimer = setTimeout(() => {
    referenceTimer = undefined;
    const url = checkableReference(current);
    if (url !== undefined && !currentReferenceCheck()) post({ type: 'checkReference', url, aspectRatio: current.aspectRatio });
  }, delay);
}

/** A mismatching image is a problem of the field, like a bad URL: it blocks Create. */
function referenceMessages(): FieldMessages {
  const ref = currentReferenceCheck();
  return ref?.level === 'error' ? { referenceImage: [ref.message] } : {};
}

function currentMessages(): FieldMessages {
  return mergeMessages(localMessages(current, strings, attempted || promptCleared), referenceMessages(), hostErrors);
}

function renderPreview(u: Ui): void {
  const p = previewRequest(current, createUrl ?? t('requestPreviewNoUrl'));
  if (!p.ok) {
    u.requestHead.textContent = t('requestPreviewInvalid');
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

function setInvalid(u: Ui, field: DraftField, invalid: boolean): void {
  switch (field) {
    case 'prompt':
    case 'model':
    case 'referenceImage':
      u[field].invalid = invalid;
      break;
    case 'aspectRatio':
    case 'seconds':
      u[field].classList.toggle('invalid', invalid);
      for (const r of radios(u[field])) r.invalid = invalid;
      break;
  }
}

function fillLines(target: HTMLElement, lines: readonly string[]): void {
  target.replaceChildren(...lines.map((line) => el('div', 'line', line)));
  target.hidden = lines.length === 0;
}

/** `announce`: rewrite the alert even if its text is unchanged, so a repeated problem is read again. */
function render(announce = false): void {
  const u = ui;
  if (!u) return;
  const messages = currentMessages();
  for (const field of FIELD_ORDER) {
    const list = messages[field] ?? [];
    fillLines(u.fieldErrors[field], list);
    setInvalid(u, field, list.length > 0);
  }

  const alertLines = attempted ? allMessages(messages) : [];
  if (requestError !== undefined && !alertLines.includes(requestError)) alertLines.push(requestError);
  // Rewrite the live region only when its text changes, so screen readers are not told twice.
  const shown = Array.from(u.alert.children, (c) => c.textContent).join('\n');
  if (announce || alertLines.join('\n') !== shown || u.alert.hidden !== (alertLines.length === 0)) {
    fillLines(u.alert, alertLines);
  }

  const ref = currentReferenceCheck();
  const refNote = ref && ref.level !== 'error' ? ref : undefined;
  u.referenceStatus.textContent = refNote?.message ?? '';
  u.referenceStatus.hidden = refNote === undefined;
  u.referenceStatus.className = `reference-status ${refNote?.level ?? ''}`;
  renderPreview(u);

  u.count.textContent = format(t('charCount'), current.prompt.length, MAX_PROMPT_LENGTH);
  const check = checkDraft(current);
  u.count.classList.toggle('over', !check.ok && check.errors.some((e) => e.code === 'promptTooLong'));

  const busy = hostBusy || submitPending !== undefined;
  u.submit.disabled = busy;
  // vscode-button does not expose its disabled state to assistive technology by itself.
  u.submit.setAttribute('aria-disabled', String(busy));
  u.busy.hidden = !busy;
}

function setStatus(text: string): void {
  if (!ui) return;
  ui.status.textContent = text;
}

function focusField(field: DraftField): void {
  const u = ui;
  if (!u) return;
  let target: HTMLElement;
  if (field === 'aspectRatio' || field === 'seconds') {
    const rs = radios(u[field]);
    target = rs.find((r) => r.checked) ?? rs[0] ?? u[field];
  } else {
    target = u[field];
  }
  const doFocus = () => target.focus();
  const pending = (target as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  if (pending) void pending.then(doFocus);
  else doFocus();
}

function resetMessages(): void {
  attempted = false;
  promptCleared = false;
  hostErrors = {};
  requestError = undefined;
}

function endSubmitPending(): void {
  if (submitPending !== undefined) clearTimeout(submitPending);
  submitPending = undefined;
}

// ---------------------------------------------------------------------------------------------
// User actions

/** Called on every input/change/key/click in the form: picks up whatever changed. */
function onPossibleEdit(): void {
  const u = ui;
  if (!u) return;
  const next = readForm(u);
  if (sameDraft(next, current)) return;
  const previous = current;
  current = next;
  if (previous.prompt.trim() !== '' && next.prompt.trim() === '') promptCleared = true;
  for (const field of FIELD_ORDER) {
    if (previous[field] !== next[field]) delete hostErrors[field];
  }
  // The host's verdict on the reference image depended on the ratio too.
  if (previous.aspectRatio !== next.aspectRatio) delete hostErrors.referenceImage;
  // A new ratio needs no new fetch (the host keeps what it saw), but a new verdict.
  if (previous.referenceImage !== next.referenceImage || previous.aspectRatio !== next.aspectRatio) {
    scheduleReferenceCheck(previous.referenceImage === next.referenceImage ? 0 : REFERENCE_DEBOUNCE_MS);
  }
  saveState();
  scheduleDraftChanged();
  render();
}

function trySubmit(): void {
  const u = ui;
  if (!u || hostBusy || submitPending !== undefined) return;
  onPossibleEdit();
  attempted = true;
  hostErrors = {};
  requestError = undefined;
  setStatus('');
  const problems = mergeMessages(localMessages(current, strings, true), referenceMessages());
  const first = firstInvalidField(problems);
  if (first) {
    render(true);
    focusField(first);
    return;
  }
  cancelDraftChanged();
  submittedPrompt = current.prompt;
  submitPending = setTimeout(() => {
    submitPending = undefined;
    render();
  }, SUBMIT_GRACE_MS);
  post({ type: 'submit', draft: copyDraft(current) });
  render();
}

// ---------------------------------------------------------------------------------------------
// Host messages

function applyDraft(d: Draft): void {
  current = copyDraft(d);
  if (ui) writeForm(ui, current);
  saveState();
}

function onInit(msg: Extract<FromHost, { type: 'init' }>): void {
  strings = msg.strings;
  createUrl = msg.createUrl;
  referenceCheck = undefined;
  ui = build(msg.endpoint, msg.hasKey);
  resetMessages();
  hostBusy = false;
  endSubmitPending();
  ui.preview.open = previewWasOpen(vscode.getState());
  const chosen = initialDraft(msg.draft, vscode.getState());
  applyDraft(chosen);
  if (!sameDraft(chosen, msg.draft)) post({ type: 'draftChanged', draft: copyDraft(chosen) });
  wireEvents(ui);
  scheduleReferenceCheck(0);
  render();
  focusField('prompt');
}

function onHostMessage(msg: FromHost): void {
  if (msg.type === 'init') {
    onInit(msg);
    return;
  }
  if (!ui) return; // everything else needs the form
  switch (msg.type) {
    case 'setDraft':
      cancelDraftChanged();
      resetMessages();
      setStatus('');
      applyDraft(msg.draft);
      post({ type: 'draftChanged', draft: copyDraft(current) });
      scheduleReferenceCheck(0);
      render();
      focusField('prompt');
      break;
    case 'sending':
      endSubmitPending();
      hostBusy = true;
      render();
      break;
    case 'invalid': {
      endSubmitPending();
      hostBusy = false;
      attempted = true;
      requestError = undefined;
      hostErrors = hostMessages(msg.errors);
      setStatus('');
      render(true);
      const first = firstInvalidField(currentMessages());
      if (first) focusField(first);
      break;
    }
    case 'failed':
      endSubmitPending();
      hostBusy = false;
      requestError = msg.message;
      setStatus('');
      render(true);
      break;
    case 'created': {
      endSubmitPending();
      hostBusy = false;
      resetMessages();
      setStatus(msg.message);
      // Clear the prompt that was sent, but not a new one typed while the request was running.
      if (submittedPrompt === undefined || current.prompt === submittedPrompt) {
        current = { ...copyDraft(current), prompt: '' };
        ui.prompt.value = '';
        saveState();
        cancelDraftChanged();
        post({ type: 'draftChanged', draft: copyDraft(current) });
      }
      submittedPrompt = undefined;
      render();
      focusField('prompt');
      break;
    }
    case 'referenceCheck':
      // A check that started with a submit keeps the button disabled until its outcome.
      if (msg.level === 'checking' && submitPending !== undefined) {
        clearTimeout(submitPending);
        submitPending = setTimeout(() => {
          submitPending = undefined;
          render();
        }, REFERENCE_GRACE_MS);
      }
      // Only a verdict on what the form holds now counts; a late answer about an older URL is dropped,
      // and a re-check (at submit) does not hide the verdict already shown.
      if (msg.url === current.referenceImage && msg.aspectRatio === current.aspectRatio) {
        if (msg.level !== 'checking' || currentReferenceCheck() === undefined) referenceCheck = msg;
      }
      render();
      break;
    case 'info':
      setStatus(msg.message);
      break;
  }
}

// ---------------------------------------------------------------------------------------------
// Wiring

function wireEvents(u: Ui): void {
  for (const type of ['input', 'change', 'keyup', 'click'] as const) {
    u.form.addEventListener(type, onPossibleEdit);
  }
  // Enter in the URL field would submit the form: creating a video costs money, so only the
  // button and Ctrl/Cmd+Enter do.
  u.form.addEventListener('submit', (e) => e.preventDefault());
  u.submit.addEventListener('click', (e) => {
    e.preventDefault();
    if (!u.submit.disabled) trySubmit();
  });
  u.preview.addEventListener('toggle', saveState);
  u.copyCurl.addEventListener('click', (e) => {
    e.preventDefault();
    onPossibleEdit();
    if (!u.copyCurl.disabled) post({ type: 'copyCurl', draft: copyDraft(current) });
  });
}

// Capture phase, so the shortcut wins over the controls' own Enter handling.
window.addEventListener(
  'keydown',
  (e) => {
    if (!ui || !isSubmitShortcut(e)) return;
    e.preventDefault();
    e.stopPropagation();
    trySubmit();
  },
  true,
);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = fromHostSchema.safeParse(event.data);
  if (!parsed.success) {
    console.warn('sora composer: ignored a message from the host', parsed.error.issues);
    return;
  }
  onHostMessage(parsed.data);
});

// Don't lose the last keystrokes when the panel goes away.
window.addEventListener('pagehide', flushDraftChanged);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') flushDraftChanged();
});

post({ type: 'ready' });
