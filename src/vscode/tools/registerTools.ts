// Registers the language-model tools (agent mode) at activation, cheaply: each registration is a
// stub, and the tools themselves are in the lazy core bundle, loaded by the first call. They share
// the composer's engine, task store and catalogue, so a tool's task is validated, sent and listed
// exactly like one created in the composer.
import vscode = require('vscode');
import { Tools } from '../../domain/ids';
import { loadCore } from '../loadCore';
import type { ToolDeps } from './toolDeps';

export function registerTools(context: vscode.ExtensionContext, deps: ToolDeps): void {
  for (const name of Object.values(Tools)) {
    let made: vscode.LanguageModelTool<unknown> | undefined;
    const tool = (): vscode.LanguageModelTool<unknown> => (made ??= loadCore().languageModelTool(name, deps));
    context.subscriptions.push(
      vscode.lm.registerTool<unknown>(name, {
        prepareInvocation: (options, token) => tool().prepareInvocation?.(options, token),
        invoke: (options, token) => tool().invoke(options, token),
      }),
    );
  }
}
