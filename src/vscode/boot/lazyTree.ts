// The Tasks view's provider at activation: a stand-in that loads the real one (and the store) the
// first time VS Code asks for the view's content, i.e. when the view is shown.
// A plain require: esbuild's ESM interop would copy every property of the API object at load.
import vscode = require('vscode');

type Provider = vscode.TreeDataProvider<string>;

export class LazyTree implements Provider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | string[] | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private sub: vscode.Disposable | undefined;

  constructor(private readonly real: () => Provider) {}

  /** Called once the real provider exists, whatever loaded it. */
  attach(real: Provider): void {
    this.sub = real.onDidChangeTreeData?.((e) => this.changed.fire(e ?? undefined));
  }

  getChildren(element?: string): vscode.ProviderResult<string[]> {
    return this.real().getChildren(element);
  }

  getTreeItem(element: string): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.real().getTreeItem(element);
  }

  getParent(element: string): vscode.ProviderResult<string> {
    return this.real().getParent?.(element);
  }

  resolveTreeItem(item: vscode.TreeItem, element: string, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    const real = this.real();
    return real.resolveTreeItem ? real.resolveTreeItem(item, element, token) : item;
  }

  dispose(): void {
    this.sub?.dispose();
    this.changed.dispose();
  }
}
