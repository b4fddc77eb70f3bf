// The first-run walkthrough (package.json `contributes.walkthroughs`) ticks a step off when its
// context key turns true (`completionEvents: onContext:…`). VS Code remembers a ticked step, so a
// key that marks an event is set once per window and never turned off.
import vscode = require('vscode');
import type { Contexts } from '../domain/ids';

type StepEvent = typeof Contexts.taskCreated | typeof Contexts.videoOpened | typeof Contexts.modelChosen;

const happened = new Set<StepEvent>();

/** Tells VS Code that the walkthrough's event happened (a task created, a video opened, a model chosen). */
export function walkthroughEvent(key: StepEvent): void {
  if (happened.has(key)) return;
  happened.add(key);
  void vscode.commands.executeCommand('setContext', key, true);
}

/** For tests: forget what happened, as a new window would. */
export function resetWalkthroughEvents(): void {
  happened.clear();
}
