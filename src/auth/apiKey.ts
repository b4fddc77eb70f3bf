// The API key lives in SecretStorage only. Nothing here logs, returns or displays it.
import * as vscode from 'vscode';
import { registerSecret } from '../util/log';

const SECRET_ID = 'sora.apiKey';

export class ApiKeyStore {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private cached: string | undefined | null = null;

  constructor(private readonly secrets: vscode.SecretStorage) {
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
    await this.secrets.store(SECRET_ID, key);
    this.changed.fire();
  }

  async clear(): Promise<void> {
    this.cached = undefined;
    await this.secrets.delete(SECRET_ID);
    this.changed.fire();
  }

  /** Asks for the key; resolves true when one was stored. */
  async prompt(reason?: string): Promise<boolean> {
    const key = await vscode.window.showInputBox({
      title: vscode.l10n.t('Sora: Set API Key'),
      prompt: reason ?? vscode.l10n.t('Enter your Sora API key. It is kept in VS Code\'s secret storage and sent only to the configured service.'),
      password: true,
      ignoreFocusOut: true,
      placeHolder: vscode.l10n.t('API key'),
      validateInput: (v) => (v.trim().length === 0 ? vscode.l10n.t('The key cannot be empty.') : /\s/.test(v.trim()) ? vscode.l10n.t('The key cannot contain spaces.') : undefined),
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
    vscode.commands.registerCommand('sora.setApiKey', async () => {
      if (await keys.prompt()) void vscode.window.showInformationMessage(vscode.l10n.t('Sora API key saved.'));
    }),
    vscode.commands.registerCommand('sora.clearApiKey', async () => {
      await keys.clear();
      void vscode.window.showInformationMessage(vscode.l10n.t('Sora API key removed.'));
    }),
  );
}
