// The composer's preview is the request the engine really sends: same URL, same JSON body (byte for
// byte), and the cURL command, run by a real shell and curl, creates the task the same way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { startSimulator, type Simulator } from '../fixtures/simulator/server';
import { resolveEndpoints } from '../../src/domain/endpoints';
import { curlCommand, previewRequest } from '../../src/domain/requestPreview';
import { checkDraft, type DraftInput } from '../../src/domain/request';
import { makeEngine } from '../helpers/engine';

let sim: Simulator;
before(async () => {
  sim = await startSimulator({});
});
after(() => sim.close());

const DRAFT: DraftInput = {
  prompt: `A "quoted" fox's $HOME walk\nin two lines`,
  model: 'openAiSora2Pro',
  aspectRatio: '9:16',
  seconds: 4,
  referenceImage: 'https://img.example/frame-720x1280.png',
};

test('the preview shows exactly the URL and body the engine sends', async () => {
  const h = makeEngine({ baseUrl: sim.url });
  try {
    const preview = previewRequest(DRAFT, resolveEndpoints(h.settings).createUrl);
    assert.ok(preview.ok);
    const check = checkDraft(DRAFT);
    assert.ok(check.ok);
    const outcome = await h.engine.submit(check.settings);
    assert.equal(outcome.kind, 'created');
    const sent = sim.requests.filter((r) => r.kind === 'create').at(-1)!;
    assert.equal(new URL(preview.url).pathname, sent.path);
    assert.equal(sent.body, preview.body, 'the body text is identical');
  } finally {
    h.dispose();
  }
});

test('the copied cURL command creates the task with the key from the environment', { skip: !existsSync('/usr/bin/curl') && 'no curl' }, async () => {
  const preview = previewRequest(DRAFT, resolveEndpoints({ baseUrl: sim.url, createPath: '/v1/sora/videos', queryPath: '/v1/result/{id}' }).createUrl);
  assert.ok(preview.ok);
  const before = sim.requests.filter((r) => r.kind === 'create').length;
  // Asynchronously: the simulator answers from this same process.
  const { stdout: out } = await promisify(execFile)('sh', ['-c', `${curlCommand(preview)} --silent --show-error --max-time 20`], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SORA_API_KEY: sim.apiKey, HOME: '/nonexistent' },
  });
  const reply = JSON.parse(out) as { id: string; status: string };
  assert.match(reply.id, /^sora_/);
  assert.equal(reply.status, 'queued');
  const creates = sim.requests.filter((r) => r.kind === 'create');
  assert.equal(creates.length, before + 1);
  assert.equal(creates.at(-1)!.body, preview.body);
  assert.equal(creates.at(-1)!.headers.authorization, `Bearer ${sim.apiKey}`);
});
