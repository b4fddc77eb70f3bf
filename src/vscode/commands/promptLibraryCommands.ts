// Registers the prompt library's commands cheaply: their bodies (promptLibrary.ts) are in the lazy core.
import vscode = require('vscode');
import { Commands } from '../../domain/ids';
import { loadCore } from '../loadCore';

export function registerPromptLibraryCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.clearPromptHistory, () => loadCore().clearPromptHistory(context)),
    vscode.commands.registerCommand(Commands.deletePreset, (name?: unknown) => loadCore().deletePresetCommand(context, name)),
  );
}
