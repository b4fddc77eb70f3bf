// How a create ended, told the same way by every command that sends one.
import vscode = require('vscode');
import type { SubmitOutcome } from '../../engine/engine';
import { Commands } from '../../domain/ids';
import { t } from '../../util/l10n';
import { noLinks } from '../notifications';

/**
 * Tells the user how a create ended, the same way for every command that sends one. No key (or
 * the key is not to go to this address) runs Set API Key; a key the service refused offers it.
 */
export function reportSubmit(outcome: SubmitOutcome): void {
  switch (outcome.kind) {
    case 'created':
      void vscode.window.showInformationMessage(noLinks(t('Task {0} created.', outcome.task.remoteId ?? '')));
      return;
    case 'noKey':
      void vscode.commands.executeCommand(Commands.setApiKey);
      return;
    case 'notSent': {
      if (outcome.status !== 401 && outcome.status !== 403) {
        void vscode.window.showErrorMessage(noLinks(t('{0} Nothing was created.', outcome.message)));
        return;
      }
      const setKey = t('Set API Key');
      void vscode.window.showErrorMessage(noLinks(t('{0} Nothing was created.', outcome.message)), setKey).then((choice) => {
        if (choice === setKey) void vscode.commands.executeCommand(Commands.setApiKey);
      });
      return;
    }
    case 'rejected':
      void vscode.window.showErrorMessage(noLinks(t('The service refused task {0}: {1}', outcome.task.remoteId ?? '', outcome.message)));
      return;
    case 'unknown':
      void vscode.window.showWarningMessage(
        noLinks(t('{0} The request may have reached the service, so it was not sent again. It is kept in the task list as "outcome unknown": retry it there, track its id, or remove it.', outcome.message)),
      );
      return;
  }
}
