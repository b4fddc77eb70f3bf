// The one create body, written from a checked request: `model` first, then each set field in the
// profile's order under its JSON key, or, for a content-array family, as an item of `content`
// (placed where the first such field stands). Nothing outside the profile's fields is ever sent.
import type { ModelRequest } from './check';
import type { ContentSlot, FieldValue } from './profile';

export type CreateBodyJson = Record<string, unknown>;

function contentItems(slot: ContentSlot, value: FieldValue): Array<Record<string, unknown>> {
  if (slot.type === 'text') return [{ type: 'text', text: value }];
  const urls = Array.isArray(value) ? (value as readonly string[]) : [value as string];
  return urls.map((url) => ({ type: slot.type, [slot.type]: { url }, ...(slot.role ? { role: slot.role } : {}) }));
}

export function buildBody({ profile, values }: ModelRequest): CreateBodyJson {
  const body: CreateBodyJson = { model: profile.id };
  for (const spec of profile.fields) {
    if (!Object.prototype.hasOwnProperty.call(values, spec.key)) continue;
    const value = values[spec.key];
    if (spec.content) {
      const content = (body.content ??= []) as unknown[];
      content.push(...contentItems(spec.content, value));
    } else {
      body[spec.key] = Array.isArray(value) ? [...(value as readonly string[])] : value;
    }
  }
  return body;
}
