// Shared helpers of the benchmark modules: statistics, child processes, the machine description.
import { spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function ms(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

/** A deterministic PRNG (mulberry32), so simulated runs are repeatable: the fuzz tests' own. */
export { prng as rng } from '../../test/fixtures/prng';

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  os: string;
  date: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

/**
 * Runs a bench module in a fresh Node process (clean module cache and heap) with `--child` and
 * returns the JSON it prints on its last stdout line.
 */
export function runChild<T>(file: string, args: string[] = [], nodeFlags: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', file, '--child', ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolve(JSON.parse(line) as T);
      } catch (e) {
        reject(new Error(`${path.basename(file)} ${args.join(' ')} failed (${(e as Error).message}):\n${out.slice(-2000)}\n${err.slice(-4000)}`));
      }
    });
  });
}

export const isChild = (): boolean => process.argv.includes('--child');

export function childArgs(): string[] {
  return process.argv.slice(process.argv.indexOf('--child') + 1);
}

/** Prints the child's result as the last stdout line and exits (timers of the code under test may linger). */
export function reply(value: unknown): never {
  process.stdout.write(`\n${JSON.stringify(value)}\n`, () => process.exit(0));
  // process.exit runs in the write callback; keep TypeScript's `never`.
  return undefined as never;
}

export function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}
