// Moving values between the Draft and the vscode-elements controls, and focus. The controls are
// only a mirror: the state's draft is the truth, read back on every possible edit.
import type { ComposerModel, Draft } from '../src/shared/protocol';
import type { ComposerStrings } from '../src/shared/strings';
import { toDraft, type FieldId } from './form';
import { buildModelFields, focusTarget, readModelFields, setFieldInvalid, writeModelFields, type FieldControl } from './modelFields';
import { el, type RadioControl, type Ui } from './view';

export function radios(group: HTMLElement): RadioControl[] {
  return Array.from(group.querySelectorAll('vscode-radio'));
}

function checkedValue(group: HTMLElement): string | undefined {
  return radios(group).find((r) => r.checked)?.value;
}

/** What the controls hold now; `previous` fills what they cannot say (see toDraft). */
export function readForm(u: Ui, previous: Draft): Draft {
  const d = toDraft(
    {
      prompt: u.prompt.value ?? '',
      // An empty value means the select has not taken its options yet.
      model: u.model.value || previous.model,
      aspectRatio: checkedValue(u.aspectRatio),
      seconds: checkedValue(u.seconds),
      referenceImage: u.referenceImage.value ?? '',
    },
    previous,
  );
  // The block holds the fields of the model it was built for; a new model is read by the controller first.
  if (u.modelFields && u.modelFields.model === d.model) d.fields = readModelFields(u.modelFields);
  return d;
}

/**
 * Shows the fields of the chosen model: Sora's own controls, or a block built from the profile
 * (rebuilt only when the model changes). Returns whether anything was rebuilt.
 */
export function showFieldsOf(u: Ui, model: string, profile: ComposerModel | undefined, s: ComposerStrings): boolean {
  if (!profile) {
    if (!u.modelFields && u.soraSettings.isConnected) return false;
    u.modelFields = undefined;
    u.modelBlock.replaceChildren();
    u.modelBlock.hidden = true;
    // Back into the form: Sora's keys (aspect_ratio, input_reference) are in it once only.
    u.settings.append(u.soraSettings);
    u.modelBlock.before(u.referenceField);
    return true;
  }
  if (u.modelFields?.model === model && u.modelFields.profile === profile) return false;
  u.soraSettings.remove();
  u.referenceField.remove();
  u.modelFields = { ...buildModelFields(u.modelBlock, profile, s), profile };
  return true;
}

/** A model field's control, by the id of its messages. */
export function modelControl(u: Ui, field: FieldId): FieldControl | undefined {
  return field.startsWith('field:') ? u.modelFields?.controls.get(field.slice('field:'.length)) : undefined;
}

export function writeForm(u: Ui, d: Draft): void {
  u.prompt.value = d.prompt;

  // A model the form does not offer gets its own option, so checkDraft can say what is wrong.
  u.model.querySelectorAll('vscode-option.unknown').forEach((o) => o.remove());
  if (!u.models.some((m) => m.id === d.model)) {
    const o = el('vscode-option', 'unknown', d.model);
    o.setAttribute('value', d.model);
    u.model.append(o);
  }
  u.model.value = d.model;

  for (const r of radios(u.aspectRatio)) r.checked = r.value === d.aspectRatio;
  for (const r of radios(u.seconds)) r.checked = r.value === String(d.seconds);
  u.referenceImage.value = d.referenceImage;
  if (u.modelFields && u.modelFields.model === d.model) writeModelFields(u.modelFields, d.fields);
}

export function setInvalid(u: Ui, field: FieldId, invalid: boolean): void {
  const c = modelControl(u, field);
  if (c) return setFieldInvalid(c, invalid);
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

export function focusField(u: Ui, field: FieldId): void {
  let target: HTMLElement;
  const c = modelControl(u, field);
  if (c) {
    target = focusTarget(c);
  } else if (field.startsWith('field:')) {
    return;
  } else if (field === 'aspectRatio' || field === 'seconds') {
    const rs = radios(u[field]);
    target = rs.find((r) => r.checked) ?? rs[0] ?? u[field];
  } else {
    target = u[field as 'prompt' | 'model' | 'referenceImage'];
  }
  focusControl(target);
}

export function focusControl(target: HTMLElement): void {
  // A control that has not rendered yet has nothing to focus inside it.
  const doFocus = () => target.focus();
  const pending = (target as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  if (pending) void pending.then(doFocus);
  else doFocus();
}
