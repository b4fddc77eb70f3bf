// Vidu Q3 (docs/protocol.md, "Model families"): text, first frame, or first and last frame; public URLs only.
import { choice, frames, prompt, seconds } from './fields';
import type { Family } from './profile';

export const VIDU: Family = {
  family: 'vidu',
  label: 'Vidu Q3',
  createPath: '/v1/vidu/videos',
  typicalMinutes: 5,
  fields: [
    prompt(),
    // Documented as a number; whole seconds are the safe subset.
    seconds('duration', 1, 16, 5),
    choice('aspect_ratio', ['16:9', '9:16', '1:1', '4:3', '3:4'], '16:9'),
    choice('resolution', ['540p', '720p', '1080p'], '720p'),
    ...frames('first_image', 'last_image'),
  ],
  rules: [{ kind: 'needs', field: 'last_image', needs: 'first_image' }],
  models: [
    // Pro 3–6 min, turbo 2–4 min.
    { id: 'viduq3-pro', label: 'Vidu Q3 Pro' },
    { id: 'viduq3-turbo', label: 'Vidu Q3 Turbo', typicalMinutes: 3 },
  ],
};
