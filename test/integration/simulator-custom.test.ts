// The simulator's families of the user's own (families/custom.ts): entries in the shape of
// sora.customModels, each with its own create path, served strictly, in the reply shape they name;
// the demo acme_v1 by default; the CLI's --custom-models file adds families beside it.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';

const ROOT = join(__dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'sim-custom-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const ZETA = {
  id: 'zeta_2',
  family: 'zeta',
  createPath: '/v2/zeta/tasks',
  reply: 'B',
  fields: {
    seconds: { type: 'number', min: 1.5, max: 9, values: [-1] },
    refs: { type: 'imageUrls', maxItems: 2, assets: true },
    frame: { type: 'imageUrl' },
    end: { type: 'imageUrl' },
    hd: { type: 'boolean' },
  },
  exclusive: [['refs'], ['frame', 'end']],
  needs: { end: 'frame' },
  anyOf: ['refs', 'frame'],
};

async function post(sim: Simulator, path: string, body: unknown) {
  const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('custom families', () => {
  test('the demo acme_v1 is served by default, and a list given replaces it', async () => {
    const plain = await startSimulator();
    const own = await startSimulator({ customModels: [ZETA] });
    try {
      assert.equal((await post(plain, '/v1/acme/videos', { model: 'acme_v1', prompt: 'x', mood: 'wild', length: 10 })).status, 200);
      assert.equal((await post(own, '/v1/acme/videos', { model: 'acme_v1', prompt: 'x' })).status, 404);
    } finally {
      await plain.close();
      await own.close();
    }
  });

  test('its own rules: ranges or listed values, counts, asset ids, exclusive groups, needs, anyOf; refused in shape B', async () => {
    const sim = await startSimulator({ customModels: [ZETA], queuedMs: 0, processingMs: 0 });
    try {
      const ok = { model: 'zeta_2', prompt: 'x', seconds: 2.5, refs: ['https://a/1.png', 'asset://asset-1'], hd: true };
      const created = await post(sim, '/v2/zeta/tasks', ok);
      assert.deepEqual(created.json, { code: '0', msg: null, data: { projectId: sim.taskIds().at(-1) }, x_trace: 'abc' });
      const done = await fetch(`${sim.url}/v1/result/${sim.taskIds().at(-1)}`, { headers: { authorization: `Bearer ${sim.apiKey}` } });
      const task = (await done.json()) as Record<string, unknown>;
      assert.equal(task.status, 'completed');
      assert.equal(task.model, 'zeta_2');
      assert.equal(task.actualDuration, 2.5);
      assert.equal((await post(sim, '/v2/zeta/tasks', { ...ok, seconds: -1 })).json.code, '0', 'a listed value outside the range');

      for (const [change, says] of [
        [{ seconds: 10 }, /Invalid 'seconds': out of range/],
        [{ seconds: '2' }, /Invalid 'seconds': expected a number/],
        [{ refs: ['https://a/1.png', 'https://a/2.png', 'https://a/3.png'] }, /at most 2 items/],
        [{ refs: ['ftp://a/1.png'] }, /Invalid 'refs'/],
        [{ frame: 'https://a/f.png' }, /'refs' cannot be combined with 'frame'/],
        [{ refs: undefined, end: 'https://a/e.png' }, /'end' needs 'frame'/],
        [{ refs: undefined }, /At least one of refs, frame/],
        [{ hd: 1 }, /Invalid 'hd'/],
        [{ mood: 'calm' }, /Unknown parameter: 'mood'/],
        [{ prompt: ' ' }, /Invalid 'prompt'/],
      ] as const) {
        const body: Record<string, unknown> = { ...ok, ...change };
        for (const [k, v] of Object.entries(change)) if (v === undefined) delete body[k];
        const before = sim.taskIds().length;
        const r = await post(sim, '/v2/zeta/tasks', body);
        assert.equal(r.status, 200, JSON.stringify(change));
        assert.equal(r.json.code, '1', JSON.stringify(change));
        assert.match(r.json.msg as string, says);
        assert.equal(sim.taskIds().length, before);
      }
    } finally {
      await sim.close();
    }
  });

  test('an entry it cannot serve stops the start with the reason', async () => {
    await assert.rejects(startSimulator({ customModels: [{ id: 'x', family: 'veo' }] }), /custom model 1: createPath/);
    await assert.rejects(startSimulator({ customModels: [{ ...ZETA, createPath: '/v1/veo/videos' }] }), /built-in family's path/);
    await assert.rejects(startSimulator({ customModels: [{ ...ZETA, fields: { mood: { type: 'string', colour: 'red' } } }] }), /fields.mood/);
    await assert.rejects(startSimulator({ customModels: [{ ...ZETA, fields: { n: { type: 'integer', min: '1' } } }] }), /fields.n/);
    await assert.rejects(startSimulator({ customModels: [{ ...ZETA, reply: 'C' }] }), /reply must be/);
    await assert.rejects(startSimulator({ customModels: [{ ...ZETA, needs: { end: 'nothing' } }] }), /names no fields/);
  });

  test('the CLI serves the families of a --custom-models file beside the demo', async () => {
    const file = join(tmp, 'models.json');
    writeFileSync(file, JSON.stringify([ZETA]));
    const child = spawn(process.execPath, ['--import', 'tsx', join('tools', 'simulator', 'cli.ts'), '--port', '0', '--custom-models', file], { cwd: ROOT });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /on (http:\/\/\S+) /.exec(out);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`the CLI exited (${code}): ${out}`)));
      });
      const sim = { url, apiKey: 'sim-key' } as Simulator;
      assert.equal((await post(sim, '/v2/zeta/tasks', { model: 'zeta_2', prompt: 'x', frame: 'https://a/f.png' })).json.code, '0');
      assert.equal((await post(sim, '/v1/acme/videos', { model: 'acme_v1', prompt: 'x', length: 10 })).status, 200);
      assert.equal((await post(sim, '/v1/acme/videos', { model: 'acme_v1', prompt: 'x', length: 7 })).status, 400);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
