// The composer form's event listeners: every edit is picked up in one place, and only the Create
// button and Ctrl/Cmd+Enter submit (Enter in the URL field would submit the form, and a create
// costs money).
import type { Ui } from './view';

export interface FormActions {
  edit(): void;
  submit(): void;
  previewToggled(): void;
  copyCurl(): void;
  setApiKey(): void;
}

export function wireForm(u: Ui, on: FormActions): void {
  for (const type of ['input', 'change', 'keyup', 'click'] as const) u.form.addEventListener(type, () => on.edit());
  u.form.addEventListener('submit', (e) => e.preventDefault());
  const click = (button: HTMLElement, action: () => void, when: () => boolean = () => true) =>
    button.addEventListener('click', (e) => {
      e.preventDefault();
      if (when()) action();
    });
  click(u.submit, () => on.submit(), () => !u.submit.disabled);
  click(u.copyCurl, () => on.copyCurl());
  click(u.alertAction, () => on.setApiKey());
  u.preview.addEventListener('toggle', () => on.previewToggled());
}
