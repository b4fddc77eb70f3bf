// Settings as the engine reads them (src/vscode/config.ts): the download cap, and Restricted Mode —
// an untrusted workspace cannot raise cost or traffic, nor have videos written inside it, and links
// in the download folder are followed before use.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { extensionContext, fake, resetFake, Uri } from '../fixtures/vscode';
// After the fake above: importing it installs the vscode module these need.
import { defaultDraft, downloadFolder, engineSettings, RESTRICTED_SETTINGS } from '../../src/vscode/config';
import { SettingsError } from '../../src/domain/endpoints';

const dirs: string[] = [];
afterEach(() => {
  resetFake();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  // Real paths throughout, so a result can be compared with fs.realpathSync of the same place.
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sora-unit-config-')));
  dirs.push(d);
  return d;
}
function openWorkspace(root: string, trusted: boolean): void {
  fake.workspaceFolders = [{ uri: Uri.file(root), name: path.basename(root), index: 0 }];
  fake.trusted = trusted;
}
const context = () => extensionContext() as never;

describe('sora.maxDownloadMB', () => {
  test('2048 MB by default, the setting in bytes otherwise, at least 1 MB', () => {
    assert.equal(engineSettings().maxDownloadBytes, 2048 * 1024 * 1024);
    fake.settings.set('sora.maxDownloadMB', 10);
    assert.equal(engineSettings().maxDownloadBytes, 10 * 1024 * 1024);
    fake.settings.set('sora.maxDownloadMB', 0);
    assert.equal(engineSettings().maxDownloadBytes, 1024 * 1024);
    fake.settings.set('sora.maxDownloadMB', 'lots');
    assert.equal(engineSettings().maxDownloadBytes, 2048 * 1024 * 1024);
  });
});

describe('Restricted Mode: settings that cost money or traffic', () => {
  function workspaceSets(): void {
    fake.settings.set('sora.defaultModel', 'openAiSora2Plus');
    fake.settings.set('sora.defaultSeconds', 4);
    fake.workspaceSettings.set('sora.defaultModel', 'openAiSora2Pro');
    fake.workspaceSettings.set('sora.defaultSeconds', 12);
    fake.workspaceSettings.set('sora.pollIntervalSeconds', 1);
    fake.workspaceSettings.set('sora.requestTimeoutSeconds', 600);
    fake.workspaceSettings.set('sora.maxDownloadMB', 1_000_000);
  }

  test('an untrusted workspace cannot set them: the user value (or the default) is used', () => {
    workspaceSets();
    fake.trusted = false;
    const s = engineSettings();
    assert.equal(s.pollBaseMs, 15_000);
    assert.equal(s.timeoutMs, 60_000);
    assert.equal(s.maxDownloadBytes, 2048 * 1024 * 1024);
    const d = defaultDraft();
    assert.equal(d.model, 'openAiSora2Plus');
    assert.equal(d.seconds, 4);
  });

  test('a trusted workspace can', () => {
    workspaceSets();
    const s = engineSettings();
    assert.equal(s.pollBaseMs, 1_000);
    assert.equal(s.timeoutMs, 600_000);
    assert.equal(s.maxDownloadBytes, 1_000_000 * 1024 * 1024);
    assert.equal(defaultDraft().model, 'openAiSora2Pro');
    assert.equal(defaultDraft().seconds, 12);
  });

  test('an untrusted workspace cannot choose the download folder either', () => {
    const ws = tempDir();
    const mine = path.join(tempDir(), 'videos');
    fake.settings.set('sora.downloadFolder', mine);
    fake.workspaceSettings.set('sora.downloadFolder', path.join(ws, 'elsewhere'));
    openWorkspace(ws, false);
    assert.equal(downloadFolder(context()), mine);
  });
});

describe('sora.downloadFolder and untrusted workspaces', () => {
  test('a user-level relative folder is refused in an untrusted workspace, with a readable reason', () => {
    const ws = tempDir();
    fake.settings.set('sora.downloadFolder', 'videos');
    openWorkspace(ws, false);
    assert.throws(
      () => downloadFolder(context()),
      (e: unknown) =>
        e instanceof SettingsError &&
        e.message === 'sora.downloadFolder ("videos") is inside the workspace, which is not trusted: videos are not saved there. Trust the workspace or choose a folder outside it.',
    );
    fake.trusted = true;
    assert.equal(downloadFolder(context()), path.join(ws, 'videos'), 'trusted: inside the workspace as before');
  });

  test('an absolute folder that leads into the untrusted workspace through a link is refused', () => {
    const ws = tempDir();
    const outside = tempDir();
    fs.mkdirSync(path.join(ws, 'target'));
    fs.symlinkSync(path.join(ws, 'target'), path.join(outside, 'link'));
    fake.settings.set('sora.downloadFolder', path.join(outside, 'link', 'videos'));
    openWorkspace(ws, false);
    assert.throws(() => downloadFolder(context()), SettingsError);
  });

  test('links are resolved before use: the folder (or its nearest existing parent) is its real path', () => {
    const real = tempDir();
    const other = tempDir();
    fs.symlinkSync(real, path.join(other, 'link'));
    fake.settings.set('sora.downloadFolder', path.join(other, 'link'));
    assert.equal(downloadFolder(context()), real);
    fake.settings.set('sora.downloadFolder', path.join(other, 'link', 'not', 'yet'));
    assert.equal(downloadFolder(context()), path.join(real, 'not', 'yet'));
    // A relative folder whose name is a link inside a trusted workspace: followed as well.
    const ws = tempDir();
    fs.symlinkSync(real, path.join(ws, 'out'));
    openWorkspace(ws, true);
    fake.settings.set('sora.downloadFolder', 'out');
    assert.equal(downloadFolder(context()), real);
    // Untrusted: the same name is inside the workspace, so refused wherever it leads.
    fake.trusted = false;
    assert.throws(() => downloadFolder(context()), SettingsError);
  });

  test('the private storage (an empty setting) and folders outside the workspace stay usable when untrusted', () => {
    const ws = tempDir();
    openWorkspace(ws, false);
    assert.match(downloadFolder(context()), /videos$/);
    const mine = tempDir();
    fake.settings.set('sora.downloadFolder', mine);
    assert.equal(downloadFolder(context()), mine);
  });
});

test('the settings read as restricted are exactly those package.json restricts', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  };
  assert.deepEqual([...RESTRICTED_SETTINGS].sort(), [...pkg.capabilities.untrustedWorkspaces.restrictedConfigurations].sort());
});
