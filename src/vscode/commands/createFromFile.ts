// "Sora: Create Videos from File…" (in the core bundle: it checks every line against the catalogue).
// The whole file is checked first (domain/batch.ts) and nothing is sent while any line is invalid;
// then one confirmation, then one create after another through the engine's one create path (stored
// before it leaves, never sent twice, listed in the tree), under a cancellable progress notification.
// A cancel stops further creates and keeps the ones made; a failed line is reported at the end.
import path = require('node:path');
import vscode = require('vscode');
import { batchConfirmation, batchErrorText, createButton, batchFormatOf, batchReport, MAX_BATCH_CHARS, planBatch, type BatchError, type BatchShot, type ShotOutcome } from '../../domain/batch';
import { resolveEndpoints, SettingsError } from '../../domain/endpoints';
import type { Catalogue } from '../../domain/models/catalogue';
import type { CreateSeries, SubmitOutcome, TaskEngine } from '../../engine/engine';
import { t } from '../../util/l10n';
import type { Task } from '../../domain/task';
import type { Log } from '../../util/log';
import { oneLine } from '../../util/text';
import type { ApiKeyStore } from '../apiKey';
import { defaultDraft, engineSettings } from '../config';
import { noLinks } from '../notifications';

export interface BatchDeps {
  engine(): TaskEngine;
  keys: Pick<ApiKeyStore, 'has' | 'prompt' | 'wasRefused'>;
  /** Every model, with sora.customModels. */
  models(): Catalogue;
  log: Log;
  /** A task was added to the list (reveals the tree). */
  onTaskListed(localId: string): void;
  /** Every task in the list: earlier costs make the estimate. */
  tasks?(): readonly Task[];
}

/** Errors shown in the modal; the rest are one click away ("Show All"). */
const SHOWN_ERRORS = 5;

const isBatchFile = (uri: vscode.Uri | undefined): uri is vscode.Uri => uri !== undefined && batchFormatOf(uri.path) !== undefined;

/** The explorer passes the file; the palette asks, starting at the active editor's file if it is one. */
async function chooseFile(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri && isBatchFile(arg)) return arg;
  const active = vscode.window.activeTextEditor?.document.uri;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    canSelectFolders: false,
    defaultUri: isBatchFile(active) ? active : vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { [t('Prompt files')]: ['jsonl', 'txt', 'md'] },
    openLabel: t('Create Videos'),
    title: t('Sora: Create Videos from File…'),
  });
  return picked?.[0];
}

/** A list too long for a notification, in an editor the user can read and search. */
async function showList(lines: readonly string[]): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ content: lines.join('\n'), language: 'plaintext' });
  await vscode.window.showTextDocument(doc, { preview: true });
}

async function showInvalid(name: string, errors: readonly BatchError[], valid: number): Promise<void> {
  const texts = errors.map(batchErrorText);
  const lines = errors.filter((e) => e.line > 0).length;
  const message = lines > 0 ? t('{0} of {1} lines of {2} are not valid, so nothing was sent.', lines, lines + valid, name) : t('{0}: {1} Nothing was sent.', name, texts[0]);
  // A line can be very long (a model id of 10,000 characters): the dialog shows the start of each.
  const shown = texts.slice(0, SHOWN_ERRORS).map((s) => oneLine(s, 300));
  const more = texts.length > SHOWN_ERRORS ? [t('…and {0} more.', texts.length - SHOWN_ERRORS)] : [];
  const showAll = t('Show All');
  const choice = await vscode.window.showErrorMessage(noLinks(message), { modal: true, detail: [...shown, ...more].join('\n') }, ...(lines > 0 ? [showAll] : []));
  if (choice === showAll) await showList([message, '', ...texts]);
}

/** Why one line's create made no task (undefined: it did); `stop`: the next ones would fail the same way. */
function failure(outcome: SubmitOutcome, deps: BatchDeps): { message: string; stop: boolean } | undefined {
  switch (outcome.kind) {
    case 'created':
      return undefined;
    case 'rejected':
      return { message: t('the service refused it: {0}', outcome.message), stop: false };
    case 'unknown':
      return { message: t('no answer came back ({0}); it is kept in the task list as "outcome unknown" and was not sent again.', outcome.message), stop: false };
    case 'notSent': {
      const keyRefused = outcome.status === 401 || outcome.status === 403;
      return { message: keyRefused ? t('{0} The service did not accept the API key.', outcome.message) : outcome.message, stop: keyRefused };
    }
    case 'noKey': {
      const origin = resolveEndpoints(engineSettings()).origin;
      const message = deps.keys.wasRefused(origin) ? t('your API key is not confirmed for {0}.', origin) : t('no API key is set.');
      return { message, stop: true };
    }
  }
}

async function createAll(name: string, shots: readonly BatchShot[], deps: BatchDeps): Promise<{ outcomes: ShotOutcome[]; notSent: number[]; stopped: boolean }> {
  const outcomes: ShotOutcome[] = [];
  let listed = false;
  let stopped = false;
  const title = t('Creating videos from {0}', name);
  // One series: the budget's question (budget.ts) is asked once for all the shots.
  const series: CreateSeries = {};
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    for (const [i, shot] of shots.entries()) {
      if (token.isCancellationRequested) break;
      progress.report({ message: `${i + 1}/${shots.length}`, increment: i === 0 ? 0 : 100 / shots.length });
      let outcome: SubmitOutcome;
      try {
        outcome = await deps.engine().submit(shot.input, undefined, series);
      } catch (e) {
        deps.log.warn(`batch: line ${shot.line} was not sent: ${(e as Error).message}`);
        outcomes.push({ line: shot.line, created: false, message: (e as Error).message });
        continue;
      }
      deps.log.info(`batch: line ${shot.line} (${shot.profile.id}) ended ${outcome.kind}`);
      if (outcome.kind !== 'notSent' && outcome.kind !== 'noKey' && !listed) {
        listed = true;
        deps.onTaskListed(outcome.task.localId);
      }
      const failed = failure(outcome, deps);
      outcomes.push({ line: shot.line, created: !failed, message: failed?.message });
      if (failed?.stop) {
        stopped = true;
        break;
      }
    }
  });
  const done = new Set(outcomes.map((o) => o.line));
  return { outcomes, notSent: shots.filter((s) => !done.has(s.line)).map((s) => s.line), stopped };
}

export async function createFromFile(deps: BatchDeps, arg: unknown): Promise<void> {
  const uri = await chooseFile(arg);
  if (!uri) return;
  const name = path.posix.basename(uri.path);
  const format = batchFormatOf(uri.path);
  if (!format) {
    void vscode.window.showErrorMessage(noLinks(t('{0} is not a batch file: use a .txt, .md or .jsonl file.', name)));
    return;
  }
  // The editor's text when the file is open (unsaved edits included), else the file's.
  const text = (await vscode.workspace.openTextDocument(uri)).getText();
  if (text.length > MAX_BATCH_CHARS) {
    void vscode.window.showErrorMessage(noLinks(t('{0} is too large for a batch (more than {1} characters). Nothing was sent.', name, MAX_BATCH_CHARS)));
    return;
  }
  const plan = planBatch(text, format, deps.models(), defaultDraft());
  if (!plan.ok) {
    deps.log.info(`batch: ${plan.errors.length} invalid line(s) in ${name}; nothing sent`);
    await showInvalid(name, plan.errors, plan.shots);
    return;
  }
  try {
    resolveEndpoints(engineSettings());
  } catch (e) {
    void vscode.window.showErrorMessage(noLinks(t('Nothing was sent: {0}', e instanceof SettingsError ? e.message : String(e))));
    return;
  }
  const { message, detail } = batchConfirmation(name, plan.shots, deps.tasks?.() ?? []);
  const create = createButton(plan.shots.length);
  if ((await vscode.window.showWarningMessage(noLinks(message), { modal: true, detail }, create)) !== create) return;
  if (!(await deps.keys.has()) && !(await deps.keys.prompt(t('Creating videos needs your Sora API key. It is kept in VS Code\'s secret storage.')))) {
    void vscode.window.showInformationMessage(t('No API key was entered, so nothing was sent.'));
    return;
  }
  const { outcomes, notSent, stopped } = await createAll(name, plan.shots, deps);
  const report = batchReport(name, plan.shots.length, outcomes, notSent, stopped);
  for (const p of report.problems) deps.log.info(`batch: ${p}`);
  if (report.problems.length === 0) {
    void vscode.window.showInformationMessage(noLinks(report.message));
    return;
  }
  const showAll = t('Show All');
  const first = report.problems[0] + (report.problems.length > 1 ? ` ${t('…and {0} more.', report.problems.length - 1)}` : '');
  // Not awaited: a notification stays until it is closed, and the batch is over.
  void vscode.window.showWarningMessage(noLinks(`${report.message} ${first}`), showAll).then((choice) => {
    if (choice === showAll) void showList([report.message, '', ...report.problems]);
  });
}
