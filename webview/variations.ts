// The composer's Variations control: how many tasks one Create makes of the form (1–4). Not a
// request field (no data-field): the host sends one request per variation, after asking once.
import { VARIATION_COUNTS } from '../src/domain/variations';
import type { ComposerStrings } from '../src/shared/strings';
import { el, label, type ValueControl } from './view';

/** The labelled drop-down, `#variations`, at 1. */
export function variationsField(s: ComposerStrings): { field: HTMLElement; control: ValueControl } {
  const control = el('vscode-single-select') as unknown as ValueControl;
  control.id = 'variations';
  for (const n of VARIATION_COUNTS) {
    const option = el('vscode-option', undefined, String(n)) as HTMLElement & { value: string };
    option.setAttribute('value', String(n));
    if (n === 1) option.setAttribute('selected', '');
    control.append(option);
  }
  const hint = el('vscode-form-helper', 'hint', s.variationsHint);
  hint.id = 'variationsHint';
  control.setAttribute('aria-describedby', hint.id);
  const field = el('div', 'field field-variations');
  field.append(label('variations', s.variationsLabel), control, hint);
  return { field, control };
}

/** The count the control shows; anything else (it cannot be) is 1. */
export function variationsCount(control: ValueControl): number {
  const n = Number(control.value);
  return (VARIATION_COUNTS as readonly number[]).includes(n) ? n : 1;
}

/** Back to one after a create: a paid multiple is never repeated by a second Ctrl+Enter unasked. */
export function resetVariations(control: ValueControl): void {
  control.value = '1';
}
