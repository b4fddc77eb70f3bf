// vscode.l10n when running inside VS Code; a plain formatter elsewhere (unit and integration
// tests import the engine without VS Code), so core modules can localise without depending on it.
type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

function format(message: string, ...args: Array<string | number | boolean>): string {
  return message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

let translate: Translate | undefined;

export function t(message: string, ...args: Array<string | number | boolean>): string {
  if (!translate) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const vscode = require('vscode') as typeof import('vscode');
      translate = (m, ...a) => vscode.l10n.t(m, ...a);
    } catch {
      translate = format;
    }
  }
  return translate(message, ...args);
}
