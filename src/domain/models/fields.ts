// Field shapes most families share, so a family file lists only what is its own.
import type { ContentSlot, FieldSpec, FieldType } from './profile';

/** The extension's own prompt limit where the provider documents none. */
export const MAX_PROMPT_LENGTH = 8000;

export const prompt = (maxLength = MAX_PROMPT_LENGTH): FieldSpec => ({ key: 'prompt', type: 'text', required: true, maxLength });

/** One of a few strings (ratios, resolutions). */
export const choice = (key: string, values: readonly string[], defaultValue?: string): FieldSpec => ({
  key,
  type: 'string',
  values,
  ...(defaultValue !== undefined ? { default: defaultValue } : {}),
});

/** Whole seconds in a range. */
export const seconds = (key: string, min: number, max: number, defaultValue?: number): FieldSpec => ({
  key,
  type: 'integer',
  min,
  max,
  ...(defaultValue !== undefined ? { default: defaultValue } : {}),
});

/** A first frame and a last frame; the last needs the first (every family that has both says so). */
export const frames = (first: string, last: string, assets = false): FieldSpec[] => [
  { key: first, type: 'imageUrl', ...(assets ? { assets } : {}) },
  { key: last, type: 'imageUrl', ...(assets ? { assets } : {}) },
];

/** The six ratios Videos, SD2 Manxue and Seedance X1 document (Seedance 2.0 wraps the same upstream). */
export const WIDE_RATIOS = ['21:9', '16:9', '4:3', '1:1', '3:4', '9:16'];

/** A media item of a `content` array body; its role is its key. */
export const contentMedia = (key: string, type: FieldType, slot: ContentSlot['type'], assets = false): FieldSpec => ({
  key,
  type,
  ...(assets ? { assets } : {}),
  content: { type: slot, role: key },
});
