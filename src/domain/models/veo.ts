// VEO 3.1 (docs/protocol.md, "Model families"): fixed 8-second clips; reference images or a first/last frame.
import { choice, frames, prompt } from './fields';
import type { Family } from './profile';

const HD = ['720p', '1080p'];

export const VEO: Family = {
  family: 'veo',
  label: 'VEO 3.1',
  createPath: '/v1/veo/videos',
  // "Usually done in 2–5 min".
  typicalMinutes: 4,
  fields: [
    prompt(),
    choice('resolution', [...HD, '4K'], '720p'),
    choice('aspect_ratio', ['16:9', '9:16'], '16:9'),
    // input_reference, not its documented twin image_urls: never both.
    { key: 'input_reference', type: 'imageUrls', maxItems: 3 },
    // Named only on the legacy page; the current one is cut before them.
    ...frames('first_image', 'last_image'),
  ],
  rules: [
    { kind: 'exclusive', groups: [['input_reference'], ['first_image', 'last_image']] },
    { kind: 'needs', field: 'last_image', needs: 'first_image' },
  ],
  models: [
    { id: 'veo_3_1_fast', label: 'VEO 3.1 Fast' },
    { id: 'veo_3_1_pro', label: 'VEO 3.1 Pro' },
    { id: 'veo_3_1_pro_stable', label: 'VEO 3.1 Pro Stable', fields: { resolution: { values: HD } } },
    {
      id: 'veo_3_1_fast_stable',
      label: 'VEO 3.1 Fast Stable',
      // First/last-frame mode only.
      fields: { resolution: { values: HD }, input_reference: null, first_image: { required: true } },
    },
  ],
};
