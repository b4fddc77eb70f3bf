// Dates and ages as the UI shows them. They follow VS Code's display language, not the extension
// host's process locale: a Chinese VS Code on an English system must not show "11/25/2026, 3 PM".
import vscode = require('vscode');
import { t } from '../../util/l10n';

// One formatter per kind (building one costs far more than formatting), rebuilt when the language
// differs, and one date string per calendar day: a long history has many tasks per day.
let formats: { language: string; date: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat } | undefined;
const dayText = new Map<number, string>();

function formatsFor(language: string): NonNullable<typeof formats> {
  if (formats?.language === language) return formats;
  dayText.clear();
  let locale: string | undefined = language;
  try {
    new Intl.DateTimeFormat(locale);
  } catch {
    // A tag Intl rejects: the runtime's default is better than no date at all.
    locale = undefined;
  }
  formats = {
    language,
    date: new Intl.DateTimeFormat(locale),
    dateTime: new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' }),
  };
  return formats;
}

/** The UI language as an Intl locale tag (VS Code's `zh-cn` is accepted as it is). */
export function uiLanguage(): string {
  return vscode.env.language || 'en';
}

export function localDate(ms: number): string {
  const f = formatsFor(uiLanguage());
  const d = new Date(ms);
  const day = d.getFullYear() * 512 + d.getMonth() * 32 + d.getDate();
  let text = dayText.get(day);
  if (text === undefined) {
    if (dayText.size > 1000) dayText.clear();
    text = f.date.format(ms);
    dayText.set(day, text);
  }
  return text;
}

export function localDateTime(ms: number): string {
  return formatsFor(uiLanguage()).dateTime.format(ms);
}

export function relativeTime(ms: number, now = Date.now()): string {
  const s = Math.round((now - ms) / 1000);
  if (s < 45) return t('just now');
  const m = Math.round(s / 60);
  if (m < 60) return t('{0} min ago', m);
  const h = Math.round(m / 60);
  if (h < 48) return t('{0} h ago', h);
  return localDate(ms);
}
