// The create request exactly as the engine sends it (buildCreateRequest), for the composer's
// read-only preview and the "Copy as cURL" command. No Node or VS Code imports: the webview bundle
// uses it too. The key is never part of it: the Authorization header names a shell variable instead.
import { authorize, buildCreateRequest, buildModelRequest, buildSendRequest, checkDraft, type CreateRequest, type DraftInput, type VideoSettings } from './request';
import type { Endpoints } from './endpoints';
import { checkRequest, type ModelRequest } from './models/check';
import type { ModelProfile } from './models/profile';

export const KEY_VARIABLE = 'SORA_API_KEY';

export type RequestPreview = ({ ok: true } & CreateRequest) | { ok: false };

/** `body` is the exact JSON text sent (compact); `prettyBody` is for reading. */
export function previewRequest(draft: DraftInput, createUrl: string): RequestPreview {
  const check = checkDraft(draft);
  if (!check.ok) return { ok: false };
  return { ok: true, ...authorize(buildCreateRequest({ createUrl }, check.settings), `$${KEY_VARIABLE}`) };
}

/** Any model's request for these values, as buildModelRequest writes it to `createUrl`; not ok while the values break its rules. */
export function previewModel(profile: ModelProfile, values: Readonly<Record<string, unknown>>, createUrl: string): RequestPreview {
  const check = checkRequest(profile, values);
  if (!check.ok) return { ok: false };
  return { ok: true, ...authorize(buildModelRequest({ urlFor: () => createUrl }, check.request), `$${KEY_VARIABLE}`) };
}

/** A checked input's request as the engine sends it, with the key as a shell variable. */
export function previewInput(endpoints: Pick<Endpoints, 'createUrl' | 'urlFor'>, input: VideoSettings | ModelRequest): CreateRequest {
  return authorize(buildSendRequest(endpoints, input), `$${KEY_VARIABLE}`);
}

export function prettyBody(body: string): string {
  return JSON.stringify(JSON.parse(body), null, 2);
}

/** POSIX shell single quoting: everything literal, including $, `, \ and newlines. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A POSIX-shell cURL command for the request; the key comes from $SORA_API_KEY when it runs. */
export function curlCommand(p: CreateRequest): string {
  const lines = [`curl -X ${p.method} ${shellQuote(p.url)}`];
  for (const [name, value] of p.headers) {
    // Whatever the preview holds, the command names the variable, in double quotes so it expands.
    lines.push(/^authorization$/i.test(name) ? `-H "Authorization: Bearer $${KEY_VARIABLE}"` : `-H ${shellQuote(`${name}: ${value}`)}`);
  }
  lines.push(`--data-raw ${shellQuote(p.body)}`);
  return lines.join(' \\\n  ');
}
