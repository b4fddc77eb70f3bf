// What the host does with a message from the composer webview, without VS Code: parse it with the
// protocol schema, re-check a submitted draft, and hand on only what passed. Never throws: a
// webview is untrusted input, and a bad message is logged and dropped. A request's id is handed on
// with it: whatever the host answers must carry it, or the webview does not know what it answers.
import { fromWebviewSchema, type Draft } from '../../shared/protocol';
import { checkDraft, type DraftError, type VideoSettings } from '../../domain/request';
import { headChars, longerThan } from '../../util/text';

export interface MessageHandlers {
  ready(): Promise<void> | void;
  draftChanged(draft: Draft): Promise<void> | void;
  /** A submitted (or to be copied) draft broke the rules: nothing may be sent. */
  invalid(errors: DraftError[], request: { kind: 'submit' | 'copyCurl'; requestId: string }): void;
  /** The only way to a request: a draft that passed checkDraft. */
  submit(settings: VideoSettings, draft: Draft, requestId: string): Promise<void> | void;
  /** Probe a reference image URL (the host fetches only its header, never with the key). */
  checkReference(url: string, aspectRatio: string, requestId: string): Promise<void> | void;
  /** Copy the request as cURL: only for a draft that passed checkDraft. */
  copyCurl(draft: Draft, requestId: string): Promise<void> | void;
  /** Ask for the API key (the alert's action). */
  setApiKey(requestId: string): Promise<void> | void;
  /** A message that does not match the protocol (summary already trimmed for the log). */
  dropped(summary: string): void;
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
      const check = checkDraft(msg.draft);
      if (!check.ok) return h.invalid(check.errors, { kind: 'submit', requestId: msg.requestId });
      return h.submit(check.settings, msg.draft, msg.requestId);
    }
    case 'checkReference':
      return h.checkReference(msg.url, msg.aspectRatio, msg.requestId);
    case 'copyCurl': {
      const check = checkDraft(msg.draft);
      if (!check.ok) return h.invalid(check.errors, { kind: 'copyCurl', requestId: msg.requestId });
      return h.copyCurl(msg.draft, msg.requestId);
    }
    case 'setApiKey':
      return h.setApiKey(msg.requestId);
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
