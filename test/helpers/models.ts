// Checking and building requests of a catalogue model, for the per-family tests.
import assert from 'node:assert/strict';
import { BUILT_IN_PROFILES, defaultValues } from '../../src/domain/models/catalogue';
import { buildBody } from '../../src/domain/models/body';
import { checkRequest, type RequestCheck } from '../../src/domain/models/check';
import type { ModelProfile } from '../../src/domain/models/profile';

export function profile(id: string): ModelProfile {
  const p = BUILT_IN_PROFILES.find((x) => x.id === id);
  assert.ok(p, `no built-in model ${id}`);
  return p;
}

/** "field:code" for each error, or [] when the request passed. */
export function codes(r: RequestCheck): string[] {
  return r.ok ? [] : r.errors.map((e) => `${e.field}:${e.code}${e.related ? `(${e.related.join(',')})` : ''}`);
}

/** The model's defaults with `values` over them, checked. */
export function check(id: string, values: Record<string, unknown> = {}): RequestCheck {
  const p = profile(id);
  return checkRequest(p, { ...defaultValues(p), prompt: 'a fox', ...values });
}

/** The body of a request that must pass. */
export function body(id: string, values: Record<string, unknown> = {}): Record<string, unknown> {
  const r = check(id, values);
  assert.ok(r.ok, `expected ${id} to pass, got ${codes(r).join(' ')}`);
  return buildBody(r.request);
}

/** The errors of a request that must fail. */
export function refused(id: string, values: Record<string, unknown>): string[] {
  const r = check(id, values);
  assert.equal(r.ok, false, `expected ${id} ${JSON.stringify(values)} to be refused`);
  return codes(r);
}

/** Every field of a Videos model with frames, in the profile's order: the body is `model` and then exactly these. */
export function videosValues(origin: string) {
  return {
    prompt: 'a lighthouse at dusk',
    duration: 6,
    ratio: '9:16',
    resolution: '720p',
    first_image: `${origin}/images/720x1280.png`,
    last_image: `${origin}/images/720x1280.png?last`,
  };
}
