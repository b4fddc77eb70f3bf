// The input schemas of the language-model tools (agent mode), as package.json's languageModelTools
// declares them. A manifest is static, so sora_createVideo's schema is generic: the prompt, the
// model as a string with the built-in ids as examples, and every field key of the built-in catalogue
// with the values each family takes; more properties are allowed (a custom model's fields), and
// the tool checks the input precisely against the model's profile when it is invoked
// (toolInput.ts). tools/toolSchemas.ts writes them into package.json, and
// test/unit/toolSchemas.test.ts fails while the two disagree.
import { Tools } from './ids';
import { BUILT_IN_PROFILES } from './models/catalogue';
import type { FieldSpec, ModelProfile } from './models/profile';

export type JsonSchema = Record<string, unknown>;

/** What sora_listTasks can filter by (toolText.ts, TaskFacts.filters). */
export const LIST_FILTERS = ['running', 'queued', 'processing', 'attention', 'unknown', 'completed', 'failed'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];
export const LIST_DEFAULT_LIMIT = 10;
export const LIST_MAX_LIMIT = 50;

function jsonType(spec: FieldSpec): JsonSchema {
  switch (spec.type) {
    case 'integer':
    case 'number':
    case 'boolean':
      return { type: spec.type };
    case 'imageUrls':
    case 'videoUrls':
    case 'audioUrls':
      return { type: 'array', items: { type: 'string' } };
    default:
      return { type: 'string' };
  }
}

/** What a field takes, in a few words for the model that calls the tool. */
function takes(spec: FieldSpec): string {
  const parts: string[] = [];
  if (spec.values) parts.push(`one of ${spec.values.join(', ')}`);
  if (spec.min !== undefined && spec.max !== undefined) parts.push(`${spec.values ? 'or ' : ''}${spec.min}-${spec.max}`);
  else if (spec.min !== undefined) parts.push(`at least ${spec.min}`);
  else if (spec.max !== undefined) parts.push(`at most ${spec.max}`);
  if (spec.type === 'imageUrl' || spec.type === 'videoUrl') parts.push('one http(s) URL');
  if (spec.type.endsWith('Urls')) parts.push(spec.maxItems !== undefined ? `up to ${spec.maxItems} http(s) URLs` : 'http(s) URLs');
  if (spec.type === 'boolean') parts.push('true or false');
  if (spec.default !== undefined) parts.push(`default ${Array.isArray(spec.default) ? spec.default.join(' ') : String(spec.default)}`);
  if (spec.required) parts.push('required');
  return parts.join(', ') || spec.type;
}

/** Families named whole when all their models agree, otherwise the models. */
function whoTakes(profiles: readonly ModelProfile[], all: readonly ModelProfile[]): string {
  const names: string[] = [];
  for (const family of [...new Set(profiles.map((p) => p.family))]) {
    const members = profiles.filter((p) => p.family === family);
    const whole = all.filter((p) => p.family === family).length === members.length;
    names.push(whole ? members[0].familyLabel : members.map((p) => p.id).join(', '));
  }
  return names.join(', ');
}

/** sora_createVideo's input schema for a catalogue (package.json holds it for the built-in one). */
export function createVideoInputSchema(all: readonly ModelProfile[]): JsonSchema {
  const keys = [...new Set(all.flatMap((p) => p.fields.map((s) => s.key)))].filter((k) => k !== 'prompt');
  const properties: Record<string, JsonSchema> = {
    prompt: { type: 'string', description: 'What the video shows: scene, subject, motion, camera, style.' },
    model: {
      type: 'string',
      description: "The model id. Omit it to use the user's default model (setting sora.defaultModel). The user may add models in sora.customModels; their fields are checked when the tool runs.",
      examples: all.map((p) => p.id),
    },
  };
  for (const key of keys) {
    const byWords = new Map<string, ModelProfile[]>();
    const types = new Map<string, JsonSchema>();
    for (const p of all) {
      const spec = p.fields.find((s) => s.key === key);
      if (!spec) continue;
      const words = takes(spec);
      byWords.set(words, [...(byWords.get(words) ?? []), p]);
      const type = jsonType(spec);
      types.set(JSON.stringify(type), type);
    }
    const description = [...byWords].map(([words, ps]) => `${whoTakes(ps, all)}: ${words}`).join('; ');
    const type = types.size === 1 ? [...types.values()][0] : { anyOf: [...types.values()] };
    properties[key] = { ...type, description: `${description}. Other models do not take it.` };
  }
  return { type: 'object', properties, required: ['prompt'], additionalProperties: true };
}

export const GET_TASK_INPUT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: { id: { type: 'string', description: "The service's task id, as sora_createVideo or sora_listTasks reported it." } },
  required: ['id'],
  additionalProperties: false,
};

export const LIST_TASKS_INPUT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    status: {
      type: 'string',
      enum: [...LIST_FILTERS],
      description: 'Only tasks in this state. running: sending, queued, processing or being checked; attention: checks refused (key, access, unknown id); unknown: the create request may or may not have reached the service.',
    },
    limit: { type: 'integer', minimum: 1, maximum: LIST_MAX_LIMIT, default: LIST_DEFAULT_LIMIT, description: 'How many tasks, newest first.' },
  },
  additionalProperties: false,
};

/** The schema package.json declares for each tool. */
export function manifestToolSchemas(): Record<string, JsonSchema> {
  return {
    [Tools.createVideo]: createVideoInputSchema(BUILT_IN_PROFILES),
    [Tools.getTask]: GET_TASK_INPUT_SCHEMA,
    [Tools.listTasks]: LIST_TASKS_INPUT_SCHEMA,
  };
}
