// The API key lives in SecretStorage only. Nothing here logs, returns or displays it.
import * as vscode from 'vscode';
import { registerSecret } from '../util/log';
import { Commands, Secrets, StateKeys } from '../domain/ids';
import { t } from '../util/l10n';

const SECRET_ID = Secrets.apiKey;
/** The origin the key was set for (not secret). The key goes nowhere else without the user's yes. */
const ORIGIN_KEY = StateKeys.apiKeyOrigin;

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
    await this.secrets.delete(SECRET_ID);
    this.changed.fire();
  }

  /** True when the user declined to send the key to this origin (in this session). */
  wasRefused(origin: string): boolean {
    return this.refused.has(origin);
  }

  /**
   * The key, for a request to `origin`. If the base URL has moved since the key was set, the user
   * confirms once before the key is sent to the new origin; a no is remembered for the session.
   */
  async keyFor(origin: string): Promise<string | undefined> {
    const key = await this.get();
    if (!key) return undefined;
    const bound = this.state.get<string>(ORIGIN_KEY);
    if (bound === undefined) {
      await this.state.update(ORIGIN_KEY, origin);
      return key;
    }
    if (bound === origin) return key;
    if (this.refused.has(origin)) return undefined;
    this.asking ??= this.confirmOrigin(bound, origin).finally(() => (this.asking = undefined));
    return (await this.asking) && this.state.get<string>(ORIGIN_KEY) === origin ? key : undefined;
  }

  private async confirmOrigin(bound: string, origin: string): Promise<boolean> {
    const send = t('Send Key to {0}', origin);
    const choice = await vscode.window.showWarningMessage(
      t('Your Sora API key was set for {0}, but sora.baseUrl now points to {1}. Send the key to {1}?', bound, origin),
      { modal: true, detail: t('Only say yes if you changed the setting yourself. Otherwise run "Sora: Set API Key" again after fixing sora.baseUrl.') },
      send,
    );
    if (choice === send) {
      await this.state.update(ORIGIN_KEY, origin);
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
