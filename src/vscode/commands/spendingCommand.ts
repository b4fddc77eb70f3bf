// Sora: Show Spending, and its panel after a reload. The panel's code is in the core bundle, loaded
// by the first use, so activation pays for the registrations only.
import vscode = require('vscode');
import { Commands, Panels } from '../../domain/ids';
import type { TaskStore } from '../../persistence/repository';
import { loadCore } from '../loadCore';

export function registerSpendingCommand(context: vscode.ExtensionContext, store: TaskStore): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showSpending, () => void loadCore().showSpending(context.extensionUri, store)),
    vscode.window.registerWebviewPanelSerializer(Panels.spending, {
      deserializeWebviewPanel: (panel) => loadCore().reviveSpending(panel, context.extensionUri, store),
    }),
  );
}
