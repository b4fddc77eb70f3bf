// Download: 500 MB from the local simulator (/cdn/<n>.mp4) saved by the real downloadFile
// (src/http/download.ts, through the same dispatcher the engine builds) against curl on the same
// URL, alternating, several rounds; then 2 GB, ours only, to show memory does not grow with size.
// Our side runs in its own Node process that samples its RSS and heap, so the peak growth over its
// idle baseline is what a download costs the extension host.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { childArgs, isChild, log, median, ms, reply, runChild } from './util';
import type * as Simulator from '../../test/fixtures/simulator/server';
import type * as Download from '../../src/http/download';
import type * as Dispatcher from '../../src/http/dispatcher';

export const DOWNLOAD_BYTES = 500 * 1024 * 1024;
export const LARGE_DOWNLOAD_BYTES = 2048 * 1024 * 1024;

export interface DownloadResult {
  bytes: number;
  rounds: number;
  oursMBps: number;
  curlMBps: number;
  ratio: number;
  /** Medians over the rounds: single rounds swing with when V8 happens to collect. */
  rssGrowthMB: number;
  peakHeapGrowthMB: number;
  /** The same download at 2 GB (fewer rounds): memory must not grow with the file. */
  large: { bytes: number; rounds: number; rssGrowthMB: number; peakHeapGrowthMB: number };
  curlVersion: string;
}

interface ChildResult {
  seconds: number;
  bytes: number;
  rssGrowth: number;
  heapGrowth: number;
}

/** curl is installed through apt when missing (as tools/e2e-setup.sh installs its packages). */
export function ensureCurl(): string {
  let v = spawnSync('curl', ['--version'], { encoding: 'utf8' });
  if (v.status !== 0) {
    log('curl missing: apt-get install curl');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'curl'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    v = spawnSync('curl', ['--version'], { encoding: 'utf8' });
    if (v.status !== 0) throw new Error('curl could not be installed');
  }
  return v.stdout.split('\n')[0].split(' ').slice(0, 2).join(' ');
}

function curl(url: string, dest: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const c = spawn('curl', ['-sS', '--fail', '-o', dest, url], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    c.stderr.on('data', (d) => (err += d));
    c.on('close', (code) => (code === 0 ? resolve(ms(t0) / 1000) : reject(new Error(`curl exit ${code}: ${err}`))));
  });
}

export async function measureDownload(rounds = 3, bytes = DOWNLOAD_BYTES, largeRounds = 3): Promise<DownloadResult> {
  const curlVersion = ensureCurl();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when measuring, not when the module is imported
  const { startSimulator } = require('../../test/fixtures/simulator/server') as typeof Simulator;
  const sim = await startSimulator();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-bench-dl-'));
  const url = `${sim.origin}/cdn/${bytes}.mp4`;
  const ours: ChildResult[] = [];
  const curls: number[] = [];
  const large: ChildResult[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      const a = path.join(dir, `curl-${i}.bin`);
      curls.push(await curl(url, a));
      if (fs.statSync(a).size !== bytes) throw new Error('curl saved a short file');
      fs.rmSync(a);
      const b = path.join(dir, `ours-${i}.mp4`);
      const r = await runChild<ChildResult>(__filename, [url, b]);
      if (r.bytes !== bytes || fs.statSync(b).size !== bytes) throw new Error(`downloadFile saved ${r.bytes} bytes`);
      fs.rmSync(b);
      ours.push(r);
      log(`download round ${i + 1}/${rounds}: curl ${curls[i].toFixed(2)} s, downloadFile ${r.seconds.toFixed(2)} s, RSS +${(r.rssGrowth / 2 ** 20).toFixed(1)} MB`);
    }
    const bigUrl = `${sim.origin}/cdn/${LARGE_DOWNLOAD_BYTES}.mp4`;
    for (let i = 0; i < largeRounds; i++) {
      const b = path.join(dir, `large-${i}.mp4`);
      const r = await runChild<ChildResult>(__filename, [bigUrl, b]);
      if (r.bytes !== LARGE_DOWNLOAD_BYTES) throw new Error(`downloadFile saved ${r.bytes} bytes of 2 GB`);
      fs.rmSync(b);
      large.push(r);
      log(`download 2 GB round ${i + 1}/${largeRounds}: ${r.seconds.toFixed(2)} s, RSS +${(r.rssGrowth / 2 ** 20).toFixed(1)} MB, heap +${(r.heapGrowth / 2 ** 20).toFixed(1)} MB`);
    }
  } finally {
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const MB = 2 ** 20;
  const oursMBps = bytes / MB / median(ours.map((r) => r.seconds));
  const curlMBps = bytes / MB / median(curls);
  return {
    bytes,
    rounds,
    oursMBps,
    curlMBps,
    ratio: oursMBps / curlMBps,
    rssGrowthMB: median(ours.map((r) => r.rssGrowth)) / MB,
    peakHeapGrowthMB: Math.max(...ours.map((r) => r.heapGrowth)) / MB,
    large: {
      bytes: LARGE_DOWNLOAD_BYTES,
      rounds: largeRounds,
      rssGrowthMB: median(large.map((r) => r.rssGrowth)) / MB,
      peakHeapGrowthMB: Math.max(...large.map((r) => r.heapGrowth)) / MB,
    },
    curlVersion,
  };
}

async function child(url: string, dest: string): Promise<ChildResult> {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded in the child process only, so its memory is measured alone */
  const { downloadFile } = require('../../src/http/download') as typeof Download;
  const { createDispatcher } = require('../../src/http/dispatcher') as typeof Dispatcher;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const { dispatcher } = createDispatcher({ proxy: '', strictSSL: true, noProxy: [], env: {} });
  // Warm up the code paths with a small file, then take the idle baseline.
  const warm = `${dest}.warm`;
  await downloadFile({ url: url.replace(/\/\d+\.mp4$/, '/1048576.mp4'), dest: warm, dispatcher, idleTimeoutMs: 60_000 });
  fs.rmSync(warm);
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 100));
  const base = process.memoryUsage();
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    // The kernel's high-water mark also counts, when the download raised it (samples can miss a spike).
    const maxRssAfter = process.resourceUsage().maxRSS * 1024;
    peakRss = Math.max(peakRss, m.rss, maxRssAfter > maxRssBefore ? maxRssAfter : 0);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 10);
  const t0 = process.hrtime.bigint();
  const { bytes } = await downloadFile({ url, dest, dispatcher, idleTimeoutMs: 60_000 });
  const seconds = ms(t0) / 1000;
  clearInterval(sample);
  const m = process.memoryUsage();
  // The kernel's high-water mark also counts, when the download raised it (samples can miss a spike).
  const maxRssAfter = process.resourceUsage().maxRSS * 1024;
  peakRss = Math.max(peakRss, m.rss, maxRssAfter > maxRssBefore ? maxRssAfter : 0);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  await dispatcher.close();
  return { seconds, bytes, rssGrowth: peakRss - base.rss, heapGrowth: peakHeap - base.heapUsed };
}

if (isChild() && path.resolve(process.argv[1]) === __filename) {
  const [url, dest] = childArgs();
  void child(url, dest).then(reply);
} else if (require.main === module) {
  void measureDownload(Number(process.argv[2] ?? 3)).then((r) => console.log(JSON.stringify(r, null, 2)));
}
