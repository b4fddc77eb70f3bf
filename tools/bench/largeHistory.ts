// Large history: 2,000 stored tasks. Measures, with the real TaskStore, tree provider/TaskItem and
// status bar under the fake vscode module (test/fixtures/vscode) and a memento fake that does
// what VS Code 1.100's ExtHostMemento does on update (a synchronous JSON clone of the value, then
// one serialisation of the extension's state for the main process): building every tree item,
// one store write (with the listeners the core has: tree, status bar, poller, downloads), and the
// heap the extension host keeps for it all (after gc). Runs in a child process with --expose-gc.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { childArgs, isChild, median, ms, reply, rng, runChild } from './util';
import type * as TaskTreeModule from '../../src/vscode/views/taskTree';
import type * as StatusBarModule from '../../src/vscode/views/statusBar';
import type * as LogModule from '../../src/util/log';
import type * as RepositoryModule from '../../src/persistence/repository';
import type * as ArchiveLogModule from '../../src/persistence/archiveLog';
import type * as PollerModule from '../../src/engine/poller';
import type * as DownloadsModule from '../../src/engine/downloads';

export const TASKS = 2000;

export interface LargeHistoryResult {
  tasks: number;
  storedBytes: number;
  openMs: number;
  treeItemsMs: number;
  /** Of treeItemsMs, the main thread's own CPU time (Linux; NaN elsewhere): what other processes' load does not change. */
  treeItemsCpuMs: number;
  /** One hover: the tooltip of one item. */
  tooltipMs: number;
  storeWriteMs: number;
  /** One write changing the newest, running task: what polling does all day. */
  runningWriteMs: number;
  /** Of storeWriteMs: VS Code's memento clone and its serialisation for the main process. */
  mementoMs: number;
  heapGrowthMB: number;
  runs: number;
}

export function measureLargeHistory(runs = 7): Promise<LargeHistoryResult> {
  return runChild<LargeHistoryResult>(__filename, [String(runs)], ['--expose-gc']);
}

const WORDS = 'a slow dolly shot over a misty harbour at dawn with fishing boats gulls and warm light cinematic 35mm film grain neon city rain reflections drone fly through forest canopy golden hour'.split(' ');

/**
 * The CPU time this process's main thread has used, in ms (Linux's schedstat, in ns), or NaN. On a
 * shared 2-core machine the wall-clock build time also holds time spent waiting for a core.
 */
function mainThreadCpuMs(): number {
  try {
    return Number(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

function storedTasks(n: number): unknown[] {
  const r = rng(42);
  const now = Date.now();
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const words = Array.from({ length: 20 + Math.floor(r() * 40) }, () => WORDS[Math.floor(r() * WORDS.length)]);
    const id = `sora_${(i + 1).toString(16).padStart(12, '0')}`;
    const createdAt = now - (n - i) * 3_600_000;
    const phase = i >= n - 5 ? 'active' : r() < 0.1 ? 'failed' : 'completed';
    const t: Record<string, unknown> = {
      localId: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      remoteId: id,
      phase,
      status: phase === 'active' ? 'processing' : phase,
      settings: { prompt: words.join(' '), model: r() < 0.5 ? 'openAiSora2Plus' : 'openAiSora2Pro', aspectRatio: r() < 0.7 ? '16:9' : '9:16', seconds: [4, 8, 12][Math.floor(r() * 3)] },
      createdAt,
      updatedAt: createdAt + 300_000,
      poll: { errors: 0, lastAt: createdAt + 300_000 },
    };
    if (phase === 'completed') {
      Object.assign(t, {
        videoUrl: `https://cdn.example.com/videos/2026/11/${id}.mp4?sig=${'ab12'.repeat(16)}&exp=1764000000`,
        completedAt: createdAt + 300_000,
        actualDuration: 8,
        amount: 0.8,
        download: { state: 'done', attempts: 1, path: `/home/user/.config/Code/User/globalStorage/sora-video.sora-video/videos/${id}.mp4` },
      });
    } else if (phase === 'failed') {
      t.error = 'Content policy violation: the prompt was rejected';
    }
    out.push(t);
  }
  return out;
}

async function child(runs: number): Promise<LargeHistoryResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded in the child process only, after the fake vscode module */
  require('../../test/fixtures/vscode');
  const { TaskStore, STORE_KEY } = require('../../src/persistence/repository') as typeof RepositoryModule;
  const { TaskTreeProvider } = require('../../src/vscode/views/taskTree') as typeof TaskTreeModule;
  const { registerStatusBar } = require('../../src/vscode/views/statusBar') as typeof StatusBarModule;
  const { Poller } = require('../../src/engine/poller') as typeof PollerModule;
  const { DownloadManager } = require('../../src/engine/downloads') as typeof DownloadsModule;
  const { MemoryLog } = require('../../src/util/log') as typeof LogModule;
  const { FileArchiveLog } = require('../../src/persistence/archiveLog') as typeof ArchiveLogModule;
  const { ARCHIVE_FILE } = require('../../src/persistence/repository') as typeof RepositoryModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  // The extension's global storage: finished tasks go to the archive log there. The warm-up pass
  // moves them from the version 1 value below, as an upgrade does; measured passes read the file.
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-bench-history-'));
  const archiveFile = path.join(storage, ARCHIVE_FILE);

  const raw = { version: 1, tasks: storedTasks(TASKS) };
  const storedBytes = Buffer.byteLength(JSON.stringify(raw));
  // As ExtHostMemento.update: JSON.parse(JSON.stringify(value)) at once, then (scheduled) the
  // extension's whole state object is sent to the main process, serialised once more.
  const values = new Map<string, unknown>([[STORE_KEY, raw]]);
  let mementoMs = 0;
  const memento = {
    get: <T>(k: string) => values.get(k) as T | undefined,
    update: (k: string, v: unknown) => {
      let t = process.hrtime.bigint();
      values.set(k, JSON.parse(JSON.stringify(v)));
      mementoMs += ms(t);
      return Promise.resolve().then(() => {
        t = process.hrtime.bigint();
        JSON.stringify(Object.fromEntries(values));
        mementoMs += ms(t);
      });
    },
  };
  const keys = { has: async () => true, onDidChange: () => ({ dispose() {} }) };
  const tick = () => new Promise((r) => setTimeout(r, 0));

  // Warm-up pass (JIT, lazily built schemas), then measured passes.
  const opens: number[] = [];
  const builds: number[] = [];
  const buildCpus: number[] = [];
  const writes: number[] = [];
  const runningWrites: number[] = [];
  const mementos: number[] = [];
  const tooltips: number[] = [];
  let heapGrowth = 0;
  for (let run = 0; run <= runs; run++) {
    gc();
    await tick();
    gc();
    const heap0 = process.memoryUsage().heapUsed;
    let t0 = process.hrtime.bigint();
    const store = new TaskStore(memento, new MemoryLog(), { archive: new FileArchiveLog(archiveFile), autoDownload: () => true });
    // The store reads the archive log when the list is first needed (the tree, here): timed with it.
    store.all();
    const openMs = ms(t0);
    const context = { subscriptions: [] as Array<{ dispose(): void }> };
    const tree = new TaskTreeProvider(store, keys as never);
    registerStatusBar(context as never, store);
    const poller = new Poller({ store, log: new MemoryLog(), baseMs: () => 15_000, getClient: async () => undefined });
    const downloads = new DownloadManager({
      store,
      log: new MemoryLog(),
      downloadFile: () => {
        throw new Error('no network in this benchmark');
      },
      dispatcher: () => {
        throw new Error('no network in this benchmark');
      },
      folder: () => '/nonexistent',
      autoDownload: () => true,
      idleTimeoutMs: () => 60_000,
    });
    poller.resume();
    downloads.scan();
    await tick();

    const cpu0 = mainThreadCpuMs();
    t0 = process.hrtime.bigint();
    const ids = tree.getChildren();
    const items = ids.map((id) => tree.getTreeItem(id));
    const buildMs = ms(t0);
    const buildCpuMs = mainThreadCpuMs() - cpu0;
    if (items.length !== TASKS) throw new Error(`tree has ${items.length} items`);

    t0 = process.hrtime.bigint();
    tree.resolveTreeItem(items[0], ids[0]);
    const tooltipMs = ms(t0);

    const target = ids[Math.floor(ids.length / 2)];
    mementoMs = 0;
    t0 = process.hrtime.bigint();
    await store.update(target, (c) => ({ ...c, status: c.status === 'completed' ? 'completed' : c.status }));
    const writeMs = ms(t0);
    await tick();

    const running = ids.find((id) => store.get(id)?.phase === 'active');
    if (!running) throw new Error('the history holds no running task');
    t0 = process.hrtime.bigint();
    await store.update(running, (c) => ({ ...c, status: c.status }));
    const runningWriteMs = ms(t0);
    await tick();

    gc();
    await tick();
    gc();
    const growth = process.memoryUsage().heapUsed - heap0;
    if (run > 0) {
      opens.push(openMs);
      builds.push(buildMs);
      buildCpus.push(buildCpuMs);
      writes.push(writeMs);
      runningWrites.push(runningWriteMs);
      mementos.push(mementoMs);
      tooltips.push(tooltipMs);
      heapGrowth = Math.max(heapGrowth, growth);
    }
    // Keep everything alive until measured, as the extension host would.
    if (items.length + (tree ? 1 : 0) < 0) console.log(items);
    poller.dispose();
    downloads.dispose();
    tree.dispose();
    for (const d of context.subscriptions) d.dispose();
    store.dispose();
  }
  fs.rmSync(storage, { recursive: true, force: true });
  return {
    tasks: TASKS,
    storedBytes,
    openMs: median(opens),
    treeItemsMs: median(builds),
    treeItemsCpuMs: median(buildCpus),
    tooltipMs: median(tooltips),
    storeWriteMs: median(writes),
    runningWriteMs: median(runningWrites),
    mementoMs: median(mementos),
    heapGrowthMB: heapGrowth / 2 ** 20,
    runs,
  };
}

if (isChild() && path.resolve(process.argv[1]) === __filename) void child(Number(childArgs()[0] ?? 7)).then(reply);
