// The API key lives in SecretStorage only. Nothing here logs, returns or displays it.
import vscode = require('vscode');
import { registerSecret } from '../util/log';
import { Commands, Secrets, StateKeys } from '../domain/ids';
import { t } from '../util/l10n';
import { sendsKeyInClear } from '../domain/endpoints';

const SECRET_ID = Secrets.apiKey;
/** The origin the key was set for (not secret). The key goes nowhere else without the user's yes. */
const ORIGIN_KEY = StateKeys.apiKeyOrigin;
/** The plain-HTTP origin (not this machine) the user agreed to send the key to, unencrypted. */
const PLAIN_HTTP_KEY = StateKeys.apiKeyPlainHttpOrigin;

export class ApiKeyStore {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private cached: string | undefined | null = null;
  private readonly refused = new Set<string>();
  private asking: Promise<boolean> | undefined;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
    /** The origin of the configured base URL, or undefined when the setting is unusable. */
    private readonly currentOrigin: () => string | undefined,
  ) {
    secrets.onDidChange((e) => {
      if (e.key === SECRET_ID) {
        this.cached = null;
        this.changed.fire();
      }
    });
  }

  async get(): Promise<string | undefined> {
    if (this.cached === null) {
      this.cached = (await this.secrets.get(SECRET_ID)) || undefined;
      registerSecret(this.cached);
    }
    return this.cached;
  }

  async has(): Promise<boolean> {
    return (await this.get()) !== undefined;
  }

  async set(key: string): Promise<void> {
    registerSecret(key);
    this.cached = key;
    await this.state.update(ORIGIN_KEY, this.currentOrigin());
    this.refused.clear();
    await this.secrets.store(SECRET_ID, key);
    this.changed.fire();
  }

  async clear(): Promise<void> {
    this.cached = undefined;
    await this.state.update(ORIGIN_KEY, undefined);
    await this.state.update(PLAIN_HTTP_KEY, undefined);
    await this.secrets.delete(SECRET_ID);
    this.changed.fire();
  }

  /** True when the user declined to send the key to this origin (in this session). */
  wasRefused(origin: string): boolean {
    return this.refused.has(origin);
  }

  /**
   * The key, for a request to `origin`. If the base URL has moved since the key was set, or it is
   * plain HTTP to another machine, the user confirms once before the key goes there; a no is
   * remembered for the session and sends nothing.
   */
  async keyFor(origin: string): Promise<string | undefined> {
    const key = await this.get();
    if (!key) return undefined;
    if (this.allowed(origin)) {
      if (this.state.get<string>(ORIGIN_KEY) === undefined) await this.state.update(ORIGIN_KEY, origin);
      return key;
    }
    if (this.refused.has(origin)) return undefined;
    this.asking ??= this.confirm(origin).finally(() => (this.asking = undefined));
    return (await this.asking) && this.allowed(origin) ? key : undefined;
  }

  /** The key may go to `origin` without asking: it is bound there (or nowhere yet), and plain HTTP to another machine was agreed to. */
  private allowed(origin: string): boolean {
    const bound = this.state.get<string>(ORIGIN_KEY);
    if (bound !== undefined && bound !== origin) return false;
    return !sendsKeyInClear(origin) || this.state.get<string>(PLAIN_HTTP_KEY) === origin;
  }

  private async confirm(origin: string): Promise<boolean> {
    const bound = this.state.get<string>(ORIGIN_KEY);
    const moved = bound !== undefined && bound !== origin;
    const inClear = sendsKeyInClear(origin);
    const send = inClear ? t('Send Key Unencrypted') : t('Send Key to {0}', origin);
    const question = !inClear
      ? t('Your Sora API key was set for {0}, but sora.baseUrl now points to {1}. Send the key to {1}?', bound ?? '', origin)
      : moved
        ? t('Your Sora API key was set for {0}, but sora.baseUrl now points to {1}, over plain HTTP. The key would travel unencrypted: anyone on the network path could read it and use it. Send it to {1}?', bound, origin)
        : t('sora.baseUrl points to {0} over plain HTTP. Your Sora API key would travel unencrypted: anyone on the network path could read it and use it. Send it to {0}?', origin);
    const detail = inClear
      ? t('Use an https:// address if the service has one. Plain HTTP is safe only to this computer (localhost, 127.0.0.1, ::1).')
      : t('Only say yes if you changed the setting yourself. Otherwise run "Sora: Set API Key" again after fixing sora.baseUrl.');
    const choice = await vscode.window.showWarningMessage(question, { modal: true, detail }, send);
    if (choice === send) {
      await this.state.update(ORIGIN_KEY, origin);
      if (inClear) await this.state.update(PLAIN_HTTP_KEY, origin);
      return true;
    }
    this.refused.add(origin);
    return false;
  }

  /** Asks for the key; resolves true when one was stored. */
  async prompt(reason?: string): Promise<boolean> {
    const key = await vscode.window.showInputBox({
      title: t('Sora: Set API Key'),
      prompt: reason ?? t('Enter your Sora API key. It is kept in VS Code\'s secret storage and sent only to the configured service.'),
      password: true,
      ignoreFocusOut: true,
      placeHolder: t('API key'),
      validateInput: (v) => (v.trim().length === 0 ? t('The key cannot be empty.') : /\s/.test(v.trim()) ? t('The key cannot contain spaces.') : undefined),
    });
    if (key === undefined || key.trim() === '') return false;
    await this.set(key.trim());
    return true;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerApiKeyCommands(context: vscode.ExtensionContext, keys: ApiKeyStore): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.setApiKey, async () => {
      if (await keys.prompt()) void vscode.window.showInformationMessage(t('Sora API key saved.'));
    }),
    vscode.commands.registerCommand(Commands.clearApiKey, async () => {
      await keys.clear();
      void vscode.window.showInformationMessage(t('Sora API key removed.'));
    }),
  );
}
