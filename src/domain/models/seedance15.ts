// Seedance 1.5 (docs/protocol.md, "Model families"): a Volcano-Engine-style body, the prompt and the frames as
// items of a `content` array. The resolution is part of the model id. Its tasks may end `cancelled`.
import { choice, contentMedia, prompt } from './fields';
import type { Family } from './profile';

export const SEEDANCE_15: Family = {
  family: 'seedance15',
  label: 'Seedance 1.5',
  createPath: '/v1/seedance/videos',
  body: 'content',
  typicalMinutes: 4,
  fields: [
    { ...prompt(), content: { type: 'text' } },
    contentMedia('first_frame', 'imageUrl', 'image_url'),
    contentMedia('last_frame', 'imageUrl', 'image_url'),
    // 1.5 Pro uses `adaptive` (the ratio follows the image, or the model picks one).
    choice('ratio', ['adaptive', '16:9', '4:3', '1:1', '3:4', '9:16', '21:9'], 'adaptive'),
    // Every id is a 1.5 Pro: 4–12 s, or -1 to let the model choose.
    { key: 'duration', type: 'integer', min: 4, max: 12, values: [-1], default: 5 },
    { key: 'generate_audio', type: 'boolean', default: true },
  ],
  rules: [{ kind: 'needs', field: 'last_frame', needs: 'first_frame' }],
  models: [
    // 720p 2–5 min, 1080p 3–8 min; 480p is not stated.
    { id: 'seedance_1_5_pro_480p', label: 'Seedance 1.5 Pro 480p', typicalMinutes: 3 },
    { id: 'seedance_1_5_pro_720p', label: 'Seedance 1.5 Pro 720p' },
    { id: 'seedance_1_5_pro_1080p', label: 'Seedance 1.5 Pro 1080p', typicalMinutes: 6 },
  ],
};
