// The fields of a model other than Sora, built from its profile (fieldControls.ts says which control
// shows which field). Only this block is rebuilt when the model changes; each control carries
// `data-field` (its JSON key), a label, and an error and hint line that a11y.ts links to it.
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';

import type { FieldSpec } from '../src/domain/models/profile';
import type { ComposerModel, Draft } from '../src/shared/protocol';
import type { ComposerStrings } from '../src/shared/strings';
import { fieldLabel } from '../src/domain/models/messages';
import { controlFor, controlId, controlText, fieldHint, formFields, valueOf, type ControlKind } from './fieldControls';
import { el, label, radioGroup, type RadioControl, type ValueControl } from './view';

export interface FieldControl {
  spec: FieldSpec;
  kind: ControlKind;
  /** The element that holds the value (the radio group for radios). */
  control: HTMLElement;
  error: HTMLElement;
  hint: HTMLElement;
  /** The hint's own text (range, how many URLs); render.ts adds the image check's word to it. */
  baseHint: string;
}

/** The block as built: for which model, and its controls by JSON key. */
export interface ModelFields {
  model: string;
  /** The profile it was built from: a new catalogue may change a model's fields. */
  profile?: ComposerModel;
  controls: Map<string, FieldControl>;
}

type CheckboxControl = HTMLElement & { checked: boolean; invalid: boolean };

function build(spec: FieldSpec, kind: ControlKind): { control: HTMLElement; labelled: boolean } {
  const id = controlId(spec.key);
  const text = fieldLabel(spec);
  const options = (spec.values ?? []).map((v) => ({ value: String(v), text: String(v) }));
  let control: HTMLElement;
  switch (kind) {
    case 'radio':
      control = radioGroup(id, options);
      break;
    case 'select':
      control = el('vscode-single-select');
      for (const o of options) {
        const option = el('vscode-option', undefined, o.text);
        option.setAttribute('value', o.value);
        control.append(option);
      }
      break;
    case 'checkbox':
      // Its own label, beside the box (clicking it toggles the box).
      control = el('vscode-checkbox', undefined, text);
      break;
    default: {
      control = el('vscode-textfield');
      if (kind === 'number') {
        control.setAttribute('type', 'number');
        if (spec.min !== undefined && !spec.values?.length) control.setAttribute('min', String(spec.min));
        if (spec.max !== undefined) control.setAttribute('max', String(spec.max));
        if (spec.type === 'integer') control.setAttribute('step', '1');
      } else if (kind === 'url' || kind === 'urls') {
        control.setAttribute('type', kind === 'url' ? 'url' : 'text');
        control.setAttribute('spellcheck', 'false');
        control.setAttribute('placeholder', 'https://');
      }
    }
  }
  control.id = id;
  control.dataset.field = spec.key;
  return { control, labelled: kind === 'checkbox' };
}

/** Replaces the block's content with the controls of `profile`'s fields. */
export function buildModelFields(block: HTMLElement, profile: ComposerModel, s: ComposerStrings): ModelFields {
  const controls = new Map<string, FieldControl>();
  const parts: HTMLElement[] = [];
  for (const spec of formFields(profile.fields)) {
    const kind = controlFor(spec);
    const { control, labelled } = build(spec, kind);
    const error = el('div', 'field-error');
    error.id = `${control.id}-error`;
    error.hidden = true;
    const hint = el('vscode-form-helper', 'hint', fieldHint(spec, kind, s));
    hint.id = `${control.id}-hint`;
    hint.hidden = hint.textContent === '';
    const wide = kind === 'url' || kind === 'urls' || kind === 'text';
    const wrap = el('div', `field field-model-${kind}${wide ? ' field-wide' : ''}`);
    if (!labelled) wrap.append(label(control.id, fieldLabel(spec)));
    wrap.append(control, error, hint);
    parts.push(wrap);
    controls.set(spec.key, { spec, kind, control, error, hint, baseHint: hint.textContent ?? '' });
  }
  block.replaceChildren(...parts);
  block.hidden = parts.length === 0;
  return { model: profile.id, controls };
}

function radios(group: HTMLElement): RadioControl[] {
  return Array.from(group.querySelectorAll('vscode-radio'));
}

/** What the controls hold, as the draft's fields. */
export function readModelFields(m: ModelFields): NonNullable<Draft['fields']> {
  const out: NonNullable<Draft['fields']> = {};
  for (const [key, c] of m.controls) {
    let raw: string | boolean;
    if (c.kind === 'checkbox') raw = (c.control as CheckboxControl).checked;
    else if (c.kind === 'radio') raw = radios(c.control).find((r) => r.checked)?.value ?? '';
    else raw = (c.control as ValueControl).value ?? '';
    const value = valueOf(c.spec, c.kind, raw);
    if (value !== undefined) out[key] = Array.isArray(value) ? [...(value as string[])] : (value as string | number | boolean);
  }
  return out;
}

export function writeModelFields(m: ModelFields, fields: Draft['fields']): void {
  for (const [key, c] of m.controls) {
    const value = fields?.[key];
    if (c.kind === 'checkbox') (c.control as CheckboxControl).checked = value === true;
    else if (c.kind === 'radio') for (const r of radios(c.control)) r.checked = value !== undefined && r.value === String(value);
    else (c.control as ValueControl).value = controlText(value);
  }
}

export function setFieldInvalid(c: FieldControl, invalid: boolean): void {
  if (c.kind === 'radio') {
    c.control.classList.toggle('invalid', invalid);
    for (const r of radios(c.control)) r.invalid = invalid;
  } else {
    (c.control as ValueControl).invalid = invalid;
  }
}

/** The element that takes the focus for a field: the chosen radio (or the first), else the control. */
export function focusTarget(c: FieldControl): HTMLElement {
  if (c.kind !== 'radio') return c.control;
  const rs = radios(c.control);
  return rs.find((r) => r.checked) ?? rs[0] ?? c.control;
}
