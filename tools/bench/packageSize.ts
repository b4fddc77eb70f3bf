// Package size: `npm run package` (production build + vsce) and the size of the .vsix it writes.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO } from './util';

export interface PackageSizeResult {
  file: string;
  bytes: number;
}

export function measurePackageSize(): PackageSizeResult {
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const vsix = fs.readdirSync(REPO).filter((f) => f.endsWith('.vsix'));
  if (vsix.length !== 1) throw new Error(`expected one .vsix, found ${vsix.join(', ')}`);
  return { file: vsix[0], bytes: fs.statSync(path.join(REPO, vsix[0])).size };
}
