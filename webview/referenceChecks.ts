// Asking the host about the reference image: once the URL has rested, one question at a time, and
// only about what the form holds. A question about another URL or ratio is forgotten (its answer
// is then not routed at all), never matched up later by comparing URLs.
import type { ReferenceLevel } from '../src/shared/protocol';
import type { Rpc } from './rpc';
import { sameAbout, type About } from './referenceState';

export class ReferenceChecks {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private awaited: { id: string; about: About } | undefined;

  /**
   * `wanted`: what the host should be asked about now, if anything (state.wantedCheck).
   * `onVerdict`: each word of the host on `about`, "checking" included.
   */
  constructor(
    private readonly rpc: Rpc,
    private readonly wanted: () => About | undefined,
    private readonly onVerdict: (about: About, level: ReferenceLevel, message: string) => void,
  ) {}

  /** The URL or ratio may have changed: ask after `delay` ms, unless the question is already out. */
  schedule(delay: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const want = this.wanted();
    if (this.awaited && !(want && sameAbout(this.awaited.about, want))) this.forget();
    if (!want || this.awaited) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const about = this.wanted();
      if (about) this.ask(about);
    }, delay);
  }

  /** A new page life: earlier questions are moot (the rpc forgets their ids too). */
  reset(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.awaited = undefined;
  }

  private ask(about: About): void {
    const id = this.rpc.request('checkReference', about, (r) => {
      if (!this.rpc.isPending(id) && this.awaited?.id === id) this.awaited = undefined;
      if (r.type === 'referenceCheck') this.onVerdict(about, r.level, r.message);
    });
    this.awaited = { id, about };
  }

  private forget(): void {
    this.rpc.forget(this.awaited?.id);
    this.awaited = undefined;
  }
}
