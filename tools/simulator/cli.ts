// npm run simulator -- [--port 8787] [--key sim-key] [--queued-ms 5000] [--processing-ms 20000]; --help says more.
import { parseArgs } from 'node:util';
import { startSimulator } from '../../test/fixtures/simulator/server';
import { customModelsFromFile } from '../../test/fixtures/simulator/families/custom';

const USAGE = `Sora API simulator: a local stand-in for the video service (docs/protocol.md), for trying
the extension without a paid key. Nothing leaves this machine.

Usage: npm run simulator -- [options]

Options:
  --port <n>            port on 127.0.0.1 (default: $SORA_SIM_PORT or 8787; 0 picks a free one)
  --key <text>          the API key it accepts as "Authorization: Bearer <key>" (default: $SORA_SIM_KEY or sim-key)
  --queued-ms <n>       how long a new task stays queued (default 5000)
  --processing-ms <n>   how long it is then processing before it completes (default 20000)
  --custom-models <file> a JSON list of sora.customModels entries, each with its own createPath:
                        families served strictly besides the demo acme_v1 (default: $SORA_SIM_CUSTOM_MODELS)
  -h, --help            print this and exit

Environment:
  SORA_SIM_PORT         the port when --port is not given (npm start uses it too)
  SORA_SIM_KEY          the key when --key is not given
  SORA_SIM_CUSTOM_MODELS the file when --custom-models is not given (npm start uses it too)

What it simulates:
  POST <base>/v1/sora/videos      creates a task (strict body rules, 400 with the reason otherwise)
  POST <base>/v1/veo/videos, /v1/seedance/videos, /v1/kyyvideo2/videos, /v1/vidu/videos,
       /v1/grok/videos, /v1/videos/videos, /v1/seedance-x1/videos
                                  the other built-in model families, each with its documented rules
  POST <base>/v1/acme/videos      the demo custom family: model acme_v1, mood calm|wild, length 5|10
  GET  <base>/v1/result/<id>      queued, then processing, then completed with a video URL
  GET  /files/<id>.mp4            a short sample MP4 (no key needed, Range supported)
  GET  /images/<w>x<h>.png        a PNG of that size, for reference-image checks
  A wrong or missing key gets 401, an unknown task id 404.
  Words in the prompt change the outcome: [fail] fails the task, [nourl] completes without a
  video URL, [reject] refuses it at once, [slow] takes ten times longer, [hold:queued] and
  [hold:processing] stay in that state, [id:<text>] sets the id.

In VS Code set sora.baseUrl to the URL it prints and run "Sora: Set API Key" with the key.
Ctrl+C stops it. More: test/fixtures/simulator/README.md`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.SORA_SIM_PORT || '8787' },
      key: { type: 'string', default: process.env.SORA_SIM_KEY || 'sim-key' },
      'queued-ms': { type: 'string', default: '5000' },
      'processing-ms': { type: 'string', default: '20000' },
      'custom-models': { type: 'string', default: process.env.SORA_SIM_CUSTOM_MODELS || '' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const sim = await startSimulator({
    port: num(values.port, 'port'),
    apiKey: values.key,
    queuedMs: num(values['queued-ms'], 'queued-ms'),
    processingMs: num(values['processing-ms'], 'processing-ms'),
    ...(values['custom-models'] ? { customModels: customModelsFromFile(values['custom-models']) } : {}),
  });
  console.log(`Sora simulator on ${sim.url} (API key: ${sim.apiKey})`);

  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    sim.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

function num(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${value}`);
  return n;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  console.error('Run with --help for the options.');
  process.exit(1);
});
