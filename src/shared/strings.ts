// The composer's texts, named once for both sides: the host fills every key (translated) and the
// webview reads them by key. A key missing on the host, or misspelt in the webview, is a type error
// instead of a raw key on screen; the init schema accepts exactly these keys at runtime.
import type { DraftErrorCode } from '../domain/request';

/** The labels, hints and templates of the form (templates take `{0}`, `{1}` for util/l10n's format). */
export const UI_STRING_KEYS = [
  'title',
  'promptLabel',
  'promptPlaceholder',
  'charCount',
  'modelLabel',
  'modelDetail',
  'aspectRatioLabel',
  'landscape',
  'portrait',
  'secondsLabel',
  'secondsOption',
  'referenceLabel',
  'referencePlaceholder',
  'referenceHint',
  'submit',
  'sending',
  'shortcut',
  'variationsLabel',
  'variationsHint',
  'noKey',
  'setApiKey',
  'endpoint',
  'requestPreview',
  'requestPreviewInvalid',
  'requestPreviewNote',
  'requestPreviewNoUrl',
  'copyCurl',
  'modelFamily',
  'urlsHint',
  'urlsHintAny',
  'assetsHint',
  'rangeHint',
  'rangeHintOr',
  // The prompt history and presets (webview/library.ts).
  'historyLabel',
  'historyPlaceholder',
  'historyEmpty',
  'historyOption',
  'historyHint',
  'presetsLabel',
  'presetsPlaceholder',
  'presetsEmpty',
  'presetsHint',
  'savePreset',
  'presetApplied',
  'presetDropped',
  'presetModelGone',
] as const;

// A Record, not a list, so a code added to the draft rules fails the type check here until the
// webview has a text for it.
const ERROR_CODES: Record<DraftErrorCode, true> = {
  promptEmpty: true,
  promptTooLong: true,
  modelUnknown: true,
  aspectRatioUnknown: true,
  secondsUnknown: true,
  referenceNotHttp: true,
  referenceMultiple: true,
  referenceTooLong: true,
};
export const DRAFT_ERROR_CODES = Object.keys(ERROR_CODES) as DraftErrorCode[];

export type UiStringKey = (typeof UI_STRING_KEYS)[number];
/** The webview states a rule break in the host's words, so both sides say the same thing. */
export type ErrorStringKey = `error.${DraftErrorCode}`;
export type StringKey = UiStringKey | ErrorStringKey;

export type ComposerStrings = Readonly<Record<StringKey, string>>;
export type ErrorStrings = Readonly<Record<ErrorStringKey, string>>;

export function errorKey(code: DraftErrorCode): ErrorStringKey {
  return `error.${code}`;
}

export const STRING_KEYS: readonly StringKey[] = [...UI_STRING_KEYS, ...DRAFT_ERROR_CODES.map(errorKey)];
