// A task's settings as words, for the tooltip, the details and the video preview: Sora's as they
// always were, any other model's as its family, its model and each field that was sent. What
// the service has not reported (a tracked task) reads "unknown", never as a fact.
import { isSoraSettings, type Task } from '../../domain/task';
import type { FieldValue } from '../../domain/models/profile';
import { fieldLabel } from '../../domain/models/messages';
import { sizeForRatio } from '../../domain/reference';
import { keptText, t } from '../../util/l10n';

export interface SettingLine {
  label: string;
  value: string;
  /** A URL or an id, shown as code. */
  code?: boolean;
}

const URL_TYPES = /^(https?|asset):\/\//;

function valueText(v: FieldValue): string {
  if (typeof v === 'boolean') return v ? t('on') : t('off');
  return typeof v === 'object' ? v.join(' ') : String(v);
}

function isUrlValue(v: FieldValue): boolean {
  return typeof v === 'object' ? v.some((x) => URL_TYPES.test(x)) : typeof v === 'string' && URL_TYPES.test(v);
}

/** The settings that were sent, one line each; an empty value is left out by whoever shows them. */
export function settingLines(task: Task): SettingLine[] {
  const s = task.settings;
  const missing = new Set(task.unreported ?? []);
  const unknown = t('unknown');
  if (isSoraSettings(s)) {
    return [
      { label: t('Model'), value: missing.has('model') ? unknown : s.model },
      { label: t('Aspect ratio'), value: missing.has('aspectRatio') ? unknown : `${s.aspectRatio} (${sizeForRatio(s.aspectRatio)})` },
      { label: t('Duration'), value: missing.has('seconds') ? unknown : t('{0} s', s.seconds) },
      { label: t('Reference image'), value: s.referenceImage ?? '', code: true },
    ];
  }
  const lines: SettingLine[] = [
    { label: t('Family'), value: s.familyLabel },
    { label: t('Model'), value: s.model },
  ];
  if (missing.has('fields')) lines.push({ label: t('Fields'), value: unknown });
  for (const [key, v] of Object.entries(s.fields)) lines.push({ label: fieldLabel({ key }), value: valueText(v), ...(isUrlValue(v) ? { code: true } : {}) });
  if (task.totalTokens !== undefined) lines.push({ label: t('Tokens'), value: String(task.totalTokens) });
  return lines;
}

/** The tree item's short settings ("Plus · 16:9 · 8s"); undefined parts are unknown. */
/** "Plus" for openAiSora2Plus: the side bar is narrow. */
const shortModel = (model: string): string => (model.startsWith('openAiSora2') ? model.slice('openAiSora2'.length) : model);

/** Made once per length and translator: a long list has one per task. */
const secondsText = (n: number): string => keptText(`seconds ${n}`, () => t('{0}s', n));

export function shortSettings(task: Task): Array<string | undefined> {
  const s = task.settings;
  const missing = new Set(task.unreported ?? []);
  if (isSoraSettings(s)) {
    // "8s" rather than the tooltip's "8 s": the side bar is often narrow.
    return [missing.has('model') ? undefined : shortModel(s.model), missing.has('aspectRatio') ? undefined : s.aspectRatio, missing.has('seconds') ? undefined : secondsText(s.seconds)];
  }
  const f = s.fields;
  const ratio = f.aspect_ratio ?? f.ratio ?? f.resolution;
  const length = f.seconds ?? f.duration;
  return [s.model, ...(ratio !== undefined ? [valueText(ratio)] : []), ...(typeof length === 'number' ? [secondsText(length)] : [])];
}

/** The model's usual time, for the tooltip's note on a task taking longer. */
export function takingLongNote(task: Task): string {
  const s = task.settings;
  if (isSoraSettings(s)) return t('Taking longer than usual: Sora videos usually take a few minutes. It is still being checked.');
  return t('Taking longer than usual: {0} videos usually take about {1} minutes. It is still being checked.', s.familyLabel, Math.round(s.typicalMs / 60_000));
}
