// The Tasks view's welcome (package.json viewsWelcome): with no key, the first button is Set API
// Key, since nothing else works without one; with a key, Create Video. VS Code shows every entry
// whose `when` holds, in order, so the buttons are read the same way here, in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Contexts } from '../../src/domain/ids';

const root = path.join(__dirname, '..', '..');
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8')) as Record<string, unknown>;
const manifest = read('package.json') as { contributes: { viewsWelcome: Array<{ view: string; contents: string; when?: string }> } };

/** The welcome entries' command buttons, in the order shown, when the no-key context is `noKey`. */
function buttons(nls: Record<string, unknown>, noKey: boolean): string[] {
  const holds = (when: string | undefined): boolean => {
    if (when === undefined) return true;
    if (when === Contexts.noApiKey) return noKey;
    if (when === `!${Contexts.noApiKey}`) return !noKey;
    return assert.fail(`a when clause this test cannot read: ${when}`);
  };
  return manifest.contributes.viewsWelcome
    .filter((w) => w.view === 'sora.tasks' && holds(w.when))
    .map((w) => String(nls[w.contents.replace(/^%|%$/g, '')]))
    .flatMap((text) => [...text.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]));
}

test('without a key the welcome view puts Set API Key first, once; with one, Create Video', () => {
  for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
    const nls = read(file);
    const none = buttons(nls, true);
    assert.equal(none[0], 'sora.setApiKey', `${file}: ${none.join(', ')}`);
    assert.equal(none.filter((c) => c === 'sora.setApiKey').length, 1, `${file}: one Set API Key button`);
    assert.ok(none.includes('sora.createVideo'), `${file}: Create Video is still offered`);
    assert.equal(buttons(nls, false)[0], 'sora.createVideo', file);
  }
});
