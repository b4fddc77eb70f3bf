// Grok Video 3 (docs/protocol.md, "Model families"): the four models differ in duration, ratios, resolution and
// how many reference images they take, so most of the family is per model.
import { choice, prompt, seconds } from './fields';
import type { Family } from './profile';

const RATIOS = ['16:9', '9:16', '1:1'];

export const GROK: Family = {
  family: 'grok',
  label: 'Grok Video 3',
  createPath: '/v1/grok/videos',
  typicalMinutes: 5,
  fields: [
    prompt(),
    seconds('duration', 6, 30, 10),
    choice('aspect_ratio', [...RATIOS, '3:2', '2:3'], '16:9'),
    choice('resolution', ['480p', '720p'], '720p'),
    // The older page's name; the newer one is cut before it.
    { key: 'image_urls', type: 'imageUrls', maxItems: 7 },
  ],
  models: [
    { id: 'grok_video3', label: 'Grok Video 3', typicalMinutes: 4 },
    {
      id: 'grok_video3_pro',
      label: 'Grok Video 3 Pro',
      // Fixed at 10 s (the field is left out); ratios other than the default are not listed.
      fields: { duration: null, aspect_ratio: { values: RATIOS }, resolution: { values: ['720p'] }, image_urls: { maxItems: undefined } },
    },
    {
      id: 'grok_video3_max',
      label: 'Grok Video 3 Max',
      typicalMinutes: 6,
      fields: { duration: { min: undefined, max: undefined, values: [6, 10, 12, 16, 20, 30] }, aspect_ratio: { values: RATIOS }, image_urls: { maxItems: 5 } },
    },
    {
      id: 'grok_video3_stable',
      label: 'Grok Video 3 Stable',
      // 10 s and 720p are what both mirrors allow.
      fields: { duration: { min: undefined, max: undefined, values: [10] }, resolution: { values: ['720p'] } },
    },
  ],
};
