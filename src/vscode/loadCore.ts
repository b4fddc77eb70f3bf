// The extension's one lazy boundary: esbuild.mjs builds src/vscode/core.ts into dist/core.js and
// points this require there. Activation never calls it; the first create, composer or engine start does.
import type * as Core from './core';

let loaded: typeof Core | undefined;

export function loadCore(): typeof Core {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy boundary itself: a static import would load the core at activation
  loaded ??= require('./core') as typeof Core;
  return loaded;
}
