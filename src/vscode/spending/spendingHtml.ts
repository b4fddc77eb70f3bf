// The Show Spending page: this month's and the whole list's reported cost, then charts per day (the
// last 30), per month and per model. No script: the panel writes the page again when tasks change.
// Each chart is CSS bars, hidden from screen readers, beside a table with the same numbers that they
// read (and that everyone can read, in High Contrast too). Colours are the theme's own variables.
// No VS Code imports, so it is unit-tested as a string.
import { costText, formatAmount, type Spending, type SpendingSum } from '../../domain/spending';
import { escapeHtml, webviewPage } from '../webviewPage';

export interface SpendingWords {
  title: string;
  /** Why the amount has no unit, and what it counts. */
  note: string;
  thisMonth: string;
  total: string;
  byDay: string;
  byMonth: string;
  byModel: string;
  day: string;
  month: string;
  model: string;
  cost: string;
  tokens: string;
  tasks: string;
  nothing: string;
}

export interface SpendingPage {
  lang: string;
  nonce: string;
  words: SpendingWords;
  spending: Spending;
  /** The models' names as the UI shows them, by id. */
  modelLabel: (id: string) => string;
  /** A 'YYYY-MM-DD' or 'YYYY-MM' key as the UI shows it. */
  dayLabel: (key: string) => string;
  monthLabel: (key: string) => string;
}

export function spendingCsp(nonce: string): string {
  return ["default-src 'none'", `style-src 'nonce-${nonce}'`].join('; ');
}

// Bars in the chart colour of the theme with a border in the contrast colour, which High Contrast
// themes set (elsewhere it is transparent), so a bar is seen in every theme.
const STYLE = `
body { margin: 0; padding: 16px 20px; max-width: 900px; color: var(--vscode-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); line-height: 1.4; }
h1 { font-size: 1.2em; font-weight: 600; margin: 0 0 4px; }
h2 { font-size: 1em; font-weight: 600; margin: 20px 0 6px; }
.note { color: var(--vscode-descriptionForeground); margin: 0 0 12px; }
dl.totals { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; }
dt { color: var(--vscode-descriptionForeground); }
dd { margin: 0; font-weight: 600; }
.chart { display: flex; align-items: flex-end; gap: 2px; height: 120px; padding: 4px 0; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-foreground)); }
.chart .bar { flex: 1 1 0; min-width: 3px; background: var(--vscode-charts-blue, var(--vscode-textLink-foreground));
  border: 1px solid var(--vscode-contrastBorder, transparent); box-sizing: border-box; }
.chart .bar.zero { background: transparent; border: none; }
.rows { display: grid; grid-template-columns: minmax(8em, max-content) 1fr; gap: 4px 8px; align-items: center; }
.rows .track { height: 14px; }
.rows .fill { height: 100%; min-width: 2px; background: var(--vscode-charts-blue, var(--vscode-textLink-foreground));
  border: 1px solid var(--vscode-contrastBorder, transparent); box-sizing: border-box; }
table { border-collapse: collapse; margin-top: 8px; }
caption { text-align: start; color: var(--vscode-descriptionForeground); padding-bottom: 4px; }
th, td { padding: 2px 12px 2px 0; text-align: start; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
td.n, th.n { text-align: end; font-variant-numeric: tabular-nums; }
`;

/** A bar's share of the largest value, in whole percent (at least 1 for any cost, so it shows). */
function share(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(1, Math.round((value / max) * 100));
}

/** Money when any was reported, else tokens: one measure per chart, never the two mixed. */
function measure(sums: readonly SpendingSum[]): (s: SpendingSum) => number {
  return sums.some((s) => s.amount > 0) ? (s) => s.amount : (s) => s.tokens;
}

function table(id: string, caption: string, keyHead: string, rows: readonly SpendingSum[], label: (key: string) => string, w: SpendingWords): string {
  const e = escapeHtml;
  const withTokens = rows.some((r) => r.tokens > 0);
  const head = `<tr><th scope="col">${e(keyHead)}</th><th scope="col" class="n">${e(w.cost)}</th>${withTokens ? `<th scope="col" class="n">${e(w.tokens)}</th>` : ''}<th scope="col" class="n">${e(w.tasks)}</th></tr>`;
  const body = rows
    .map((r) => `<tr><th scope="row">${e(label(r.key))}</th><td class="n">${e(formatAmount(r.amount))}</td>${withTokens ? `<td class="n">${r.tokens}</td>` : ''}<td class="n">${r.tasks}</td></tr>`)
    .join('\n');
  return `<table id="${id}-table"><caption>${e(caption)}</caption><thead>${head}</thead><tbody>\n${body}\n</tbody></table>`;
}

export function spendingHtml(p: SpendingPage): string {
  const e = escapeHtml;
  const w = p.words;
  const s = p.spending;
  const title = (r: SpendingSum, label: string) => `${label}: ${costText(r)}`;

  const dayValue = measure(s.byDay);
  const dayMax = Math.max(0, ...s.byDay.map(dayValue));
  const days = s.byDay
    .map((d) => {
      const h = share(dayValue(d), dayMax);
      return `<div class="bar ${h === 0 ? 'zero' : `h${h}`}" title="${e(title(d, p.dayLabel(d.key)))}"></div>`;
    })
    .join('');
  const rows = (id: string, list: readonly SpendingSum[], label: (k: string) => string) => {
    const value = measure(list);
    const max = Math.max(0, ...list.map(value));
    return `<div class="rows" id="${id}-bars" aria-hidden="true">${list
      .map((r) => `<span>${e(label(r.key))}</span><div class="track"><div class="fill w${share(value(r), max)}" title="${e(title(r, label(r.key)))}"></div></div>`)
      .join('')}</div>`;
  };
  // The CSP allows the nonce'd sheet only, no inline style attributes: each size is a class.
  const widths = new Set<number>();
  const heights = new Set<number>();
  for (const d of s.byDay) heights.add(share(dayValue(d), dayMax));
  for (const list of [s.byMonth, s.byModel]) {
    const value = measure(list);
    const max = Math.max(0, ...list.map(value));
    for (const r of list) widths.add(share(value(r), max));
  }
  const sized = [...widths].map((n) => `.rows .fill.w${n} { width: ${n}%; }`).concat([...heights].map((n) => `.chart .bar.h${n} { height: ${n}%; }`)).join('\n');

  const empty = s.total.tasks === 0;
  const body = `<main>
<h1 id="title">${e(w.title)}</h1>
<p class="note" id="note">${e(w.note)}</p>
<dl class="totals" id="totals">
<dt>${e(w.thisMonth)}</dt><dd id="this-month">${e(costText(s.thisMonth))}</dd>
<dt>${e(w.total)}</dt><dd id="total">${e(costText(s.total))}</dd>
</dl>
${
  empty
    ? `<p id="nothing">${e(w.nothing)}</p>`
    : `<section aria-labelledby="by-day-h">
<h2 id="by-day-h">${e(w.byDay)}</h2>
<div class="chart" id="by-day-bars" aria-hidden="true">${days}</div>
${table('by-day', w.byDay, w.day, s.byDay, p.dayLabel, w)}
</section>
<section aria-labelledby="by-month-h">
<h2 id="by-month-h">${e(w.byMonth)}</h2>
${rows('by-month', s.byMonth, p.monthLabel)}
${table('by-month', w.byMonth, w.month, s.byMonth, p.monthLabel, w)}
</section>
<section aria-labelledby="by-model-h">
<h2 id="by-model-h">${e(w.byModel)}</h2>
${rows('by-model', s.byModel, p.modelLabel)}
${table('by-model', w.byModel, w.model, s.byModel, p.modelLabel, w)}
</section>`
}
</main>`;
  return webviewPage({
    lang: p.lang,
    csp: spendingCsp(p.nonce),
    title: w.title,
    head: `<style nonce="${p.nonce}">${STYLE}\n${sized}</style>`,
    body,
  });
}
