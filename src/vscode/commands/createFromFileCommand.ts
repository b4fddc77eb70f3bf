// Registers "Sora: Create Videos from File…" cheaply: the command itself (which checks every line
// against the model catalogue) is in the lazy core, loaded by the first run.
import vscode = require('vscode');
import { Commands } from '../../domain/ids';
import { loadCore } from '../loadCore';
import type { BatchDeps } from './createFromFile';

export function registerCreateFromFile(context: vscode.ExtensionContext, deps: BatchDeps): void {
  // From the explorer the file comes as the argument; from the palette there is none.
  context.subscriptions.push(vscode.commands.registerCommand(Commands.createFromFile, (uri?: unknown) => loadCore().createFromFile(deps, uri)));
}
