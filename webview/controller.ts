// The composer's behaviour: user events and host messages in, a state transition, then render and
// post. The state is one value (state.ts); what lives here besides it is plumbing: the built form,
// the debounce timers, and which requests are still awaited (rpc.ts).
import { fromHostSchema, type Draft, type FieldError, type FromHost, type FromWebview, type ModelFieldError, type ReplyTo } from '../src/shared/protocol';
import type { ComposerStrings } from '../src/shared/strings';
import { firstInvalidField, initialDraft, sameDraft, sameFields, type FieldId } from './form';
import { Rpc } from './rpc';
import { ReferenceChecks } from './referenceChecks';
import * as S from './state';
import { build, fillModelOptions, type Ui } from './view';
import { focusControl, focusField, readForm, showFieldsOf, writeForm } from './controls';
import { render, type Announce } from './render';
import { DraftSync, previewWasOpen, type VsCodeApi } from './draftSync';
import { resetVariations, variationsCount } from './variations';
import { LibraryControls } from './library';
import type { AppliedDraft } from './history';

export type { VsCodeApi } from './draftSync';

/** How long the reference URL must stay unchanged before the host is asked to look at it. */
const REFERENCE_DEBOUNCE_MS = 500;

type Init = Extract<FromHost, { type: 'init' }>;

export class Composer {
  private state: S.State = S.initialState();
  private strings: ComposerStrings | undefined;
  private ui: Ui | undefined;
  private readonly rpc: Rpc;
  private readonly checks: ReferenceChecks;
  private readonly sync: DraftSync;
  private readonly library = new LibraryControls({
    current: () => ({ draft: this.state.draft, models: this.ui?.models ?? [], profiles: this.state.profiles }),
    recall: (prompt) => this.recall(prompt),
    apply: (applied) => this.applyPreset(applied),
    save: () => this.rpc.request('savePreset', { draft: S.copyDraft(this.state.draft) }, (r) => this.onCopyReply(r)),
  });

  constructor(
    private readonly vscode: VsCodeApi,
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

  // -------------------------------------------------------------------------------------------
  // From the host

  receive(data: unknown): void {
    const parsed = fromHostSchema.safeParse(data);
    if (!parsed.success) {
      console.warn('sora composer: ignored a message from the host', parsed.error.issues);
      return;
    }
    const msg = parsed.data;
    if (msg.type === 'init') return this.init(msg);
    if (!this.ui) return; // everything else needs the form
    switch (msg.type) {
      case 'setDraft':
        return this.setDraft(msg.draft);
      case 'keyState':
        this.state = S.keyChanged(this.state, msg.hasKey);
        return this.render();
      case 'focus':
        return this.focus('prompt');
      case 'taskProgress':
        this.state = S.progressed(this.state, msg.taskId, msg.message);
        return this.render();
      case 'library':
        return this.library.update(msg);
      case 'catalogue':
        this.state = S.catalogueChanged(this.state, msg.profiles);
        this.ui.models = msg.models;
        if (this.strings) fillModelOptions(this.ui.model, msg.models, this.strings);
        this.showFields();
        writeForm(this.ui, this.state.draft);
        return this.render();
      default:
        // A reply nobody waits for any more (an older URL, an earlier page) is dropped here.
        this.rpc.receive(msg);
    }
  }

  private init(msg: Init): void {
    const saved = this.vscode.getState();
    this.strings = msg.strings;
    this.rpc.forgetAll();
    this.checks.reset();
    const chosen = initialDraft(msg.draft, saved);
    this.state = S.initialState(chosen, msg.createUrl, msg.submitting, msg.hasKey, { profiles: msg.profiles, templates: msg.fieldTemplates });
    // A submit from the page's earlier life is still running: its outcome is this page's too.
    if (msg.submitting) this.rpc.adopt('submit', msg.submitting.requestId, (r) => this.onSubmitReply(r));
    const ui = (this.ui = build(msg.strings, msg.endpoint, msg.models));
    this.library.mount(ui.prompt, msg.strings, msg);
    ui.preview.open = previewWasOpen(saved);
    this.showFields();
    writeForm(ui, this.state.draft);
    this.sync.save();
    if (!sameDraft(this.state.draft, msg.draft)) this.sync.send();
    this.wire(ui);
    this.checks.schedule(0);
    this.render();
    this.focus('prompt');
  }

  private setDraft(draft: Draft): void {
    this.library.reset();
    this.sync.cancel();
    this.state = S.replaced(this.state, draft);
    this.showFields();
    if (this.ui) writeForm(this.ui, this.state.draft);
    this.sync.save();
    this.sync.send();
    this.checks.schedule(0);
    this.render();
    this.focus('prompt');
  }

  private onSubmitReply(r: ReplyTo<'submit'>): void {
    switch (r.type) {
      case 'sending':
        return; // Create is disabled already; it stays so until the outcome
      case 'referenceCheck': {
        const sent = this.state.submitting?.draft;
        if (sent) this.state = S.verdict(this.state, { url: sent.referenceImage, aspectRatio: sent.aspectRatio }, r.level, r.message);
        return this.render();
      }
      case 'invalid':
        return this.refused(S.submitEnded(this.state), r.errors, r.modelErrors);
      case 'failed':
        this.state = S.failed(S.submitEnded(this.state), r.message, r.action);
        this.render({ alert: true });
        return this.focusAfterError();
      case 'created': {
        const { state, clearedPrompt } = S.created(this.state, r.message, r.taskId);
        this.state = state;
        if (this.ui) resetVariations(this.ui.variations);
        if (clearedPrompt && this.ui) {
          this.ui.prompt.value = '';
          this.sync.save();
          this.sync.cancel();
          this.sync.send();
        }
        this.render({ status: true });
        return this.focus('prompt');
      }
      case 'done':
        this.state = S.submitEnded(this.state);
        return this.render();
    }
  }

  /** A prompt from the history (Up/Down or the list) replaces the prompt only. */
  private recall(prompt: string): void {
    if (!this.ui) return;
    const wasCleared = this.state.promptCleared;
    this.ui.prompt.value = prompt;
    this.onPossibleEdit();
    // Down past the newest empties the prompt: that is no "you deleted your prompt" moment.
    if (prompt === '' && !wasCleared) this.state = { ...this.state, promptCleared: false };
    this.render();
    this.focus('prompt');
  }

  private applyPreset(applied: AppliedDraft): void {
    this.setDraft(applied.draft);
    if (applied.warning) this.state = S.failed(this.state, applied.warning);
    else if (applied.status) this.state = S.confirmed(this.state, applied.status);
    this.render(applied.warning ? { alert: true } : { status: true });
  }

  /** Copy as cURL and Save as Preset get the same kinds of answer. */
  private onCopyReply(r: ReplyTo<'copyCurl' | 'savePreset'>): void {
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

  private onKeyReply(r: ReplyTo<'setApiKey'>): void {
    if (r.type === 'info') {
      this.state = S.keySaved(this.state, r.message);
      this.render({ status: true });
      return this.focus('prompt');
    }
    // Dismissed: back to where the user was, the alert's action if it is still there.
    this.focusAfterError();
  }

  /** The control that matters after a failed request: the alert's fix if it offers one, else the prompt. */
  private focusAfterError(): void {
    if (this.ui && S.shownAction(this.state)) focusControl(this.ui.alertAction);
    else this.focus('prompt');
  }

  private refused(state: S.State, errors: readonly FieldError[], modelErrors?: readonly ModelFieldError[]): void {
    this.state = S.refused(state, errors, modelErrors);
    this.render({ alert: true });
    const first = this.strings && firstInvalidField(S.fieldMessages(this.state, this.strings), S.fieldOrder(this.state));
    if (first) this.focus(first);
  }

  // -------------------------------------------------------------------------------------------
  // From the user

  /** Called on every input/change/key/click in the form: picks up whatever changed. */
  onPossibleEdit(): void {
    if (!this.ui) return;
    // Another model: what the form held so far is already in the state, and carries over from there.
    const model = this.ui.model.value;
    if (model && model !== this.state.draft.model) return this.modelChanged(model);
    const previous = this.state.draft;
    const next = readForm(this.ui, previous);
    if (sameDraft(next, previous)) return;
    this.state = S.edited(this.state, next);
    // A new ratio needs no new fetch (the host keeps what it saw), but a new verdict; a new URL
    // (Sora's reference, or another model's image field) is asked about once it rests.
    const urlEdited = previous.referenceImage !== next.referenceImage || !sameFields(previous.fields, next.fields);
    if (urlEdited || previous.aspectRatio !== next.aspectRatio) this.checks.schedule(urlEdited ? REFERENCE_DEBOUNCE_MS : 0);
    this.sync.save();
    this.sync.schedule();
    this.render();
  }

  private modelChanged(model: string): void {
    if (!this.ui) return;
    this.state = S.modelChosen(this.state, model);
    this.showFields();
    writeForm(this.ui, this.state.draft);
    // Another family judges images by other limits: the image (if any) is asked about again.
    this.checks.schedule(0);
    this.sync.save();
    this.sync.schedule();
    this.render();
  }

  /**
   * The chosen model's controls (only the fields block is rebuilt). The time it takes is left on
   * the form as data-render-ms, for the benchmark.
   */
  private showFields(): void {
    if (!this.ui || !this.strings) return;
    const started = performance.now();
    if (showFieldsOf(this.ui, this.state.draft.model, S.chosenProfile(this.state), this.strings)) {
      this.ui.form.dataset.renderMs = (performance.now() - started).toFixed(2);
    }
  }

  trySubmit(): void {
    if (!this.ui || !this.strings || S.isBusy(this.state)) return;
    this.onPossibleEdit();
    const { state, blocked } = S.attempted(this.state, this.strings);
    this.state = state;
    if (blocked) {
      this.render({ alert: true });
      return this.focus(blocked);
    }
    this.sync.cancel();
    const id = this.rpc.request('submit', { draft: S.copyDraft(this.state.draft), count: variationsCount(this.ui.variations) }, (r) => this.onSubmitReply(r));
    this.state = S.submitted(this.state, id);
    this.render();
  }

  private copyCurl(): void {
    this.onPossibleEdit();
    if (!this.ui || this.ui.copyCurl.disabled) return;
    this.rpc.request('copyCurl', { draft: S.copyDraft(this.state.draft) }, (r) => this.onCopyReply(r));
  }

  private wire(u: Ui): void {
    for (const type of ['input', 'change', 'keyup', 'click'] as const) u.form.addEventListener(type, () => this.onPossibleEdit());
    // Enter in the URL field would submit the form: creating a video costs money, so only the
    // button and Ctrl/Cmd+Enter do.
    u.form.addEventListener('submit', (e) => e.preventDefault());
    u.submit.addEventListener('click', (e) => {
      e.preventDefault();
      if (!u.submit.disabled) this.trySubmit();
    });
    u.preview.addEventListener('toggle', () => this.sync.save());
    u.copyCurl.addEventListener('click', (e) => {
      e.preventDefault();
      this.copyCurl();
    });
    u.alertAction.addEventListener('click', (e) => {
      e.preventDefault();
      this.rpc.request('setApiKey', {}, (r) => this.onKeyReply(r));
    });
  }

  /** Don't lose the last keystrokes when the panel goes away. */
  flushDraftChanged(): void {
    this.sync.flush();
  }

  private post(message: FromWebview): void {
    this.vscode.postMessage(message);
  }

  // -------------------------------------------------------------------------------------------

  private render(announce?: Announce): void {
    if (this.ui && this.strings) render(this.ui, this.state, this.strings, announce);
  }

  private focus(field: FieldId): void {
    if (this.ui) focusField(this.ui, field);
  }
}
