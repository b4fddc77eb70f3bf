// DOM-free helpers of the composer webview: reading values into a Draft, choosing the
// initial draft, turning checkDraft errors into messages. Unit-tested with Node.
import { draftSchema, type Draft, type FieldError, type ModelFieldError, type ModelOption } from '../src/shared/protocol';
import { format } from '../src/util/l10n';
import { checkDraft, type DraftField } from '../src/domain/request';
import { checkRequest } from '../src/domain/models/check';
import { fieldErrorMessage, type FieldMessageTemplates } from '../src/domain/models/messages';
import type { ModelProfile } from '../src/domain/models/profile';
import { errorKey, type ErrorStrings } from '../src/shared/strings';

/** The fields in the order they appear in Sora's form (the first invalid one gets focus). */
export const FIELD_ORDER: readonly DraftField[] = ['prompt', 'model', 'aspectRatio', 'seconds', 'referenceImage'];

/** A place a message is shown: one of Sora's draft fields, or a model's field by its JSON key. */
export type FieldId = DraftField | `field:${string}`;

export function modelFieldId(key: string): FieldId {
  return key === 'prompt' ? 'prompt' : `field:${key}`;
}

/** The order of a model's form: the prompt, the picker, then its fields as its profile lists them. */
export function modelOrder(profile: Pick<ModelProfile, 'fields'>): FieldId[] {
  return ['prompt', 'model', ...profile.fields.filter((f) => f.key !== 'prompt').map((f) => modelFieldId(f.key))];
}

/**
 * A string by a key built at runtime (an error code), or the key itself: never English, never an
 * inherited property such as `toString`. The init schema already holds every key; this is what
 * keeps a lookup that bypasses the types from showing anything else.
 */
export function str(strings: Readonly<Record<string, string>>, key: string): string {
  const value = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : undefined;
  return typeof value === 'string' ? value : key;
}

/** What the controls currently show; `seconds` is the value text of the checked radio, if any. */
export interface RawForm {
  prompt: string;
  model: string;
  aspectRatio: string | undefined;
  seconds: string | undefined;
  referenceImage: string;
}

/**
 * Reads the controls into a Draft. A radio group with nothing checked (the draft held a value the
 * form has no radio for) keeps the previous value, so checkDraft can name the problem.
 */
export function toDraft(raw: RawForm, previous: Draft): Draft {
  const seconds = raw.seconds === undefined || raw.seconds === '' ? Number.NaN : Number(raw.seconds);
  const d: Draft = {
    prompt: raw.prompt,
    model: raw.model,
    aspectRatio: raw.aspectRatio ?? previous.aspectRatio,
    seconds: Number.isFinite(seconds) ? seconds : previous.seconds,
    referenceImage: raw.referenceImage,
  };
  if (previous.fields !== undefined) d.fields = { ...previous.fields };
  return d;
}

/** Field values compared by content (a URL list is an array). */
export function sameFields(a: Draft['fields'], b: Draft['fields']): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return (
    a.prompt === b.prompt &&
    a.model === b.model &&
    a.aspectRatio === b.aspectRatio &&
    a.seconds === b.seconds &&
    a.referenceImage === b.referenceImage &&
    sameFields(a.fields, b.fields)
  );
}

/** The draft kept in `vscode.setState`, or undefined when the state holds none (or garbage). */
export function savedDraft(state: unknown): Draft | undefined {
  if (typeof state !== 'object' || state === null || !('draft' in state)) return undefined;
  const parsed = draftSchema.safeParse((state).draft);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The draft to show on `init`: the host's, unless its prompt is empty and the panel's earlier
 * life left a draft in the webview state (an editor selection sent by the host always wins).
 */
export function initialDraft(hostDraft: Draft, state: unknown): Draft {
  if (hostDraft.prompt.length > 0) return hostDraft;
  return savedDraft(state) ?? hostDraft;
}

export type FieldMessages = Partial<Record<FieldId, string[]>>;

/**
 * checkDraft's problems as messages per field. `promptEmpty` is left out unless `showEmptyPrompt`
 * (the user tried to submit, or typed and cleared the prompt).
 */
export function localMessages(draft: Draft, strings: ErrorStrings, showEmptyPrompt: boolean): FieldMessages {
  const check = checkDraft(draft);
  const out: FieldMessages = {};
  if (check.ok) return out;
  for (const e of check.errors) {
    if (e.code === 'promptEmpty' && !showEmptyPrompt) continue;
    (out[e.field] ??= []).push(str(strings, errorKey(e.code)));
  }
  return out;
}

/**
 * What checkRequest finds in a model's draft, worded as the host words it (fieldErrorMessage with
 * the host's templates and labels). A missing value (`required`, `anyOf`) is left out unless
 * `showMissing`, as the empty prompt is.
 */
export function modelMessages(draft: Draft, profile: ModelProfile, templates: FieldMessageTemplates, showMissing: boolean): FieldMessages {
  const check = checkRequest(profile, { ...draft.fields, prompt: draft.prompt });
  const out: FieldMessages = {};
  if (check.ok) return out;
  for (const e of check.errors) {
    if (!showMissing && (e.code === 'required' || e.code === 'anyOf')) continue;
    (out[modelFieldId(e.field)] ??= []).push(fieldErrorMessage(e, profile, templates));
  }
  return out;
}

/** The host's `invalid` errors grouped per field (a model's fields by JSON key). */
export function hostMessages(errors: readonly FieldError[], modelErrors: readonly ModelFieldError[] = []): FieldMessages {
  const out: FieldMessages = {};
  for (const e of errors) (out[e.field] ??= []).push(e.message);
  for (const e of modelErrors) (out[modelFieldId(e.key)] ??= []).push(e.message);
  return out;
}

/** Merges message sets per field, dropping duplicates (the host and the webview share the texts). */
export function mergeMessages(...sets: FieldMessages[]): FieldMessages {
  const out: FieldMessages = {};
  for (const set of sets) {
    for (const [field, messages] of Object.entries(set) as Array<[FieldId, string[]]>) {
      for (const m of messages) {
        const list = (out[field] ??= []);
        if (!list.includes(m)) list.push(m);
      }
    }
  }
  return out;
}

/** All messages in form order, without duplicates. */
export function allMessages(messages: FieldMessages, order: readonly FieldId[] = FIELD_ORDER): string[] {
  const out: string[] = [];
  for (const field of order) for (const m of messages[field] ?? []) if (!out.includes(m)) out.push(m);
  return out;
}

export function firstInvalidField(messages: FieldMessages, order: readonly FieldId[] = FIELD_ORDER): FieldId | undefined {
  return order.find((f) => (messages[f]?.length ?? 0) > 0);
}

/** Ctrl+Enter, or Cmd+Enter on macOS. */
export function isSubmitShortcut(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; isComposing?: boolean }): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.isComposing;
}

/**
 * The line about a model, under the picker and in its list: what it is, and the id the service
 * takes. Empty for a model the host did not offer (its field error says what is wrong).
 */
export function modelDetail(models: readonly ModelOption[], id: string, template: string, familyTemplate = '{0} family: {1}'): string {
  const m = models.find((o) => o.id === id);
  if (!m) return '';
  const about = m.family && m.description ? format(familyTemplate, m.family, m.description) : m.family || m.description;
  return about ? format(template, about, m.id) : m.id;
}
