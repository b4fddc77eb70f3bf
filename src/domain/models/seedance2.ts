// Seedance 2.0, path kyyvideo2 (docs/protocol.md, "Model families"): camelCase reference arrays, and every
// media field takes an `asset://` id from the provider's asset library as well as a URL.
import { choice, frames, prompt, seconds, WIDE_RATIOS } from './fields';
import type { Family } from './profile';

/** The reference kinds; a first/last frame excludes all of them. */
export const SEEDANCE_REFERENCES = ['referenceImages', 'referenceVideos', 'referenceAudios'] as const;

export const SEEDANCE_2: Family = {
  family: 'seedance2',
  label: 'Seedance 2.0',
  createPath: '/v1/kyyvideo2/videos',
  typicalMinutes: 4,
  fields: [
    prompt(),
    seconds('duration', 4, 15, 5),
    // This family's list is cut off; SD2 Manxue documents these for the same upstream.
    choice('aspect_ratio', WIDE_RATIOS, '16:9'),
    { key: 'generateAudio', type: 'boolean', default: true },
    ...frames('first_image', 'last_image', true),
    // Counts as SD2 Manxue documents them (9 / 3 / 3): cut off on this family's pages.
    { key: 'referenceImages', type: 'imageUrls', maxItems: 9, assets: true },
    { key: 'referenceVideos', type: 'videoUrls', maxItems: 3, assets: true },
    { key: 'referenceAudios', type: 'audioUrls', maxItems: 3, assets: true },
  ],
  rules: [
    { kind: 'exclusive', groups: [['first_image', 'last_image'], SEEDANCE_REFERENCES] },
    { kind: 'needs', field: 'last_image', needs: 'first_image' },
  ],
  models: [
    // The current page: the plain models generate only from reference videos; the pro ones do text and frames too.
    { id: 'seedance_2_0', label: 'Seedance 2.0', fields: { referenceVideos: { required: true } } },
    { id: 'seedance_2_0_fast', label: 'Seedance 2.0 Fast', typicalMinutes: 2, fields: { referenceVideos: { required: true } } },
    { id: 'seedance_2_0_pro', label: 'Seedance 2.0 Pro' },
    { id: 'seedance_2_0_fast_pro', label: 'Seedance 2.0 Fast Pro', typicalMinutes: 2 },
  ],
};
