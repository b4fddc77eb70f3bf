// The images of a request of any model but Sora, judged by its family's documented limits
// (domain/referenceLimits.ts: Seedance 2.0 300–6000 px a side and a ratio of 0.4–2.5, …) before
// anything is paid for. Sora's exact frames stay with the composer's reference check (panel.ts).
import type { ReferencePreflight } from '../../engine/preflight';
import type { ModelRequest } from '../../domain/models/check';
import type { ModelProfile } from '../../domain/models/profile';
import type { LimitsCheck } from '../../domain/reference';
import { isHttpUrl } from '../../domain/request';
import { limitsFor } from '../../domain/referenceLimits';
import { limitsMessage } from './strings';

/** One image URL of the model's family, with the sentence the composer shows about it. */
export async function checkImage(preflight: ReferencePreflight, profile: ModelProfile, url: string, aspectRatio: string): Promise<{ check: LimitsCheck; message: string }> {
  const limits = limitsFor(profile.family);
  const check = await preflight.checkLimits(url, limits, aspectRatio);
  return { check, message: limitsMessage(check, profile.familyLabel, limits, aspectRatio) };
}

/**
 * The first image of the request that breaks its family's limits, by the field's JSON key. A family
 * that documents none is not probed; an image that cannot be reached or measured does not block
 * (the service may still get it), as for Sora.
 */
export async function imagesProblem(preflight: ReferencePreflight, request: ModelRequest): Promise<{ key: string; message: string } | undefined> {
  const { profile, values } = request;
  if (Object.keys(limitsFor(profile.family)).length === 0) return undefined;
  const images = profile.fields
    .filter((f) => f.type === 'imageUrl' || f.type === 'imageUrls')
    .flatMap((f) => [values[f.key] ?? []].flat().map((url) => ({ key: f.key, url: String(url) })))
    .filter((i) => isHttpUrl(i.url));
  const ratio = typeof values.aspect_ratio === 'string' ? values.aspect_ratio : '';
  const checks = await Promise.all(images.map(async (i) => ({ key: i.key, ...(await checkImage(preflight, profile, i.url, ratio)) })));
  const bad = checks.find((c) => c.check.level === 'error');
  return bad && { key: bad.key, message: bad.message };
}
