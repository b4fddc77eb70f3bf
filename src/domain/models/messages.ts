// The words for what checkRequest found, the same on both sides: the host fills the templates with
// t() and (for the composer) sends them over, and the message is put together here from the
// error and the model's profile. Built-in fields are labelled by their JSON key, once for every
// family that uses it.
import { format, t } from '../../util/l10n';
import { FIELD_ERROR_CODES, MAX_REFERENCE_URL_LENGTH, type FieldError } from './check';
import type { FieldSpec, ModelProfile } from './profile';

/** A template per error code, and variants where the field's spec needs other words. */
export const FIELD_MESSAGE_KEYS = [...FIELD_ERROR_CODES, 'atLeast', 'atMost', 'outOfRangeOr', 'notUrlOrAsset'] as const;
export type FieldMessageKey = (typeof FIELD_MESSAGE_KEYS)[number];
export type FieldMessageTemplates = Readonly<Record<FieldMessageKey, string>>;

/** `{0}` is the field's label throughout. */
export function fieldMessageTemplates(): FieldMessageTemplates {
  return {
    required: t('{0} is required.'),
    notText: t('{0} must be text.'),
    tooLong: t('{0} is too long (at most {1} characters).'),
    notOneOf: t('{0} must be one of: {1}.'),
    outOfRange: t('{0} must be between {1} and {2}.'),
    atLeast: t('{0} must be at least {1}.'),
    atMost: t('{0} must be at most {1}.'),
    outOfRangeOr: t('{0} must be between {1} and {2}, or one of: {3}.'),
    notInteger: t('{0} must be a whole number.'),
    notNumber: t('{0} must be a number.'),
    notBoolean: t('{0} must be on or off.'),
    notUrl: t('{0} must be an http:// or https:// URL.'),
    notUrlOrAsset: t('{0} must be an http:// or https:// URL or an asset:// id.'),
    urlTooLong: t('A URL in {0} is too long (at most {1} characters).'),
    tooMany: t('{0} takes at most {1} URLs.'),
    exclusive: t('{0} cannot be combined with {1}.'),
    needs: t('{0} needs {1}.'),
    anyOf: t('Set at least one of: {0}.'),
  };
}

export function fieldLabel(spec: Pick<FieldSpec, 'key' | 'label'>): string {
  if (spec.label) return spec.label;
  switch (spec.key) {
    case 'prompt':
      return t('Prompt');
    case 'aspect_ratio':
    case 'ratio':
      return t('Aspect ratio');
    case 'seconds':
    case 'duration':
      return t('Duration');
    case 'resolution':
      return t('Resolution');
    case 'first_image':
    case 'first_frame':
      return t('First frame');
    case 'last_image':
    case 'last_frame':
      return t('Last frame');
    case 'input_reference':
    case 'image_urls':
    case 'referenceImages':
    case 'reference_image':
      return t('Reference images');
    case 'referenceVideos':
    case 'reference_video':
      return t('Reference videos');
    case 'referenceAudios':
    case 'reference_audio':
      return t('Reference audio');
    case 'generateAudio':
    case 'generate_audio':
      return t('Generate audio');
    default:
      return spec.key;
  }
}

const list = (values: readonly (string | number)[]): string => values.join(', ');

function rangeMessage(spec: FieldSpec, label: string, m: FieldMessageTemplates): string {
  const { min, max, values } = spec;
  if (min !== undefined && max !== undefined) return values ? format(m.outOfRangeOr, label, min, max, list(values)) : format(m.outOfRange, label, min, max);
  return min !== undefined ? format(m.atLeast, label, min) : format(m.atMost, label, max ?? '');
}

/** One sentence for an error of checkRequest with this profile. */
export function fieldErrorMessage(e: FieldError, profile: Pick<ModelProfile, 'fields'>, m: FieldMessageTemplates = fieldMessageTemplates()): string {
  const specOf = (key: string): FieldSpec => profile.fields.find((s) => s.key === key) ?? { key, type: 'string' };
  const spec = specOf(e.field);
  const label = fieldLabel(spec);
  const related = (e.related ?? []).map((k) => fieldLabel(specOf(k)));
  switch (e.code) {
    case 'tooLong':
      return format(m.tooLong, label, spec.maxLength ?? '');
    case 'notOneOf':
      return format(m.notOneOf, label, list(spec.values ?? []));
    case 'outOfRange':
      return rangeMessage(spec, label, m);
    case 'notUrl':
      return format(spec.assets ? m.notUrlOrAsset : m.notUrl, label);
    case 'urlTooLong':
      return format(m.urlTooLong, label, MAX_REFERENCE_URL_LENGTH);
    case 'tooMany':
      return format(m.tooMany, label, spec.type === 'imageUrl' || spec.type === 'videoUrl' ? 1 : spec.maxItems ?? '');
    case 'exclusive':
    case 'needs':
      return format(m[e.code], label, related[0] ?? '');
    case 'anyOf':
      return format(m.anyOf, related.join(', '));
    default:
      return format(m[e.code], label);
  }
}
