// Starts test/helpers/sizeLimited.ts under a file size limit (bash's ulimit -f, in KiB) and
// returns the JSON line it printed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export function runSizeLimited(limitKiB: number, args: string[]): Promise<Record<string, unknown>> {
  const child = join(__dirname, 'sizeLimited.ts');
  const quoted = [process.execPath, '--import', 'tsx', child, ...args].map((s) => `'${s.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    // bash's `ulimit -f` counts 1024-byte blocks.
    const p = spawn('bash', ['-c', `ulimit -f ${limitKiB} && exec ${quoted}`], { cwd: join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as Record<string, unknown>);
      } catch {
        reject(new Error(`size-limited child exited ${code}: ${out} ${err}`));
      }
    });
  });
}
