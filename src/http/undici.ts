// undici is most of the core bundle by size (about 520 KB) and its module code takes 100 ms and more
// to run (Node 20, this machine), which opening the composer does not need. It is CommonJS, so the
// bundle keeps it as a function that runs on the first require: here, at the first request.
import type * as Undici from 'undici';

let loaded: typeof Undici | undefined;

export function undici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred: a static import would run undici when the core loads
  loaded ??= require('undici') as typeof Undici;
  return loaded;
}
