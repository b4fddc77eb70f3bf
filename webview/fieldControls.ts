// Which control shows which field of a model, and how a control's text becomes a field's value
// and back. DOM-free (modelFields.ts builds the elements from it), so the mapping is unit-tested.
// Whatever a control holds goes to checkRequest as it is: a value the field does not take is
// named there, in the same words as on the host, never silently corrected here.
import type { FieldSpec, FieldValue } from '../src/domain/models/profile';
import type { ComposerStrings } from '../src/shared/strings';
import { format } from '../src/util/l10n';

/**
 * radio: a few values (at most RADIO_MAX), select: more. number: a range (min/max), with any
 * listed values allowed besides. checkbox: on/off. url: one URL; urls: a list typed as one text.
 */
export type ControlKind = 'radio' | 'select' | 'number' | 'checkbox' | 'url' | 'urls' | 'text';

/** More choices than this do not fit side by side as radios: a drop-down lists them. */
export const RADIO_MAX = 4;

const LISTS = new Set<FieldSpec['type']>(['imageUrls', 'videoUrls', 'audioUrls']);
const SINGLE_URLS = new Set<FieldSpec['type']>(['imageUrl', 'videoUrl']);

export function controlFor(spec: FieldSpec): ControlKind {
  if (spec.type === 'boolean') return 'checkbox';
  if (SINGLE_URLS.has(spec.type)) return 'url';
  if (LISTS.has(spec.type)) return 'urls';
  const ranged = spec.min !== undefined || spec.max !== undefined;
  if ((spec.type === 'integer' || spec.type === 'number') && (ranged || !spec.values)) return 'number';
  if (spec.values && spec.values.length > 0) return spec.values.length <= RADIO_MAX ? 'radio' : 'select';
  return 'text';
}

/** The fields a model's form shows besides the prompt (which has its own control). */
export function formFields(fields: readonly FieldSpec[]): FieldSpec[] {
  return fields.filter((f) => f.key !== 'prompt');
}

/** An element id for a field's control; its error and hint take it as a prefix. */
export function controlId(key: string): string {
  return `field-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** How a value reads in a text control: a list as its URLs separated by spaces. */
export function controlText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(' ');
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/**
 * A control's content as the field's value: a choice of a numeric field as a number, a number
 * field's text as a number when it reads as one (otherwise as typed, so checkRequest can say it is
 * not a number), nothing for an empty text.
 */
export function valueOf(spec: FieldSpec, kind: ControlKind, raw: string | boolean): FieldValue | undefined {
  if (kind === 'checkbox') return raw === true;
  const text = String(raw);
  if (text.trim() === '') return undefined;
  const numeric = spec.type === 'integer' || spec.type === 'number';
  if (numeric && (kind === 'number' || kind === 'radio' || kind === 'select')) {
    const n = Number(text.trim());
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

/** A line under the control: its range, or how many URLs it takes. */
export function fieldHint(spec: FieldSpec, kind: ControlKind, s: ComposerStrings): string {
  const parts: string[] = [];
  if (kind === 'number' && spec.min !== undefined && spec.max !== undefined) {
    parts.push(spec.values?.length ? format(s.rangeHintOr, spec.min, spec.max, spec.values.join(', ')) : format(s.rangeHint, spec.min, spec.max));
  }
  if (kind === 'urls') parts.push(spec.maxItems !== undefined ? format(s.urlsHint, spec.maxItems) : s.urlsHintAny);
  if ((kind === 'url' || kind === 'urls') && spec.assets) parts.push(s.assetsHint);
  return parts.join(' ');
}
