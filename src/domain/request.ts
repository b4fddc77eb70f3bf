// The rules of a video request, shared by the composer (live validation) and the host
// (authoritative validation), and the one builder of the requests sent to the service. No Node or
// VS Code imports: the webview bundle uses it too.
import type { Endpoints } from './endpoints';
import { longerThan } from '../util/text';

export const MODELS = ['openAiSora2Plus', 'openAiSora2Pro'] as const;
export const ASPECT_RATIOS = ['16:9', '9:16'] as const;
export const SECONDS = [4, 8, 12] as const;
export const MAX_PROMPT_LENGTH = 8000;
export const MAX_REFERENCE_URL_LENGTH = 2048;

export type Model = (typeof MODELS)[number];
export type AspectRatio = (typeof ASPECT_RATIOS)[number];
export type Seconds = (typeof SECONDS)[number];

export interface PixelSize {
  width: number;
  height: number;
}

/** The frame size the service makes for a ratio; a reference image must be exactly this size too. */
export function pixelSizeForRatio(aspectRatio: AspectRatio): PixelSize {
  return aspectRatio === '9:16' ? { width: 720, height: 1280 } : { width: 1280, height: 720 };
}

/** The ratio whose frame is exactly this size, if any: 1920×1080 is 16:9 in shape but fits none. */
export function ratioForPixelSize(size: PixelSize): AspectRatio | undefined {
  return ASPECT_RATIOS.find((r) => {
    const p = pixelSizeForRatio(r);
    return p.width === size.width && p.height === size.height;
  });
}

/** What the form holds: loosely typed, because it may come from an untrusted webview. */
export interface DraftInput {
  prompt: string;
  model: string;
  aspectRatio: string;
  seconds: number;
  referenceImage: string;
}

/** A draft that passed validation: the only shape a request may be built from. */
export interface VideoSettings {
  prompt: string;
  model: Model;
  aspectRatio: AspectRatio;
  seconds: Seconds;
  referenceImage?: string;
}

export type DraftField = 'prompt' | 'model' | 'aspectRatio' | 'seconds' | 'referenceImage';
export type DraftErrorCode =
  | 'promptEmpty'
  | 'promptTooLong'
  | 'modelUnknown'
  | 'aspectRatioUnknown'
  | 'secondsUnknown'
  | 'referenceNotHttp'
  | 'referenceMultiple'
  | 'referenceTooLong';

export interface DraftError {
  field: DraftField;
  code: DraftErrorCode;
}

export type DraftCheck = { ok: true; settings: VideoSettings } | { ok: false; errors: DraftError[] };

const isOneOf = <T extends string | number>(list: readonly T[], v: unknown): v is T =>
  (list as readonly unknown[]).includes(v);

/**
 * Splits what the user typed in the reference field into URL candidates: at whitespace, and at ',' or ';'
 * only where another URL follows ("https://a/1.png,https://a/2.png"). Image URLs often contain both
 * (".../upload/w_1280,h_720,c_fill/cat.jpg", ".../a.png;v=2"), and such a URL is one candidate.
 */
export function referenceCandidates(raw: string): string[] {
  return raw
    .split(/\s+|[,;]+(?=\s*[a-z][a-z0-9+.-]*:)/i)
    .map((s) => s.replace(/^[,;]+|[,;]+$/g, ''))
    .filter((s) => s.length > 0);
}

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

export function checkDraft(d: DraftInput): DraftCheck {
  const errors: DraftError[] = [];
  const prompt = d.prompt.trim();
  // Control characters alone are no description either.
  if (prompt.replace(/[\s\u0000-\u001f\u007f]/g, '').length === 0) errors.push({ field: 'prompt', code: 'promptEmpty' });
  else if (longerThan(prompt, MAX_PROMPT_LENGTH)) errors.push({ field: 'prompt', code: 'promptTooLong' });
  if (!isOneOf(MODELS, d.model)) errors.push({ field: 'model', code: 'modelUnknown' });
  if (!isOneOf(ASPECT_RATIOS, d.aspectRatio)) errors.push({ field: 'aspectRatio', code: 'aspectRatioUnknown' });
  if (!isOneOf(SECONDS, d.seconds)) errors.push({ field: 'seconds', code: 'secondsUnknown' });

  const refs = referenceCandidates(d.referenceImage);
  if (refs.length > 1) errors.push({ field: 'referenceImage', code: 'referenceMultiple' });
  else if (refs.length === 1 && refs[0].length > MAX_REFERENCE_URL_LENGTH)
    errors.push({ field: 'referenceImage', code: 'referenceTooLong' });
  else if (refs.length === 1 && !isHttpUrl(refs[0])) errors.push({ field: 'referenceImage', code: 'referenceNotHttp' });

  if (errors.length > 0) return { ok: false, errors };
  const settings: VideoSettings = {
    prompt,
    model: d.model as Model,
    aspectRatio: d.aspectRatio as AspectRatio,
    seconds: d.seconds as Seconds,
  };
  if (refs.length === 1) settings.referenceImage = refs[0];
  return { ok: true, settings };
}

/** The canonical create body: one member of each exclusive pair (aspect_ratio, seconds, input_reference). */
export interface CreateBody {
  model: Model;
  prompt: string;
  aspect_ratio: AspectRatio;
  seconds: Seconds;
  input_reference?: [string];
}

export function buildCreateBody(s: VideoSettings): CreateBody {
  const body: CreateBody = { model: s.model, prompt: s.prompt, aspect_ratio: s.aspectRatio, seconds: s.seconds };
  if (s.referenceImage) body.input_reference = [s.referenceImage];
  return body;
}

export type Header = [name: string, value: string];

/**
 * A request to the service as data, without its credential: the client sends it, the composer shows
 * it and "Copy as cURL" prints it, so what the user reviews is what is sent. `body` is the exact text.
 */
export interface ApiRequest<M extends 'GET' | 'POST' = 'GET' | 'POST'> {
  method: M;
  url: string;
  headers: Header[];
  body?: string;
}

export type CreateRequest = ApiRequest<'POST'> & { body: string };

const JSON_REPLY: Header = ['Accept', 'application/json'];

export function buildCreateRequest(endpoints: Pick<Endpoints, 'createUrl'>, settings: VideoSettings): CreateRequest {
  return {
    method: 'POST',
    url: endpoints.createUrl,
    headers: [['Content-Type', 'application/json'], JSON_REPLY],
    body: JSON.stringify(buildCreateBody(settings)),
  };
}

export function buildQueryRequest(endpoints: Pick<Endpoints, 'queryUrl'>, id: string): ApiRequest<'GET'> {
  return { method: 'GET', url: endpoints.queryUrl(id), headers: [JSON_REPLY] };
}

/**
 * The only place the Authorization header is written. The client passes the key; the preview passes
 * a shell variable, so the key itself never reaches anything the user can see or copy.
 */
export function authorize<R extends ApiRequest>(request: R, credential: string): R {
  return { ...request, headers: [['Authorization', `Bearer ${credential}`], ...request.headers] };
}
