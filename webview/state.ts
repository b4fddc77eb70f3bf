// The composer's state as one value, and the transitions that change it. Pure (no DOM, no
// messages), so the rules of what the user sees when are unit-tested with Node; the controller
// applies a transition, then renders and posts.
import type { AlertAction, ComposerModel, Draft, FieldError, ModelFieldError } from '../src/shared/protocol';
import type { ComposerStrings } from '../src/shared/strings';
import type { FieldMessageTemplates } from '../src/domain/models/messages';
import { ASPECT_RATIOS, MODELS, SECONDS } from '../src/domain/request';
import {
  FIELD_ORDER,
  allMessages,
  firstInvalidField,
  hostMessages,
  localMessages,
  mergeMessages,
  modelFieldId,
  modelMessages,
  modelOrder,
  type FieldId,
  type FieldMessages,
} from './form';
import { modelProfile, switchModel, withDefaults } from './modelDraft';
import { referenceMessages, type ReferenceVerdict } from './referenceState';

export { checkableReference, currentVerdict, verdict, wantedCheck, type About, type ReferenceVerdict } from './referenceState';

export interface Submitting {
  requestId: string;
  /** What was sent: `created` clears the prompt only if it is still this one. */
  draft: Draft;
}

export interface State {
  /** The form's values: the source of truth, mirrored into the controls. */
  readonly draft: Draft;
  /** The user tried to submit since the last reset: every problem is shown, and listed in the alert. */
  readonly attempted: boolean;
  /** The user emptied a prompt that had text: the empty-prompt message is shown. */
  readonly promptCleared: boolean;
  /** Messages from the host's `invalid`, dropped per field when the user edits that field. */
  readonly hostErrors: FieldMessages;
  /** Why the host could not send (or copy) the request; kept until the next attempt. */
  readonly requestError: string | undefined;
  /** What the alert offers to fix requestError (a button beside it); undefined: nothing. */
  readonly alertAction: AlertAction | undefined;
  /** The status line: what the host last confirmed. */
  readonly status: string;
  /** The task the status line follows (the host's taskProgress about others is not this page's). */
  readonly watchedTask: string | undefined;
  /** Whether an API key is set (in any window); the "no key yet" line shows while it is not. */
  readonly hasKey: boolean;
  /** The submit the host is working on: Create stays disabled until its last reply. */
  readonly submitting: Submitting | undefined;
  readonly reference: ReferenceVerdict | undefined;
  /** The create URL the preview shows (undefined: the endpoint settings are unusable). */
  readonly createUrl: string | undefined;
  /** Every model's profile (the catalogue), for the fields, checks and preview of models other than Sora. */
  readonly profiles: readonly ComposerModel[];
  /** The host's words for a model's field errors; undefined until init. */
  readonly templates: FieldMessageTemplates | undefined;
}

/** What the host says about the catalogue. */
export interface Catalogue {
  profiles: readonly ComposerModel[];
  templates?: FieldMessageTemplates;
}

export const DEFAULT_DRAFT: Draft = { prompt: '', model: MODELS[0], aspectRatio: ASPECT_RATIOS[0], seconds: SECONDS[1], referenceImage: '' };

export function initialState(draft: Draft = DEFAULT_DRAFT, createUrl?: string, submitting?: Submitting, hasKey = true, catalogue: Catalogue = { profiles: [] }): State {
  return {
    draft: copyDraft(withDefaults(draft, catalogue.profiles)),
    attempted: false,
    promptCleared: false,
    hostErrors: {},
    requestError: undefined,
    alertAction: undefined,
    status: '',
    watchedTask: undefined,
    hasKey,
    submitting,
    reference: undefined,
    createUrl,
    profiles: catalogue.profiles,
    templates: catalogue.templates,
  };
}

/** A plain copy: nothing else (a zod result's extra keys, a caller's object) leaks into a message. */
export function copyDraft(d: Draft): Draft {
  const copy: Draft = { prompt: d.prompt, model: d.model, aspectRatio: d.aspectRatio, seconds: d.seconds, referenceImage: d.referenceImage };
  if (d.fields !== undefined) copy.fields = Object.fromEntries(Object.entries(d.fields).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]));
  return copy;
}

/** The profile of the chosen model when the form shows its fields (any model but Sora). */
export function chosenProfile(s: State): ComposerModel | undefined {
  return modelProfile(s.profiles, s.draft.model);
}

/** The order of the form's fields now (the first invalid one gets the focus). */
export function fieldOrder(s: State): readonly FieldId[] {
  const profile = chosenProfile(s);
  return profile ? modelOrder(profile) : FIELD_ORDER;
}

// ---------------------------------------------------------------------------------------------
// What the state shows

/** What the webview finds wrong itself: Sora's draft rules, or the chosen model's profile. */
function ownMessages(s: State, strings: ComposerStrings, showMissing: boolean): FieldMessages {
  const profile = chosenProfile(s);
  if (profile && s.templates) return mergeMessages(modelMessages(s.draft, profile, s.templates, showMissing), referenceMessages(s));
  return mergeMessages(localMessages(s.draft, strings, showMissing), referenceMessages(s));
}

export function fieldMessages(s: State, strings: ComposerStrings): FieldMessages {
  return mergeMessages(ownMessages(s, strings, s.attempted || s.promptCleared), s.hostErrors);
}

/** The alert: after an attempt every problem, and the host's error in any case. */
export function alertLines(s: State, messages: FieldMessages): string[] {
  const lines = s.attempted ? allMessages(messages, fieldOrder(s)) : [];
  if (s.requestError !== undefined && !lines.includes(s.requestError)) lines.push(s.requestError);
  return lines;
}

export function isBusy(s: State): boolean {
  return s.submitting !== undefined;
}

/** The alert's action, while the error it fixes is shown. */
export function shownAction(s: State): AlertAction | undefined {
  return s.requestError === undefined ? undefined : s.alertAction;
}

// ---------------------------------------------------------------------------------------------
// Transitions

export function edited(s: State, next: Draft): State {
  const previous = s.draft;
  const hostErrors = { ...s.hostErrors };
  for (const field of FIELD_ORDER) if (previous[field] !== next[field]) delete hostErrors[field];
  for (const key of new Set([...Object.keys(previous.fields ?? {}), ...Object.keys(next.fields ?? {})])) {
    if (JSON.stringify(previous.fields?.[key]) !== JSON.stringify(next.fields?.[key])) delete hostErrors[modelFieldId(key)];
  }
  // The host's verdict on the reference image depended on the ratio too.
  if (previous.aspectRatio !== next.aspectRatio) delete hostErrors.referenceImage;
  const cleared = previous.prompt.trim() !== '' && next.prompt.trim() === '';
  return { ...s, draft: copyDraft(next), hostErrors, promptCleared: s.promptCleared || cleared };
}

/**
 * Another model was chosen: the values it shares with the last one stay (modelDraft.ts), and the
 * host's messages about the last model's fields go.
 */
export function modelChosen(s: State, model: string): State {
  return { ...s, draft: switchModel(s.draft, model, s.profiles), hostErrors: {} };
}

/** The host sent a new catalogue (sora.customModels edited); a model that gained a profile starts from its defaults. */
export function catalogueChanged(s: State, profiles: readonly ComposerModel[]): State {
  return { ...s, profiles, draft: copyDraft(withDefaults(s.draft, profiles)) };
}

/** Back to a clean form: no message from an earlier attempt stays. */
export function withoutMessages(s: State): State {
  return { ...s, attempted: false, promptCleared: false, hostErrors: {}, requestError: undefined, alertAction: undefined };
}

/** The host replaced the draft (an editor selection, "create again"). */
export function replaced(s: State, draft: Draft): State {
  return { ...withoutMessages(s), draft: copyDraft(withDefaults(draft, s.profiles)), status: '', watchedTask: undefined };
}

/**
 * Create was pressed: every problem is shown from now on. `blocked` names the first field to fix;
 * when it is undefined the draft may be sent.
 */
export function attempted(s: State, strings: ComposerStrings): { state: State; blocked: FieldId | undefined } {
  const state: State = { ...s, attempted: true, hostErrors: {}, requestError: undefined, alertAction: undefined, status: '', watchedTask: undefined };
  return { state, blocked: firstInvalidField(ownMessages(s, strings, true), fieldOrder(s)) };
}

export function submitted(s: State, requestId: string): State {
  return { ...s, submitting: { requestId, draft: copyDraft(s.draft) } };
}

/** The submit got its last reply. */
export function submitEnded(s: State): State {
  return { ...s, submitting: undefined };
}

/** The host refused the draft: its messages go to their fields, and every problem is listed. */
export function refused(s: State, errors: readonly FieldError[], modelErrors: readonly ModelFieldError[] = []): State {
  return { ...s, attempted: true, requestError: undefined, alertAction: undefined, hostErrors: hostMessages(errors, modelErrors), status: '', watchedTask: undefined };
}

export function failed(s: State, message: string, action?: AlertAction): State {
  return { ...s, requestError: message, alertAction: action, status: '', watchedTask: undefined };
}

/**
 * The task exists. The prompt that was sent is cleared, but not a new one typed while the request
 * was running; `clearedPrompt` says whether the draft changed.
 */
export function created(s: State, message: string, taskId: string): { state: State; clearedPrompt: boolean } {
  const sent = s.submitting?.draft.prompt;
  const clearedPrompt = sent === undefined || s.draft.prompt === sent;
  const draft = clearedPrompt ? { ...s.draft, prompt: '' } : s.draft;
  return { state: { ...withoutMessages(s), submitting: undefined, status: message, watchedTask: taskId, draft }, clearedPrompt };
}

export function confirmed(s: State, message: string): State {
  return { ...s, status: message, watchedTask: undefined };
}

/** The host's news of a task: shown only while the status line is about that task. */
export function progressed(s: State, taskId: string, message: string): State {
  return s.watchedTask === taskId ? { ...s, status: message } : s;
}

/**
 * A key was set or cleared (here, by a command, in another window). A new key answers an alert
 * that asked for one, so that alert goes: the next Create uses the key.
 */
export function keyChanged(s: State, hasKey: boolean): State {
  if (hasKey && shownAction(s) === 'setApiKey') return { ...s, hasKey, requestError: undefined, alertAction: undefined };
  return { ...s, hasKey };
}

/** The alert's Set API Key stored a key. */
export function keySaved(s: State, message: string): State {
  return { ...keyChanged(s, true), status: message, watchedTask: undefined };
}
