// `npm run simulator -- --help` (tools/simulator/cli.ts) explains itself and exits, without
// starting a server; a wrong option says where the help is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

function cli(...args: string[]) {
  // A server that started by mistake would never exit: the timeout ends it and the test fails.
  return spawnSync(process.execPath, ['--import', 'tsx', path.join('tools', 'simulator', 'cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
}

test('--help prints the options, the environment and what is simulated, and exits 0', () => {
  for (const flag of ['--help', '-h']) {
    const run = cli(flag);
    assert.equal(run.status, 0, `${flag}: exit ${run.status} ${run.signal ?? ''} ${run.stderr}`);
    const out = run.stdout;
    for (const part of ['Usage: npm run simulator', '--port', '--key', '--queued-ms', '--processing-ms', '--help', 'Environment:', 'SORA_SIM_PORT', 'SORA_SIM_KEY', '--custom-models', 'SORA_SIM_CUSTOM_MODELS', 'What it simulates:', '/v1/sora/videos', '/v1/acme/videos', '/v1/result/', '[fail]', 'sora.baseUrl']) {
      assert.ok(out.includes(part), `${flag}: the usage mentions ${part}`);
    }
    assert.doesNotMatch(out, /Sora simulator on http/, 'no server was started');
  }
});

test('an unknown option fails with a pointer to --help', () => {
  const run = cli('--bogus');
  assert.equal(run.status, 1);
  assert.match(run.stderr, /--bogus/);
  assert.match(run.stderr, /--help/);
});
