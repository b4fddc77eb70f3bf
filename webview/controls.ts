// Moving values between the Draft and the vscode-elements controls, and focus. The controls are
// only a mirror: the state's draft is the truth, read back on every possible edit.
import type { Draft } from '../src/shared/protocol';
import type { DraftField } from '../src/domain/request';
import { toDraft } from './form';
import { el, type RadioControl, type Ui } from './view';

export function radios(group: HTMLElement): RadioControl[] {
  return Array.from(group.querySelectorAll('vscode-radio'));
}

function checkedValue(group: HTMLElement): string | undefined {
  return radios(group).find((r) => r.checked)?.value;
}

/** What the controls hold now; `previous` fills what they cannot say (see toDraft). */
export function readForm(u: Ui, previous: Draft): Draft {
  return toDraft(
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
}

export function setInvalid(u: Ui, field: DraftField, invalid: boolean): void {
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

export function focusField(u: Ui, field: DraftField): void {
  let target: HTMLElement;
  if (field === 'aspectRatio' || field === 'seconds') {
    const rs = radios(u[field]);
    target = rs.find((r) => r.checked) ?? rs[0] ?? u[field];
  } else {
    target = u[field];
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
