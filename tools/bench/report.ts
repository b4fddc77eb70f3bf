// Writes BENCHMARKS.md from one `npm run bench` run.
import type { ActivationCodeResult } from './activationCode';
import type { DownloadResult } from './download';
import type { LargeHistoryResult } from './largeHistory';
import type { PackageSizeResult } from './packageSize';
import type { PollingResult } from './polling';
import type { Machine } from './util';
import type { VscodeResult } from './vscode';
import { SWITCH_MODELS } from './modelSwitch';
import { LIBRARY_WHY, libraryMethod, libraryRows, type LibraryResult } from './libraryReport';

export interface BenchResults {
  machine: Machine;
  vscode?: VscodeResult | { error: string };
  activationCode: ActivationCodeResult;
  packageSize: PackageSizeResult;
  largeHistory: LargeHistoryResult;
  polling: PollingResult;
  download: DownloadResult;
  /** 2,000 tasks and 500 videos in code-server (absent when skipped). */
  library?: LibraryResult;
}

export interface Row {
  what: string;
  ours: string;
  reference: string;
  ratio: string;
  goal: string;
  met: boolean | undefined;
}

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const kb = (b: number) => `${f(b / 1024)} KB`;
const mark = (m: boolean | undefined) => (m === undefined ? 'not measured' : m ? 'met' : '**not met**');

/**
 * "Memory does not grow with file size": the 2 GB download's RSS growth may be at most 10 % above
 * the 500 MB one's, plus an allowance, because the peak sits just above the point where V8 collects
 * the socket buffers (32 MB in Node 20) and moves by several MB between runs of the same size. Less
 * is never a failure: the two-sided check this replaces called 30.4 MB against 44.0 MB "not met".
 */
export const RSS_TOLERANCE = 0.1;
export const RSS_ALLOWANCE_MB = 5;

export function rssDoesNotGrow(largeMB: number, smallMB: number): boolean {
  return largeMB <= (1 + RSS_TOLERANCE) * smallMB + RSS_ALLOWANCE_MB;
}

export function rows(r: BenchResults): Row[] {
  const out: Row[] = [];
  const v = r.vscode && 'activation' in r.vscode ? r.vscode : undefined;
  out.push({
    what: 'activation (code-server, load + activate()), empty history',
    ours: v ? `${f(v.activation.oursMs, 2)} ms` : 'n/a',
    reference: v ? `${f(v.activation.referenceMs, 2)} ms (no-op extension)` : 'n/a',
    ratio: v ? `${f(v.activation.ratio, 2)}×` : 'n/a',
    goal: '≤ 20 ms',
    met: v ? v.activation.oursMs <= 20 : undefined,
  });
  out.push({
    what: `activation (code-server, load + activate()), ${v?.history ? v.history.tasks : 2000} stored tasks`,
    ours: v?.history ? `${f(v.history.oursMs, 2)} ms` : 'n/a',
    reference: '',
    ratio: '',
    goal: '≤ 40 ms',
    met: v?.history ? v.history.oursMs <= 40 : undefined,
  });
  out.push({
    what: 'JavaScript loaded at activation',
    ours: `${kb(r.activationCode.atActivation.bytes)} (${r.activationCode.atActivation.files.join(', ')})`,
    reference: '',
    ratio: '',
    goal: 'none (the time goals above replace the 100 KB goal)',
    met: undefined,
  });
  out.push({
    what: 'package size (.vsix)',
    ours: kb(r.packageSize.bytes),
    reference: '',
    ratio: '',
    // The budget issue 15 set for the product with its library (gallery, presets, variations); the
    // 400 KB of the first release's goal did not count those. test/e2e/vsix-contents checks it too.
    goal: '≤ 500 KB',
    met: r.packageSize.bytes <= 500 * 1024,
  });
  out.push({
    what: 'composer open (palette → #prompt focusable)',
    ours: v ? `${f(v.composer.oursMs, 0)} ms` : 'n/a',
    reference: v ? `${f(v.composer.minimalMs, 0)} ms (minimal panel)` : 'n/a',
    ratio: v ? `${f(v.composer.ratio, 2)}×` : 'n/a',
    goal: '≤ 1.3×',
    met: v ? v.composer.ratio <= 1.3 : undefined,
  });
  const m = v?.modelSwitch;
  out.push({
    what: 'composer: switch the model (re-render, in the webview)',
    ours: m ? `${f(m.medianMs, 2)} ms median, ${f(m.p90Ms, 2)} ms p90` : 'n/a',
    reference: '',
    ratio: '',
    goal: '≤ 16 ms (one frame) at p90',
    met: m ? m.p90Ms <= 16 : undefined,
  });
  const h = r.largeHistory;
  out.push({
    what: `large history: build ${h.tasks} tree items`,
    ours: `${f(h.treeItemsMs)} ms${Number.isFinite(h.treeItemsCpuMs) ? ` (the main thread's CPU time: ${f(h.treeItemsCpuMs)} ms)` : ''}`,
    reference: '',
    ratio: '',
    goal: '≤ 20 ms',
    met: h.treeItemsMs <= 20,
  });
  out.push({
    what: 'large history: one store write (a running task, as polling writes)',
    ours: `${f(h.runningWriteMs)} ms`,
    reference: '',
    ratio: '',
    goal: '≤ 10 ms',
    met: h.runningWriteMs <= 10,
  });
  out.push({
    what: 'large history: one store write (a finished task)',
    ours: `${f(h.storeWriteMs)} ms (of which VS Code's memento ${f(h.mementoMs)} ms; the rest is the store's pass over the tasks, the listeners and the archive log's append)`,
    reference: '',
    ratio: '',
    goal: '≤ 10 ms',
    met: h.storeWriteMs <= 10,
  });
  out.push({ what: 'large history: extension host heap growth', ours: `${f(h.heapGrowthMB)} MB`, reference: '', ratio: '', goal: '≤ 10 MB', met: h.heapGrowthMB <= 10 });
  const p = r.polling;
  out.push({
    what: `polling: requests for ${p.tasks} tasks`,
    ours: String(p.adaptive.requests),
    reference: `${p.fixed.requests} (fixed ${p.baseSeconds} s)`,
    ratio: `${f(p.ratio, 2)}×`,
    goal: '≤ 0.5×',
    met: p.ratio <= 0.5,
  });
  out.push({
    what: 'polling: median completion → seen',
    ours: `${f(p.adaptive.medianSeenSeconds)} s`,
    reference: `${f(p.fixed.medianSeenSeconds)} s`,
    ratio: '',
    goal: '≤ 20 s',
    met: p.adaptive.medianSeenSeconds <= 20,
  });
  const d = r.download;
  out.push({
    what: `download ${f(d.bytes / 2 ** 20, 0)} MB: throughput`,
    ours: `${f(d.oursMBps)} MB/s`,
    reference: `${f(d.curlMBps)} MB/s (${d.curlVersion})`,
    ratio: `${f(d.ratio, 2)}×`,
    goal: '≥ 0.8×',
    met: d.ratio >= 0.8,
  });
  const heap = Math.max(d.peakHeapGrowthMB, d.large.peakHeapGrowthMB);
  out.push({ what: 'download: peak heap growth (500 MB and 2 GB)', ours: `${f(d.peakHeapGrowthMB)} MB; ${f(d.large.peakHeapGrowthMB)} MB`, reference: '', ratio: '', goal: '< 8 MB', met: heap < 8 });
  out.push({
    what: 'download: RSS growth, 2 GB against 500 MB',
    ours: `${f(d.large.rssGrowthMB)} MB`,
    reference: `${f(d.rssGrowthMB)} MB`,
    ratio: `${f(d.large.rssGrowthMB / d.rssGrowthMB, 2)}×`,
    goal: `≤ ${1 + RSS_TOLERANCE}× + ${RSS_ALLOWANCE_MB} MB`,
    met: rssDoesNotGrow(d.large.rssGrowthMB, d.rssGrowthMB),
  });
  if (r.library) out.push(...libraryRows(r.library));
  return out;
}

export function table(rs: Row[]): string {
  const lines = ['| what | ours | reference | ratio | goal | |', '|---|---|---|---|---|---|'];
  for (const r of rs) lines.push(`| ${r.what} | ${r.ours} | ${r.reference} | ${r.ratio} | ${r.goal} | ${r.goal.startsWith('none') ? '' : mark(r.met)} |`);
  return lines.join('\n');
}

/** The short table README.md shows under "Performance" (between the bench markers). */
export function readmeTable(r: BenchResults): string {
  const lines = [
    `Measured by \`npm run bench\` on ${r.machine.date.slice(0, 10)} (${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}); details and method in [BENCHMARKS.md](BENCHMARKS.md).`,
    '',
    '| what | measured | goal | |',
    '|---|---|---|---|',
  ];
  for (const x of rows(r)) lines.push(`| ${x.what} | ${x.ours}${x.ratio ? ` (${x.ratio})` : ''} | ${x.goal} | ${mark(x.met)} |`);
  return lines.join('\n');
}

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

export function withReadmeTable(readme: string, r: BenchResults): string {
  const a = readme.indexOf(README_START);
  const b = readme.indexOf(README_END);
  if (a < 0 || b < a) return readme;
  return `${readme.slice(0, a + README_START.length)}\n${readmeTable(r)}\n${readme.slice(b)}`;
}

export function markdown(r: BenchResults): string {
  const m = r.machine;
  const v = r.vscode && 'activation' in r.vscode ? r.vscode : undefined;
  const samples = (xs: number[], d = 2) => xs.map((x) => f(x, d)).join(', ');
  return `# Benchmarks

Written by \`npm run bench\` (tools/bench/run.ts); do not edit by hand. Every figure is the median
of several runs on this machine, measured side by side with its reference in the same run.

- machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}
- Node ${m.node}${v ? `; code-server ${v.vscode}` : ''}
- date: ${m.date}

${table(rows(r))}

${notes(r)}
## How each figure is measured

- **activation** (tools/bench/vscode.ts): code-server with this extension (the shipped
  \`dist/\`) and a no-op reference extension built by the bench into a temp dir (its \`activate()\`
  registers one command and returns), both packaged with vsce and installed side by side, both
  activated by \`onStartupFinished\`. Both get the same wrapper as \`main\`, which times what VS Code's
  "Show Running Extensions" reports (loading the main module + the \`activate()\` call) with
  \`performance.now()\`. ${v ? `${v.runs} window reloads; samples, ours: ${samples(v.activation.oursSamples)} ms; reference: ${samples(v.activation.referenceSamples)} ms.` : `Not measured: ${r.vscode && 'error' in r.vscode ? r.vscode.error : 'skipped'}.`} Then the bench writes ${v?.history?.tasks ?? 2000} finished tasks through the real repository into the
  archive log in the window's global storage (as a long-time user has them) and reloads the window
  ${v?.runs ?? 'n'} more times${v?.history ? `; samples: ${samples(v.history.samples)} ms` : ''}.
- **JavaScript loaded at activation** (tools/bench/activationCode.ts): a fresh Node process requires
  \`dist/extension.js\` under a fake \`vscode\` module, calls \`activate()\`, lets its timers run and sums
  every file under \`dist/\` in \`require.cache\`. A command that needs no network (Show Log) still runs
  with ${r.activationCode.afterFirstCommand.files.join(', ')} (${kb(r.activationCode.afterFirstCommand.bytes)}); \`core.js\`
  (engine, http, zod, undici and the composer; ${kb(r.activationCode.lazyBundles['core.js'] ?? NaN)}) loads with the first
  create, composer or engine start (src/vscode/loadCore.ts), and undici's own code runs at the first request.
- **package size** (tools/bench/packageSize.ts): \`npm run package\`, size of ${r.packageSize.file}.
- **composer open** (tools/bench/vscode.ts): after a window reload (cold: the core is not loaded and
  no webview has been opened), the palette command is run with Enter and the time until the panel's
  \`#prompt\` can take the focus is read from the webview frame's clock. Reference: the no-op
  extension's "${'Sora Bench: Open Minimal Panel'}" command, a webview panel whose HTML is a static
  \`<textarea id="prompt">\`, timed the same way. Reloads alternate between the two. ${v ? `Samples, ours: ${samples(v.composer.oursSamples, 0)} ms; minimal: ${samples(v.composer.minimalSamples, 0)} ms.` : ''}
- **model switch** (tools/bench/modelSwitch.ts): in the open composer, the picker is set to the first
  model of the next family (${SWITCH_MODELS.length} families in turn, so every switch replaces the fields block) and
  the \`change\` a user's pick fires is dispatched; the time until the controller's work and every
  element's update (\`updateComplete\`) are done, plus forced style and layout, is read from the
  webview's own clock (the work a frame needs before it is painted; the paint itself is not timed). The first round is warm-up; goal on the 90th percentile, because one frame should hold for
  nearly every switch. ${v?.modelSwitch ? `Samples: ${samples(v.modelSwitch.samples, 1)} ms (max ${f(v.modelSwitch.maxMs, 1)} ms).` : ''}
- **large history** (tools/bench/largeHistory.ts): ${h(r)} 
- **polling traffic** (tools/bench/polling.ts): ${r.polling.tasks} tasks created 20 s apart, each completing
  uniformly 2–8 min after creation (PRNG with a fixed seed), polled by the real \`Poller\` and
  \`nextPollDelay\` on a virtual clock against polling every ${r.polling.baseSeconds} s (\`sora.pollIntervalSeconds\`).
  "Seen" is when the poller learns the completion (the tree refreshes in the same tick). Worst case:
  ${f(r.polling.adaptive.maxSeenSeconds)} s (fixed: ${f(r.polling.fixed.maxSeenSeconds)} s).
- **download** (tools/bench/download.ts): \`/cdn/${r.download.bytes}.mp4\` from the local simulator, saved
  by the real \`downloadFile\` (same dispatcher as the engine) in its own Node process and by \`curl -o\`,
  alternating, ${r.download.rounds} rounds, both writing to the same temp folder. Memory: the peak RSS and
  heap of the downloading process (sampled every 10 ms and the kernel's high-water mark) over its
  idle baseline after a warm-up download. "Memory does not grow with file size" is one-sided: the
  2 GB download's RSS growth at most ${1 + RSS_TOLERANCE}× the 500 MB one's plus ${RSS_ALLOWANCE_MB} MB (its peak sits just above the
  32 MB at which V8 collects the socket buffers, and moves by several MB between runs of one size).
  The two-sided "within 10 %" it replaces called a 2 GB download that used less (30.4 MB against
  44.0 MB) a failure.
${r.library ? `${libraryMethod(r.library)}\n` : ''}`;
}

/** Why a goal is not met, for the rows that miss theirs. */
const WHY: Record<string, string> = {
  'activation (code-server':
    "Samples on this 2-core machine are bimodal: loading the activation bundle (its size is in the row below; compiling it is most of the load) takes 7–12 ms when the machine is quiet and 30–60 ms when other processes take the cores or the machine is slow (the no-op reference, 1 KB, hardly shows it), and activate() (about 3 ms in Node: some 40 command registrations, the tree view, the status bar) 7–25 ms through the extension host's proxies. In plain Node (tools/bench/activationCode.ts's setting) load + activate() is 13–16 ms with an empty history and with 2,000 tasks alike: the store reads only the short key at activation. The median is what the table shows; see the samples below.",
  'large history: build':
    "The median of the passes after the first (each over a fresh store): the label, description and accessibility text of every item (the prompt flattened once for both, tooltips deferred to hover, English and Chinese dates made without Intl). The build's own CPU time (the main thread's, from /proc) was 7–10 ms on the quiet mornings of earlier runs and 20–24 ms on 2026-12-04's evening, on the same code: back to back that evening, the code of the morning run that met this goal (bb236e7) took 21.2 and 17.5 ms, this code 22.0 and 20.6 ms. The build is bound by allocation and collection (about 2 KB per item; the items alone take 5–7 ms warm in a process of their own); the rest of the wall-clock time is 2 cores shared with V8's background compiler and collector and with other processes. The regression to 29.5 ms came from reading each stored Sora task first as another model's settings, an exception per task whose garbage was collected during the build (fixed in src/persistence/taskReader.ts).",
  'large history: one store write (a running':
    "Unfinished tasks and removals are all that global state holds (finished ones are in the archive log), so this is VS Code's memento copying and serialising that short value and the listeners' work; on this shared machine a slow sample is scheduling, not size.",
  'large history: one store write':
    'A finished task is one line appended to the archive log (a file in global storage, synchronously) plus the short key without it; what grows with the history is one pass over the tasks to split finished from unfinished ones and the listeners (status bar, poller, downloads) each looking at the list.',
  'download 500 MB: throughput':
    "Node against native curl on 2 shared cores, where the simulator (also Node) takes one. undici stream() hands each 64 KB chunk to the file sink, which writes 256 KB batches (still in the core's cache) with one writev from the extension host's thread as curl does (src/http/fileSink.ts; the thread-pool WriteStream it replaced reached 0.47–0.55×, 1 MB batches about 0.6×). curl needs 0.02 s of user CPU for 500 MB; we need a few tenths more (undici's WebAssembly parser, per-chunk JS, GC), so whenever kernel writeback competes for the second core our rounds slow down far more than curl's: rounds range 0.4–1.0 s against curl's steady 0.5 s, and single 7-round medians of the same code range from about 0.85× to 1.0×. Where the extra CPU goes (a CPU profile of one 500 MB download on the loaded machine: 2.4 s busy): undici's HTTP/1 parser 1.0 s (`execute` copies every 64 KB chunk into its WebAssembly memory, then parses it), the sink's writev 0.22 s (the kernel's copy to the page cache, which curl pays too), the sink's and the download checks' own JavaScript under 0.1 s. So nothing left in src/http is worth a round trip per chunk less; closing the gap would take a client with a native parser (node:http) for the video alone, which then needs its own proxy support.",
  'download: RSS growth':
    "Heap stays flat (about 1 MB); the RSS peak is socket read buffers (64 KB each, allocated by Node per read) already written to disk and not yet collected. V8 collects the young generation when its external backing stores pass twice the maximum semi-space, 32 MB in Node 20, so any Node process receiving through fresh buffers peaks just above 32 MB. It does not grow with the file: 2 GB gave the same 33–45 MB as 500 MB. The slower thread-pool writes this replaced allocated more small objects per chunk, so collections came earlier by accident and the peak was sometimes lower (10.8 MB once, 34 MB on this machine).",
};

function notes(r: BenchResults): string {
  const missed = rows(r).filter((x) => x.met === false);
  if (missed.length === 0) return '';
  const lines = ['## Goals not met', ''];
  for (const x of missed) {
    const key = Object.keys(WHY).find((k) => x.what.startsWith(k));
    const lib = Object.keys(LIBRARY_WHY).find((k) => x.what.includes(`: ${k}`));
    lines.push(`- **${x.what}** (${x.ours}, goal ${x.goal}): ${key ? WHY[key] : lib ? LIBRARY_WHY[lib] : 'see the method below.'}`);
  }
  return `${lines.join('\n')}\n`;
}

function h(r: BenchResults): string {
  const x = r.largeHistory;
  return `${x.tasks} stored tasks (${f(x.storedBytes / 2 ** 20, 2)} MB as JSON), in a Node process with
  \`--expose-gc\`, the real \`TaskStore\`, \`TaskTreeProvider\`/\`TaskItem\`, status bar, \`Poller\` and
  \`DownloadManager\` under the fake \`vscode\` module, a memento fake doing what VS Code 1.100's
  \`ExtHostMemento.update\` does (a JSON clone of the value at once, then the extension's state
  serialised for the main process), and the real archive log file in a temp folder (finished tasks;
  the first, unmeasured pass moves them there from a version 1 value, as an upgrade does). Tree items: \`getChildren()\` + \`getTreeItem()\` for every task
  (tooltips are resolved on hover: ${f(x.tooltipMs, 2)} ms for one); the goal is on the wall-clock time,
  and the main thread's CPU time (Linux's schedstat) beside it does not count time spent waiting for a
  core that other processes hold. Store write: one \`update()\` of one
  task until it resolves, with the listeners above. Heap: after gc, with the store, the items and
  the listeners alive, minus before (the raw stored value is already in the extension host's
  memory either way). Opening the store and reading every task (the archive log is read when the list is
  first needed, not at activation; each task checked by src/persistence/taskReader.ts): ${f(x.openMs)} ms. ${x.runs} runs.`;
}
