// Builds the shipped bundles, flat in dist/:
//   extension.js  what activation loads (Node, CJS): the task store, the tree, the status bar, the
//                 commands. No zod, no http, no undici.
//   core.js       the one lazy boundary (src/vscode/core.ts, required by src/vscode/loadCore.ts): the
//                 engine, http, zod, undici and the composer, loaded by the first create, composer or
//                 engine start. The pure modules both use (domain, util) are in both; errors that are
//                 tested with `instanceof` and the store exist in one of them only (bundles.test.ts).
// And the composer and gallery webviews (browser, IIFE) in dist/webview.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.dirname(new URL(import.meta.url).pathname);

/** In the activation bundle, loadCore.ts's `require('./core')` loads the sibling dist/core.js. */
const lazyCore = {
  name: 'lazy-core',
  setup(b) {
    b.onResolve({ filter: /^\.\/core$/ }, (args) => (args.kind === 'require-call' ? { path: './core.js', external: true } : undefined));
  },
};

export function buildOptions({ outdir = 'dist', production = true } = {}) {
  /** What the two extension-host bundles share. @type {esbuild.BuildOptions} */
  const host = {
    absWorkingDir: root,
    outdir: path.resolve(root, outdir),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: production,
    sourcemap: !production,
    legalComments: 'none',
  };
  /** @type {esbuild.BuildOptions[]} */
  return [
    { ...host, entryPoints: { extension: 'src/vscode/extension.ts' }, external: ['vscode'], plugins: [lazyCore] },
    { ...host, entryPoints: { core: 'src/vscode/core.ts' }, external: ['vscode'] },
    {
      entryPoints: { composer: 'webview/main.ts', gallery: 'webview/gallery/main.ts' },
      absWorkingDir: root,
      outdir: path.resolve(root, outdir, 'webview'),
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
      minify: production,
      sourcemap: !production,
      legalComments: 'none',
      loader: { '.css': 'css' },
    },
  ];
}

export async function build(opts) {
  // A bundle dropped from the build must not linger in dist/ and be packaged.
  fs.rmSync(path.resolve(root, opts?.outdir ?? 'dist'), { recursive: true, force: true });
  const results = await Promise.all(buildOptions(opts).map((b) => esbuild.build({ ...b, metafile: true, logLevel: 'warning' })));
  return results.map((r) => r.metafile);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const watch = process.argv.includes('--watch');
  const production = !process.argv.includes('--dev');
  if (watch) {
    for (const b of buildOptions({ production })) await (await esbuild.context(b)).watch();
    console.log('esbuild: watching');
  } else {
    for (const meta of await build({ production })) {
      for (const [file, info] of Object.entries(meta.outputs)) {
        if (!file.endsWith('.map')) console.log(`esbuild: ${path.relative(root, path.resolve(root, file))} ${(info.bytes / 1024).toFixed(1)} KB`);
      }
    }
  }
}
