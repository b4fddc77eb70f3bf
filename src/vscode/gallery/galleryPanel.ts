// Sora: Show Gallery: one panel per window. The page (webview/gallery) draws a virtual grid; this
// side sends it the items (all of them once, then only what changed, coalesced, as the store
// changes in this or another window), runs what the page asks for, and keeps the thumbnails the
// page makes from the saved videos (thumbnailCache.ts).
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import { galleryItem, galleryShows, type GalleryItem } from '../../domain/gallery';
import type { Task } from '../../domain/task';
import { Commands, Panels } from '../../domain/ids';
import type { TaskStore } from '../../persistence/repository';
import { fromGallerySchema, type FromGallery, type GalleryWireItem, type ToGallery } from '../../shared/galleryProtocol';
import { t } from '../../util/l10n';
import type { Log } from '../../util/log';
import type { TaskFilterState } from '../views/taskFilterState';
import { contextValue } from '../views/taskItem';
import { galleryHtml, pageAssets } from './galleryHtml';
import { galleryWords } from './galleryWords';
import { THUMBNAIL_FOLDER, ThumbnailCache } from './thumbnailCache';

export interface GalleryDeps {
  extensionUri: vscode.Uri;
  globalStorageUri: vscode.Uri;
  store: TaskStore;
  filter: TaskFilterState;
  log: Log;
  /** The download folder now; undefined while its setting is unusable. */
  downloadFolder(): string | undefined;
}

/** Store changes come in bursts while tasks are polled: one update per this many ms at most. */
const COALESCE_MS = 100;
/**
 * The first message carries this many items (more than any screen shows), the next one the rest:
 * the page draws its first screen without waiting for 2,000 items to be cloned and parsed.
 */
export const FIRST_ITEMS = 240;
/** Cached thumbnails sent inside the first message: a large first screen's worth (a few KB each). */
export const FIRST_PICTURES = 48;

let current: GalleryPanel | undefined;

class GalleryPanel {
  private readonly cache: ThumbnailCache;
  private readonly sent = new Map<string, string>();
  private order: string[] = [];
  private lastFilter = '';
  private memo = new WeakMap<Task, { wire: GalleryWireItem; json: string; thumb: boolean }>();
  private showFailed = false;
  private ready = false;
  private roots: string[] = [];
  private pending: ReturnType<typeof setTimeout> | undefined;
  /** The cache listed and the items made while the page loads, for its first 'ready'. */
  private preparing: Promise<void> | undefined;
  /** The newest cached thumbnails, read while the page loads, by local id (base64 JPEG). */
  private pictures = new Map<string, string>();
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: GalleryDeps,
  ) {
    this.cache = new ThumbnailCache(path.join(deps.globalStorageUri.fsPath, THUMBNAIL_FOLDER));
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'sora.svg');
    this.subs.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      deps.store.onDidChange(() => this.later()),
      deps.store.onDidList(() => this.later()),
      deps.filter.onDidChange(() => this.later()),
      panel.onDidDispose(() => this.dispose()),
    );
    this.load();
  }

  /** Writes the page (again): the folders it may read are fixed per load. */
  private load(): void {
    this.ready = false;
    this.sent.clear();
    this.memo = new WeakMap();
    this.roots = this.folders(this.deps.store.all());
    const webview = this.panel.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: this.roots.map((r) => vscode.Uri.file(r)),
    };
    webview.html = galleryHtml({
      lang: vscode.env.language,
      nonce: randomBytes(18).toString('base64'),
      cspSource: webview.cspSource,
      ...pageAssets(this.deps.extensionUri.fsPath, this.deps.log),
      title: t('Sora Gallery'),
    });
    this.preparing = this.prepare();
  }

  /** The host's share of the open done while the page loads: the init message then only needs sending. */
  private async prepare(): Promise<void> {
    await this.cache.load();
    this.pictures = new Map();
    try {
      const reads: Array<Promise<void>> = [];
      // The first screen is the newest tasks the gallery shows, as update() will send them.
      const shows = this.shows();
      for (const task of this.deps.store.all()) {
        const { wire } = this.wired(task);
        const first = wire.thumb && reads.length < FIRST_PICTURES && shows(task);
        const file = first ? this.cache.cached(task.remoteId ?? task.localId) : undefined;
        if (file) reads.push(fs.promises.readFile(file).then((b) => void this.pictures.set(task.localId, b.toString('base64')), () => undefined));
      }
      await Promise.all(reads);
    } catch (e) {
      // Only an early start lost: 'ready' makes what is missing.
      this.deps.log.warn(`Gallery: could not prepare the items: ${(e as Error).message}`);
    }
  }

  /** Which tasks the gallery shows now: the Tasks view's filter, and failed ones only when asked for. */
  private shows(): (task: Task) => boolean {
    const options = { showFailed: this.showFailed, filter: this.deps.filter.current };
    return (task) => galleryShows(task, options);
  }

  /** The thumbnail folder, the download folder and every folder holding a saved video of the list. */
  private folders(tasks: ReturnType<TaskStore['all']>): string[] {
    const dirs = new Set<string>([this.cache.dir]);
    const folder = this.deps.downloadFolder();
    if (folder) dirs.add(folder);
    for (const task of tasks) if (task.download?.state === 'done' && task.download.path) dirs.add(path.dirname(task.download.path));
    return [...dirs];
  }

  /**
   * A task's item as sent, made again only when the store replaced the task (it never changes one in
   * place) or its thumbnail appeared: a poll changes a task or two, not the 2,000 others.
   */
  private wired(task: Task): { wire: GalleryWireItem; json: string } {
    const thumb = task.phase === 'completed' && this.cache.cached(task.remoteId ?? task.localId) !== undefined;
    const memo = this.memo.get(task);
    if (memo && memo.thumb === thumb) return memo;
    const wire = this.wire(galleryItem(task), contextValue(task));
    const made = { wire, json: JSON.stringify(wire), thumb };
    this.memo.set(task, made);
    return made;
  }

  private wire(item: GalleryItem, menu: string): GalleryWireItem {
    const { file, ...rest } = item;
    const webview = this.panel.webview;
    const thumb = item.kind === 'video' ? this.cache.cached(item.taskId) : undefined;
    return {
      ...rest,
      menu,
      ...(thumb ? { thumb: webview.asWebviewUri(vscode.Uri.file(thumb)).toString() } : {}),
      ...(file ? { video: webview.asWebviewUri(vscode.Uri.file(file)).toString() } : {}),
    };
  }

  private later(): void {
    if (!this.ready) return;
    this.pending ??= setTimeout(() => {
      this.pending = undefined;
      this.update(false);
    }, COALESCE_MS);
  }

  /** Sends what changed since the last message (everything in `init`). */
  private update(init: boolean): void {
    const tasks = this.deps.store.all();
    const folders = this.folders(tasks);
    if (folders.some((f) => !this.roots.includes(f))) {
      // A video saved to a folder the page may not read: the page is written again with it allowed.
      this.load();
      return;
    }
    const shows = this.shows();
    const changed: GalleryWireItem[] = [];
    const order: string[] = [];
    for (const task of tasks) {
      if (!shows(task)) continue;
      const { wire, json } = this.wired(task);
      order.push(task.localId);
      if (this.sent.get(task.localId) !== json) {
        changed.push(wire);
        this.sent.set(task.localId, json);
      }
    }
    const shown = new Set(order);
    for (const id of this.sent.keys()) if (!shown.has(id)) this.sent.delete(id);
    const sameOrder = order.length === this.order.length && order.every((id, i) => id === this.order[i]);
    const filter = this.deps.filter.description;
    if (!init && changed.length === 0 && sameOrder && filter === this.lastFilter) return;
    this.order = order;
    this.lastFilter = filter;
    if (init) {
      // Messages arrive in order: the rest follow the first screen's items at once.
      const head = changed.slice(0, FIRST_ITEMS);
      const pictures: Record<string, string> = {};
      for (const i of head) if (this.pictures.has(i.id)) pictures[i.id] = this.pictures.get(i.id) as string;
      this.pictures = new Map();
      const first: ToGallery = { type: 'init', strings: galleryWords(), showFailed: this.showFailed, changed: head, order, filter, pictures };
      void this.panel.webview.postMessage(first);
      if (changed.length > FIRST_ITEMS) void this.panel.webview.postMessage({ type: 'items', changed: changed.slice(FIRST_ITEMS), order, filter } satisfies ToGallery);
      return;
    }
    void this.panel.webview.postMessage({ type: 'items', changed, order, filter } satisfies ToGallery);
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = fromGallerySchema.safeParse(raw);
    if (!parsed.success) {
      this.deps.log.warn(`Gallery: dropped a malformed message (${describe(raw)}).`);
      return;
    }
    await this.handle(parsed.data);
  }

  private async handle(m: FromGallery): Promise<void> {
    switch (m.type) {
      case 'ready':
        // A page shown again (not kept while hidden) asks again: the cache is listed anew then.
        await (this.preparing ?? this.cache.load());
        this.preparing = undefined;
        this.showFailed = m.showFailed;
        this.ready = true;
        this.sent.clear();
        this.update(true);
        return;
      case 'open': {
        const task = this.deps.store.get(m.id);
        if (task?.phase === 'completed') await vscode.commands.executeCommand(Commands.openVideo, task.localId);
        else if (task?.phase === 'failed') await vscode.commands.executeCommand(Commands.showTaskDetails, task.localId);
        return;
      }
      case 'thumbnail':
        return this.saveThumbnail(m.id, m.jpeg);
      case 'showFailed':
        this.showFailed = m.on;
        this.update(false);
        return;
      case 'filter':
        await vscode.commands.executeCommand(Commands.filterTasks);
        return;
      case 'clearFilter':
        await vscode.commands.executeCommand(Commands.clearTaskFilter);
        return;
    }
  }

  /** Only for a finished task with a saved video, and only once: a cached thumbnail is never made again. */
  private async saveThumbnail(localId: string, jpeg: string): Promise<void> {
    const task = this.deps.store.get(localId);
    if (task?.phase !== 'completed' || task.download?.state !== 'done') return;
    const taskId = task.remoteId ?? task.localId;
    try {
      const result = await this.cache.save(taskId, jpeg);
      if (!result.saved) {
        if (result.why !== 'exists') this.deps.log.warn(`Gallery: refused a thumbnail for ${taskId} (${result.why}).`);
        return;
      }
      const thumb = this.panel.webview.asWebviewUri(vscode.Uri.file(result.file)).toString();
      void this.panel.webview.postMessage({ type: 'thumbnailSaved', id: localId, thumb } satisfies ToGallery);
    } catch (e) {
      this.deps.log.warn(`Gallery: could not save the thumbnail of ${taskId}: ${(e as Error).message}`);
    }
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    for (const s of this.subs) s.dispose();
    if (current === this) current = undefined;
  }
}

/** What a dropped message was, without its content (which may be large or hostile). */
function describe(raw: unknown): string {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? `type ${JSON.stringify(type.slice(0, 40))}` : typeof raw;
}

export function showGallery(deps: GalleryDeps): vscode.WebviewPanel {
  if (current) {
    current.panel.reveal(undefined, false);
    return current.panel;
  }
  const panel = vscode.window.createWebviewPanel(Panels.gallery, t('Sora Gallery'), vscode.ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: false });
  current = new GalleryPanel(panel, deps);
  return panel;
}

/** After a window reload: the page is written anew and asks for its items. */
export function reviveGallery(panel: vscode.WebviewPanel, deps: GalleryDeps): Promise<void> {
  if (current) panel.dispose();
  else current = new GalleryPanel(panel, deps);
  return Promise.resolve();
}
