// Builds the shipped bundles, flat in dist/:
//   extension.js  the extension host's code (Node, CJS): everything but undici
//   undici.js     undici, required on the first network request (src/http/undici.ts): the one
//                 lazy boundary, because it is most of the code by size and a window that only shows
//                 settled tasks never needs it. It holds none of our classes, so `instanceof` works.
// And the composer webview (browser, IIFE) in dist/webview.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.dirname(new URL(import.meta.url).pathname);

/** In the host bundle, `require('undici')` loads the sibling dist/undici.js. */
const lazyUndici = {
  name: 'lazy-undici',
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
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
    { ...host, entryPoints: { extension: 'src/vscode/extension.ts' }, external: ['vscode'], plugins: [lazyUndici] },
    { ...host, entryPoints: { undici: 'node_modules/undici/index.js' } },
    {
      entryPoints: { composer: 'webview/main.ts' },
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
