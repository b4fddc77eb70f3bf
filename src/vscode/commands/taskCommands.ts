// The actions on a task in the tree, and the view-title actions.
import vscode = require('vscode');
import type { TaskStore } from '../../persistence/repository';
import type { TaskEngine } from '../../engine/engine';
import type { Task } from '../../domain/task';
import { MAX_TASK_ID, usableTaskId } from '../../domain/endpoints';
import { videoFileName } from '../../domain/files';
import { noLinks } from '../notifications';
import { loadCore } from '../loadCore';
import { registerVideoFolderCommands } from './videoFolderCommands';
import { registerFailedTaskCommands } from './failedTaskCommands';
import { reportSubmit } from './reportSubmit';
import { Commands, Contexts } from '../../domain/ids';
import { t } from '../../util/l10n';
import { taskFromArg } from './taskArg';

const isFinal = (task: Task): boolean => task.phase === 'completed' || task.phase === 'failed';

export interface TaskCommandDeps {
  store: TaskStore;
  engine(): TaskEngine;
  showLog(): void;
}

/** The saved video's path, downloading it first (with progress) when it is not on disk yet; undefined after telling the user why. */
async function localVideo(deps: TaskCommandDeps, task: Task): Promise<string | undefined> {
  const engine = deps.engine();
  const file = await engine.downloads.localFile(task);
  if (file) return file;
  if (!task.videoUrl) {
    void vscode.window.showWarningMessage(t('This task has no video to open.'));
    return undefined;
  }
  const saved = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Downloading the video…') },
    () => engine.downloads.download(task.localId),
  );
  const downloaded = saved ? await engine.downloads.localFile(saved) : undefined;
  if (!downloaded) {
    const why = saved?.download?.error ?? t('unknown error');
    void vscode.window.showErrorMessage(noLinks(t('The video could not be saved: {0}', why)));
  }
  return downloaded;
}

/** Opens the saved video, downloading it first when it is not on disk yet. */
export async function openVideo(deps: TaskCommandDeps, task: Task, extensionUri: vscode.Uri): Promise<void> {
  const file = await localVideo(deps, task);
  // The file may have been saved since the task was read: show the latest details.
  if (file) loadCore().showVideoPreview(extensionUri, deps.store.get(task.localId) ?? task, file);
}

/**
 * Clear Finished shows in the view title only when there is something to clear (package.json
 * `when`). Store changes come in bursts while tasks are polled: one look per tick, and VS Code is
 * told only when the answer changes. Finished tasks are in the archive log, which the store reads
 * when the list is first shown (not at activation): until then the button stays hidden, as the
 * view that shows it is.
 */
function trackHasFinished(store: TaskStore): vscode.Disposable {
  let last: boolean | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    pending = undefined;
    if (!store.listed) return;
    const has = store.all().some(isFinal);
    if (has === last) return;
    last = has;
    void vscode.commands.executeCommand('setContext', Contexts.hasFinished, has);
  };
  update();
  const later = () => (pending ??= setTimeout(update, 0));
  const subs = [store.onDidChange(later), store.onDidList(later)];
  return new vscode.Disposable(() => {
    for (const sub of subs) sub.dispose();
    if (pending) clearTimeout(pending);
  });
}

export function registerTaskCommands(context: vscode.ExtensionContext, deps: TaskCommandDeps): void {
  const { store } = deps;
  context.subscriptions.push(trackHasFinished(store));
  registerVideoFolderCommands(context, store);
  registerFailedTaskCommands(context, deps);
  /** Menu commands receive the tree element (the task's local id) or a gallery item's context; nothing else is acted on. */
  const withTask = (fn: (task: Task) => unknown) => (arg?: unknown) => {
    const task = taskFromArg(store, arg);
    if (task) return fn(task);
    return undefined;
  };
  const copy = async (text: string | undefined, what: string) => {
    if (!text) return;
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(t('Copied {0}', what), 2500);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.openVideo, withTask((task) => openVideo(deps, task, context.extensionUri))),
    vscode.commands.registerCommand(
      Commands.saveVideoAs,
      withTask(async (task) => {
        const target = await vscode.window.showSaveDialog({
          defaultUri: vscode.Uri.file(videoFileName(task.remoteId ?? task.localId)),
          filters: { [t('MP4 video')]: ['mp4'] },
        });
        if (!target) return;
        const file = await localVideo(deps, task);
        if (!file) return;
        // Replacing is the user's choice here: the save dialog itself asks before it returns a file
        // that exists. (Automatic downloads never replace a file: see src/http/download.ts.)
        if (target.fsPath !== file) await vscode.workspace.fs.copy(vscode.Uri.file(file), target, { overwrite: true });
        void vscode.window.showInformationMessage(noLinks(t('Saved the video to {0}', target.fsPath)));
      }),
    ),
    vscode.commands.registerCommand(
      Commands.openVideoUrl,
      withTask((task) => {
        if (task.videoUrl && /^https?:\/\//i.test(task.videoUrl)) void vscode.env.openExternal(vscode.Uri.parse(task.videoUrl, true));
      }),
    ),
    vscode.commands.registerCommand(Commands.copyTaskId, withTask((task) => copy(task.remoteId, t('the task id')))),
    vscode.commands.registerCommand(Commands.copyVideoUrl, withTask((task) => copy(task.videoUrl, t('the video URL')))),
    vscode.commands.registerCommand(Commands.copyPrompt, withTask((task) => copy(task.settings.prompt, t('the prompt')))),
    vscode.commands.registerCommand(
      Commands.removeTask,
      withTask(async (task) => {
        if (task.phase === 'active' || task.phase === 'submitting') {
          const remove = t('Remove');
          const ok = await vscode.window.showWarningMessage(
            t('This task is still running at the service. Remove it from the list anyway? The service has no way to cancel it.'),
            { modal: true },
            remove,
          );
          if (ok !== remove) return;
        }
        await store.remove([task.localId]);
      }),
    ),
    vscode.commands.registerCommand(
      Commands.retrySubmit,
      withTask(async (task) => {
        const retry = t('Send Again');
        const ok = await vscode.window.showWarningMessage(
          t('The first request may already have created a task (and been charged). Send it again anyway?'),
          { modal: true },
          retry,
        );
        if (ok !== retry) return;
        reportSubmit(await deps.engine().retry(task.localId));
      }),
    ),
    vscode.commands.registerCommand(Commands.clearFinished, async () => {
      const finished = store.all().filter(isFinal);
      if (finished.length === 0) {
        void vscode.window.showInformationMessage(t('There are no finished tasks to clear.'));
        return;
      }
      // The list may hold the only record of which file came from which prompt: ask, and say the
      // paid-for files themselves are not touched.
      const clear = t('Clear');
      const question = finished.length === 1 ? t('Remove 1 finished task from the list?') : t('Remove {0} finished tasks from the list?', finished.length);
      const ok = await vscode.window.showWarningMessage(question, { modal: true, detail: t('The saved video files stay in the download folder: Show Saved Videos and Open Videos Folder find them.') }, clear);
      if (ok !== clear) return;
      await store.remove(finished.map((task) => task.localId));
    }),
    vscode.commands.registerCommand(Commands.refreshTasks, () => deps.engine().poller.refresh()),
    // A task needing attention is checked only when asked; an answer other than 401/403/404 (or
    // its status) puts it back on the schedule.
    vscode.commands.registerCommand(Commands.checkAgain, withTask((task) => deps.engine().poller.pollSoon(task.localId))),
    vscode.commands.registerCommand(Commands.trackTask, async (arg?: unknown) => {
      const draft = taskFromArg(store, arg);
      const badId = t('Enter a task id of at most {0} characters (not empty, no control characters, not "." or "..").', MAX_TASK_ID);
      const id = await vscode.window.showInputBox({
        title: t('Sora: Track Existing Task'),
        prompt: t('The id of a task created elsewhere, for example sora_abc123def456.'),
        ignoreFocusOut: true,
        // The length counts before trimming: an over-long id is refused, never cut into another id.
        validateInput: (v) => (usableTaskId(v) !== undefined ? undefined : badId),
      });
      if (!id) return;
      const usable = usableTaskId(id);
      if (usable === undefined) {
        void vscode.window.showErrorMessage(badId);
        return;
      }
      await deps.engine().track(usable, draft?.phase === 'unknown' ? draft.localId : undefined);
    }),
    vscode.commands.registerCommand(Commands.showLog, () => deps.showLog()),
  );
}
