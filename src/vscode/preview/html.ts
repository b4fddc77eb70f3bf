// The video preview page: no script at all, a CSP that allows only the one local video (through the
// webview's resource origin) and the page's own style (by nonce). Every text is HTML-escaped.
// No VS Code imports, so it is unit-tested.
import { hideUrlQueries } from '../../util/log';
import { escapeHtml, webviewPage } from '../webviewPage';

export { escapeHtml } from '../webviewPage';

export interface PreviewDetail {
  label: string;
  value: string;
  /** Shown in a monospace font (ids, paths). */
  code?: boolean;
}

export interface PreviewPage {
  lang: string;
  nonce: string;
  cspSource: string;
  videoSrc: string;
  title: string;
  prompt: string;
  promptLabel: string;
  details: PreviewDetail[];
  /** `command:` links (the webview allows only these commands). */
  actions: Array<{ label: string; href: string }>;
  noVideoText: string;
}


export function previewCsp(cspSource: string, nonce: string): string {
  return ["default-src 'none'", `media-src ${cspSource}`, `img-src ${cspSource}`, `style-src 'nonce-${nonce}'`].join('; ');
}

const STYLE = `
body { margin: 0; padding: 16px 20px; color: var(--vscode-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); line-height: 1.4; }
.layout { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
.player { flex: 2 1 420px; min-width: 0; }
video { display: block; width: 100%; max-height: calc(100vh - 40px); background: #000; border-radius: 2px; }
.details { flex: 1 1 260px; min-width: 0; }
h1 { font-size: 1.2em; font-weight: 600; margin: 0 0 8px; overflow-wrap: anywhere; }
h2 { font-size: 0.92em; font-weight: 600; margin: 12px 0 4px; color: var(--vscode-descriptionForeground); }
.prompt { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0 0 12px; max-height: 40vh; overflow: auto; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; }
dt { color: var(--vscode-descriptionForeground); }
dd { margin: 0; overflow-wrap: anywhere; }
code { font-family: var(--vscode-editor-font-family); font-size: 0.95em; }
.actions { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 14px; }
a { color: var(--vscode-textLink-foreground); }
a:hover { color: var(--vscode-textLink-activeForeground); }
`;

export function videoPreviewHtml(p: PreviewPage): string {
  const e = escapeHtml;
  const details = p.details
    .filter((d) => d.value !== '')
    // A URL (the reference image) is shown without its query: it may be a signed link.
    .map((d) => ({ ...d, value: hideUrlQueries(d.value) }))
    .map((d) => `<dt>${e(d.label)}</dt><dd>${d.code ? `<code>${e(d.value)}</code>` : e(d.value)}</dd>`)
    .join('\n');
  // A link's title is what assistive technology describes it by; without one Chromium may fall back
  // to its command: URI, which says nothing to a person.
  const actions = p.actions.map((a) => `<a href="${e(a.href)}" title="${e(a.label)}">${e(a.label)}</a>`).join('\n');
  return webviewPage({
    lang: p.lang,
    csp: previewCsp(p.cspSource, p.nonce),
    title: p.title,
    head: `<style nonce="${p.nonce}">${STYLE}</style>`,
    body: `<main class="layout">
<section class="player">
<video id="video" src="${e(p.videoSrc)}" controls preload="metadata" playsinline aria-labelledby="title">${e(p.noVideoText)}</video>
</section>
<aside class="details" id="details">
<h1 id="title">${e(p.title)}</h1>
${p.prompt ? `<h2>${e(p.promptLabel)}</h2>\n<p class="prompt" id="prompt">${e(p.prompt)}</p>` : ''}
<dl>
${details}
</dl>
<nav class="actions">
${actions}
</nav>
</aside>
</main>`,
  });
}
