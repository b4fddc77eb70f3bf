// Builds the two shipped bundles: the extension host (Node, CJS) and the composer webview (browser).
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = !process.argv.includes('--dev');

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    // net.js holds undici and is required on first network use, keeping activation small.
    entryPoints: { extension: 'src/extension.ts', net: 'src/net/index.ts' },
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    legalComments: 'none',
  },
  {
    entryPoints: { composer: 'webview/main.ts' },
    outdir: 'dist/webview',
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

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('esbuild: watching');
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build({ ...b, metafile: true })));
  for (const r of results) {
    for (const [file, info] of Object.entries(r.metafile.outputs)) {
      if (!file.endsWith('.map')) console.log(`esbuild: ${file} ${(info.bytes / 1024).toFixed(1)} KB`);
    }
  }
}
