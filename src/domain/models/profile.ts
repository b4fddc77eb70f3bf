// A video model as data: what the composer offers, what is checked before sending and how the
// create body is written, so one validator and one body builder serve every model (check.ts,
// body.ts). A family file describes the fields once and lists its models; a model differs from its
// family only where the provider documents a difference (fewer values, another range, a field it
// lacks or requires). No Node or VS Code imports: the webview bundle uses it too.

/**
 * text: the prompt (trimmed; control characters alone count as empty). imageUrl/videoUrl: one URL.
 * imageUrls/videoUrls/audioUrls: a list of URLs (typed as one text with URLs separated by spaces,
 * or as an array).
 */
export const FIELD_TYPES = ['text', 'string', 'integer', 'number', 'boolean', 'imageUrl', 'imageUrls', 'videoUrl', 'videoUrls', 'audioUrls'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type FieldValue = string | number | boolean | readonly string[];

/** Where a field goes in a `content` array body (Volcano-Engine style) instead of a top-level key. */
export interface ContentSlot {
  type: 'text' | 'image_url' | 'video_url' | 'audio_url';
  role?: string;
}

export interface FieldSpec {
  /** The JSON key sent; for a content-array field, the name of its slot (the role, or `prompt`). */
  key: string;
  type: FieldType;
  /** Shown in the form; built-in fields are labelled by key in messages.ts. */
  label?: string;
  /**
   * The allowed values. With `min`/`max` as well, a value is allowed when it is one of these or in
   * the range (Seedance 1.5: 4–12, or -1 for "the model chooses").
   */
  values?: readonly (string | number)[];
  min?: number;
  max?: number;
  /** Characters, for text and string fields. */
  maxLength?: number;
  /** For URL lists. */
  maxItems?: number;
  /** For URL fields: `asset://<id>` from the provider's asset library is accepted besides http(s). */
  assets?: boolean;
  /** What the composer starts with; a field left empty is not sent and the service's own default applies. */
  default?: FieldValue;
  required?: boolean;
  content?: ContentSlot;
}

/**
 * exclusive: values in at most one of the groups ("either reference images or first/last frame").
 * needs: `field` may be set only together with `needs` ("a last frame needs a first frame").
 * anyOf: at least one of the fields is set ("at least one image or reference").
 */
export type Rule =
  | { kind: 'exclusive'; groups: readonly (readonly string[])[] }
  | { kind: 'needs'; field: string; needs: string }
  | { kind: 'anyOf'; fields: readonly string[] };

/** A: `{id, …, status}`. B: `{code: "0" | 0, msg, data: {projectId}}` (docs/protocol.md). */
export type ReplyShape = 'A' | 'B';

/** flat: one JSON object of the fields. content: the prompt and media as items of a `content` array. */
export type BodyKind = 'flat' | 'content';

export interface ModelProfile {
  family: string;
  familyLabel: string;
  /** Sent as `model`. */
  id: string;
  label: string;
  /** Relative to sora.baseUrl. */
  createPath: string;
  body: BodyKind;
  fields: readonly FieldSpec[];
  rules: readonly Rule[];
  /** The create reply shapes the provider documents for it; the client accepts both either way. */
  replies: readonly ReplyShape[];
  /** How long a task usually takes, for pacing the polls. */
  typicalMs: number;
}

/** A model of a family: a field set to null is one the model does not take. */
export interface ModelEntry {
  id: string;
  label: string;
  fields?: Readonly<Record<string, Partial<Omit<FieldSpec, 'key'>> | null>>;
  rules?: readonly Rule[];
  typicalMinutes?: number;
}

export interface Family {
  family: string;
  label: string;
  createPath: string;
  body?: BodyKind;
  fields: readonly FieldSpec[];
  rules?: readonly Rule[];
  replies?: readonly ReplyShape[];
  typicalMinutes: number;
  models: readonly ModelEntry[];
}

/** The keys a rule names. */
export function ruleKeys(r: Rule): string[] {
  switch (r.kind) {
    case 'exclusive':
      return r.groups.flat();
    case 'needs':
      return [r.field, r.needs];
    case 'anyOf':
      return [...r.fields];
  }
}

/** The rule for a model that lacks some of its fields; undefined when nothing is left to rule. */
export function narrow(r: Rule, has: ReadonlySet<string>): Rule | undefined {
  switch (r.kind) {
    case 'exclusive': {
      const groups = r.groups.map((g) => g.filter((k) => has.has(k))).filter((g) => g.length > 0);
      return groups.length > 1 ? { kind: 'exclusive', groups } : undefined;
    }
    case 'needs':
      return has.has(r.field) && has.has(r.needs) ? r : undefined;
    case 'anyOf': {
      const fields = r.fields.filter((k) => has.has(k));
      return fields.length > 0 ? { kind: 'anyOf', fields } : undefined;
    }
  }
}

/** One model's profile: the family's fields with the model's differences, and only the rules whose fields it has. */
export function profileOf(f: Family, m: ModelEntry): ModelProfile {
  const fields: FieldSpec[] = [];
  for (const spec of f.fields) {
    const over = m.fields?.[spec.key];
    if (over !== null) fields.push({ ...spec, ...over });
  }
  const has = new Set(fields.map((s) => s.key));
  const rules = [...(f.rules ?? []), ...(m.rules ?? [])].flatMap((r) => narrow(r, has) ?? []);
  return {
    family: f.family,
    familyLabel: f.label,
    id: m.id,
    label: m.label,
    createPath: f.createPath,
    body: f.body ?? 'flat',
    fields,
    rules,
    replies: f.replies ?? ['A'],
    typicalMs: (m.typicalMinutes ?? f.typicalMinutes) * 60_000,
  };
}

export function familyProfiles(f: Family): ModelProfile[] {
  return f.models.map((m) => profileOf(f, m));
}
