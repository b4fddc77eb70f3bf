// The gallery page: a strict CSP with a fresh nonce per load; the script builds the grid itself.
// Pictures and videos come only from the folders the panel allows (localResourceRoots): the cached
// thumbnails and the saved videos. blob: is the thumbnail the page has just drawn, shown while the
// host writes it.
import { webviewPage } from '../webviewPage';

export interface GalleryPage {
  lang: string;
  nonce: string;
  cspSource: string;
  script: string;
  style: string;
  title: string;
}

export function galleryCsp(nonce: string, cspSource: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} blob:`,
    `media-src ${cspSource}`,
  ].join('; ');
}

export function galleryHtml(p: GalleryPage): string {
  return webviewPage({
    lang: p.lang,
    csp: galleryCsp(p.nonce, p.cspSource),
    title: p.title,
    head: `<link rel="stylesheet" href="${p.style}">`,
    body: `<main id="app"></main>\n<script nonce="${p.nonce}" src="${p.script}"></script>`,
  });
}
