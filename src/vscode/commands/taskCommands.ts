// The actions on a task in the tree, and the view-title actions.
import * as vscode from 'vscode';
import type { TaskStore } from '../../persistence/repository';
import type { TaskEngine } from '../../engine/engine';
import type { Task } from '../../domain/task';
import { isUsableTaskId } from '../../domain/endpoints';
import { videoFileName } from '../../domain/files';
import { noLinks } from '../notifications';
import { showVideoPreview } from '../preview/videoPanel';

export interface TaskCommandDeps {
  store: TaskStore;
  engine(): TaskEngine;
  showLog(): void;
}

/** Opens the saved video, downloading it first when it is not on disk yet. */
export async function openVideo(deps: TaskCommandDeps, task: Task, extensionUri: vscode.Uri): Promise<void> {
  const engine = deps.engine();
  let file = await engine.downloads.localFile(task);
  if (!file) {
    if (!task.videoUrl) {
      void vscode.window.showWarningMessage(vscode.l10n.t('This task has no video to open.'));
      return;
    }
    const saved = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading the video…') },
      () => engine.downloads.download(task.localId),
    );
    file = saved ? await engine.downloads.localFile(saved) : undefined;
    if (!file) {
      const why = saved?.download?.error ?? vscode.l10n.t('unknown error');
      void vscode.window.showErrorMessage(noLinks(vscode.l10n.t('The video could not be saved: {0}', why)));
      return;
    }
  }
  // The file may have been saved since the task was read: show the latest details.
  showVideoPreview(extensionUri, deps.store.get(task.localId) ?? task, file);
}

export function registerTaskCommands(context: vscode.ExtensionContext, deps: TaskCommandDeps): void {
  const { store } = deps;
  /** Menu commands receive the tree element (the task's local id); nothing else is acted on. */
  const withTask = (fn: (t: Task) => unknown) => (arg?: unknown) => {
    const task = typeof arg === 'string' ? store.get(arg) : undefined;
    if (task) return fn(task);
    return undefined;
  };
  const copy = async (text: string | undefined, what: string) => {
    if (!text) return;
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', what), 2500);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('sora.openVideo', withTask((t) => openVideo(deps, t, context.extensionUri))),
    vscode.commands.registerCommand(
      'sora.saveVideoAs',
      withTask(async (t) => {
        const target = await vscode.window.showSaveDialog({
          defaultUri: vscode.Uri.file(videoFileName(t.remoteId ?? t.localId)),
          filters: { [vscode.l10n.t('MP4 video')]: ['mp4'] },
        });
        if (!target) return;
        let file = await deps.engine().downloads.localFile(t);
        if (!file) {
          const saved = await deps.engine().downloads.download(t.localId);
          file = saved ? await deps.engine().downloads.localFile(saved) : undefined;
        }
        if (!file) {
          void vscode.window.showErrorMessage(noLinks(vscode.l10n.t('The video could not be saved: {0}', store.get(t.localId)?.download?.error ?? '')));
          return;
        }
        await vscode.workspace.fs.copy(vscode.Uri.file(file), target, { overwrite: true });
        void vscode.window.showInformationMessage(noLinks(vscode.l10n.t('Saved the video to {0}', target.fsPath)));
      }),
    ),
    vscode.commands.registerCommand(
      'sora.openVideoUrl',
      withTask((t) => {
        if (t.videoUrl && /^https?:\/\//i.test(t.videoUrl)) void vscode.env.openExternal(vscode.Uri.parse(t.videoUrl, true));
      }),
    ),
    vscode.commands.registerCommand('sora.copyTaskId', withTask((t) => copy(t.remoteId, vscode.l10n.t('the task id')))),
    vscode.commands.registerCommand('sora.copyVideoUrl', withTask((t) => copy(t.videoUrl, vscode.l10n.t('the video URL')))),
    vscode.commands.registerCommand('sora.copyPrompt', withTask((t) => copy(t.settings.prompt, vscode.l10n.t('the prompt')))),
    vscode.commands.registerCommand(
      'sora.removeTask',
      withTask(async (t) => {
        if (t.phase === 'active' || t.phase === 'submitting') {
          const remove = vscode.l10n.t('Remove');
          const ok = await vscode.window.showWarningMessage(
            vscode.l10n.t('This task is still running at the service. Remove it from the list anyway? The service has no way to cancel it.'),
            { modal: true },
            remove,
          );
          if (ok !== remove) return;
        }
        await store.remove([t.localId]);
      }),
    ),
    vscode.commands.registerCommand(
      'sora.retrySubmit',
      withTask(async (t) => {
        const retry = vscode.l10n.t('Send Again');
        const ok = await vscode.window.showWarningMessage(
          vscode.l10n.t('The first request may already have created a task (and been charged). Send it again anyway?'),
          { modal: true },
          retry,
        );
        if (ok !== retry) return;
        const outcome = await deps.engine().retry(t.localId);
        if (outcome.kind === 'created') void vscode.window.showInformationMessage(noLinks(vscode.l10n.t('Task {0} created.', outcome.task.remoteId ?? '')));
        else if (outcome.kind === 'noKey') void vscode.commands.executeCommand('sora.setApiKey');
        else void vscode.window.showErrorMessage(noLinks('message' in outcome ? outcome.message : ''));
      }),
    ),
    vscode.commands.registerCommand('sora.clearFinished', async () => {
      const finished = store.all().filter((t) => t.phase === 'completed' || t.phase === 'failed');
      await store.remove(finished.map((t) => t.localId));
    }),
    vscode.commands.registerCommand('sora.refreshTasks', () => deps.engine().poller.refresh()),
    vscode.commands.registerCommand('sora.trackTask', async (arg?: unknown) => {
      const draft = typeof arg === 'string' ? store.get(arg) : undefined;
      const id = await vscode.window.showInputBox({
        title: vscode.l10n.t('Sora: Track Existing Task'),
        prompt: vscode.l10n.t('The id of a task created elsewhere, for example sora_abc123def456.'),
        ignoreFocusOut: true,
        validateInput: (v) => (isUsableTaskId(v.trim()) ? undefined : vscode.l10n.t('Enter a task id (not empty, no control characters, not "." or "..").')),
      });
      if (!id) return;
      await deps.engine().track(id, draft?.phase === 'unknown' ? draft.localId : undefined);
    }),
    vscode.commands.registerCommand('sora.showLog', () => deps.showLog()),
  );
}
