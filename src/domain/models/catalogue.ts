// Every model the extension knows: the built-in families (one file each, in the order of
// docs/protocol.md, "Model families") and the user's own from sora.customModels (customModels.ts).
import { familyProfiles, type Family, type FieldValue, type ModelProfile } from './profile';
import { GROK } from './grok';
import { SEEDANCE_15 } from './seedance15';
import { SEEDANCE_2 } from './seedance2';
import { SEEDANCE_X1 } from './seedanceX1';
import { SORA } from './sora';
import { VEO } from './veo';
import { VIDEOS } from './videos';
import { VIDU } from './vidu';

export const BUILT_IN_FAMILIES: readonly Family[] = [SORA, VEO, SEEDANCE_15, SEEDANCE_2, VIDU, GROK, VIDEOS, SEEDANCE_X1];

export const BUILT_IN_PROFILES: readonly ModelProfile[] = BUILT_IN_FAMILIES.flatMap(familyProfiles);

export interface Catalogue {
  /** Grouped by family, in catalogue order. */
  readonly profiles: readonly ModelProfile[];
  find(id: string): ModelProfile | undefined;
}

/**
 * The built-in profiles with the user's: one with a built-in model's id replaces it (a correction
 * without a release), the others follow their family's models, or form a family of their own.
 */
export function makeCatalogue(custom: readonly ModelProfile[] = []): Catalogue {
  const byId = new Map<string, ModelProfile>(BUILT_IN_PROFILES.map((p) => [p.id, p]));
  for (const p of custom) byId.set(p.id, p);
  const families = [...new Set([...byId.values()].map((p) => p.family))];
  const profiles = families.flatMap((f) => [...byId.values()].filter((p) => p.family === f));
  return { profiles, find: (id) => byId.get(id) };
}

/** What the composer starts with for a model. */
export function defaultValues(profile: ModelProfile): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const spec of profile.fields) if (spec.default !== undefined) values[spec.key] = spec.default;
  return values;
}
