// The composer's prompt history and presets as the host sends them (init and the `library` push):
// plain data, zod-checked on arrival like every other message. The webview only reads these; every
// change is made by the host (a create records the prompt, savePreset, the commands).
import * as z from 'zod';
import { MAX_HISTORY, MAX_PRESET_NAME, MAX_PRESETS, MAX_STORED_PROMPT } from '../domain/promptLibrary';

export const historyItemSchema = z.object({
  prompt: z.string().max(MAX_STORED_PROMPT * 2),
  count: z.number().int().positive(),
});
export type HistoryItem = z.infer<typeof historyItemSchema>;

/** `draft`: the protocol's draft schema, passed in (protocol.ts imports this file). */
export function librarySchema<D extends z.ZodType>(draft: D) {
  return {
    /** Newest first. */
    history: z.array(historyItemSchema).max(MAX_HISTORY).default([]),
    /** By name. */
    presets: z.array(z.object({ name: z.string().min(1).max(MAX_PRESET_NAME), draft })).max(MAX_PRESETS).default([]),
  };
}
