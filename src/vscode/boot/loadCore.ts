import path = require('node:path');
import type { CoreModule } from './shell';

/** The core is large (zod, engine, composer): it lives in dist/core.js and is required on first use. */
export function loadCore(): CoreModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, 'core.js')) as CoreModule;
}
