// One create request, three ways out: what SoraClient sends, what the composer's preview shows and
// what "Copy as cURL" runs must be the same request — method, URL, every header and the body text —
// with the key as the only difference (the preview and the command name $SORA_API_KEY instead).
// Headers included: the preview once lacked the Accept header the client sent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { Agent, MockAgent, type Dispatcher } from 'undici';
import { startSimulator, type RecordedRequest, type Simulator } from '../fixtures/simulator/server';
import { SoraClient } from '../../src/http/client';
import { resolveEndpoints, type Endpoints } from '../../src/domain/endpoints';
import { checkDraft, type DraftInput, type VideoSettings } from '../../src/domain/request';
import { curlCommand, previewRequest } from '../../src/domain/requestPreview';
import { MemoryLog } from '../../src/util/log';
import { requestsOf } from '../helpers/sim';

/** Quotes, `$`, backticks and a newline: anything the shell or JSON could alter shows up as a diff. */
const DRAFT: DraftInput = {
  prompt: `A "quoted" fox's $HOME \`walk\` \\ in ☃\nsecond line`,
  model: 'openAiSora2Pro',
  aspectRatio: '9:16',
  seconds: 4,
  referenceImage: 'https://img.example/frame-720x1280.png?a=1,b=2',
};
const PATHS = { createPath: '/v1/sora/videos', queryPath: '/v1/result/{id}' };

interface Seen {
  method: string;
  url: string;
  /** Names lower-case (HTTP ignores their case), in the order they were given. */
  headers: Array<[string, string]>;
  body: string;
}

const lower = (headers: Iterable<[string, string]>): Array<[string, string]> => [...headers].map(([k, v]) => [k.toLowerCase(), v]);

function settingsOf(draft: DraftInput): VideoSettings {
  const check = checkDraft(draft);
  assert.ok(check.ok);
  return check.settings;
}

/** The preview with the key the command would read from the environment filled in. */
function previewAsSent(createUrl: string, key: string): Seen {
  const p = previewRequest(DRAFT, createUrl);
  assert.ok(p.ok);
  const headers = lower(p.headers).map(([k, v]): [string, string] => [k, k === 'authorization' ? v.replace('$SORA_API_KEY', key) : v]);
  return { method: p.method, url: p.url, headers, body: p.body };
}

function copiedCurl(createUrl: string): string {
  const p = previewRequest(DRAFT, createUrl);
  assert.ok(p.ok);
  return curlCommand(p);
}

/** What `curl` would be asked to send: a real shell runs the command with curl replaced by an argv printer. */
function curlAsRun(command: string, key: string): Seen {
  const script = `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${command}\n`;
  const out = execFileSync('sh', ['-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SORA_API_KEY: key } });
  const args = out.toString('utf8').split('\0').slice(0, -1);
  const seen: Seen = { method: 'GET', url: '', headers: [], body: '' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-X') seen.method = args[++i];
    else if (a === '-H') {
      const h = args[++i];
      const colon = h.indexOf(':');
      seen.headers.push([h.slice(0, colon).toLowerCase(), h.slice(colon + 1).trimStart()]);
    } else if (a === '--data-raw') seen.body = args[++i];
    else if (!a.startsWith('-') && !seen.url) seen.url = a;
    else assert.fail(`unexpected curl argument ${JSON.stringify(a)}`);
  }
  return seen;
}

function client(endpoints: Endpoints, key: string, dispatcher: Dispatcher): SoraClient {
  return new SoraClient({ endpoints, apiKey: key, timeoutMs: 5_000, dispatcher, log: new MemoryLog() });
}

test('the client sends exactly the previewed request, which is exactly what the cURL command asks for', async () => {
  const key = 'sk-test-0123456789abcdef';
  const endpoints = resolveEndpoints({ baseUrl: 'https://api.example.test/kyyReactApiServer', ...PATHS });
  const mock = new MockAgent();
  mock.disableNetConnect();
  let sent: Seen | undefined;
  mock
    .get('https://api.example.test')
    .intercept({ path: /.*/, method: 'POST' })
    .reply(200, (o) => {
      // The options the client handed to undici, before undici adds transport headers of its own.
      const headers = o.headers as Record<string, string>;
      assert.equal(typeof headers, 'object');
      assert.ok(!Array.isArray(headers));
      sent = { method: o.method, url: `${o.origin}${o.path}`, headers: lower(Object.entries(headers)), body: typeof o.body === 'string' ? o.body : String(o.body as Buffer) };
      return { id: 'sora_0123456789ab', status: 'queued' };
    });
  try {
    await client(endpoints, key, mock).create(settingsOf(DRAFT));
  } finally {
    await mock.close();
  }

  const preview = previewAsSent(endpoints.createUrl, key);
  const command = copiedCurl(endpoints.createUrl);
  assert.deepEqual(sent, preview, 'client = preview');
  assert.deepEqual(curlAsRun(command, key), preview, 'cURL = preview');
  // And the headers are the full set, not an agreement on too few.
  assert.deepEqual(
    preview.headers.map(([k]) => k),
    ['authorization', 'content-type', 'accept'],
  );

  // The key stays out of everything the user sees or copies.
  const shown = previewRequest(DRAFT, endpoints.createUrl);
  assert.ok(!JSON.stringify(shown).includes(key));
  assert.ok(!command.includes(key));
  assert.match(command, /-H "Authorization: Bearer \$SORA_API_KEY"/);
});

// Over the wire: the client and the real curl binary leave the same request at the service.
let sim: Simulator;
let agent: Agent;
before(async () => {
  sim = await startSimulator({});
  agent = new Agent();
});
after(async () => {
  await agent.close();
  await sim.close();
});

/** Headers each tool adds on its own (curl: user-agent; both: host, length; undici: connection). */
const TRANSPORT = new Set(['host', 'connection', 'content-length', 'user-agent']);

function onTheWire(r: RecordedRequest): Seen {
  const headers = Object.entries(r.headers)
    .filter(([k]) => !TRANSPORT.has(k))
    .sort(([a], [b]) => a.localeCompare(b));
  return { method: r.method, url: `${sim.origin}${r.path}`, headers, body: r.body };
}

const sorted = (s: Seen): Seen => ({ ...s, headers: [...s.headers].sort(([a], [b]) => a.localeCompare(b)) });

test('at the service, the client and the copied cURL command are the same request', { skip: !existsSync('/usr/bin/curl') && 'no curl' }, async () => {
  const endpoints = resolveEndpoints({ baseUrl: sim.url, ...PATHS });
  const before = requestsOf(sim, 'create').length;

  await client(endpoints, sim.apiKey, agent).create(settingsOf(DRAFT));
  // Asynchronously: the simulator answers from this same process.
  await promisify(execFile)('sh', ['-c', `${copiedCurl(endpoints.createUrl)} --silent --show-error --max-time 20`], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SORA_API_KEY: sim.apiKey, HOME: '/nonexistent' },
  });

  const [viaClient, viaCurl] = requestsOf(sim, 'create').slice(before);
  assert.ok(viaClient && viaCurl, 'both requests arrived');
  const expected = sorted(previewAsSent(endpoints.createUrl, sim.apiKey));
  assert.deepEqual(onTheWire(viaClient), expected, 'client = preview');
  assert.deepEqual(onTheWire(viaCurl), expected, 'cURL = preview');
  assert.equal(sim.taskIds().length, 2, 'both created a task');
});
