// Everything that needs undici, built as its own bundle (dist/net.js) so it loads on first use.
export { SoraClient } from './client';
export { createDispatcher } from './dispatcher';
export { downloadFile } from './download';
export { probeImage } from './probe';
