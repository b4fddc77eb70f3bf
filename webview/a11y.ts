// What assistive technology is told about the form. The vscode-elements controls render their real
// input inside a shadow root, which an aria-describedby id from the page cannot reach; an element
// reference can (ariaDescribedByElements may point at the shadow root's host's tree), so a field's
// invalid state and descriptions are set on the inner element that takes the focus.
import type { DraftField } from '../src/domain/request';
import type { FieldId } from './form';
import type { RadioControl, Ui } from './view';

/** The element that takes the focus and is announced: inside the shadow root, or the host itself. */
function announced(control: HTMLElement): HTMLElement | null {
  // Both are the semantic element themselves (role radiogroup, role button) in the page's tree.
  if (control.tagName === 'VSCODE-RADIO-GROUP' || control.tagName === 'VSCODE-BUTTON') return control;
  return control.shadowRoot?.querySelector<HTMLElement>('textarea, input, [role="combobox"]') ?? null;
}

/** A model's fields: each control described by its error and its hint (range, how many URLs). */
export function describeModelFields(u: Ui, invalid: (field: FieldId) => boolean): void {
  for (const [key, c] of u.modelFields?.controls ?? []) describe(c.control, invalid(`field:${key}`), [c.error, c.hint]);
}

function describe(control: HTMLElement, invalid: boolean, notes: readonly HTMLElement[]): void {
  const apply = (): void => {
    const target = announced(control);
    if (!target) return;
    // A hidden note still counts in a description (accname), so only the shown ones are named.
    const shown = notes.filter((n) => !n.hidden && (n.textContent ?? '').trim() !== '');
    if (invalid) target.setAttribute('aria-invalid', 'true');
    else target.removeAttribute('aria-invalid');
    if (target === control) {
      if (shown.length) target.setAttribute('aria-describedby', shown.map((n) => n.id).join(' '));
      else target.removeAttribute('aria-describedby');
    } else {
      target.ariaDescribedByElements = shown;
    }
  };
  apply();
  // A control renders its shadow root after it is connected: the first time, the target comes later.
  void (control as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete?.then(apply);
}

/** Invalid state and descriptions (errors, the character count, hints) for every control. */
export function describeForm(u: Ui, invalid: (field: DraftField) => boolean): void {
  describe(u.prompt, invalid('prompt'), [u.fieldErrors.prompt, u.count]);
  describe(u.model, invalid('model'), [u.fieldErrors.model]);
  describe(u.aspectRatio, invalid('aspectRatio'), [u.fieldErrors.aspectRatio]);
  describe(u.seconds, invalid('seconds'), [u.fieldErrors.seconds]);
  describe(u.referenceImage, invalid('referenceImage'), [u.fieldErrors.referenceImage, u.referenceStatus, u.referenceHint]);
  describe(u.submit, false, [u.noKey, u.shortcut]);
}

/**
 * vscode-radio (2.5.1) draws a checkbox input, so a screen reader hears checkboxes whose checked
 * state can even differ from the option shown (a click on the chosen one unticks the box), and the
 * group makes its first option the Tab stop, whichever is chosen. Fixed upstream by a radio input
 * (vscode-elements/elements#615, unreleased); until then, each option's input is made a radio and
 * kept in step with its host, and the chosen option is the group's one Tab stop (the group's own
 * arrow keys move the choice and the focus together).
 */
export function exposeAsRadios(group: HTMLElement): void {
  const options = (): RadioControl[] => Array.from(group.querySelectorAll<RadioControl>('vscode-radio'));
  const sync = (): void => {
    const all = options();
    const stop = all.find((r) => r.checked) ?? all[0];
    all.forEach((r, i) => {
      const tabIndex = r === stop ? 0 : -1;
      if (r.tabIndex !== tabIndex) r.tabIndex = tabIndex;
      const input = r.shadowRoot?.querySelector('input');
      if (!input) return;
      if (input.type !== 'radio') input.type = 'radio';
      if (input.checked !== r.checked) input.checked = r.checked;
      // Each input is alone in its shadow root, so the browser cannot count the options itself.
      input.setAttribute('aria-posinset', String(i + 1));
      input.setAttribute('aria-setsize', String(all.length));
      // The name belongs on the input; on the role-less host it is invalid ARIA.
      input.setAttribute('aria-label', (r.textContent ?? '').trim());
      if (r.hasAttribute('aria-label')) r.removeAttribute('aria-label');
    });
  };
  new MutationObserver(sync).observe(group, { subtree: true, attributes: true, attributeFilter: ['checked', 'tabindex', 'aria-label'] });
  for (const r of options()) void r.updateComplete.then(sync);
  sync();
}
