// Dates and ages as the UI shows them. They follow VS Code's display language, not the extension
// host's process locale: a Chinese VS Code on an English system must not show "11/25/2026, 3 PM".
import vscode = require('vscode');
import { t } from '../../util/l10n';

const DATE_TIME: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' };

// One formatter per kind and language, made when first needed (building one costs far more than
// formatting), and one date string per calendar day: a long history has many tasks per day.
let formats: { language: string; date?: Intl.DateTimeFormat; dateTime?: Intl.DateTimeFormat } | undefined;
let dayLanguage: string | undefined;
const dayText = new Map<number, string>();

// The tree's dates in the languages the extension ships are made by hand, as Intl makes them
// (test/unit/taskItem.test.ts compares): a process's first Intl date formatter costs about 20 ms
// (ICU loads its locale data), more than the rest of a 2,000-task tree.
const NUMERIC_DATE = new Map<string, (y: number, m: number, d: number) => string>([
  ['en', (y, m, d) => `${m}/${d}/${y}`],
  ['zh-cn', (y, m, d) => `${y}/${m}/${d}`],
]);

function formatter(kind: 'date' | 'dateTime'): Intl.DateTimeFormat {
  const language = uiLanguage();
  if (formats?.language !== language) formats = { language };
  const options = kind === 'dateTime' ? DATE_TIME : undefined;
  try {
    return (formats[kind] ??= new Intl.DateTimeFormat(language, options));
  } catch {
    // A tag Intl rejects: the runtime's default is better than no date at all.
    return (formats[kind] = new Intl.DateTimeFormat(undefined, options));
  }
}

/** The UI language as an Intl locale tag (VS Code's `zh-cn` is accepted as it is). */
export function uiLanguage(): string {
  return vscode.env.language || 'en';
}

export function localDate(ms: number): string {
  const language = uiLanguage();
  if (dayLanguage !== language) {
    dayText.clear();
    dayLanguage = language;
  }
  const d = new Date(ms);
  const year = d.getFullYear();
  const month = d.getMonth() + 1;
  const date = d.getDate();
  const day = year * 512 + month * 32 + date;
  let text = dayText.get(day);
  if (text === undefined) {
    if (dayText.size > 1000) dayText.clear();
    // Years before 1 have an era in Intl's text.
    const byHand = year > 0 ? NUMERIC_DATE.get(language) : undefined;
    text = byHand ? byHand(year, month, date) : formatter('date').format(ms);
    dayText.set(day, text);
  }
  return text;
}

export function localDateTime(ms: number): string {
  return formatter('dateTime').format(ms);
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
