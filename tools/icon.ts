// The Marketplace icon, media/icon.png (128×128), drawn from the SVG below by Debian's Chromium
// through playwright-core (both already used by the e2e tests), so no image tool is needed.
// `node --import tsx tools/icon.ts` rewrites it; the PNG is committed and packaged, this script is not.
import * as path from 'node:path';
import { REPO_ROOT } from '../test/fixtures/codeServer/env';
import { launchChromium } from '../test/fixtures/codeServer/process';

const SIZE = 128;
// A clapperboard-like frame with a play mark and a spark: "video, made for you". Colours chosen to
// read on both the Marketplace's light page and a dark activity bar.
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 128 128">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#3b2a8f"/>
      <stop offset="1" stop-color="#0e6fbf"/>
    </linearGradient>
  </defs>
  <rect x="4" y="4" width="120" height="120" rx="26" fill="url(#bg)"/>
  <rect x="20" y="38" width="70" height="56" rx="10" fill="none" stroke="#fff" stroke-width="7"/>
  <path d="M90 56 L110 44 V88 L90 76 Z" fill="#fff"/>
  <path d="M46 53 V79 L67 66 Z" fill="#ffd34d"/>
  <path d="M100 14 L104 25 L115 29 L104 33 L100 44 L96 33 L85 29 L96 25 Z" fill="#ffd34d"/>
</svg>`;

async function main(): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${SVG}</body></html>`);
    const out = path.join(REPO_ROOT, 'media', 'icon.png');
    await page.locator('svg').screenshot({ path: out, omitBackground: true });
    console.log(`icon: ${out}`);
  } finally {
    await browser.close();
  }
}

void main();
