// Body rules for POST /v1/sora/videos, as strict as PROTOCOL.md allows, so
// that a client sending a stray or doubled field fails loudly in tests.

export interface CreateRequest {
  model: string;
  prompt: string;
  /** From `duration` or `seconds`; undefined when the client sent neither. */
  seconds?: number;
}

export type Validation =
  | { ok: true; value: CreateRequest }
  | { ok: false; message: string };

const MODELS = ['openAiSora2Plus', 'openAiSora2Pro'];
const SIZES = ['720x1280', '1280x720'];
const RATIOS = ['16:9', '9:16'];
const SECONDS = [4, 8, 12];
const KNOWN = new Set([
  'model', 'prompt', 'size', 'aspect_ratio', 'duration', 'seconds', 'input_reference', 'image_urls',
]);
const PAIRS: Array<[string, string]> = [
  ['size', 'aspect_ratio'],
  ['duration', 'seconds'],
  ['input_reference', 'image_urls'],
];

export function validateCreate(body: unknown): Validation {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail('Request body must be a JSON object');
  }
  const b = body as Record<string, unknown>;
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(b, k);

  for (const key of Object.keys(b)) {
    if (!KNOWN.has(key)) return fail(`Unknown parameter: '${key}'`);
  }
  // Presence, not value, decides: the service says "use one of the two".
  for (const [a, c] of PAIRS) {
    if (has(a) && has(c)) return fail(`'${a}' and '${c}' are mutually exclusive; send only one of them`);
  }

  if (!has('model')) return fail("Missing required parameter: 'model'");
  if (typeof b.model !== 'string' || !MODELS.includes(b.model)) {
    return fail(`Invalid 'model': expected one of ${MODELS.join(', ')}`);
  }
  if (typeof b.prompt !== 'string' || b.prompt.trim() === '') {
    return fail("Invalid 'prompt': expected a non-empty string");
  }
  if (has('size') && !oneOf(b.size, SIZES)) return fail(`Invalid 'size': expected one of ${SIZES.join(', ')}`);
  if (has('aspect_ratio') && !oneOf(b.aspect_ratio, RATIOS)) {
    return fail(`Invalid 'aspect_ratio': expected one of ${RATIOS.join(', ')}`);
  }
  for (const key of ['duration', 'seconds']) {
    // Strings like "8" are rejected on purpose: the OpenAI API wants strings, this one integers.
    if (has(key) && !(typeof b[key] === 'number' && SECONDS.includes(b[key] as number))) {
      return fail(`Invalid '${key}': expected the integer 4, 8 or 12`);
    }
  }
  for (const key of ['input_reference', 'image_urls']) {
    if (has(key)) {
      const problem = checkImages(b[key]);
      if (problem) return fail(`Invalid '${key}': ${problem}`);
    }
  }

  const seconds = (has('duration') ? b.duration : b.seconds) as number | undefined;
  return { ok: true, value: { model: b.model, prompt: b.prompt, seconds } };
}

function checkImages(v: unknown): string | undefined {
  if (!Array.isArray(v)) return 'expected an array of URL strings';
  if (v.length > 1) return 'at most 1 reference image is allowed';
  for (const item of v) {
    if (typeof item !== 'string') return 'expected an array of URL strings';
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      return `not a URL: ${item}`;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `not an http(s) URL: ${item}`;
  }
  return undefined;
}

function oneOf(v: unknown, allowed: string[]): boolean {
  return typeof v === 'string' && allowed.includes(v);
}

function fail(message: string): Validation {
  return { ok: false, message };
}
