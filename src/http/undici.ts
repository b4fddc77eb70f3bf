// undici is most of the extension's code by size (about 600 KB bundled), and a window that only
// shows settled tasks never needs it. It is the extension's one lazy boundary: esbuild.mjs builds
// it into dist/undici.js and points this require there, so it loads on the first request.
import type * as Undici from 'undici';

let loaded: typeof Undici | undefined;

export function undici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy boundary itself: a static import would load undici at activation
  loaded ??= require('undici') as typeof Undici;
  return loaded;
}
