// Prompt history and named presets: what is kept, in which order, how much, and how a stored value
// is read back. Both live in global state and follow the user through Settings Sync, so every list
// is capped (count and characters) and every entry read from storage is checked one by one: a
// corrupt entry (an older version, a hand edit, a sync from elsewhere) is skipped, never fatal.
import type { FieldSpec, FieldValue } from './models/profile';
import { checkValue } from './models/check';
import { MODELS } from './models/sora';
import { charCount } from '../util/text';

export const MAX_HISTORY = 100;
export const MAX_PRESETS = 50;
/** Longer prompts are not recorded: the synced keys stay small (Settings Sync has limits). */
export const MAX_STORED_PROMPT = 2000;
/** The history's whole text, beyond which the oldest prompts go (100 prompts of 500 characters). */
export const MAX_HISTORY_CHARS = 50_000;
export const MAX_PRESET_NAME = 80;
const MAX_PRESET_FIELDS = 50;
const MAX_FIELD_TEXT = 2000;

export interface HistoryEntry {
  prompt: string;
  /** How many tasks were created from it. */
  count: number;
  /** When it was last used (ms since the epoch): the list's order, newest first. */
  lastUsed: number;
}

type DraftValue = string | number | boolean | string[];

/** A composer draft as a preset keeps it (the protocol's Draft, without importing the protocol). */
export interface PresetDraft {
  prompt: string;
  model: string;
  aspectRatio: string;
  seconds: number;
  referenceImage: string;
  fields?: Record<string, DraftValue>;
}

export interface Preset {
  name: string;
  savedAt: number;
  draft: PresetDraft;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** A prompt as stored: trimmed; undefined when empty or too long to keep. */
export function storablePrompt(prompt: string): string | undefined {
  const text = prompt.trim();
  return text === '' || charCount(text) > MAX_STORED_PROMPT ? undefined : text;
}

function capHistory(list: HistoryEntry[]): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  let chars = 0;
  for (const e of list) {
    if (out.length >= MAX_HISTORY || chars + e.prompt.length > MAX_HISTORY_CHARS) break;
    chars += e.prompt.length;
    out.push(e);
  }
  return out;
}

/** The stored history, newest first, one entry per prompt; anything malformed is left out. */
export function readHistory(raw: unknown): HistoryEntry[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  const list: HistoryEntry[] = [];
  for (const e of raw.slice(0, MAX_HISTORY * 2)) {
    if (!isObject(e) || typeof e.prompt !== 'string' || !isCount(e.count) || !isTime(e.lastUsed)) continue;
    const prompt = storablePrompt(e.prompt);
    if (prompt === undefined || seen.has(prompt)) continue;
    seen.add(prompt);
    list.push({ prompt, count: e.count, lastUsed: e.lastUsed });
  }
  return capHistory(list.sort((a, b) => b.lastUsed - a.lastUsed));
}

/**
 * A task was created from `prompt`: it goes to the top, its count one higher. The same prompt
 * with other spaces around it is the same prompt. A prompt too long to keep changes nothing.
 */
export function recordPrompt(history: readonly HistoryEntry[], prompt: string, now: number): HistoryEntry[] {
  const text = storablePrompt(prompt);
  if (text === undefined) return [...history];
  const old = history.find((e) => e.prompt === text);
  // Never earlier than the current top: a clock set back must not bury the prompt just used.
  const lastUsed = Math.max(now, ...history.map((e) => e.lastUsed));
  const entry: HistoryEntry = { prompt: text, count: (old?.count ?? 0) + 1, lastUsed };
  return capHistory([entry, ...history.filter((e) => e.prompt !== text)]);
}

function readValue(v: unknown): DraftValue | undefined {
  if (typeof v === 'string') return v.length <= MAX_FIELD_TEXT ? v : undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'boolean') return v;
  if (Array.isArray(v) && v.length <= 100 && v.every((s) => typeof s === 'string' && s.length <= MAX_FIELD_TEXT)) return [...(v as string[])];
  return undefined;
}

/** A stored draft, or undefined when any part of it is not what a preset holds. */
export function readPresetDraft(d: unknown): PresetDraft | undefined {
  if (!isObject(d)) return undefined;
  const { prompt, model, aspectRatio, seconds, referenceImage, fields } = d;
  if (typeof prompt !== 'string' || charCount(prompt) > MAX_STORED_PROMPT) return undefined;
  if (typeof model !== 'string' || model === '' || model.length > 200) return undefined;
  if (typeof aspectRatio !== 'string' || aspectRatio.length > 50 || typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  if (typeof referenceImage !== 'string' || referenceImage.length > MAX_FIELD_TEXT) return undefined;
  const draft: PresetDraft = { prompt, model, aspectRatio, seconds, referenceImage };
  if (fields !== undefined) {
    if (!isObject(fields) || Object.keys(fields).length > MAX_PRESET_FIELDS) return undefined;
    const values: Record<string, DraftValue> = {};
    for (const [k, v] of Object.entries(fields)) {
      const value = readValue(v);
      if (value === undefined || k.length > 100) return undefined;
      values[k] = value;
    }
    draft.fields = values;
  }
  return draft;
}

export function presetName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** The stored presets by name; a malformed entry or a second one of the same name is left out. */
export function readPresets(raw: unknown): Preset[] {
  if (!Array.isArray(raw)) return [];
  const list: Preset[] = [];
  for (const e of raw.slice(0, MAX_PRESETS * 2)) {
    if (!isObject(e) || typeof e.name !== 'string' || !isTime(e.savedAt)) continue;
    const name = presetName(e.name);
    const draft = readPresetDraft(e.draft);
    if (name === '' || name.length > MAX_PRESET_NAME || !draft || list.some((p) => sameName(p.name, name))) continue;
    list.push({ name, savedAt: e.savedAt, draft });
    if (list.length >= MAX_PRESETS) break;
  }
  return sortPresets(list);
}

function sortPresets(list: Preset[]): Preset[] {
  return list.sort((a, b) => a.name.localeCompare(b.name));
}

export type SavePresetProblem = 'nameEmpty' | 'nameTooLong' | 'promptTooLong' | 'tooMany' | 'invalid';
export type SavePresetOutcome = { ok: true; presets: Preset[]; replaced: boolean; name: string } | { ok: false; problem: SavePresetProblem };

/** Saves `draft` as `name`; a preset of the same name (any case) is replaced. */
export function savePreset(presets: readonly Preset[], name: string, draft: PresetDraft, now: number): SavePresetOutcome {
  const clean = presetName(name);
  if (clean === '') return { ok: false, problem: 'nameEmpty' };
  if (clean.length > MAX_PRESET_NAME) return { ok: false, problem: 'nameTooLong' };
  if (charCount(draft.prompt) > MAX_STORED_PROMPT) return { ok: false, problem: 'promptTooLong' };
  const checked = readPresetDraft(JSON.parse(JSON.stringify(draft)));
  if (!checked) return { ok: false, problem: 'invalid' };
  const others = presets.filter((p) => !sameName(p.name, clean));
  const replaced = others.length < presets.length;
  if (!replaced && presets.length >= MAX_PRESETS) return { ok: false, problem: 'tooMany' };
  return { ok: true, presets: sortPresets([...others, { name: clean, savedAt: now, draft: checked }]), replaced, name: clean };
}

export function deletePreset(presets: readonly Preset[], name: string): Preset[] {
  return presets.filter((p) => !sameName(p.name, name));
}

export function findPreset(presets: readonly Preset[], name: string): Preset | undefined {
  return presets.find((p) => sameName(p.name, name));
}

export type AppliedPreset =
  /** The draft to show; `dropped`: saved values the model no longer takes (they start from its defaults). */
  | { ok: true; draft: PresetDraft; dropped: string[] }
  /** The preset's model is in no catalogue any more: only its prompt can be used. */
  | { ok: false; prompt: string; model: string };

/**
 * A preset as the composer shows it, checked against the model's profile today (sora.customModels
 * may have changed since it was saved). `profile`: the model's fields, or undefined for Sora (its
 * own draft values, checked by the composer as always) or a model that is gone (`known` false).
 */
export function applyPreset(preset: Pick<Preset, 'draft'>, known: boolean, profile: { fields: readonly FieldSpec[] } | undefined): AppliedPreset {
  const d = preset.draft;
  const isSora = (MODELS as readonly string[]).includes(d.model);
  if (!isSora && !known) return { ok: false, prompt: d.prompt, model: d.model };
  const draft: PresetDraft = { prompt: d.prompt, model: d.model, aspectRatio: d.aspectRatio, seconds: d.seconds, referenceImage: d.referenceImage };
  if (isSora || !profile) return { ok: true, draft, dropped: [] };
  const fields: Record<string, DraftValue> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(d.fields ?? {})) {
    const spec = profile.fields.find((f) => f.key === key && key !== 'prompt');
    if (spec && !('error' in checkValue(spec, value))) fields[key] = Array.isArray(value) ? [...value] : value;
    else dropped.push(key);
  }
  for (const spec of profile.fields) {
    if (spec.key === 'prompt' || Object.hasOwn(fields, spec.key) || spec.default === undefined) continue;
    fields[spec.key] = toDraftValue(spec.default);
  }
  draft.fields = fields;
  return { ok: true, draft, dropped };
}

function toDraftValue(v: FieldValue): DraftValue {
  return typeof v === 'object' ? [...v] : v;
}
