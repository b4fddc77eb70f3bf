// Every string the composer shows, translated on the host (the webview has no l10n of its own).
import { MODELS, type DraftErrorCode } from '../../domain/request';
import { ratioForSize, sizeForRatio, type LimitsCheck, type ReferenceCheck } from '../../domain/reference';
import type { ImageLimits } from '../../domain/referenceLimits';
import { t } from '../../util/l10n';
import type { ComposerStrings, ErrorStrings } from '../../shared/strings';
import type { ComposerModel, ModelOption } from '../../shared/protocol';
import type { ModelProfile } from '../../domain/models/profile';
import { fieldLabel } from '../../domain/models/messages';

const FORMAT_NAMES: Record<string, string> = { png: 'PNG', jpeg: 'JPEG', webp: 'WebP', gif: 'GIF' };

/** A readable name and one line for the models the extension knows. */
function knownModel(id: string): Omit<ModelOption, 'id'> | undefined {
  switch (id) {
    case 'openAiSora2Plus':
      return { label: t('Sora 2 Plus'), description: t('Enhanced quality, 4, 8 or 12 s.') };
    case 'openAiSora2Pro':
      return { label: t('Sora 2 Pro'), description: t('Higher quality, 4, 8 or 12 s.') };
    default:
      return undefined;
  }
}

/**
 * The models the composer offers. A catalogue (the service's list, say) can pass its own options;
 * those without a label get the known one, or their id.
 */
export function modelOptions(catalogue: ReadonlyArray<Pick<ModelOption, 'id'> & Partial<ModelOption>> = MODELS.map((id) => ({ id }))): ModelOption[] {
  return catalogue.map((m) => {
    const known = knownModel(m.id);
    return { id: m.id, label: m.label || known?.label || m.id, description: m.description ?? known?.description ?? '' };
  });
}

/** The catalogue's models for the picker, family by family, each with its family's label. */
export function catalogueOptions(profiles: readonly ModelProfile[]): ModelOption[] {
  const options = modelOptions(profiles.map((p) => ({ id: p.id, label: knownModel(p.id) ? undefined : p.label })));
  return options.map((o, i) => ({ ...o, family: profiles[i].familyLabel }));
}

/**
 * The profiles as the webview needs them: plain data, every field labelled in the user's language
 * (the webview has no translator, and its messages must read as the host's), and each model's
 * create URL for the request preview.
 */
export function composerModels(profiles: readonly ModelProfile[], urlFor: ((path: string) => string) | undefined): ComposerModel[] {
  return profiles.map((p) => {
    const plain = JSON.parse(JSON.stringify(p)) as ComposerModel;
    plain.fields = plain.fields.map((f) => ({ ...f, label: fieldLabel(f) }));
    try {
      if (urlFor) plain.createUrl = urlFor(p.createPath);
    } catch {
      // A path that leaves the base URL's origin: no preview, and the host refuses to send it.
    }
    return plain;
  });
}

/** The preflight's verdict as one sentence, naming the fix. */
export function referenceMessage(check: ReferenceCheck, aspectRatio: string): string {
  switch (check.code) {
    case 'ok':
      return t('Reference image checked: {0}, {1}×{2}, fits {3}.', FORMAT_NAMES[check.size.format] ?? check.size.format, check.size.width, check.size.height, aspectRatio);
    case 'wrongOrientation':
      return t(
        'This image is {0}×{1}; choose {2} or use a {3} image.',
        check.size.width,
        check.size.height,
        ratioForSize(check.size) ?? '',
        sizeForRatio(aspectRatio),
      );
    case 'wrongSize':
      return t(
        'This image is {0}×{1}; the service accepts only exactly 1280×720 (16:9) or 720×1280 (9:16). For {2} use a {3} image.',
        check.size.width,
        check.size.height,
        aspectRatio,
        sizeForRatio(aspectRatio),
      );
    case 'notImage':
      return t('This URL does not serve an image (it answered with {0}). Use a direct link to the image file.', check.contentType);
    case 'unreadable':
      return t('Could not read the size of this {0} image. Make sure it is exactly {1}.', check.format, sizeForRatio(aspectRatio));
    case 'unreachable':
      return t('Could not check the image ({0}). The service must be able to download it, so make sure the link is public.', check.detail);
  }
}

/** A verdict by a family's limits as one sentence, naming what the family takes. */
export function limitsMessage(check: LimitsCheck, familyLabel: string, limits: ImageLimits, aspectRatio: string): string {
  const size = 'size' in check ? [check.size.width, check.size.height] : [];
  switch (check.code) {
    case 'ok':
      return t('Image checked: {0}, {1}×{2}, within what {3} takes.', FORMAT_NAMES[check.size.format] ?? check.size.format, check.size.width, check.size.height, familyLabel);
    case 'wrongSize':
    case 'wrongOrientation':
      return referenceMessage({ level: 'error', code: check.code, size: check.size }, aspectRatio);
    case 'tooSmall':
      return t('This image is {0}×{1}; {2} needs at least {3} px on each side.', size[0], size[1], familyLabel, limits.minSide ?? '');
    case 'tooLarge':
      return t('This image is {0}×{1}; {2} takes at most {3} px on each side.', size[0], size[1], familyLabel, limits.maxSide ?? '');
    case 'wrongRatio':
      return t('This image is {0}×{1}; {2} needs a width-to-height ratio between {3} and {4}.', size[0], size[1], familyLabel, limits.minRatio ?? 0, limits.maxRatio ?? '∞');
    case 'wrongFormat':
      return t('This image is {0}; {1} takes {2}.', FORMAT_NAMES[check.size.format] ?? check.size.format, familyLabel, (limits.formats ?? []).map((f) => FORMAT_NAMES[f] ?? f).join(', '));
    case 'tooManyBytes':
      return t('This image is larger than {0} MB, the most {1} takes.', Math.round((limits.maxBytes ?? 0) / 1024 / 1024), familyLabel);
    case 'unreadable':
      return t('Could not read the size of this {0} image, so it is not checked against what {1} takes.', check.format, familyLabel);
    default:
      return referenceMessage(check, aspectRatio);
  }
}

export function draftErrorMessage(code: DraftErrorCode): string {
  switch (code) {
    case 'promptEmpty':
      return t('Write a prompt that describes the video.');
    case 'promptTooLong':
      return t('The prompt is too long (at most {0} characters).', 8000);
    case 'modelUnknown':
      return t('Choose a model: openAiSora2Plus or openAiSora2Pro.');
    case 'aspectRatioUnknown':
      return t('Choose an aspect ratio: 16:9 or 9:16.');
    case 'secondsUnknown':
      return t('Choose a duration: 4, 8 or 12 seconds.');
    case 'referenceNotHttp':
      return t('The reference image must be an http:// or https:// URL.');
    case 'referenceMultiple':
      return t('Only one reference image is allowed.');
    case 'referenceTooLong':
      return t('The reference image URL is too long.');
  }
}

/**
 * Every key of shared/strings.ts, or this does not compile. `platform` is the host's: the webview
 * cannot tell macOS apart reliably, and the hint names only the key the user has.
 */
export function composerStrings(platform: NodeJS.Platform = process.platform): ComposerStrings {
  return {
    title: t('Create a video'),
    promptLabel: t('Prompt'),
    promptPlaceholder: t('Describe the scene, the camera and the mood…'),
    charCount: t('{0} / {1} characters'),
    modelLabel: t('Model'),
    modelDetail: t('{0} (model id: {1})'),
    aspectRatioLabel: t('Aspect ratio'),
    landscape: t('16:9 landscape (1280×720)'),
    portrait: t('9:16 portrait (720×1280)'),
    secondsLabel: t('Duration'),
    secondsOption: t('{0} seconds'),
    referenceLabel: t('Reference image URL (optional)'),
    referencePlaceholder: 'https://example.com/frame-1280x720.png',
    referenceHint: t(
      'One image, exactly 1280×720 or 720×1280, in the same orientation as the aspect ratio. Photos of real people usually make the task fail.',
    ),
    submit: t('Create Video'),
    sending: t('Sending the request…'),
    variationsLabel: t('Variations'),
    variationsHint: t('Videos made from this prompt and these settings, each its own task. More than one asks first.'),
    shortcut: t('{0} creates the video.', platform === 'darwin' ? '⌘+Enter' : 'Ctrl+Enter'),
    noKey: t('No API key is set yet: Create will ask for it first.'),
    setApiKey: t('Set API Key'),
    endpoint: t('Requests go to {0}'),
    requestPreview: t('Request preview'),
    requestPreviewInvalid: t('The request appears here once the form is valid.'),
    requestPreviewNote: t('Read-only. The API key is never shown: the cURL command reads it from the SORA_API_KEY environment variable.'),
    requestPreviewNoUrl: t('(the endpoint settings are not usable)'),
    copyCurl: t('Copy as cURL'),
    modelFamily: t('{0} family: {1}'),
    urlsHint: t('Up to {0} URLs, separated by spaces.'),
    urlsHintAny: t('One or more URLs, separated by spaces.'),
    assetsHint: t('An asset:// id from the asset library works too.'),
    rangeHint: t('From {0} to {1}.'),
    rangeHintOr: t('From {0} to {1}, or {2}.'),
    historyLabel: t('Earlier prompts'),
    historyPlaceholder: t('Recall an earlier prompt…'),
    historyEmpty: t('No earlier prompts yet'),
    historyHint: t('Each prompt you create a video from is kept here. Up and Down in an empty prompt recall them too.'),
    historyOption: t('{0} (used {1}×)'),
    presetsLabel: t('Presets'),
    presetsPlaceholder: t('Apply a preset…'),
    presetsEmpty: t('No presets yet'),
    presetsHint: t('Save as Preset keeps the prompt, the model and its values under a name; choosing a preset applies it.'),
    savePreset: t('Save as Preset…'),
    presetApplied: t('Applied the preset "{0}".'),
    presetDropped: t('Applied the preset "{0}"; {1} no longer fit this model and start from its defaults.'),
    presetModelGone: t('The preset "{0}" uses the model {1}, which is no longer in the catalogue (built-in models and sora.customModels), so only its prompt was applied. Choose a model.'),
    ...errorStrings(),
  };
}

function errorStrings(): ErrorStrings {
  return {
    'error.promptEmpty': draftErrorMessage('promptEmpty'),
    'error.promptTooLong': draftErrorMessage('promptTooLong'),
    'error.modelUnknown': draftErrorMessage('modelUnknown'),
    'error.aspectRatioUnknown': draftErrorMessage('aspectRatioUnknown'),
    'error.secondsUnknown': draftErrorMessage('secondsUnknown'),
    'error.referenceNotHttp': draftErrorMessage('referenceNotHttp'),
    'error.referenceMultiple': draftErrorMessage('referenceMultiple'),
    'error.referenceTooLong': draftErrorMessage('referenceTooLong'),
  };
}
