// Field shapes most families share, so a family file lists only what is its own.
import type { FieldSpec } from './profile';

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

