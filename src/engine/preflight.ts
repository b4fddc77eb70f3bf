// The host's reference-image check: one probe per URL (cached for a few minutes, so changing the
// aspect ratio does not fetch again), through a dispatcher built from the same proxy settings as
// the API client's. No VS Code imports: the integration tests run it against the simulator.
import type { Dispatcher } from 'undici';
import { createDispatcher } from '../http/dispatcher';
import { probeImage } from '../http/probe';
import type { ProxySettings } from '../http/dispatcher';
import { judgeProbe, judgeProbeByLimits, type LimitsCheck, type ProbeResult, type ReferenceCheck } from '../domain/reference';
import type { ImageLimits } from '../domain/referenceLimits';
import type { Log } from '../util/log';

export interface PreflightDeps {
  proxy(): ProxySettings;
  /** The API's request timeout; the probe uses at most 10 s of it. */
  timeoutMs(): number;
  log: Log;
  now?: () => number;
}

const TTL_MS = 5 * 60_000;
/** An unreachable image may be a passing hiccup: asked again soon, but not at once (a submit right
 *  after the live check must not wait for a second timeout). */
const UNREACHABLE_TTL_MS = 30_000;
const MAX_ENTRIES = 20;
const MAX_PROBE_MS = 10_000;

export class ReferencePreflight {
  private readonly cache = new Map<string, { at: number; ttl: number; result: Promise<ProbeResult> }>();
  private pool: { key: string; dispatcher: Dispatcher } | undefined;

  constructor(private readonly d: PreflightDeps) {}

  private dispatcher(): Dispatcher {
    const s = this.d.proxy();
    const key = JSON.stringify({ p: s.proxy, s: s.strictSSL, n: s.noProxy, e: [s.env.HTTPS_PROXY, s.env.HTTP_PROXY, s.env.NO_PROXY] });
    if (this.pool?.key !== key) {
      void this.pool?.dispatcher.close().catch(() => undefined);
      this.pool = { key, dispatcher: createDispatcher(s).dispatcher };
    }
    return this.pool.dispatcher;
  }

  /** What the URL serves; failures (including a bad proxy setting) come back as `unreachable`. */
  probe(url: string): Promise<ProbeResult> {
    const now = (this.d.now ?? Date.now)();
    const hit = this.cache.get(url);
    if (hit && now - hit.at < hit.ttl) return hit.result;
    const result = this.fetch(url);
    const entry = { at: now, ttl: TTL_MS, result };
    this.cache.delete(url);
    this.cache.set(url, entry);
    void result.then((r) => {
      if (r.kind === 'unreachable') entry.ttl = UNREACHABLE_TTL_MS;
    });
    while (this.cache.size > MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    return result;
  }

  private async fetch(url: string): Promise<ProbeResult> {
    const started = Date.now();
    let result: ProbeResult;
    try {
      result = await probeImage({ url, dispatcher: this.dispatcher(), timeoutMs: Math.min(MAX_PROBE_MS, this.d.timeoutMs()) });
    } catch (e) {
      result = { kind: 'unreachable', detail: String((e as Error)?.message ?? e).slice(0, 200) };
    }
    this.d.log.info(`reference image check ${withoutQuery(url)} in ${Date.now() - started} ms: ${JSON.stringify(result)}`);
    return result;
  }

  async check(url: string, aspectRatio: string): Promise<ReferenceCheck> {
    return judgeProbe(await this.probe(url), aspectRatio);
  }

  /** The image judged by a family's limits (any model but Sora's own). */
  async checkLimits(url: string, limits: ImageLimits, aspectRatio = ''): Promise<LimitsCheck> {
    return judgeProbeByLimits(await this.probe(url), limits, aspectRatio);
  }

  dispose(): void {
    void this.pool?.dispatcher.close().catch(() => undefined);
    this.pool = undefined;
    this.cache.clear();
  }
}

/** Signed image URLs carry their credentials in the query: the log gets origin and path only. */
export function withoutQuery(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`.slice(0, 300) + (u.search || u.hash ? '?…' : '');
  } catch {
    return '(invalid URL)';
  }
}
