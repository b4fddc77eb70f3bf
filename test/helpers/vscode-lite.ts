// A small in-process stand-in for the `vscode` module: enough of the API for activation, the core,
// the tree and the status bar to run in plain Node (unit tests and tools/bench). Installing it makes
// every later `require('vscode')` return it; install before requiring code that imports vscode.
// (test/helpers/vscode.ts is the other stand-in: it records what the user is shown, for the security tests.)
/* eslint-disable @typescript-eslint/no-explicit-any */
import Module from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryMemento } from '../fixtures/memento';

type Listener<T> = (e: T) => unknown;

export class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (l: Listener<T>): { dispose(): void } => {
    this.listeners.add(l);
    return { dispose: () => this.listeners.delete(l) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: unknown;
  iconPath?: unknown;
  contextValue?: string;
  command?: unknown;
  accessibilityInformation?: unknown;
  constructor(
    public label: string,
    public collapsibleState = 0,
  ) {}
}

export class MarkdownString {
  value: string;
  isTrusted = false;
  supportHtml = false;
  constructor(value = '', public supportThemeIcons = false) {
    this.value = value;
  }
  appendText(s: string): this {
    this.value += s.replace(/[\\`*_{}[\]()#+\-.!<>]/g, '\\$&');
    return this;
  }
  appendMarkdown(s: string): this {
    this.value += s;
    return this;
  }
}

export class ThemeIcon {
  constructor(
    public id: string,
    public color?: unknown,
  ) {}
}
export class ThemeColor {
  constructor(public id: string) {}
}

class Uri {
  constructor(
    readonly scheme: string,
    readonly fsPath: string,
  ) {}
  static file(p: string): Uri {
    return new Uri('file', p);
  }
  static joinPath(u: Uri, ...parts: string[]): Uri {
    return new Uri(u.scheme, path.join(u.fsPath, ...parts));
  }
  static parse(s: string): Uri {
    return new Uri(s.split(':')[0], s);
  }
  toString(): string {
    return `${this.scheme}://${this.fsPath}`;
  }
}

function format(message: string, ...args: unknown[]): string {
  return message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

export interface FakeVscode {
  api: any;
  /** Registered commands by id (stand-ins and real ones alike). */
  commands: Map<string, (...args: any[]) => unknown>;
  /** Every tree view created: its id and provider. */
  treeViews: Array<{ id: string; provider: any }>;
  serializers: Map<string, any>;
  settings: Record<string, unknown>;
  /** A fresh ExtensionContext whose packageJSON is the repository's package.json. */
  context(globalState?: Record<string, unknown>): any;
}

let installed: FakeVscode | undefined;

export function installFakeVscode(): FakeVscode {
  if (installed) return installed;
  const commands = new Map<string, (...args: any[]) => unknown>();
  const treeViews: FakeVscode['treeViews'] = [];
  const serializers = new Map<string, any>();
  const settings: Record<string, unknown> = {};
  const disposable = (fn: () => void = () => undefined) => ({ dispose: fn });
  const configChanged = new EventEmitter<any>();

  const api: any = {
    EventEmitter,
    TreeItem,
    MarkdownString,
    ThemeIcon,
    ThemeColor,
    Uri,
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    l10n: { t: (m: string, ...a: unknown[]) => format(m, ...a) },
    env: { language: 'en', clipboard: { writeText: async () => undefined }, openExternal: async () => true },
    commands: {
      registerCommand(id: string, fn: (...args: any[]) => unknown) {
        if (commands.has(id)) throw new Error(`command '${id}' already exists`);
        commands.set(id, fn);
        return disposable(() => {
          if (commands.get(id) === fn) commands.delete(id);
        });
      },
      async executeCommand(id: string, ...args: unknown[]) {
        if (id === 'setContext') return undefined; // built into VS Code
        const fn = commands.get(id);
        if (!fn) throw new Error(`command '${id}' not found`);
        return fn(...args);
      },
    },
    window: {
      createOutputChannel: () => ({
        trace() {},
        debug() {},
        info() {},
        warn() {},
        error() {},
        appendLine() {},
        show() {},
        dispose() {},
      }),
      createTreeView(id: string, opts: { treeDataProvider: any }) {
        treeViews.push({ id, provider: opts.treeDataProvider });
        return { ...disposable(), visible: false };
      },
      createStatusBarItem: () => ({ text: '', tooltip: '', show() {}, hide() {}, dispose() {} }),
      registerWebviewPanelSerializer(viewType: string, s: unknown) {
        if (serializers.has(viewType)) throw new Error(`serializer for '${viewType}' already registered`);
        serializers.set(viewType, s);
        return disposable(() => serializers.delete(viewType));
      },
      showInformationMessage: async () => undefined,
      showWarningMessage: async () => undefined,
      showErrorMessage: async () => undefined,
      showInputBox: async () => undefined,
      setStatusBarMessage: () => disposable(),
      activeTextEditor: undefined,
    },
    workspace: {
      getConfiguration: (section: string) => ({
        get: (key: string, def?: unknown) => (`${section}.${key}` in settings ? settings[`${section}.${key}`] : def),
      }),
      onDidChangeConfiguration: configChanged.event,
      workspaceFolders: undefined,
    },
  };

  const fakePath = path.join(__dirname, '__fake_vscode__.js');
  const mod = new Module(fakePath);
  mod.filename = fakePath;
  mod.loaded = true;
  mod.exports = api;
  (Module as any)._cache[fakePath] = mod;
  const resolve = (Module as any)._resolveFilename;
  (Module as any)._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? fakePath : resolve.call(this, request, ...rest);
  };

  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  installed = {
    api,
    commands,
    treeViews,
    serializers,
    settings,
    context(globalState: Record<string, unknown> = {}) {
      const secrets = new Map<string, string>();
      const secretChanged = new EventEmitter<{ key: string }>();
      return {
        subscriptions: [] as Array<{ dispose(): void }>,
        globalState: new MemoryMemento(globalState),
        secrets: {
          get: async (k: string) => secrets.get(k),
          store: async (k: string, v: string) => {
            secrets.set(k, v);
            secretChanged.fire({ key: k });
          },
          delete: async (k: string) => {
            secrets.delete(k);
            secretChanged.fire({ key: k });
          },
          onDidChange: secretChanged.event,
        },
        extensionUri: Uri.file(path.join(__dirname, '..', '..')),
        // A fresh folder per context: the task archive lives there, and tests must not share it.
        globalStorageUri: Uri.file(tempStorage()),
        extension: { packageJSON: pkg },
      };
    },
  };
  return installed;
}

/** Global storage folders of fake contexts, removed when the process exits. */
const storageDirs = new Set<string>();
function tempStorage(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-fake-global-storage-'));
  if (storageDirs.size === 0) process.once('exit', () => storageDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  storageDirs.add(dir);
  return dir;
}

/** Disposes everything a context collected and forgets registered commands/views (between tests). */
export function resetFake(fake: FakeVscode, context?: { subscriptions: Array<{ dispose(): void }> }): void {
  for (const d of context?.subscriptions.splice(0) ?? []) {
    try {
      d.dispose();
    } catch {
      /* test teardown */
    }
  }
  fake.commands.clear();
  fake.treeViews.length = 0;
  fake.serializers.clear();
}
