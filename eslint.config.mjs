// ESLint 9 flat config.
//   TypeScript (src, webview, test, tools): typescript-eslint's type-checked rules, through the project
//     service (tsconfig.json), with promise and type-import rules as errors.
//   JavaScript (esbuild.mjs, tools/*.mjs, this file): the recommended rules, no type information.
//   Layers: which folder may import which, from one table below (src/util at the bottom, src/vscode on top).
//   Every eslint-disable comment states its reason: `// eslint-disable-next-line rule -- why`.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts'];
const JS = ['**/*.js', '**/*.mjs', '**/*.cjs'];

// ---- Layers ----------------------------------------------------------------------------------------
// Imports are checked as written: a relative specifier climbs (`../`, `../../`) to a folder name, so
// "`^(../)+(src/)?engine/`" is "a module in src/engine" from any depth below src/ (and from webview/).
// Declarations (`import`, `import type`, `export … from`) go through @typescript-eslint/no-restricted-imports;
// `require()`, `import()` and `typeof import()` through no-restricted-syntax, from the same table.

/** src/<layer> may import these of ours (besides itself). */
const SRC_LAYERS = {
  util: [],
  domain: ['util'],
  persistence: ['domain', 'util'],
  http: ['domain', 'util'],
  engine: ['persistence', 'http', 'domain', 'util'],
  shared: ['domain', 'util'],
  vscode: ['engine', 'persistence', 'http', 'shared', 'domain', 'util'],
};
const ALL_SRC = Object.keys(SRC_LAYERS);
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A specifier that climbs to one of `folders` (optionally through src/). */
const climbsTo = (folders, { viaSrc = true } = {}) => `^(\\.\\./)+${viaSrc ? '(src/)?' : ''}(${folders.map(esc).join('|')})(/|$)`;

/**
 * One rule set for a folder: `forbidden` are regexes on the specifier (with a message), `vscode` and
 * `undici` are the two packages with a home layer ('type' = only `import type` allowed).
 */
function layerRules({ forbidden, vscode = false, undici = false }) {
  const paths = [];
  if (!vscode) paths.push({ name: 'vscode', message: 'Only src/vscode/** may import the vscode module.' });
  if (undici !== true) {
    paths.push({
      name: 'undici',
      message: 'undici values only in src/http (through src/http/undici.ts, which runs it at the first request); src/engine may use `import type`.',
      allowTypeImports: undici === 'type',
    });
  }
  const patterns = forbidden.map(([regex, message]) => ({ regex, message, caseSensitive: true }));
  // The same rules for the forms no-restricted-imports does not see. esquery regexes are /…/ literals,
  // so slashes in the pattern are escaped.
  const lit = (re) => `/${re.replace(/\//g, '\\/')}/`;
  const calls = [
    ...forbidden.map(([regex, message]) => [lit(regex), message]),
    ...paths.filter((p) => !p.allowTypeImports).map((p) => [lit(`^${esc(p.name)}$`), p.message]),
  ];
  const syntax = calls.flatMap(([re, message]) => [
    { selector: `CallExpression[callee.name="require"][arguments.0.value=${re}]`, message },
    { selector: `ImportExpression[source.value=${re}]`, message },
    { selector: `TSImportType[source.value=${re}]`, message },
  ]);
  if (vscode) {
    // esbuild turns `import * as vscode from 'vscode'` into an interop wrapper that copies every
    // property of the API, once per module: about half of the activation bundle's load time.
    syntax.push({
      selector: 'ImportDeclaration[source.value="vscode"][importKind="value"]',
      message: "Write `import vscode = require('vscode')`: a namespace import copies the whole API at load, once per module.",
    });
  }
  return {
    '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
    'no-restricted-syntax': syntax.length ? ['error', ...syntax] : 'off',
  };
}

const layerConfigs = [
  ...Object.entries(SRC_LAYERS).map(([layer, allowed]) => {
    const higher = ALL_SRC.filter((l) => l !== layer && !allowed.includes(l));
    const forbidden = [[climbsTo(['webview', 'test', 'tools'], { viaSrc: false }), `src/${layer} must not import webview/, test/ or tools/.`]];
    if (higher.length) forbidden.unshift([climbsTo(higher), `src/${layer} may import ${allowed.length ? allowed.map((l) => `src/${l}`).join(', ') : 'nothing of ours outside src/util'} only.`]);
    return {
      name: `layers/src/${layer}`,
      files: [`src/${layer}/**/*.ts`],
      rules: layerRules({ forbidden, vscode: layer === 'vscode', undici: layer === 'http' ? true : layer === 'engine' ? 'type' : false }),
    };
  }),
  {
    name: 'layers/webview',
    files: ['webview/**/*.ts'],
    rules: layerRules({
      forbidden: [
        [climbsTo(['vscode', 'engine', 'persistence', 'http'].map((l) => `src/${l}`), { viaSrc: false }), 'webview/ may import src/shared, src/domain and src/util only.'],
        [climbsTo(['test', 'tools'], { viaSrc: false }), 'webview/ must not import test/ or tools/.'],
      ],
    }),
  },
  {
    name: 'layers/tools',
    files: ['tools/**/*.ts'],
    rules: layerRules({
      forbidden: [['^(\\.\\./)+test/(?!fixtures/)', 'tools/ may import test/fixtures/** only, not the rest of test/.']],
      undici: true,
    }),
  },
  {
    name: 'layers/test',
    files: ['test/**/*.ts'],
    rules: layerRules({
      forbidden: [['^(\\.\\./)+tools/(?!(l10n|readme-for-package\\.mjs|bench/report|bench/libraryReport)$)', 'test/ must not import tools/ entry points (tools/l10n.ts, tools/readme-for-package.mjs, tools/bench/report.ts and tools/bench/libraryReport.ts are libraries).']],
      undici: true,
    }),
  },
];

export default defineConfig(
  globalIgnores(['dist/**', 'node_modules/**', '.e2e/**', '.bench/**', 'out/**'], 'ignores'),
  {
    name: 'linter-options',
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  comments.recommended,
  {
    name: 'eslint-comments',
    rules: {
      // `// eslint-disable-next-line rule -- reason`: no disable without its reason on the same line.
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: ['eslint-enable'] }],
      '@eslint-community/eslint-comments/no-unlimited-disable': 'error',
      '@eslint-community/eslint-comments/disable-enable-pair': ['error', { allowWholeFile: true }],
    },
  },
  {
    name: 'javascript',
    files: JS,
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: { ...globals.node } },
  },
  {
    name: 'typescript',
    files: TS,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      // The code matches control characters on purpose (it sanitises text from the service, the user and
      // the webview), always written as escapes; this rule exists to catch accidental ones.
      'no-control-regex': 'off',
      // Unused names are the compiler's job (noUnusedLocals, noUnusedParameters); `_` marks intent.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `import vscode = require('vscode')` is how src/vscode imports the API (see layerRules); node:path and node:fs
      // come the same way, because a namespace import makes esbuild copy each module's properties at load.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^vscode$', '^node:(path|fs)$'] }],
    },
  },
  {
    // Test fakes stand in for async APIs (SecretStorage, showInputBox, a client's query…): they are
    // async to have the real signature, with nothing to await.
    name: 'test-fakes',
    files: ['test/**/*.ts', 'tools/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // Small files named for what they hold: a module that outgrows this is two concepts.
    name: 'file-size',
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  ...layerConfigs,
);
