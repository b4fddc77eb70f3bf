// The lazy bundle (dist/core.js): what a window needs only once it sends a request, opens the
// composer or calls a language-model tool. It holds the engine, the http layer, zod with every
// schema, undici (whose own code still runs only at the first request, src/http/undici.ts), the
// composer and the tools. Loading and initialising them took about 50 ms in Node and 100 ms in
// code-server; the activation bundle without them meets the 20 ms goal (BENCHMARKS.md). Loaded
// through loadCore.ts, never imported for a value elsewhere.
import vscode = require('vscode');
import { useTranslator } from '../util/l10n';

// This bundle has its own copy of the l10n helper (the shared modules are pure but for this).
useTranslator((message, ...args) => vscode.l10n.t(message, ...args));

export { createEngine } from '../engine/services';
export { ComposerPanel } from './composer/panel';
export { createFromFile } from './commands/createFromFile';
export { clearPromptHistory, deletePresetCommand } from './commands/promptLibrary';
export { ModelCatalogue } from './modelCatalogue';
export { languageModelTool } from './tools/tools';
export { reviveSpending, showSpending } from './spending/spendingPanel';
export { reviveGallery, showGallery } from './gallery/galleryPanel';
export { reviveVideoPreview, showVideoPreview } from './preview/videoPanel';
export { reviveTaskDetails, showTaskDetails } from './preview/detailsPanel';
export { retryNow } from './commands/retryNow';
