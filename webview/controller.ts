// The composer's behaviour: user events and host messages in, a state transition, then render and
// post. The state is one value (state.ts); what lives here besides it is plumbing: the built form,
// the debounce timers, and which requests are still awaited (rpc.ts).
import { fromHostSchema, type Draft, type FromHost, type ReplyTo } from '../src/shared/protocol';
import { initialDraft, sameDraft, sameFields } from './form';
import * as S from './state';
import { build, fillModelOptions } from './view';
import { readForm, showFieldsOf, writeForm } from './controls';
import { previewWasOpen } from './draftSync';
import { resetVariations, variationsCount } from './variations';
import { wireForm } from './wiring';
import { ComposerBase } from './composerBase';
import { LibraryControls } from './library';
import type { AppliedDraft } from './history';

export type { VsCodeApi } from './draftSync';

/** How long the reference URL must stay unchanged before the host is asked to look at it. */
const REFERENCE_DEBOUNCE_MS = 500;

type Init = Extract<FromHost, { type: 'init' }>;

export class Composer extends ComposerBase {
  private readonly library = new LibraryControls({
    current: () => ({ draft: this.state.draft, models: this.ui?.models ?? [], profiles: this.state.profiles }),
    recall: (prompt) => this.recall(prompt),
    apply: (applied) => this.applyPreset(applied),
    save: () => this.rpc.request('savePreset', { draft: S.copyDraft(this.state.draft) }, (r) => this.onCopyReply(r)),
  });

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
    wireForm(ui, {
      edit: () => this.onPossibleEdit(),
      submit: () => this.trySubmit(),
      previewToggled: () => this.sync.save(),
      copyCurl: () => this.copyCurl(),
      setApiKey: () => this.rpc.request('setApiKey', {}, (r) => this.onKeyReply(r)),
    });
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


}
