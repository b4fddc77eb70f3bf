// What the host does with a message from the composer webview, without VS Code: parse it with the
// protocol schema, re-check a submitted draft, and hand on only what passed. Never throws: a
// webview is untrusted input, and a bad message is logged and dropped. A request's id is handed on
// with it: whatever the host answers must carry it, or the webview does not know what it answers.
import { fromWebviewSchema, type Draft } from '../../shared/protocol';
import { checkDraft, MODELS, type DraftError } from '../../domain/request';
import { checkRequest, type FieldError } from '../../domain/models/check';
import type { ModelProfile } from '../../domain/models/profile';
import type { SendInput } from '../../domain/taskSettings';
import { headChars, longerThan } from '../../util/text';

export interface MessageHandlers {
  ready(): Promise<void> | void;
  draftChanged(draft: Draft): Promise<void> | void;
  /** A submitted (or to be copied) draft broke the rules: nothing may be sent. */
  invalid(errors: DraftError[], request: { kind: 'submit' | 'copyCurl'; requestId: string }): void;
  /** The same for a model other than Sora: the errors of its profile's check. */
  invalidFields(errors: FieldError[], profile: ModelProfile, request: { kind: 'submit' | 'copyCurl'; requestId: string }): void;
  /** The only way to a request: a draft that passed checkDraft, or its model's profile. */
  submit(input: SendInput, draft: Draft, requestId: string, count: number): Promise<void> | void;
  /** Probe a reference image URL (the host fetches only its header, never with the key). */
  checkReference(url: string, aspectRatio: string, requestId: string, model?: string): Promise<void> | void;
  /** Copy the request as cURL: only for a draft that passed its checks. */
  copyCurl(input: SendInput, requestId: string): Promise<void> | void;
  /** Ask for the API key (the alert's action). */
  setApiKey(requestId: string): Promise<void> | void;
  /** Ask for a name and keep the draft as a preset (any draft the schema takes; its values are checked when applied). */
  savePreset(draft: Draft, requestId: string): Promise<void> | void;
  /** A message that does not match the protocol (summary already trimmed for the log). */
  dropped(summary: string): void;
  /** A model of the catalogue (built-in or sora.customModels). */
  findModel(id: string): ModelProfile | undefined;
}

type DraftCheck = { ok: true; input: SendInput } | { ok: false; errors: DraftError[] } | { ok: false; profile: ModelProfile; fieldErrors: FieldError[] };

/**
 * Sora's draft is checked as it always was; a draft of another model of the catalogue by its
 * profile, from its `fields` and the prompt. A model nobody knows is Sora's "unknown model".
 */
function checkComposerDraft(draft: Draft, h: MessageHandlers): DraftCheck {
  const profile = (MODELS as readonly string[]).includes(draft.model) ? undefined : h.findModel(draft.model);
  if (!profile) {
    const check = checkDraft(draft);
    return check.ok ? { ok: true, input: check.settings } : check;
  }
  const check = checkRequest(profile, { ...draft.fields, prompt: draft.prompt });
  return check.ok ? { ok: true, input: check.request } : { ok: false, profile, fieldErrors: check.errors };
}

function refuse(check: Exclude<DraftCheck, { ok: true }>, h: MessageHandlers, request: { kind: 'submit' | 'copyCurl'; requestId: string }): void {
  if ('errors' in check) h.invalid(check.errors, request);
  else h.invalidFields(check.fieldErrors, check.profile, request);
}

export async function routeMessage(raw: unknown, h: MessageHandlers): Promise<void> {
  let parsed: ReturnType<typeof fromWebviewSchema.safeParse>;
  try {
    parsed = fromWebviewSchema.safeParse(raw);
  } catch {
    parsed = { success: false } as typeof parsed;
  }
  if (!parsed.success) {
    h.dropped(summarize(raw));
    return;
  }
  const msg = parsed.data;
  switch (msg.type) {
    case 'ready':
      return h.ready();
    case 'draftChanged':
      return h.draftChanged(msg.draft);
    case 'submit': {
      const check = checkComposerDraft(msg.draft, h);
      if (!check.ok) return refuse(check, h, { kind: 'submit', requestId: msg.requestId });
      return h.submit(check.input, msg.draft, msg.requestId, msg.count ?? 1);
    }
    case 'checkReference':
      return h.checkReference(msg.url, msg.aspectRatio, msg.requestId, msg.model);
    case 'copyCurl': {
      const check = checkComposerDraft(msg.draft, h);
      if (!check.ok) return refuse(check, h, { kind: 'copyCurl', requestId: msg.requestId });
      return h.copyCurl(check.input, msg.requestId);
    }
    case 'setApiKey':
      return h.setApiKey(msg.requestId);
    case 'savePreset':
      return h.savePreset(msg.draft, msg.requestId);
  }
}

/** A short, single-line rendering of any value for the log. */
export function summarize(v: unknown, max = 300): string {
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    try {
      text = String(v);
    } catch {
      text = `(${typeof v})`;
    }
  }
  const flat = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return longerThan(flat, max) ? `${headChars(flat, max)}… (${flat.length} chars)` : flat;
}
