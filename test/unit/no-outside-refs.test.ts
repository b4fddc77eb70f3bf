// Nothing in the repository may point at a file outside it: someone who clones the repository
// cannot follow such a reference. The service protocol is documented in docs/protocol.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const SELF = 'test/unit/no-outside-refs.test.ts';

/** Names of documents that live beside the repository, not in it (case matters: docs/protocol.md is fine). */
const OUTSIDE = ['/work/shared', 'PROTOCOL.md', 'CONTRACT.md', 'E2E-RECIPE.md', 'VIDEO-MODELS.md'];
/** A relative path to a `shared` folder: fine when it leads to one in the repository (src/shared). */
const SHARED_PATH = /((?:\.\.[\\/])+)shared[\\/]/g;

const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'out', '.vscode-test']);

function walk(dir: string, out: string[]): void {
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) walk(rel, out);
    else if (entry.isFile()) out.push(rel);
  }
}

/** The `../shared/` paths in a line of `file` that lead outside the repository or to nothing in it. */
function outsideSharedPaths(file: string, line: string): string[] {
  const found: string[] = [];
  for (const m of line.matchAll(SHARED_PATH)) {
    const target = path.resolve(ROOT, path.dirname(file), m[1], 'shared');
    const rel = path.relative(ROOT, target);
    const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    if (!inside || !fs.existsSync(target)) found.push(m[0]);
  }
  return found;
}

/** Tracked files plus new ones not ignored yet (so a reference is caught before it is committed). */
function repositoryFiles(): string[] {
  try {
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return [...new Set(listed.split('\0').filter((f) => f !== ''))];
  } catch {
    // Not a git checkout (an unpacked archive): walk the tree instead.
    const out: string[] = [];
    walk('', out);
    return out;
  }
}

test('no file in the repository refers to a document outside it', () => {
  const files = repositoryFiles().filter((f) => f !== SELF && !f.split('/').some((part) => SKIP_DIRS.has(part)));
  assert.ok(files.length > 50, `only ${files.length} files found under ${ROOT}`);
  const hits: string[] = [];
  for (const file of files) {
    let buf: Buffer;
    try {
      buf = fs.readFileSync(path.join(ROOT, file));
    } catch {
      continue; // deleted in the work tree, or a dangling link
    }
    if (buf.includes(0)) continue; // binary (images, the sample video)
    const lines = buf.toString('utf8').split('\n');
    lines.forEach((line, i) => {
      const found = [...OUTSIDE.filter((needle) => line.includes(needle)), ...outsideSharedPaths(file, line)];
      for (const needle of found) hits.push(`${file}:${i + 1}: ${needle}: ${line.trim().slice(0, 160)}`);
    });
  }
  assert.deepEqual(hits, [], `references to files outside the repository (use docs/protocol.md instead):\n${hits.join('\n')}`);
});
