// The composer webview's entry: builds the "create a video" form inside #app once the host sends
// `init`, and talks to the host with the messages of src/shared/protocol.ts. The modules:
//   controller.ts  events and host messages → state transitions → render and post
//   state.ts       the one state value and its pure transitions
//   rpc.ts         requests with ids, and their replies routed by id
//   view.ts        the DOM (createElement/textContent only); controls.ts, render.ts fill it in
//   form.ts        DOM-free helpers (drafts, messages, the shortcut)
//   fieldControls.ts, modelDraft.ts, referenceState.ts  DOM-free: a model's controls, carry-over, image checks
//   modelFields.ts the fields block of a model other than Sora; draftSync.ts keeps the draft
import './zod-jitless'; // must stay the first import: zod reads its config when schemas are built
import './style.css';
import './messages.css';

import { Composer, type VsCodeApi } from './controller';
import { isSubmitShortcut } from './form';
import { newSession } from './rpc';

declare function acquireVsCodeApi(): VsCodeApi;

const composer = new Composer(acquireVsCodeApi(), newSession());

// Capture phase, so the shortcut wins over the controls' own Enter handling.
window.addEventListener(
  'keydown',
  (e) => {
    if (!composer.hasForm() || !isSubmitShortcut(e)) return;
    e.preventDefault();
    e.stopPropagation();
    composer.trySubmit();
  },
  true,
);

window.addEventListener('message', (event: MessageEvent<unknown>) => composer.receive(event.data));

// Don't lose the last keystrokes when the panel goes away.
window.addEventListener('pagehide', () => composer.flushDraftChanged());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') composer.flushDraftChanged();
});

composer.start();
