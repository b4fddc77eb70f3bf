import * as path from 'node:path';
import type * as Net from './index';

export type NetModule = typeof Net;

let cached: NetModule | undefined;

/** undici is large: it lives in dist/net.js and is required on the first network call, not at activation. */
export function loadNet(): NetModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  cached ??= require(path.join(__dirname, 'net.js')) as NetModule;
  return cached;
}
