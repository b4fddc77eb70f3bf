// Every string the composer shows, translated on the host (the webview has no l10n of its own).
import * as vscode from 'vscode';
import type { DraftErrorCode } from '../../domain/request';
import { ratioForSize, sizeForRatio, type ReferenceCheck } from '../../domain/reference';

const FORMAT_NAMES: Record<string, string> = { png: 'PNG', jpeg: 'JPEG', webp: 'WebP', gif: 'GIF' };

/** The preflight's verdict as one sentence, naming the fix. */
export function referenceMessage(check: ReferenceCheck, aspectRatio: string): string {
  switch (check.code) {
    case 'ok':
      return vscode.l10n.t('Reference image checked: {0}, {1}×{2}, fits {3}.', FORMAT_NAMES[check.size.format] ?? check.size.format, check.size.width, check.size.height, aspectRatio);
    case 'wrongOrientation':
      return vscode.l10n.t(
        'This image is {0}×{1}; choose {2} or use a {3} image.',
        check.size.width,
        check.size.height,
        ratioForSize(check.size) ?? '',
        sizeForRatio(aspectRatio),
      );
    case 'wrongSize':
      return vscode.l10n.t(
        'This image is {0}×{1}; the service accepts only exactly 1280×720 (16:9) or 720×1280 (9:16). For {2} use a {3} image.',
        check.size.width,
        check.size.height,
        aspectRatio,
        sizeForRatio(aspectRatio),
      );
    case 'notImage':
      return vscode.l10n.t('This URL does not serve an image (it answered with {0}). Use a direct link to the image file.', check.contentType);
    case 'unreadable':
      return vscode.l10n.t('Could not read the size of this {0} image. Make sure it is exactly {1}.', check.format, sizeForRatio(aspectRatio));
    case 'unreachable':
      return vscode.l10n.t('Could not check the image ({0}). The service must be able to download it, so make sure the link is public.', check.detail);
  }
}

export function draftErrorMessage(code: DraftErrorCode): string {
  switch (code) {
    case 'promptEmpty':
      return vscode.l10n.t('Write a prompt that describes the video.');
    case 'promptTooLong':
      return vscode.l10n.t('The prompt is too long (at most {0} characters).', 8000);
    case 'modelUnknown':
      return vscode.l10n.t('Choose a model: openAiSora2Plus or openAiSora2Pro.');
    case 'aspectRatioUnknown':
      return vscode.l10n.t('Choose an aspect ratio: 16:9 or 9:16.');
    case 'secondsUnknown':
      return vscode.l10n.t('Choose a duration: 4, 8 or 12 seconds.');
    case 'referenceNotHttp':
      return vscode.l10n.t('The reference image must be an http:// or https:// URL.');
    case 'referenceMultiple':
      return vscode.l10n.t('Only one reference image is allowed.');
    case 'referenceTooLong':
      return vscode.l10n.t('The reference image URL is too long.');
  }
}

export function composerStrings(): Record<string, string> {
  const codes: DraftErrorCode[] = [
    'promptEmpty',
    'promptTooLong',
    'modelUnknown',
    'aspectRatioUnknown',
    'secondsUnknown',
    'referenceNotHttp',
    'referenceMultiple',
    'referenceTooLong',
  ];
  const errors = Object.fromEntries(codes.map((c) => [`error.${c}`, draftErrorMessage(c)]));
  return {
    title: vscode.l10n.t('Create a Sora video'),
    promptLabel: vscode.l10n.t('Prompt'),
    promptPlaceholder: vscode.l10n.t('Describe the scene, the camera and the mood…'),
    charCount: vscode.l10n.t('{0} / {1} characters'),
    modelLabel: vscode.l10n.t('Model'),
    aspectRatioLabel: vscode.l10n.t('Aspect ratio'),
    landscape: vscode.l10n.t('16:9 landscape (1280×720)'),
    portrait: vscode.l10n.t('9:16 portrait (720×1280)'),
    secondsLabel: vscode.l10n.t('Duration'),
    secondsOption: vscode.l10n.t('{0} seconds'),
    referenceLabel: vscode.l10n.t('Reference image URL (optional)'),
    referencePlaceholder: 'https://example.com/frame-1280x720.png',
    referenceHint: vscode.l10n.t(
      'One image, exactly 1280×720 or 720×1280, in the same orientation as the aspect ratio. Photos of real people usually make the task fail.',
    ),
    submit: vscode.l10n.t('Create Video'),
    sending: vscode.l10n.t('Sending the request…'),
    shortcut: vscode.l10n.t('Ctrl+Enter (⌘+Enter on macOS) creates the video.'),
    noKey: vscode.l10n.t('No API key is set yet: Create will ask for it first.'),
    endpoint: vscode.l10n.t('Requests go to {0}'),
    requestPreview: vscode.l10n.t('Request preview'),
    requestPreviewInvalid: vscode.l10n.t('The request appears here once the form is valid.'),
    requestPreviewNote: vscode.l10n.t('Read-only. The API key is never shown: the cURL command reads it from the SORA_API_KEY environment variable.'),
    requestPreviewNoUrl: vscode.l10n.t('(the endpoint settings are not usable)'),
    copyCurl: vscode.l10n.t('Copy as cURL'),
    ...errors,
  };
}
