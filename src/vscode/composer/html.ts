// The composer page: a strict CSP with a fresh nonce per load; the script builds the DOM itself.
import { randomBytes } from 'node:crypto';
import vscode = require('vscode');
import { webviewPage } from '../webviewPage';

export function composerHtml(webview: vscode.Webview, assets: vscode.Uri, lang: string): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(assets, 'composer.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(assets, 'composer.css'));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    // The composer shows no image. data: only because vscode-elements draws the resize grip of the
    // (resizable) prompt box as a data: PNG; nothing remote, so a page can't load a tracking pixel.
    'img-src data:',
  ].join('; ');
  return webviewPage({
    lang,
    csp,
    title: 'Sora',
    head: `<link rel="stylesheet" href="${style.toString()}">`,
    body: `<main id="app"></main>\n<script nonce="${nonce}" src="${script.toString()}"></script>`,
  });
}
