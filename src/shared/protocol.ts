// The host⇄composer message protocol. Both sides parse every incoming message with these
// schemas; anything that does not match is dropped (and logged on the host).
import * as z from 'zod';
import { STRING_KEYS, type StringKey } from './strings';

const MAX_TEXT = 100_000;

/** Loose on purpose: values are checked by checkDraft so the user gets a field message, not silence. */
export const draftSchema = z.object({
  prompt: z.string().max(MAX_TEXT),
  model: z.string().max(200),
  aspectRatio: z.string().max(50),
  seconds: z.number().finite(),
  referenceImage: z.string().max(MAX_TEXT),
});

export const fromWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('submit'), draft: draftSchema }),
  z.object({ type: z.literal('draftChanged'), draft: draftSchema }),
  /** Asks the host to look at the reference image (format, size) before anything is paid for. */
  z.object({ type: z.literal('checkReference'), url: z.string().max(4096), aspectRatio: z.string().max(50) }),
  /** Asks the host to put the request on the clipboard as a cURL command (the key as a variable). */
  z.object({ type: z.literal('copyCurl'), draft: draftSchema }),
]);
export type FromWebview = z.infer<typeof fromWebviewSchema>;

const fieldErrorSchema = z.object({
  field: z.enum(['prompt', 'model', 'aspectRatio', 'seconds', 'referenceImage']),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** Exactly the keys of shared/strings.ts: a missing or extra key rejects the whole init. */
export const stringsSchema = z.strictObject(
  Object.fromEntries(STRING_KEYS.map((k) => [k, z.string()])) as Record<StringKey, z.ZodString>,
);

export const fromHostSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    draft: draftSchema,
    strings: stringsSchema,
    hasKey: z.boolean(),
    endpoint: z.string(),
    /** The create URL for the request preview; absent while the endpoint settings are unusable. */
    createUrl: z.string().optional(),
  }),
  z.object({ type: z.literal('setDraft'), draft: draftSchema }),
  z.object({ type: z.literal('sending') }),
  z.object({ type: z.literal('invalid'), errors: z.array(fieldErrorSchema) }),
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({ type: z.literal('created'), message: z.string(), taskId: z.string() }),
  /** What the host found at a reference image URL, for that URL and ratio only. */
  z.object({
    type: z.literal('referenceCheck'),
    url: z.string(),
    aspectRatio: z.string(),
    level: z.enum(['checking', 'ok', 'warning', 'error']),
    message: z.string(),
  }),
  /** A short confirmation (e.g. the cURL command was copied). */
  z.object({ type: z.literal('info'), message: z.string() }),
]);
export type FromHost = z.infer<typeof fromHostSchema>;
export type Draft = z.infer<typeof draftSchema>;
export type ReferenceCheckMessage = Extract<FromHost, { type: 'referenceCheck' }>;
