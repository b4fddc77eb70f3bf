// Each webview page (the composer, the gallery) loads only the vscode-elements components it creates,
// one import each (never the whole library), so its bundle holds nothing unused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

test('every imported vscode-elements component is used, and every used one is imported', () => {
  const dir = path.join(__dirname, '..', '..', 'webview');
  // Each page (the composer, the gallery) on its own: one page's import must not cover the other's use.
  for (const page of [dir, path.join(dir, 'gallery')]) {
    const sources = fs.readdirSync(page).filter((f) => f.endsWith('.ts')).map((f) => fs.readFileSync(path.join(page, f), 'utf8'));
    checkComponents(sources.join('\n'));
  }
});

function checkComponents(all: string): void {
  const imported = new Set([...all.matchAll(/['"]@vscode-elements\/elements\/dist\/(vscode-[a-z-]+)\/index\.js['"]/g)].map((m) => m[1]));
  assert.doesNotMatch(all, /['"]@vscode-elements\/elements(\/dist\/(main|bundled)\.js)?['"]/, 'no import of the whole library');
  const used = new Set([...all.matchAll(/['"`](vscode-[a-z-]+)['"`]/g)].map((m) => m[1]).filter((t) => t !== 'vscode-elements'));
  assert.ok(imported.size > 0);
  assert.deepEqual([...imported].sort(), [...used].sort());
}
