// The task engine: submits drafts, tracks ids, and runs the poller and the downloads. It knows
// nothing of VS Code; the extension passes in settings, the key and callbacks.
import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { Poller } from './poller';
import { DownloadManager } from './downloads';
import type { Task } from '../domain/task';
import type { TaskStore } from '../persistence/repository';
import { applySnapshot } from './poller';
import { LeaderLease, type LeaseOptions } from './lease';
import { ApiError } from '../domain/errors';
import { isUsableTaskId, MAX_TASK_ID, resolveEndpoints, usableTaskId, type EndpointSettings } from '../domain/endpoints';
import { SoraClient } from '../http/client';
import { createDispatcher, type ProxySettings } from '../http/dispatcher';
import { normalizeInput, requestOf, settingsOf, type SendInput } from '../domain/taskSettings';
import { trackedSettings } from '../domain/tracked';
import { buildSendRequest } from '../domain/request';
import { makeCatalogue, type Catalogue } from '../domain/models/catalogue';
import { registerSecret, type Log } from '../util/log';
import { t } from '../util/l10n';

export interface EngineSettings extends EndpointSettings {
  timeoutMs: number;
  pollBaseMs: number;
  autoDownload: boolean;
  /** sora.maxDownloadMB in bytes; a larger video is stopped and not kept (default 2048 MB). */
  maxDownloadBytes?: number;
  proxy: ProxySettings;
}

export interface EngineDeps {
  store: TaskStore;
  log: Log;
  apiKey(): Promise<string | undefined>;
  settings(): EngineSettings;
  /** The download folder; throws a readable error when the setting is unusable. */
  downloadFolder(): string;
  onFinal?(task: Task): void;
  onDownloadFailed?(task: Task, message: string): void;
  /** Automatic downloads are off and an unsaved video's link expires soon (once per task). */
  onLinkExpiring?(task: Task): void;
  /** For tests: a create retry waits this long instead of the real backoff. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Shared with other windows (VS Code's global state): only the window holding the lease polls
   * and downloads automatically. Without it this engine always does (one window, tests).
   */
  lease?: Omit<LeaseOptions, 'log'>;
  /** Every model, with the user's sora.customModels; the built-in ones when absent. */
  catalogue?(): Catalogue;
  /**
   * Asked before every create (the composer, the tools, Retry Now, a resend): a reason when the
   * user chose not to send (the monthly budget is reached), so nothing is stored or sent. The
   * series is the one its create belongs to, when it is one of several asked for as one.
   */
  beforeCreate?(series?: CreateSeries): Promise<string | undefined>;
}

/**
 * One object per request of several creates (the variations of one submit, the shots of one file),
 * passed with each of them: what is asked before a create (the budget) is asked once per series.
 */
export type CreateSeries = Readonly<Record<string, never>>;

export type SubmitOutcome =
  | { kind: 'created'; task: Task }
  | { kind: 'rejected'; task: Task; message: string }
  /** `status`: the service's HTTP status when it refused the request (401 and 403 point at the key). */
  | { kind: 'notSent'; message: string; status?: number }
  | { kind: 'unknown'; task: Task; message: string }
  | { kind: 'noKey' };

export class TaskEngine {
  readonly poller: Poller;
  readonly downloads: DownloadManager;
  readonly lease: LeaderLease | undefined;
  private dispatcherCache: { key: string; dispatcher: Dispatcher } | undefined;
  private started = false;
  private builtIn: Catalogue | undefined;

  constructor(private readonly d: EngineDeps) {
    this.poller = new Poller({
      store: d.store,
      log: d.log,
      baseMs: () => d.settings().pollBaseMs,
      getClient: () => this.client(),
      findModel: (id) => this.catalogue().find(id),
      onFinal: (task) => d.onFinal?.(task),
    });
    this.downloads = new DownloadManager({
      store: d.store,
      log: d.log,
      dispatcher: () => this.dispatcher(),
      folder: () => d.downloadFolder(),
      autoDownload: () => d.settings().autoDownload,
      idleTimeoutMs: () => d.settings().timeoutMs,
      maxBytes: () => d.settings().maxDownloadBytes,
      freshVideoUrl: async (remoteId) => {
        const client = await this.client();
        const snap = client ? await client.query(remoteId) : undefined;
        return snap?.state === 'completed' ? snap.videoUrl : undefined;
      },
      onFailed: (task, m) => d.onDownloadFailed?.(task, m),
      onLinkExpiring: (task) => d.onLinkExpiring?.(task),
    });
    if (d.lease) {
      this.lease = new LeaderLease({ ...d.lease, log: d.log });
      this.poller.setLeading(false);
      this.downloads.setLeading(false);
      this.lease.onDidChange((leading) => {
        this.poller.setLeading(leading);
        this.downloads.setLeading(leading);
      });
    }
  }

  /** Resumes polling and pending downloads; called after activation, never inside it. Idempotent. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.lease?.start();
    this.poller.resume();
    this.downloads.scan();
  }

  /** True when this window polls and downloads for all windows. */
  get isLeader(): boolean {
    return this.lease ? this.lease.isLeader : true;
  }

  /** Settings changed: rebuild the connection pool on next use. */
  settingsChanged(): void {
    const old = this.dispatcherCache;
    this.dispatcherCache = undefined;
    void old?.dispatcher.close().catch(() => undefined);
    this.poller.resume();
    this.downloads.scan();
  }

  private dispatcher(): Dispatcher {
    const s = this.d.settings().proxy;
    const key = JSON.stringify({ p: s.proxy, s: s.strictSSL, n: s.noProxy, e: [s.env.HTTPS_PROXY, s.env.HTTP_PROXY, s.env.NO_PROXY] });
    if (this.dispatcherCache?.key !== key) {
      const choice = createDispatcher(s);
      this.d.log.info(`network: ${choice.description}`);
      this.dispatcherCache = { key, dispatcher: choice.dispatcher };
    }
    return this.dispatcherCache.dispatcher;
  }

  catalogue(): Catalogue {
    return this.d.catalogue?.() ?? (this.builtIn ??= makeCatalogue());
  }

  /** A client for the current settings and key; undefined without a key. Throws SettingsError. */
  async client(): Promise<SoraClient | undefined> {
    const s = this.d.settings();
    const endpoints = resolveEndpoints(s);
    const apiKey = await this.d.apiKey();
    if (!apiKey) return undefined;
    registerSecret(apiKey);
    return new SoraClient({
      endpoints,
      apiKey,
      timeoutMs: s.timeoutMs,
      dispatcher: this.dispatcher(),
      log: this.d.log,
      sleep: this.d.sleep,
    });
  }

  /**
   * One user action, at most one task at the service. The draft is stored before the request
   * leaves, so nothing is lost if VS Code dies while it is in flight.
   */
  async submit(checked: SendInput, replacing?: string, series?: CreateSeries): Promise<SubmitOutcome> {
    const client = await this.client();
    if (!client) return { kind: 'noKey' };
    const input = normalizeInput(checked);
    const createUrl = (): string => buildSendRequest(resolveEndpoints(this.d.settings()), input).url;
    // An unusable create path throws here, before anything is stored or sent.
    createUrl();
    const declined = await this.d.beforeCreate?.(series);
    if (declined !== undefined) return { kind: 'notSent', message: declined };
    const now = Date.now();
    // A retried unknown outcome: if this attempt is refused, the entry must still say that the
    // first attempt may have created a task.
    const previous = replacing ? this.d.store.get(replacing) : undefined;
    const draft: Task = {
      localId: replacing ?? randomUUID(),
      phase: 'submitting',
      status: 'sending',
      settings: settingsOf(input),
      createdAt: now,
      updatedAt: now,
      poll: { errors: 0 },
    };
    await this.d.store.put(draft);
    try {
      const snap = await client.create(input);
      if (!isUsableTaskId(snap.id)) throw new ApiError('malformed', 'create', createUrl(), `unusable task id "${snap.id.slice(0, 50)}"`);
      const task = await this.d.store.update(draft.localId, (cur) => ({ ...applySnapshot(cur, snap, Date.now()), poll: { errors: 0 } }));
      if (!task) return { kind: 'notSent', message: t('The task was removed while it was being sent.') };
      if (task.phase === 'failed') {
        this.d.onFinal?.(task);
        return { kind: 'rejected', task, message: task.error ?? t('The service rejected the task.') };
      }
      return { kind: 'created', task };
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError('lost', 'create', '', String(e));
      if (err.provablyNotSent || (err.kind === 'http' && err.status !== undefined && err.status < 500)) {
        // The service did not take it (never reached, or refused with a 4xx): nothing to track.
        if (previous) await this.d.store.put(previous);
        else await this.d.store.remove([draft.localId]);
        return { kind: 'notSent', message: err.message, ...(err.status !== undefined ? { status: err.status } : {}) };
      }
      const task = await this.d.store.update(draft.localId, (cur) => ({ ...cur, phase: 'unknown', status: 'outcome unknown', error: err.message }));
      this.d.log.warn(`create outcome unknown for ${draft.localId}: ${err.message}`);
      return { kind: 'unknown', task: task ?? draft, message: err.message };
    }
  }

  /** Sends an unknown-outcome draft again, knowingly (the user was told it may create a second task). */
  async retry(localId: string): Promise<SubmitOutcome> {
    const task = this.d.store.get(localId);
    if (!task || task.phase !== 'unknown') return { kind: 'notSent', message: t('Only a task whose submission outcome is unknown can be sent again.') };
    const again = requestOf(task.settings, (id) => this.catalogue().find(id));
    if ('problem' in again) return { kind: 'notSent', message: again.problem };
    return this.submit(again.input, localId);
  }

  /** Adds a task created elsewhere (or found after an unknown outcome) and checks it at once. */
  async track(remoteId: string, fromDraft?: string): Promise<Task> {
    // Length before trimming: an over-long id is refused, never cut into another task's id.
    const id = usableTaskId(remoteId);
    if (id === undefined) throw new Error(t('The task id is not usable: it must have 1 to {0} characters, no control characters, and not be "." or "..".', MAX_TASK_ID));
    const existing = this.d.store.findByRemoteId(id);
    if (existing) return existing;
    const now = Date.now();
    const base = fromDraft ? this.d.store.get(fromDraft) : undefined;
    const placeholder = trackedSettings(id);
    const task: Task = {
      localId: base?.localId ?? randomUUID(),
      remoteId: id,
      phase: 'active',
      status: 'tracking',
      settings: base?.settings ?? placeholder.settings,
      createdAt: base?.createdAt ?? now,
      updatedAt: now,
      poll: { errors: 0 },
      // Without a draft, nothing but the id is known: the placeholders above are shown as unknown.
      ...(base ? {} : { unreported: placeholder.unreported }),
    };
    await this.d.store.put(task);
    // Ask right away: a tracked task may be long finished.
    this.poller.pollSoon(task.localId);
    return task;
  }

  dispose(): void {
    this.poller.dispose();
    this.downloads.dispose();
    this.lease?.dispose();
    void this.dispatcherCache?.dispatcher.close().catch(() => undefined);
  }
}
