// The host's word on an image the form points at, as part of the state (state.ts re-exports it).
// For Sora: its reference field, judged for the chosen ratio (exactly 1280×720 or 720×1280). For
// any other model whose family documents image limits (domain/referenceLimits.ts): the first of
// its image fields that holds one URL, judged by those limits. Pure, unit-tested with Node.
import type { ComposerModel, Draft, ReferenceLevel } from '../src/shared/protocol';
import { MAX_REFERENCE_URL_LENGTH, isHttpUrl, referenceCandidates } from '../src/domain/request';
import { limitsFor } from '../src/domain/referenceLimits';
import type { FieldId, FieldMessages } from './form';
import { controlText } from './fieldControls';
import { modelProfile } from './modelDraft';

/** The host's word on an image. It holds for the URL, ratio and model it was asked about only. */
export interface ReferenceVerdict {
  url: string;
  aspectRatio: string;
  model?: string;
  level: ReferenceLevel;
  message: string;
}

/** An image question: this URL, for this ratio (Sora), or by this model's family's limits. */
export interface About {
  url: string;
  aspectRatio: string;
  model?: string;
}

/** What of the state the image check reads. */
export interface ImageState {
  readonly draft: Draft;
  readonly reference: ReferenceVerdict | undefined;
  readonly profiles: readonly ComposerModel[];
}

/** One URL the host may look at in a field's text, or undefined when it holds none, several or a bad one. */
function singleUrl(text: string): string | undefined {
  const refs = referenceCandidates(text);
  return refs.length === 1 && refs[0].length <= MAX_REFERENCE_URL_LENGTH && isHttpUrl(refs[0]) ? text : undefined;
}

/** The reference URL the host may look at, or undefined when the field holds none (or a bad one). */
export function checkableReference(d: Draft): string | undefined {
  return singleUrl(d.referenceImage);
}

/** The image the form asks about now, and where a problem with it is shown. */
function checkedImage(s: ImageState): { about: About; field: FieldId } | undefined {
  const profile = modelProfile(s.profiles, s.draft.model);
  if (!profile) {
    const url = checkableReference(s.draft);
    return url === undefined ? undefined : { about: { url, aspectRatio: s.draft.aspectRatio }, field: 'referenceImage' };
  }
  // A family that documents nothing has only "is it an image", which the service says itself.
  if (Object.keys(limitsFor(profile.family)).length === 0) return undefined;
  const ratio = s.draft.fields?.aspect_ratio;
  for (const f of profile.fields) {
    if (f.type !== 'imageUrl' && f.type !== 'imageUrls') continue;
    const url = singleUrl(controlText(s.draft.fields?.[f.key]));
    if (url !== undefined) return { about: { url, aspectRatio: typeof ratio === 'string' ? ratio : '', model: profile.id }, field: `field:${f.key}` };
  }
  return undefined;
}

/** Where the verdict on the image is shown: Sora's reference field, or another model's image field. */
export function verdictField(s: ImageState): FieldId | undefined {
  return checkedImage(s)?.field;
}

export function sameAbout(a: About, b: About): boolean {
  return a.url === b.url && a.aspectRatio === b.aspectRatio && a.model === b.model;
}

/** The verdict on what the form holds now, if the host has given one. */
export function currentVerdict(s: ImageState): ReferenceVerdict | undefined {
  const v = s.reference;
  const now = checkedImage(s)?.about;
  return v && now && sameAbout(v, now) ? v : undefined;
}

/** What the host should be asked about now: a checkable URL without a settled verdict. */
export function wantedCheck(s: ImageState): About | undefined {
  const now = checkedImage(s)?.about;
  const v = currentVerdict(s);
  if (now === undefined || (v && v.level !== 'checking')) return undefined;
  return now;
}

/** An image that does not fit is a problem of its field, like a bad URL: it blocks Create. */
export function referenceMessages(s: ImageState): FieldMessages {
  const v = currentVerdict(s);
  const field = checkedImage(s)?.field;
  return v?.level === 'error' && field ? { [field]: [v.message] } : {};
}

/**
 * The host's word on the image at `about`. Only a verdict on what the form holds now counts, and
 * a re-check (at submit) does not hide the verdict already shown.
 */
export function verdict<S extends ImageState>(s: S, about: About, level: ReferenceLevel, message: string): S {
  const now = checkedImage(s)?.about;
  if (!now || !sameAbout(about, now)) return s;
  if (level === 'checking' && currentVerdict(s) !== undefined) return s;
  return { ...s, reference: { ...now, level, message } };
}
