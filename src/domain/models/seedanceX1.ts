// Seedance X1 (docs/protocol.md, "Model families"): a `content` array body like Seedance 1.5, with references
// besides the frames, and no text-only mode: at least one image or reference goes with the prompt.
import { choice, contentMedia, prompt, seconds, WIDE_RATIOS } from './fields';
import type { Family } from './profile';

const MEDIA = ['first_frame', 'last_frame', 'reference_image', 'reference_video', 'reference_audio'];

export const SEEDANCE_X1: Family = {
  family: 'seedanceX1',
  label: 'Seedance X1',
  createPath: '/v1/seedance-x1/videos',
  body: 'content',
  // Not stated; Seedance 2.0's.
  typicalMinutes: 4,
  fields: [
    { ...prompt(), content: { type: 'text' } },
    // "URL or asset id": the id's format is not stated, so Seedance 2.0's asset:// form is taken.
    contentMedia('first_frame', 'imageUrl', 'image_url', true),
    contentMedia('last_frame', 'imageUrl', 'image_url', true),
    contentMedia('reference_image', 'imageUrls', 'image_url', true),
    contentMedia('reference_video', 'videoUrls', 'video_url', true),
    contentMedia('reference_audio', 'audioUrls', 'audio_url', true),
    choice('resolution', ['480p', '720p', '1080p'], '720p'),
    choice('ratio', WIDE_RATIOS, '16:9'),
    seconds('duration', 4, 15, 5),
  ],
  rules: [
    { kind: 'anyOf', fields: MEDIA },
    { kind: 'needs', field: 'last_frame', needs: 'first_frame' },
  ],
  models: [
    { id: 'seedance_2_0_x1_official', label: 'Seedance X1 Official' },
    { id: 'seedance_2_0_x1_discount', label: 'Seedance X1 Discount' },
    { id: 'seedance_fast_2_0_x1_official', label: 'Seedance X1 Fast Official' },
    { id: 'seedance_fast_2_0_x1_discount', label: 'Seedance X1 Fast Discount' },
  ],
};
