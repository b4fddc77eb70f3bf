// The gallery page: a strict CSP with a fresh nonce per load; the script builds the grid itself.
// The script and its styles are inlined under the nonce: in code-server a webview's own files come
// through the webview's resource loader, which took about a second to deliver the 76 KB script
// after the document had started (BENCHMARKS.md, gallery open). Pictures and videos come only
// from the folders the panel allows (localResourceRoots): the cached thumbnails and the saved
// videos. blob: is the thumbnail the page has just drawn, shown while the host writes it.
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
