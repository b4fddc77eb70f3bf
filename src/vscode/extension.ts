// activate() registers and returns: no network, no disk access, and none of the task code. See
// src/boot/shell.ts for what loads the rest (dist/core.js) and when.
import type * as vscode from 'vscode';
import { startShell } from './boot/shell';
import { loadCore } from './boot/loadCore';

export function activate(context: vscode.ExtensionContext): void {
  startShell(context, loadCore);
}

export function deactivate(): void {}
