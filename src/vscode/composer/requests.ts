// Two of the composer's requests, answered without touching the panel: the reference image's probe
// (a checkReference, or a submit's own check) and Copy as cURL.
import vscode = require('vscode');
import type { ReplyBody } from '../../shared/protocol';
import { isHttpUrl, MAX_REFERENCE_URL_LENGTH, MODELS, referenceCandidates, type CreateRequest } from '../../domain/request';
import type { Catalogue } from '../../domain/models/catalogue';
import type { LimitsCheck, ReferenceCheck } from '../../domain/reference';
import { curlCommand, previewInput } from '../../domain/requestPreview';
import type { SendInput } from '../../domain/taskSettings';
import { resolveEndpoints, SettingsError } from '../../domain/endpoints';
import type { ReferencePreflight } from '../../engine/preflight';
import { t } from '../../util/l10n';
import { engineSettings } from '../config';
import { checkImage } from './modelImages';
import { referenceMessage } from './strings';

/**
 * Probes the image and tells the webview, as replies to the request that asked; only a URL that
 * passes the draft rules is fetched. `model`: whose family's limits apply (Sora's when absent).
 */
export async function probeReference(
  preflight: ReferencePreflight,
  models: () => Catalogue,
  asked: { url: string; aspectRatio: string; model?: string },
  reply: (body: ReplyBody<'checkReference'>) => void,
): Promise<ReferenceCheck | LimitsCheck | undefined> {
  const { url, aspectRatio, model } = asked;
  const refs = referenceCandidates(url);
  if (refs.length !== 1 || refs[0].length > MAX_REFERENCE_URL_LENGTH || !isHttpUrl(refs[0])) return undefined;
  reply({ type: 'referenceCheck', level: 'checking', message: t('Checking the image…') });
  // Any other model's image is judged by its family's documented limits.
  const profile = model !== undefined && !(MODELS as readonly string[]).includes(model) ? models().find(model) : undefined;
  if (profile) {
    const { check: judged, message } = await checkImage(preflight, profile, refs[0], aspectRatio);
    reply({ type: 'referenceCheck', level: judged.level, message });
    return judged;
  }
  const check = await preflight.check(refs[0], aspectRatio);
  reply({ type: 'referenceCheck', level: check.level, message: referenceMessage(check, aspectRatio) });
  return check;
}

/** The draft has passed its checks (routeMessage). */
export async function copyCurl(input: SendInput, reply: (body: ReplyBody<'copyCurl'>) => void): Promise<void> {
  let preview: CreateRequest;
  try {
    preview = previewInput(resolveEndpoints(engineSettings()), input);
  } catch (e) {
    reply({ type: 'failed', message: e instanceof SettingsError ? e.message : String(e) });
    return;
  }
  await vscode.env.clipboard.writeText(curlCommand(preview));
  reply({ type: 'info', message: t('Copied the request as a cURL command. Set SORA_API_KEY in your shell before running it.') });
}
