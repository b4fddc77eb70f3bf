// A recording stand-in for the `vscode` module, for unit tests of code that imports it. It
// implements only what the extension uses, and records everything shown to the user (messages,
// input boxes, tooltips, status texts, clipboard, log lines) so tests can search it for the key or
// for hostile text. Import this file before any module that imports 'vscode'.
import Module from 'node:module';
import * as path from 'node:path';

type Args = Array<string | number | boolean>;

export function format(message: string, ...args: Args): string {
  return message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

class Disposable {
  constructor(private readonly fn: () => void = () => undefined) {}
  dispose(): void {
    this.fn();
  }
}

export class EventEmitter<T> {
  private listeners = new Set<(e: T) => unknown>();
  event = (fn: (e: T) => unknown): Disposable => {
    this.listeners.add(fn);
    return new Disposable(() => this.listeners.delete(fn));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

/** VS Code's escaping for appendText (src/vs/base/common/htmlContent.ts), so `value` is realistic. */
function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-!~]/g, '\\$&')
    .replace(/([ \t]+)/g, (_m, g1: string) => '&nbsp;'.repeat(g1.length))
    .replace(/>/gm, '\\>')
    .replace(/\n/g, '\n\n');
}

export class MarkdownString {
  value: string;
  isTrusted: boolean | undefined;
  supportHtml = false;
  supportThemeIcons: boolean | undefined;
  /** Every append, in order: text (escaped by VS Code) or markdown (taken as it is). */
  readonly parts: Array<{ kind: 'text' | 'markdown'; value: string }> = [];
  constructor(value = '', supportThemeIcons?: boolean) {
    this.value = value;
    this.supportThemeIcons = supportThemeIcons;
    if (value) this.parts.push({ kind: 'markdown', value });
  }
  appendText(value: string): this {
    this.parts.push({ kind: 'text', value });
    this.value += escapeMarkdown(value);
    return this;
  }
  appendMarkdown(value: string): this {
    this.parts.push({ kind: 'markdown', value });
    this.value += value;
    return this;
  }
  appendCodeblock(value: string): this {
    return this.appendMarkdown(`\n\`\`\`\n${value}\n\`\`\`\n`);
  }
}

export class ThemeIcon {
  constructor(readonly id: string, readonly color?: ThemeColor) {}
}
export class ThemeColor {
  constructor(readonly id: string) {}
}
export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}
export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: string | MarkdownString;
  iconPath?: unknown;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  accessibilityInformation?: { label: string };
  constructor(public label: string, public collapsibleState = TreeItemCollapsibleState.None) {}
}

export class Uri {
  private constructor(readonly scheme: string, readonly path: string) {}
  get fsPath(): string {
    return this.path;
  }
  static file(p: string): Uri {
    return new Uri('file', p);
  }
  static parse(s: string): Uri {
    const m = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(s);
    return new Uri(m ? m[1] : 'file', m ? m[2] : s);
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, path.posix.join(base.path, ...segments));
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

/** What a test scripts and what the fake records. */
export const fake = {
  settings: new Map<string, unknown>(),
  secrets: new Map<string, string>(),
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  /** Every message, input box prompt, status text, clipboard write, log line… shown or stored. */
  shown: [] as string[],
  messages: [] as Array<{ level: 'info' | 'warning' | 'error'; message: string; options: unknown; items: string[] }>,
  /** Answers for the next warning/info/error messages (FIFO); undefined = dismissed. */
  messageAnswers: [] as Array<string | undefined>,
  inputAnswers: [] as Array<string | undefined>,
  clipboard: [] as string[],
  log: [] as string[],
  configListeners: new Set<(e: { affectsConfiguration(s: string): boolean }) => void>(),
  panels: [] as Array<{ viewType: string; title: string; column: unknown; options: Record<string, unknown>; panel: FakePanel }>,
  reset(): void {
    this.panels.length = 0;
    this.settings.clear();
    this.secrets.clear();
    this.commands.clear();
    this.shown.length = 0;
    this.messages.length = 0;
    this.messageAnswers.length = 0;
    this.inputAnswers.length = 0;
    this.clipboard.length = 0;
    this.log.length = 0;
    this.configListeners.clear();
  },
};

function message(level: 'info' | 'warning' | 'error') {
  return async (msg: string, ...rest: unknown[]): Promise<string | undefined> => {
    const options = rest.length && typeof rest[0] === 'object' && rest[0] !== null ? rest.shift() : undefined;
    const items = rest.filter((r): r is string => typeof r === 'string');
    fake.messages.push({ level, message: msg, options, items });
    fake.shown.push(msg, ...items);
    const detail = (options as { detail?: string } | undefined)?.detail;
    if (detail) fake.shown.push(detail);
    return fake.messageAnswers.shift();
  };
}

function outputChannel() {
  const line = (m: string) => {
    fake.log.push(m);
    fake.shown.push(m);
  };
  return { trace: line, debug: line, info: line, warn: line, error: line, appendLine: line, append: line, show: () => undefined, dispose: () => undefined };
}

const memento = () => {
  const values = new Map<string, unknown>();
  return {
    values,
    get: <T>(k: string, d?: T) => (values.has(k) ? (values.get(k) as T) : d),
    update: async (k: string, v: unknown) => {
      if (v === undefined) values.delete(k);
      else values.set(k, JSON.parse(JSON.stringify(v)));
    },
    keys: () => [...values.keys()],
    setKeysForSync: () => undefined,
  };
};

export const CSP_SOURCE = 'https://webview.test';

export type FakePanel = ReturnType<typeof fakeWebviewPanel>;

/** A webview panel whose page is the test: `send` plays the webview, `posted` is what it received. */
export function fakeWebviewPanel(options: Record<string, unknown>) {
  const received = new EventEmitter<unknown>();
  const disposed = new EventEmitter<void>();
  const posted: unknown[] = [];
  const panel = {
    iconPath: undefined as unknown,
    reveal: () => undefined,
    dispose: () => disposed.fire(),
    onDidDispose: disposed.event,
    posted,
    webview: {
      html: '',
      options,
      cspSource: CSP_SOURCE,
      asWebviewUri: (u: Uri) => ({ toString: () => `${CSP_SOURCE}${u.path}` }),
      onDidReceiveMessage: received.event,
      postMessage: async (m: unknown) => {
        posted.push(m);
        return true;
      },
    },
    /** Delivers a message as if the webview had posted it. */
    send: (m: unknown) => received.fire(m),
  };
  return panel;
}

const secretsChanged = new EventEmitter<{ key: string }>();
export const secretStorage = {
  get: async (k: string) => fake.secrets.get(k),
  store: async (k: string, v: string) => {
    fake.secrets.set(k, v);
    secretsChanged.fire({ key: k });
  },
  delete: async (k: string) => {
    fake.secrets.delete(k);
    secretsChanged.fire({ key: k });
  },
  onDidChange: secretsChanged.event,
};

export function extensionContext(root = '/ext') {
  return {
    subscriptions: [] as Array<{ dispose(): unknown }>,
    secrets: secretStorage,
    globalState: memento(),
    workspaceState: memento(),
    extensionUri: Uri.file(root),
    globalStorageUri: Uri.file(path.join(root, 'global-storage')),
  };
}

export function setConfig(key: string, value: unknown): void {
  fake.settings.set(key, value);
  for (const l of fake.configListeners) l({ affectsConfiguration: (s: string) => key === s || key.startsWith(`${s}.`) });
}

const vscode = {
  EventEmitter,
  MarkdownString,
  ThemeIcon,
  ThemeColor,
  TreeItem,
  TreeItemCollapsibleState,
  Uri,
  Disposable,
  StatusBarAlignment: { Left: 1, Right: 2 },
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  l10n: { t: (message: string, ...args: Args) => format(message, ...args) },
  env: {
    language: 'en',
    clipboard: {
      writeText: async (s: string) => {
        fake.clipboard.push(s);
        fake.shown.push(s);
      },
    },
    openExternal: async () => true,
  },
  window: {
    showInformationMessage: message('info'),
    showWarningMessage: message('warning'),
    showErrorMessage: message('error'),
    showInputBox: async (o: { prompt?: string; title?: string; placeHolder?: string; value?: string }) => {
      fake.shown.push(o.prompt ?? '', o.title ?? '', o.placeHolder ?? '', o.value ?? '');
      return fake.inputAnswers.shift();
    },
    showSaveDialog: async () => undefined,
    setStatusBarMessage: (s: string) => {
      fake.shown.push(s);
      return new Disposable();
    },
    withProgress: async (o: { title?: string }, task: () => Promise<unknown>) => {
      fake.shown.push(o.title ?? '');
      return task();
    },
    createOutputChannel: () => outputChannel(),
    createTreeView: () =>
      Object.assign(new Disposable(), { visible: false, message: undefined, onDidChangeVisibility: () => new Disposable(), onDidChangeSelection: () => new Disposable() }),
    createStatusBarItem: () => {
      const item = { text: '', tooltip: '', name: '', command: '', show: () => fake.shown.push(`${item.text} ${item.tooltip}`), hide: () => undefined, dispose: () => undefined };
      return item;
    },
    registerWebviewPanelSerializer: () => new Disposable(),
    createWebviewPanel: (viewType: string, title: string, column: unknown, options: Record<string, unknown>) => {
      const panel = fakeWebviewPanel(options);
      fake.panels.push({ viewType, title, column, options, panel });
      return panel;
    },
    activeTextEditor: undefined,
  },
  commands: {
    registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
      fake.commands.set(id, fn);
      return new Disposable(() => fake.commands.delete(id));
    },
    executeCommand: async (id: string, ...args: unknown[]) => fake.commands.get(id)?.(...args),
  },
  workspace: {
    getConfiguration: (section: string) => ({
      get: <T>(key: string, def?: T) => {
        const k = `${section}.${key}`;
        return fake.settings.has(k) ? (fake.settings.get(k) as T) : def;
      },
    }),
    onDidChangeConfiguration: (fn: (e: { affectsConfiguration(s: string): boolean }) => void) => {
      fake.configListeners.add(fn);
      return new Disposable(() => fake.configListeners.delete(fn));
    },
    workspaceFolders: undefined,
    fs: { copy: async () => undefined },
  },
};

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const mod = Module as unknown as { _load: Loader };
const original = mod._load;
mod._load = function (request: string, parent: unknown, isMain: boolean) {
  if (request === 'vscode') return vscode;
  return original.call(this, request, parent, isMain);
};

export default vscode;
