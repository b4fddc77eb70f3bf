// npm run simulator -- [--port 8787] [--key sim-key] [--queued-ms 5000] [--processing-ms 20000]
import { parseArgs } from 'node:util';
import { startSimulator } from '../../test/fixtures/simulator/server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      key: { type: 'string', default: 'sim-key' },
      'queued-ms': { type: 'string', default: '5000' },
      'processing-ms': { type: 'string', default: '20000' },
    },
  });
  const sim = await startSimulator({
    port: num(values.port, 'port'),
    apiKey: values.key,
    queuedMs: num(values['queued-ms'], 'queued-ms'),
    processingMs: num(values['processing-ms'], 'processing-ms'),
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
  process.exit(1);
});
