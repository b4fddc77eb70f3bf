// The host⇄composer message protocol. Both sides parse every incoming message with these
// schemas; anything that does not match is dropped (and logged on the host).
//
// Two kinds of traffic. A request from the webview (submit, checkReference, copyCurl, setApiKey)
// carries a requestId, and every host message about it echoes that id: zero or more progress
// replies, then one reply that ends it (endsRequest). The webview routes a reply by its id alone, so an answer to
// a request it has given up on (an older URL, a previous life of the page) is simply not routed.
// Everything else (ready, draftChanged, init, setDraft, keyState, focus, taskProgress) is a plain
// message with no answer.
import * as z from 'zod';
import { STRING_KEYS, type StringKey } from './strings';
import { FIELD_TYPES } from '../domain/models/profile';
import { FIELD_MESSAGE_KEYS } from '../domain/models/messages';
import { MAX_VARIATIONS } from '../domain/variations';
import { librarySchema } from './library';

const MAX_TEXT = 100_000;

/** A field's value as a form holds it (a URL list as one text, or a list); checkRequest says what is wrong with it. */
const fieldValueSchema = z.union([z.string().max(MAX_TEXT), z.number().finite(), z.boolean(), z.array(z.string().max(4096)).max(100)]);

/**
 * Loose on purpose: values are checked by checkDraft (Sora) or the model's profile (any other
 * model, whose values are `fields`, by JSON key) so the user gets a field message, not silence.
 */
export const draftSchema = z.object({
  prompt: z.string().max(MAX_TEXT),
  model: z.string().max(200),
  aspectRatio: z.string().max(50),
  seconds: z.number().finite(),
  referenceImage: z.string().max(MAX_TEXT),
  fields: z
    .record(z.string().max(100), fieldValueSchema)
    .refine((o) => Object.keys(o).length <= 100)
    .optional(),
});

/** Made by the webview, unique across its reloads (a random prefix), opaque to the host. */
const requestId = z.string().min(1).max(100);

export const fromWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('draftChanged'), draft: draftSchema }),
  /** `count`: how many tasks (variations) to make of the draft, 1 when absent. */
  z.object({ type: z.literal('submit'), requestId, draft: draftSchema, count: z.number().int().min(1).max(MAX_VARIATIONS).optional() }),
  /**
   * Asks the host to look at the reference image (format, size) before anything is paid for;
   * `model`: whose family's limits apply (Sora's when absent).
   */
  z.object({ type: z.literal('checkReference'), requestId, url: z.string().max(4096), aspectRatio: z.string().max(50), model: z.string().max(200).optional() }),
  /** Asks the host to put the request on the clipboard as a cURL command (the key as a variable). */
  z.object({ type: z.literal('copyCurl'), requestId, draft: draftSchema }),
  /** The alert's Set API Key action: the host asks for the key (the webview never sees it). */
  z.object({ type: z.literal('setApiKey'), requestId }),
  /** Save the form as a named preset: the host asks for the name. */
  z.object({ type: z.literal('savePreset'), requestId, draft: draftSchema }),
]);
export type FromWebview = z.infer<typeof fromWebviewSchema>;
export type WebviewRequest = Extract<FromWebview, { requestId: string }>;
export type RequestType = WebviewRequest['type'];

const fieldErrorSchema = z.object({
  field: z.enum(['prompt', 'model', 'aspectRatio', 'seconds', 'referenceImage']),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

const modelFieldErrorSchema = z.object({ key: z.string().max(100), message: z.string() });
export type ModelFieldError = z.infer<typeof modelFieldErrorSchema>;

/**
 * A model the picker offers: the id the service takes, a readable name and one line about it. The
 * host sends the list, so a model catalogue can supply it without a change to the webview.
 */
export const modelOptionSchema = z.object({
  id: z.string().min(1).max(200),
  label: z.string().max(200),
  description: z.string().max(500),
  /** The family's label: the picker lists the models family by family. */
  family: z.string().max(200).optional(),
});
export type ModelOption = z.infer<typeof modelOptionSchema>;

const choiceValue = z.union([z.string().max(200), z.number().finite()]);
const keyList = z.array(z.string().max(100)).max(100);

/** A model's field as data (src/domain/models/profile.ts), its label already in the user's language. */
const fieldSpecSchema = z.object({
  key: z.string().min(1).max(100),
  type: z.enum(FIELD_TYPES),
  label: z.string().max(200).optional(),
  values: z.array(choiceValue).max(100).optional(),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  maxLength: z.number().int().positive().optional(),
  maxItems: z.number().int().positive().optional(),
  assets: z.boolean().optional(),
  default: fieldValueSchema.optional(),
  required: z.boolean().optional(),
  content: z.object({ type: z.enum(['text', 'image_url', 'video_url', 'audio_url']), role: z.string().max(100).optional() }).optional(),
});

const ruleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('exclusive'), groups: z.array(keyList).max(20) }),
  z.object({ kind: z.literal('needs'), field: z.string().max(100), needs: z.string().max(100) }),
  z.object({ kind: z.literal('anyOf'), fields: keyList }),
]);

/**
 * A model of the catalogue as the composer needs it: the profile (plain data, so the webview runs
 * the same checkRequest and body builder as the host) and the URL its request goes to (absent
 * while the endpoint settings are unusable).
 */
export const composerModelSchema = z.object({
  family: z.string().max(200),
  familyLabel: z.string().max(200),
  id: z.string().min(1).max(200),
  label: z.string().max(200),
  createPath: z.string().max(500),
  body: z.enum(['flat', 'content']),
  fields: z.array(fieldSpecSchema).max(50),
  rules: z.array(ruleSchema).max(50),
  replies: z.array(z.enum(['A', 'B'])).max(2),
  typicalMs: z.number().finite(),
  createUrl: z.string().max(4096).optional(),
});
export type ComposerModel = z.infer<typeof composerModelSchema>;

/** The templates of the models' field messages (domain/models/messages.ts), translated by the host. */
export const fieldTemplatesSchema = z.strictObject(
  Object.fromEntries(FIELD_MESSAGE_KEYS.map((k) => [k, z.string()])) as Record<(typeof FIELD_MESSAGE_KEYS)[number], z.ZodString>,
);

/** What the picker offers and how each model's fields are shown and checked. */
const catalogueSchema = {
  models: z.array(modelOptionSchema).min(1).max(200),
  profiles: z.array(composerModelSchema).max(200),
};

/** Exactly the keys of shared/strings.ts: a missing or extra key rejects the whole init. */
export const stringsSchema = z.strictObject(
  Object.fromEntries(STRING_KEYS.map((k) => [k, z.string()])) as Record<StringKey, z.ZodString>,
);

const library = librarySchema(draftSchema);

export const fromHostSchema = z.discriminatedUnion('type', [
  // --- pushes ---
  z.object({
    type: z.literal('init'),
    draft: draftSchema,
    strings: stringsSchema,
    fieldTemplates: fieldTemplatesSchema,
    ...catalogueSchema,
    hasKey: z.boolean(),
    endpoint: z.string(),
    /** The create URL for the request preview; absent while the endpoint settings are unusable. */
    createUrl: z.string().optional(),
    /**
     * A submit still running from the page's earlier life (a hidden webview reloads): the new page
     * takes it over, so Create stays disabled and its outcome still lands.
     */
    submitting: z.object({ requestId, draft: draftSchema }).optional(),
    /** The prompt history and the presets (library.ts). */
    ...library,
  }),
  /** The history or the presets changed (a create, a save, a command, another window). */
  z.object({ type: z.literal('library'), ...library }),
  z.object({ type: z.literal('setDraft'), draft: draftSchema }),
  /** The catalogue changed (sora.customModels was edited): the picker and the fields follow. */
  z.object({ type: z.literal('catalogue'), ...catalogueSchema }),
  /** A key was set or cleared, here or in another window. */
  z.object({ type: z.literal('keyState'), hasKey: z.boolean() }),
  /** Sora: Create Video ran while the composer was open: the caret goes to the prompt. */
  z.object({ type: z.literal('focus') }),
  /** The task the composer created has moved on (the status line follows it to its end). */
  z.object({ type: z.literal('taskProgress'), taskId: z.string(), message: z.string() }),
  // --- replies ---
  /** Progress of a submit: the request is going out now. */
  z.object({ type: z.literal('sending'), requestId }),
  /** What the host found at the reference image of the request (checkReference, or a submit's own check). */
  z.object({ type: z.literal('referenceCheck'), requestId, level: z.enum(['checking', 'ok', 'warning', 'error']), message: z.string() }),
  /** `modelErrors`: a model's fields other than the prompt, by JSON key (`data-field`). */
  z.object({ type: z.literal('invalid'), requestId, errors: z.array(fieldErrorSchema), modelErrors: z.array(modelFieldErrorSchema).max(100).optional() }),
  /** `action`: what the alert offers to fix it (a refused or missing key: Set API Key). */
  z.object({ type: z.literal('failed'), requestId, message: z.string(), action: z.enum(['setApiKey']).optional() }),
  z.object({ type: z.literal('created'), requestId, message: z.string(), taskId: z.string() }),
  /** A short confirmation (the cURL command was copied). */
  z.object({ type: z.literal('info'), requestId, message: z.string() }),
  /** The host is finished with the request and has nothing to say (e.g. a submit while one runs). */
  z.object({ type: z.literal('done'), requestId }),
]);
export type FromHost = z.infer<typeof fromHostSchema>;
export type Draft = z.infer<typeof draftSchema>;
export type Reply = Extract<FromHost, { requestId: string }>;
export type ReplyType = Reply['type'];
export type ReferenceLevel = Extract<Reply, { type: 'referenceCheck' }>['level'];
export type AlertAction = NonNullable<Extract<Reply, { type: 'failed' }>['action']>;

/** The replies each request may get; any other reply with its id is ignored. */
export const REPLIES = {
  submit: ['sending', 'referenceCheck', 'invalid', 'failed', 'created', 'done'],
  checkReference: ['referenceCheck', 'done'],
  copyCurl: ['info', 'invalid', 'failed', 'done'],
  /** info: a key was stored; done: the prompt was dismissed. */
  setApiKey: ['info', 'done'],
  /** info: saved; failed: the name or the draft cannot be kept; done: the name was not given. */
  savePreset: ['info', 'failed', 'done'],
} as const satisfies Record<RequestType, readonly ReplyType[]>;

export type ReplyTo<K extends RequestType> = Extract<Reply, { type: (typeof REPLIES)[K][number] }>;
/** A reply as the host writes it; the id is added by whoever holds the request. */
export type ReplyBody<K extends RequestType> = ReplyTo<K> extends infer R ? (R extends Reply ? Omit<R, 'requestId'> : never) : never;

export function isReplyTo<K extends RequestType>(kind: K, reply: Reply): reply is ReplyTo<K> {
  return (REPLIES[kind] as readonly ReplyType[]).includes(reply.type);
}

/**
 * Whether a reply is the last one for its request. `sending` and a submit's own reference check
 * are progress; a checkReference ends with its verdict (`checking` is only the first word).
 */
export function endsRequest(kind: RequestType, reply: Reply): boolean {
  switch (reply.type) {
    case 'sending':
      return false;
    case 'referenceCheck':
      return kind === 'checkReference' && reply.level !== 'checking';
    default:
      return true;
  }
}
