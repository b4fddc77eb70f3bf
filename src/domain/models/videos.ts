// Videos (docs/protocol.md, "Model families"): its create reply may be shape B, {code, msg, data: {projectId}}.
// Model list, frame fields and prompt limits from the newest mirror (docs.mingyanai.com).
import { choice, frames, prompt, seconds, WIDE_RATIOS } from './fields';
import type { Family } from './profile';

const STABLE = { ratio: { values: ['16:9', '9:16', '1:1'] }, prompt: { maxLength: 5000 } };

export const VIDEOS: Family = {
  family: 'videos',
  label: 'Videos',
  createPath: '/v1/videos/videos',
  replies: ['B', 'A'],
  typicalMinutes: 4,
  fields: [
    prompt(),
    { ...seconds('duration', 4, 15, 5), required: true },
    choice('ratio', WIDE_RATIOS, '16:9'),
    choice('resolution', ['720p'], '720p'),
    ...frames('first_image', 'last_image'),
    { key: 'referenceImages', type: 'imageUrls' },
    { key: 'referenceVideos', type: 'videoUrls' },
  ],
  rules: [
    // First and last frame only together: no first-frame-only mode is documented.
    { kind: 'needs', field: 'last_image', needs: 'first_image' },
    { kind: 'needs', field: 'first_image', needs: 'last_image' },
    { kind: 'exclusive', groups: [['first_image', 'last_image'], ['referenceImages', 'referenceVideos']] },
  ],
  models: [
    { id: 'videos', label: 'Videos' },
    { id: 'videos_stable', label: 'Video2 Full', fields: STABLE },
    { id: 'videos_stable_fast', label: 'Video2 Fast', fields: STABLE },
  ],
};
