// Keeping the draft: in the webview's own state at every edit (a hidden panel reloads), and with the
// host once the typing pauses (draftChanged), so a closed composer opens again as it was left.
import type { Draft, FromWebview } from '../src/shared/protocol';

export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** Whether the request preview was open in the panel's earlier life (it reloads when hidden). */
export function previewWasOpen(saved: unknown): boolean {
  return typeof saved === 'object' && saved !== null && (saved as { previewOpen?: unknown }).previewOpen === true;
}

/** How long draftChanged waits for the typing to pause. */
const DRAFT_DEBOUNCE_MS = 400;

export class DraftSync {
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `current`: the draft as the state holds it (a plain copy), and whether the request preview is open. */
  constructor(
    private readonly vscode: VsCodeApi,
    private readonly post: (message: FromWebview) => void,
    private readonly current: () => { draft: Draft; previewOpen: boolean },
  ) {}

  save(): void {
    const { draft, previewOpen } = this.current();
    this.vscode.setState({ draft, previewOpen });
  }

  /** Tells the host now. */
  send(): void {
    this.post({ type: 'draftChanged', draft: this.current().draft });
  }

  /** Tells the host once the typing pauses. */
  schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), DRAFT_DEBOUNCE_MS);
  }

  /** Don't lose the last keystrokes when the panel goes away. */
  flush(): void {
    if (this.timer === undefined) return;
    this.cancel();
    this.send();
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
