// `npm start`: build and package the extension, start code-server with it installed, and print
// the URL to open. Without SORA_API_KEY / SORA_BASE_URL it points the extension at the bundled
// API simulator and says so.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSimulator } from '../test/fixtures/simulator/server';
import { customModelsFromFile, DEMO_CUSTOM_MODEL } from '../test/fixtures/simulator/families/custom';
import { CODE_SERVER, REPO_ROOT, findVsix } from '../test/fixtures/codeServer/env';

const port = Number(process.env.SORA_PORT ?? 8080);
const simPort = Number(process.env.SORA_SIM_PORT ?? 8787);
const root = path.join(REPO_ROOT, '.e2e', 'start');
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit' });

async function main(): Promise<void> {
  if (!fs.existsSync(CODE_SERVER)) run('bash', ['tools/e2e-setup.sh']);
  run(process.execPath, ['tools/package.mjs']);

  const useSimulator = !process.env.SORA_API_KEY && !process.env.SORA_BASE_URL;
  const settings: Record<string, unknown> = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
  };
  let banner: string;
  if (useSimulator) {
    const customModels = process.env.SORA_SIM_CUSTOM_MODELS ? customModelsFromFile(process.env.SORA_SIM_CUSTOM_MODELS) : [DEMO_CUSTOM_MODEL];
    const sim = await startSimulator({ port: simPort, apiKey: 'sim-key', queuedMs: 5_000, processingMs: 15_000, customModels });
    settings['sora.baseUrl'] = sim.url;
    // The simulator's custom families, offered in the composer like any model.
    settings['sora.customModels'] = customModels;
    settings['sora.pollIntervalSeconds'] = 2;
    banner = `No SORA_API_KEY or SORA_BASE_URL given: the extension talks to the bundled API simulator at ${sim.url}.\nRun "Sora: Set API Key" and enter: sim-key   (prompts containing [fail] fail, [nourl] complete without a video)`;
  } else {
    if (process.env.SORA_BASE_URL) settings['sora.baseUrl'] = process.env.SORA_BASE_URL;
    banner = `Using ${process.env.SORA_BASE_URL ?? 'the default service URL'}. Run "Sora: Set API Key" and paste your key (it is never written to disk by this script).`;
  }

  const ud = path.join(root, 'user-data');
  const ext = path.join(root, 'extensions');
  const ws = path.join(root, 'workspace');
  for (const d of [path.join(ud, 'User'), ext, ws]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(ud, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const sample = path.join(ws, 'prompts.md');
  if (!fs.existsSync(sample)) {
    fs.writeFileSync(sample, '# Prompts\n\nA paper boat drifting down a rain-soaked street at dusk, neon reflections, slow dolly shot.\n');
  }
  const vsix = findVsix();
  if (!vsix) throw new Error('npm run package wrote no .vsix');
  run(CODE_SERVER, ['--user-data-dir', ud, '--extensions-dir', ext, '--install-extension', vsix, '--force']);

  const child = spawn(
    CODE_SERVER,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', ud, '--extensions-dir', ext, '--disable-telemetry', '--disable-update-check', ws],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stderr.pipe(process.stderr);
  child.stdout.on('data', (b: Buffer) => {
    if (/HTTP server listening/.test(b.toString())) {
      console.log(`\n${banner}\n\nOpen http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}\n(Ctrl+C stops everything.)\n`);
    }
  });
  const stop = () => {
    child.kill('SIGTERM');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
