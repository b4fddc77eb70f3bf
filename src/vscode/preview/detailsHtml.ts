// The task details page (a failed task's reason, the settings that were sent, and what to do next).
// Like the video preview: no script at all, a CSP that allows only the page's own style (by nonce),
// every text HTML-escaped, and actions as `command:` links the panel allows one by one.
// No VS Code imports, so it is unit-tested.
import { hideUrlQueries } from '../../util/log';
import type { PreviewDetail } from './html';
import { escapeHtml, webviewPage } from '../webviewPage';

export interface DetailsAction {
  label: string;
  /** A `command:` link (the webview allows only its own list of commands). */
  href: string;
  /** What the action does, in a few words under it. */
  hint: string;
}

export interface DetailsPage {
  lang: string;
  nonce: string;
  title: string;
  status: string;
  /** Why the task failed; left out when empty. */
  reasonLabel: string;
  reason: string;
  promptLabel: string;
  prompt: string;
  settingsLabel: string;
  settings: PreviewDetail[];
  actionsLabel: string;
  actions: DetailsAction[];
}

export function detailsCsp(nonce: string): string {
  return ["default-src 'none'", `style-src 'nonce-${nonce}'`].join('; ');
}

// The status line is in the text colour with the error colour on its edge: errorForeground is an
// icon colour, about 3.3:1 on Light Modern's white, short of the 4.5:1 text needs (WCAG AA).
const STYLE = `
body { margin: 0; padding: 16px 20px; max-width: 760px; color: var(--vscode-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); line-height: 1.4; }
h1 { font-size: 1.2em; font-weight: 600; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 0.92em; font-weight: 600; margin: 16px 0 4px; color: var(--vscode-descriptionForeground); }
.status { margin: 0 0 8px; padding-left: 6px; font-weight: 600; border-left: 3px solid var(--vscode-inputValidation-errorBorder, var(--vscode-errorForeground)); }
.reason { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; padding: 8px 10px; border-left: 3px solid var(--vscode-inputValidation-errorBorder, var(--vscode-errorForeground));
  background: var(--vscode-textBlockQuote-background); }
.prompt { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; max-height: 40vh; overflow: auto; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; }
dt { color: var(--vscode-descriptionForeground); }
dd { margin: 0; overflow-wrap: anywhere; }
code { font-family: var(--vscode-editor-font-family); font-size: 0.95em; }
ul.actions { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; }
.hint { display: block; color: var(--vscode-descriptionForeground); font-size: 0.92em; }
a { color: var(--vscode-textLink-foreground); }
a:hover, a:focus { color: var(--vscode-textLink-activeForeground); }
`;

export function taskDetailsHtml(p: DetailsPage): string {
  const e = escapeHtml;
  // URLs (in the reason, the reference image) without their query: it may be a signed link.
  const settings = p.settings
    .filter((d) => d.value !== '')
    .map((d) => ({ ...d, value: hideUrlQueries(d.value) }))
    .map((d) => `<dt>${e(d.label)}</dt><dd>${d.code ? `<code>${e(d.value)}</code>` : e(d.value)}</dd>`)
    .join('\n');
  const reason = p.reason ? `<h2>${e(p.reasonLabel)}</h2>\n<p class="reason" id="reason">${e(hideUrlQueries(p.reason))}</p>` : '';
  const actions = p.actions.map((a) => `<li><a href="${e(a.href)}" title="${e(a.label)}">${e(a.label)}</a><span class="hint">${e(a.hint)}</span></li>`).join('\n');
  return webviewPage({
    lang: p.lang,
    csp: detailsCsp(p.nonce),
    title: p.title,
    head: `<style nonce="${p.nonce}">${STYLE}</style>`,
    body: `<main>
<h1 id="title">${e(p.title)}</h1>
<p class="status" id="status">${e(p.status)}</p>
${reason}
<h2>${e(p.actionsLabel)}</h2>
<ul class="actions" id="actions">
${actions}
</ul>
<h2>${e(p.promptLabel)}</h2>
<p class="prompt" id="prompt">${e(p.prompt)}</p>
<h2>${e(p.settingsLabel)}</h2>
<dl id="settings">
${settings}
</dl>
</main>`,
  });
}
