// What the composer says when a submit created nothing new to watch: each outcome in words that
// name what happened to the request and what to do next.
import vscode = require('vscode');
import type { ReplyBody } from '../../shared/protocol';
import type { SubmitOutcome } from '../../engine/engine';
import { resolveEndpoints } from '../../domain/endpoints';
import { Commands } from '../../domain/ids';
import { t } from '../../util/l10n';
import { engineSettings } from '../config';
import { noLinks } from '../notifications';

type Failed = Extract<ReplyBody<'submit'>, { type: 'failed' }> & { keyRefused?: boolean };

export function failureReply(outcome: Exclude<SubmitOutcome, { kind: 'created' }>, wasRefused: (origin: string) => boolean): Failed {
  switch (outcome.kind) {
    case 'rejected':
      return { type: 'failed', message: t('The service refused task {0}: {1}', outcome.task.remoteId ?? '', outcome.message) };
    case 'unknown':
      return {
        type: 'failed',
        message: t('{0} The request may have reached the service, so it was not sent again. It is kept in the task list as "outcome unknown": retry it there, track its id, or remove it.', outcome.message),
      };
    case 'notSent':
      // 401: the key; 403: what the key may do. Either way the fix is another key.
      if (outcome.status === 401 || outcome.status === 403) {
        const message = t('{0} The service did not accept the API key, so nothing was created. Set API Key, then press Create Video again.', outcome.message);
        return { type: 'failed', message, action: 'setApiKey', keyRefused: true };
      }
      return { type: 'failed', message: t('{0} Nothing was created; your draft is still here.', outcome.message) };
    case 'noKey': {
      const origin = resolveEndpoints(engineSettings()).origin;
      return {
        type: 'failed',
        message: wasRefused(origin)
          ? t('Nothing was sent: your API key is not confirmed for {0}. Run "Sora: Set API Key" to use a key there.', origin)
          : t('No API key is set. Run "Sora: Set API Key".'),
        action: 'setApiKey',
      };
    }
  }
}

/**
 * A refused key, also as a notification: it is seen when the composer is hidden, and its Set API
 * Key runs the command. A key stored either way is used by the next Create at once (the engine asks
 * the key store for every request).
 */
export function offerSetApiKey(message: string): void {
  const setKey = t('Set API Key');
  void vscode.window.showErrorMessage(noLinks(message), setKey).then((choice) => {
    if (choice === setKey) void vscode.commands.executeCommand(Commands.setApiKey);
  });
}
