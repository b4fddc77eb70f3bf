// Finds every localisable string in src/ (vscode.l10n.t and the core's t()/tr() shim) so a test can
// require a Simplified Chinese counterpart for each, and none left over.
import * as fs from 'node:fs';
import * as path from 'node:path';

const CALL = /(?:\bl10n\.t|(?<![\w.])tr?)\(\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/g;

function unquote(lit: string): string {
  // The literals are plain single- or double-quoted TS strings; JSON handles the escapes.
  const body = lit.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"');
  return JSON.parse(`"${body.replace(/\\\\"/g, '\\"')}"`) as string;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

export function sourceStrings(root: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of walk(path.join(root, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(CALL)) found.set(unquote(m[1]), path.relative(root, file));
  }
  return found;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const strings = sourceStrings(root);
  const bundlePath = path.join(root, 'l10n', 'bundle.l10n.zh-cn.json');
  const bundle = JSON.parse(fs.readFileSync(bundlePath, 'utf8')) as Record<string, string>;
  const missing = [...strings.keys()].filter((s) => !(s in bundle));
  if (process.argv.includes('--missing')) console.log(JSON.stringify(Object.fromEntries(missing.map((m) => [m, ''])), null, 2));
  else console.log(`${strings.size} strings, ${missing.length} without a zh-cn translation`);
}
