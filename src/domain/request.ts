// The rules of a video request, shared by the composer (live validation) and the host
// (authoritative validation), and the one builder of the requests sent to the service. No Node or
// VS Code imports: the webview bundle uses it too.
import type { Endpoints } from './endpoints';
import { buildBody, type CreateBodyJson } from './models/body';
import { checkRequest, type FieldError, type ModelRequest } from './models/check';
import { familyProfiles, type FieldValue, type ModelProfile } from './models/profile';
import { ASPECT_RATIOS, MODELS, SORA, type SECONDS } from './models/sora';

export { ASPECT_RATIOS, MODELS, SECONDS } from './models/sora';
export { MAX_PROMPT_LENGTH } from './models/fields';
export { isHttpUrl, MAX_REFERENCE_URL_LENGTH, referenceCandidates } from './models/check';

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

const SORA_PROFILES = Object.fromEntries(familyProfiles(SORA).map((p) => [p.id, p])) as Record<Model, ModelProfile>;
const soraProfile = (model: string): ModelProfile | undefined =>
  Object.prototype.hasOwnProperty.call(SORA_PROFILES, model) ? SORA_PROFILES[model as Model] : undefined;

/** The composer's codes for what the profile's check found (the composer predates the catalogue). */
function draftError(e: FieldError): DraftError {
  switch (e.field) {
    case 'prompt':
      return { field: 'prompt', code: e.code === 'tooLong' ? 'promptTooLong' : 'promptEmpty' };
    case 'aspect_ratio':
      return { field: 'aspectRatio', code: 'aspectRatioUnknown' };
    case 'seconds':
      return { field: 'seconds', code: 'secondsUnknown' };
    default:
      return { field: 'referenceImage', code: e.code === 'tooMany' ? 'referenceMultiple' : e.code === 'urlTooLong' ? 'referenceTooLong' : 'referenceNotHttp' };
  }
}

/** Sora's draft, checked by its model's profile (checkRequest), as the composer's settings. */
export function checkDraft(d: DraftInput): DraftCheck {
  const profile = soraProfile(d.model);
  // An unknown model is named, and the rest is still checked: both Sora models take the same fields.
  const check = checkRequest(profile ?? SORA_PROFILES[MODELS[0]], {
    prompt: d.prompt,
    aspect_ratio: d.aspectRatio,
    seconds: d.seconds,
    input_reference: d.referenceImage,
  });
  const errors = check.ok ? [] : check.errors.map(draftError);
  if (!profile) errors.splice(errors[0]?.field === 'prompt' ? 1 : 0, 0, { field: 'model', code: 'modelUnknown' });
  if (!profile || !check.ok) return { ok: false, errors };
  return { ok: true, settings: soraSettingsOf(check.request) as VideoSettings };
}

/**
 * A checked request of a built-in Sora model as Sora's settings; undefined for any other profile,
 * a Sora model corrected in sora.customModels included (compared by content: the catalogue builds
 * its own copies of the profiles).
 */
export function soraSettingsOf(r: ModelRequest): VideoSettings | undefined {
  const builtIn = soraProfile(r.profile.id);
  if (!builtIn || (builtIn !== r.profile && JSON.stringify(builtIn) !== JSON.stringify(r.profile))) return undefined;
  const v = r.values;
  const settings: VideoSettings = { prompt: v.prompt as string, model: r.profile.id as Model, aspectRatio: v.aspect_ratio as AspectRatio, seconds: v.seconds as Seconds };
  if (v.input_reference) settings.referenceImage = (v.input_reference as readonly string[])[0];
  return settings;
}

/** Checked Sora settings as a request of their model's profile. */
export function soraRequest(s: VideoSettings): ModelRequest {
  const values: Record<string, FieldValue> = { prompt: s.prompt, aspect_ratio: s.aspectRatio, seconds: s.seconds };
  if (s.referenceImage) values.input_reference = [s.referenceImage];
  return { profile: SORA_PROFILES[s.model], values };
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
  return buildBody(soraRequest(s)) as unknown as CreateBody;
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

function createRequest(url: string, body: CreateBodyJson | CreateBody): CreateRequest {
  return { method: 'POST', url, headers: [['Content-Type', 'application/json'], JSON_REPLY], body: JSON.stringify(body) };
}

/** Sora's request goes to the sora.createPath setting, which predates the catalogue. */
export function buildCreateRequest(endpoints: Pick<Endpoints, 'createUrl'>, settings: VideoSettings): CreateRequest {
  return createRequest(endpoints.createUrl, buildCreateBody(settings));
}

/** Any model's request, to its family's create path. */
export function buildModelRequest(endpoints: Pick<Endpoints, 'urlFor'>, request: ModelRequest): CreateRequest {
  return createRequest(endpoints.urlFor(request.profile.createPath), buildBody(request));
}

/**
 * The request for a checked input as the engine sends it: Sora's settings, or any model's request;
 * a request of a built-in Sora model travels as Sora's settings, to sora.createPath.
 */
export function buildSendRequest(endpoints: Pick<Endpoints, 'createUrl' | 'urlFor'>, input: VideoSettings | ModelRequest): CreateRequest {
  if (!('profile' in input)) return buildCreateRequest(endpoints, input);
  const sora = soraSettingsOf(input);
  return sora ? buildCreateRequest(endpoints, sora) : buildModelRequest(endpoints, input);
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
