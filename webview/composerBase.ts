// What the composer's flow (controller.ts) stands on: the one state value, the built form and its
// strings, the request plumbing (rpc.ts, the reference checks, the draft sync), and the answers to
// the requests that end in a message or a focus move.
import type { FieldError, FromWebview, ModelFieldError, ReplyTo } from '../src/shared/protocol';
import type { ComposerStrings } from '../src/shared/strings';
import { firstInvalidField, type FieldId } from './form';
import { Rpc } from './rpc';
import { ReferenceChecks } from './referenceChecks';
import * as S from './state';
import type { Ui } from './view';
import { focusControl, focusField } from './controls';
import { render, type Announce } from './render';
import { DraftSync, type VsCodeApi } from './draftSync';

export abstract class ComposerBase {
  protected state: S.State = S.initialState();
  protected strings: ComposerStrings | undefined;
  protected ui: Ui | undefined;
  protected readonly rpc: Rpc;
  protected readonly checks: ReferenceChecks;
  protected readonly sync: DraftSync;

  constructor(
    protected readonly vscode: VsCodeApi,
    session: string,
  ) {
    this.rpc = new Rpc((m) => this.post(m), session);
    this.sync = new DraftSync(vscode, (m) => this.post(m), () => ({ draft: S.copyDraft(this.state.draft), previewOpen: this.ui?.preview.open === true }));
    this.checks = new ReferenceChecks(
      this.rpc,
      () => S.wantedCheck(this.state),
      (about, level, message) => {
        this.state = S.verdict(this.state, about, level, message);
        this.render();
      },
    );
  }

  start(): void {
    this.post({ type: 'ready' });
  }

  hasForm(): boolean {
    return this.ui !== undefined;
  }

  /** Copy as cURL and Save as Preset get the same kinds of answer. */
  protected onCopyReply(r: ReplyTo<'copyCurl' | 'savePreset'>): void {
    switch (r.type) {
      case 'info':
        this.state = S.confirmed(this.state, r.message);
        return this.render({ status: true });
      case 'invalid':
        return this.refused(this.state, r.errors, r.modelErrors);
      case 'failed':
        this.state = S.failed(this.state, r.message);
        return this.render({ alert: true });
      case 'done':
        return;
    }
  }

  protected onKeyReply(r: ReplyTo<'setApiKey'>): void {
    if (r.type === 'info') {
      this.state = S.keySaved(this.state, r.message);
      this.render({ status: true });
      return this.focus('prompt');
    }
    // Dismissed: back to where the user was, the alert's action if it is still there.
    this.focusAfterError();
  }

  /** The control that matters after a failed request: the alert's fix if it offers one, else the prompt. */
  protected focusAfterError(): void {
    if (this.ui && S.shownAction(this.state)) focusControl(this.ui.alertAction);
    else this.focus('prompt');
  }

  protected refused(state: S.State, errors: readonly FieldError[], modelErrors?: readonly ModelFieldError[]): void {
    this.state = S.refused(state, errors, modelErrors);
    this.render({ alert: true });
    const first = this.strings && firstInvalidField(S.fieldMessages(this.state, this.strings), S.fieldOrder(this.state));
    if (first) this.focus(first);
  }

  /** Don't lose the last keystrokes when the panel goes away. */
  flushDraftChanged(): void {
    this.sync.flush();
  }

  protected post(message: FromWebview): void {
    this.vscode.postMessage(message);
  }

  // -------------------------------------------------------------------------------------------

  protected render(announce?: Announce): void {
    if (this.ui && this.strings) render(this.ui, this.state, this.strings, announce);
  }

  protected focus(field: FieldId): void {
    if (this.ui) focusField(this.ui, field);
  }}
