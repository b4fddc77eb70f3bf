// Sora (docs/protocol.md, "Creating a task"). Each documented exclusive pair
// is one field here, its canonical member (aspect_ratio, seconds, input_reference): the other
// member is never sent, so no rule is needed to keep the two apart.
import { MAX_PROMPT_LENGTH, prompt } from './fields';
import type { Family } from './profile';

export const MODELS = ['openAiSora2Plus', 'openAiSora2Pro'] as const;
export const ASPECT_RATIOS = ['16:9', '9:16'] as const;
export const SECONDS = [4, 8, 12] as const;

export const SORA: Family = {
  family: 'sora',
  label: 'Sora',
  createPath: '/v1/sora/videos',
  // The provider's usual 2–8 minutes.
  typicalMinutes: 5,
  fields: [
    prompt(MAX_PROMPT_LENGTH),
    // Always sent: the extension never relies on the service's defaults for these.
    { key: 'aspect_ratio', type: 'string', values: ASPECT_RATIOS, default: '16:9', required: true },
    { key: 'seconds', type: 'integer', values: SECONDS, default: 8, required: true },
    { key: 'input_reference', type: 'imageUrls', maxItems: 1 },
  ],
  models: [
    { id: MODELS[0], label: 'Sora 2 Plus' },
    { id: MODELS[1], label: 'Sora 2 Pro' },
  ],
};
