// The one way the extension localises a string. Code below the VS Code layer cannot import
// `vscode`, so the VS Code layer installs vscode.l10n.t at activation; until then (and in unit and
// integration tests, which run without VS Code) the English text is formatted as is.
export type L10nArg = string | number | boolean;
type Translate = (message: string, ...args: L10nArg[]) => string;

/** Fills `{0}`, `{1}`, … in a template; placeholders without an argument stay as they are. */
export function format(message: string, ...args: L10nArg[]): string {
  // Most labels have no arguments (a tree of thousands of items asks for them per item).
  if (args.length === 0) return message;
  return message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

let translate: Translate = format;
// Texts a long list asks for again and again with the same argument (a 2,000-task tree's "8s"):
// the translator looks up and formats on every call, so its answer is kept until it changes.
const kept = new Map<string, string>();

/** Called once by activate(): from then on every t() goes through VS Code's l10n bundle. */
export function useTranslator(fn: Translate): void {
  translate = fn;
  kept.clear();
}

export function t(message: string, ...args: L10nArg[]): string {
  return translate(message, ...args);
}

/** What `make` (a t() call, written out for tools/l10n.ts to find) gives for `key`, made once per key and translator. */
export function keptText(key: string, make: () => string): string {
  let text = kept.get(key);
  if (text === undefined) kept.set(key, (text = make()));
  return text;
}
