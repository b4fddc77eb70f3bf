// The composer's DOM, built once per `init` with createElement and textContent only: every text
// here comes from the host (strings, the endpoint) and must never be parsed as markup.
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

import { ASPECT_RATIOS, SECONDS, type DraftField } from '../src/domain/request';
import { format } from '../src/util/l10n';
import type { ComposerStrings } from '../src/shared/strings';
import type { ModelOption } from '../src/shared/protocol';
import { FIELD_ORDER, modelDetail } from './form';
import { exposeAsRadios } from './a11y';
import type { ModelFields } from './modelFields';
import { variationsField } from './variations';

// Minimal structural views of the vscode-elements controls (their classes are ES-module-only types).
export interface ValueControl extends HTMLElement {
  value: string;
  invalid: boolean;
  disabled: boolean;
  label: string;
}
export interface RadioControl extends HTMLElement {
  value: string;
  checked: boolean;
  name: string;
  invalid: boolean;
  readonly updateComplete: Promise<unknown>;
}
export interface ButtonControl extends HTMLElement {
  disabled: boolean;
}

export interface Ui {
  form: HTMLFormElement;
  prompt: ValueControl;
  model: ValueControl;
  /** What the host offered; the picker shows their labels (a new catalogue replaces them). */
  models: readonly ModelOption[];
  /** Sora's own ratio and duration, and its reference field: in the form only while a Sora model is chosen. */
  soraSettings: HTMLElement;
  referenceField: HTMLElement;
  settings: HTMLElement;
  /** The fields of any other model, rebuilt when the model changes (modelFields.ts). */
  modelBlock: HTMLElement;
  modelFields: ModelFields | undefined;
  modelDetail: HTMLElement;
  aspectRatio: HTMLElement;
  seconds: HTMLElement;
  referenceImage: ValueControl;
  submit: ButtonControl;
  /** How many tasks Create makes (variations.ts). */
  variations: ValueControl;
  busy: HTMLElement;
  count: HTMLElement;
  noKey: HTMLElement;
  /** The alert's frame: its lines (role=alert) and the action that fixes them. */
  alertBox: HTMLElement;
  alert: HTMLElement;
  alertAction: ButtonControl;
  status: HTMLElement;
  fieldErrors: Record<DraftField, HTMLElement>;
  referenceStatus: HTMLElement;
  referenceHint: HTMLElement;
  shortcut: HTMLElement;
  preview: HTMLDetailsElement;
  requestHead: HTMLElement;
  requestBody: HTMLElement;
  copyCurl: ButtonControl;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K];
export function el(tag: string, className?: string, text?: string): HTMLElement;
export function el(tag: string, className?: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function withId<E extends HTMLElement>(e: E, id: string): E {
  e.id = id;
  return e;
}

export function label(forId: string, text: string): HTMLElement {
  const l = el('vscode-label', undefined, text);
  l.setAttribute('for', forId);
  return l;
}

function fieldError(field: DraftField): HTMLElement {
  const e = withId(el('div', 'field-error'), `${field}-error`);
  e.hidden = true;
  return e;
}

export function radioGroup(id: string, options: Array<{ value: string; text: string }>): HTMLElement {
  const group = withId(el('vscode-radio-group'), id);
  for (const o of options) {
    const r = el('vscode-radio', undefined, o.text);
    r.setAttribute('name', id);
    r.setAttribute('value', o.value);
    group.append(r);
  }
  exposeAsRadios(group);
  return group;
}

function field(className: string, ...children: HTMLElement[]): HTMLElement {
  const f = el('div', `field ${className}`);
  f.append(...children);
  return f;
}

/** The picker's options, family by family as the host lists them; the family is named in each description. */
export function fillModelOptions(model: HTMLElement, models: readonly ModelOption[], s: ComposerStrings): void {
  model.replaceChildren(
    ...models.map((m) => {
      const o = el('vscode-option', undefined, m.label);
      o.setAttribute('value', m.id);
      o.setAttribute('description', modelDetail(models, m.id, s.modelDetail, s.modelFamily));
      return o;
    }),
  );
}

/** Replaces the content of #app with a fresh form. */
export function build(s: ComposerStrings, endpoint: string, models: readonly ModelOption[]): Ui {
  const app = document.getElementById('app') ?? document.body.appendChild(el('main'));
  app.replaceChildren();

  const header = el('header', 'header');
  header.append(withId(el('h1', 'title', s.title), 'title'), withId(el('p', 'meta', format(s.endpoint, endpoint)), 'endpoint'));
  // Shown while no key is set; render() follows the key as it is set or cleared, in any window.
  const noKey = withId(el('p', 'meta no-key', s.noKey), 'noKey');
  noKey.hidden = true;
  header.append(noKey);

  const form = withId(el('form', 'composer'), 'composer');
  form.noValidate = true;
  form.setAttribute('aria-labelledby', 'title');

  const fieldErrors = {} as Record<DraftField, HTMLElement>;
  for (const f of FIELD_ORDER) fieldErrors[f] = fieldError(f);

  const prompt = withId(el('vscode-textarea') as unknown as ValueControl, 'prompt');
  prompt.setAttribute('rows', '8');
  prompt.setAttribute('resize', 'vertical');
  prompt.setAttribute('placeholder', s.promptPlaceholder);
  const count = withId(el('div', 'char-count'), 'charCount');
  const promptFoot = el('div', 'field-foot');
  promptFoot.append(fieldErrors.prompt, count);

  prompt.dataset.field = 'prompt';
  const model = withId(el('vscode-single-select') as unknown as ValueControl, 'model');
  model.dataset.field = 'model';
  fillModelOptions(model, models, s);
  const modelLine = withId(el('div', 'meta model-detail'), 'modelDetail');

  const ratioText: Record<string, string> = { '16:9': s.landscape, '9:16': s.portrait };
  const aspectRatio = radioGroup('aspectRatio', ASPECT_RATIOS.map((r) => ({ value: r, text: ratioText[r] ?? r })));
  const seconds = radioGroup('seconds', SECONDS.map((n) => ({ value: String(n), text: format(s.secondsOption, n) })));
  // Sora's JSON keys (its draft names them otherwise, as before the catalogue).
  aspectRatio.dataset.field = 'aspect_ratio';
  seconds.dataset.field = 'seconds';

  const referenceImage = withId(el('vscode-textfield') as unknown as ValueControl, 'referenceImage');
  referenceImage.setAttribute('type', 'url');
  referenceImage.setAttribute('placeholder', s.referencePlaceholder);
  referenceImage.setAttribute('spellcheck', 'false');
  referenceImage.dataset.field = 'input_reference';
  const referenceHint = withId(el('vscode-form-helper', 'hint', s.referenceHint), 'referenceHint');
  const referenceStatus = withId(el('div', 'reference-status'), 'referenceStatus');
  referenceStatus.setAttribute('aria-live', 'polite');
  referenceStatus.hidden = true;

  // The request as it would be sent (read-only); the key is never in the webview.
  const preview = withId(el('details', 'request-preview'), 'requestPreview');
  const requestHead = withId(el('pre', 'request-head'), 'requestHead');
  const requestBody = withId(el('pre', 'request-body'), 'requestBody');
  const copyCurl = withId(el('vscode-button', undefined, s.copyCurl) as unknown as ButtonControl, 'copyCurl');
  copyCurl.setAttribute('secondary', '');
  preview.append(el('summary', undefined, s.requestPreview), requestHead, requestBody, el('p', 'meta', s.requestPreviewNote), copyCurl);

  const submit = withId(el('vscode-button', undefined, s.submit) as unknown as ButtonControl, 'submit');
  const ring = el('vscode-progress-ring') as HTMLElement & { role: string; ariaLive: string };
  // The ring defaults to role="alert" with an English label; the text beside it says it all.
  ring.role = 'presentation';
  ring.ariaLive = 'off';
  ring.setAttribute('aria-hidden', 'true');
  const busy = withId(el('span', 'busy'), 'busy');
  busy.hidden = true;
  busy.append(ring, el('span', 'busy-text', s.sending));
  const shortcut = withId(el('p', 'meta shortcut', s.shortcut), 'shortcut');
  const variations = variationsField(s);
  const actions = el('div', 'actions');
  actions.append(submit, busy);

  const alert = withId(el('div', 'alert'), 'alert');
  alert.setAttribute('role', 'alert');
  alert.hidden = true;
  // Outside the live region: an alert is read once, its button is not part of the message.
  const alertAction = withId(el('vscode-button', undefined, s.setApiKey) as unknown as ButtonControl, 'alertAction');
  alertAction.setAttribute('secondary', '');
  alertAction.hidden = true;
  const alertBox = withId(el('div', 'alert-box'), 'alertBox');
  alertBox.hidden = true;
  alertBox.append(alert, alertAction);
  const status = withId(el('div', 'status'), 'status');
  status.setAttribute('role', 'status');

  const settings = el('div', 'settings');
  const soraSettings = el('div', 'sora-settings');
  soraSettings.append(
    field('field-aspect-ratio', label('aspectRatio', s.aspectRatioLabel), aspectRatio, fieldErrors.aspectRatio),
    field('field-seconds', label('seconds', s.secondsLabel), seconds, fieldErrors.seconds),
  );
  settings.append(field('field-model', label('model', s.modelLabel), model, modelLine, fieldErrors.model), soraSettings);
  const referenceField = field('field-reference', label('referenceImage', s.referenceLabel), referenceImage, fieldErrors.referenceImage, referenceStatus, referenceHint);
  const modelBlock = withId(el('div', 'settings model-fields'), 'modelFields');
  modelBlock.hidden = true;
  form.append(
    field('field-prompt', label('prompt', s.promptLabel), prompt, promptFoot),
    settings,
    referenceField,
    modelBlock,
    variations.field,
    actions,
    shortcut,
    alertBox,
    status,
    preview,
  );
  app.append(header, form);

  return {
    form,
    prompt,
    model,
    models,
    soraSettings,
    referenceField,
    settings,
    modelBlock,
    modelFields: undefined,
    modelDetail: modelLine,
    aspectRatio,
    seconds,
    referenceImage,
    submit,
    variations: variations.control,
    busy,
    count,
    noKey,
    alertBox,
    alert,
    alertAction,
    status,
    fieldErrors,
    referenceStatus,
    referenceHint,
    shortcut,
    preview,
    requestHead,
    requestBody,
    copyCurl,
  };
}
