// The packaged README: relative screenshots dropped (vsce refuses them without a repository URL,
// and they would bloat the .vsix), everything else kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
// @ts-expect-error plain ESM helper of tools/package.mjs, without type declarations
import { readmeForPackage } from '../../tools/readme-for-package.mjs';

test('relative images go, absolute images and links stay', () => {
  const src = [
    '# Title',
    '',
    '| light | dark |',
    '|---|---|',
    '| ![Composer, light](docs/screenshots/composer-light.png) | ![Composer, dark](docs/screenshots/composer-dark.png) |',
    '',
    'Inline ![tiny](./docs/x.png) image and a [link](https://example.com).',
    '![badge](https://img.shields.io/badge/x-y-green)',
    '',
    '',
    '',
    'End',
  ].join('\n');
  const out = (readmeForPackage as (s: string) => string)(src);
  assert.ok(!/\]\((?!https:)[^)]*\.png\)/.test(out), out);
  assert.ok(out.includes('Inline tiny image and a [link](https://example.com).'), out);
  assert.ok(out.includes('![badge](https://img.shields.io/badge/x-y-green)'));
  assert.ok(out.includes('# Title') && out.endsWith('End'));
  assert.ok(!out.includes('\n\n\n'));
});
