// The gallery page: a strict CSP with a fresh nonce per load; the script builds the grid itself.
// The script and its styles are inlined under the nonce: in code-server a webview's own files come
// through the webview's resource loader, which took about a second to deliver the 76 KB script
// after the document had started (BENCHMARKS.md, gallery open). Pictures and videos come only
// from the folders the panel allows (localResourceRoots): the cached thumbnails and the saved
// videos. blob: is the thumbnail the page has just drawn, shown while the host writes it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Log } from '../../util/log';
import { webviewPage } from '../webviewPage';

export interface GalleryPage {
  lang: string;
  nonce: string;
  cspSource: string;
  /** The page's script (dist/webview/gallery.js), inlined. */
  script: string;
  /** The page's styles (dist/webview/gallery.css), inlined. */
  style: string;
  title: string;
}

export function galleryCsp(nonce: string, cspSource: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} blob:`,
    `media-src ${cspSource}`,
  ].join('; ');
}

/** Text that cannot end the element it is inlined in (`</script`, `</style` in any case). */
export function inlineSafe(text: string, tag: 'script' | 'style'): string {
  return text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

export function galleryHtml(p: GalleryPage): string {
  return webviewPage({
    lang: p.lang,
    csp: galleryCsp(p.nonce, p.cspSource),
    title: p.title,
    head: `<style nonce="${p.nonce}">${inlineSafe(p.style, 'style')}</style>`,
    body: `<main id="app"></main>\n<script nonce="${p.nonce}">${inlineSafe(p.script, 'script')}</script>`,
  });
}

/** The page's script and styles, read once per extension host (they change only with the extension). */
let assets: { script: string; style: string } | undefined;
export function pageAssets(extensionPath: string, log: Log): { script: string; style: string } {
  const dir = path.join(extensionPath, 'dist', 'webview');
  try {
    assets ??= { script: fs.readFileSync(path.join(dir, 'gallery.js'), 'utf8'), style: fs.readFileSync(path.join(dir, 'gallery.css'), 'utf8') };
    return assets;
  } catch (e) {
    // Only an unbuilt checkout lacks them: the page stays empty and the host side still works.
    log.warn(`Gallery: the page's script is missing (${(e as NodeJS.ErrnoException).code ?? 'unreadable'}).`);
    return { script: '', style: '' };
  }
}
