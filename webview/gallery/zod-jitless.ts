// Imported first by main.ts, before any schema is built: zod then never probes `new Function`,
// which the webview's CSP (no 'unsafe-eval') would report as a violation.
import * as z from 'zod/mini';

z.config({ jitless: true });
