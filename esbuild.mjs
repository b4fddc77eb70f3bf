// Builds the shipped bundles. Extension host (Node, CJS), all flat in dist/:
//   extension.js  what activation loads: command stand-ins and the Tasks view's stand-in (src/boot)
//   core.js       the store, engine, composer host, tree and status bar; required on first use
//   net.js        undici, the API client and the download code; required on first network use
//   lib.*.js      modules the bundles above share, so each exists once per extension host: the
//                 redaction registry (lib.log) and error classes tested with instanceof (lib.errors,
//                 lib.endpoints). zod is not shared: untree-shaken it is 450 KB, each bundle's
//                 own tree-shaken copy ~95 KB.
// And the composer webview (browser, IIFE) in dist/webview.
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Source module (without extension) → shared output name (dist/lib.<name>.js). */
export const SHARED = {
  'src/util/log': 'log',
  'src/domain/errors': 'errors',
  'src/domain/endpoints': 'endpoints',
};

const root = path.dirname(new URL(import.meta.url).pathname);

/** Every import of a shared module (other than its own entry) becomes require("./lib.<name>.js"). */
const sharedPlugin = {
  name: 'shared-modules',
  setup(b) {
    const byFile = new Map(Object.entries(SHARED).map(([k, v]) => [path.join(root, k), v]));
    b.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const name = byFile.get(path.resolve(args.resolveDir, args.path).replace(/\.ts$/, ''));
      return name ? { path: `./lib.${name}.js`, external: true } : undefined;
    });
  },
};

export function buildOptions({ outdir = 'dist', production = true } = {}) {
  /** @type {esbuild.BuildOptions[]} */
  return [
    {
      entryPoints: {
        extension: 'src/vscode/extension.ts',
        core: 'src/vscode/core.ts',
        net: 'src/http/index.ts',
        ...Object.fromEntries(Object.entries(SHARED).map(([src, name]) => [`lib.${name}`, `${src}.ts`])),
      },
      absWorkingDir: root,
      outdir: path.resolve(root, outdir),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      plugins: [sharedPlugin],
      minify: production,
      sourcemap: !production,
      legalComments: 'none',
    },
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
