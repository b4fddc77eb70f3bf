// The composer panel on the host side: one at a time, every message parsed and every draft
// re-validated here before anything is sent. Every answer to a webview request carries its id.
import vscode = require('vscode');
import { draftSchema, type Draft, type FromHost, type ReplyBody, type RequestType } from '../../shared/protocol';
import type { DraftInput } from '../../domain/request';
import { imagesProblem } from './modelImages';
import { routeMessage } from './messages';
import type { SendInput } from '../../domain/taskSettings';
import { makeCatalogue, type Catalogue } from '../../domain/models/catalogue';
import { composerHtml } from './html';
import { composerStrings, draftErrorMessage, referenceMessage } from './strings';
import { composerCatalogue, type ComposerCatalogue } from './catalogue';
import { fieldErrorMessage, fieldMessageTemplates } from '../../domain/models/messages';
import { ReferencePreflight } from '../../engine/preflight';
import type { ReferenceCheck } from '../../domain/reference';
import { defaultDraft, engineSettings } from '../config';
import { resolveEndpoints, SettingsError } from '../../domain/endpoints';
import type { TaskEngine } from '../../engine/engine';
import type { ApiKeyStore } from '../apiKey';
import type { TaskStore } from '../../persistence/repository';
import { TaskWatch } from './taskWatch';
import { sendVariations } from './variations';
import { copyCurl, probeReference } from './requests';
import type { Log } from '../../util/log';
import { Panels, StateKeys } from '../../domain/ids';
import { t } from '../../util/l10n';
import { promptStoreFor, type PromptStore } from '../../persistence/promptStore';
import { askAndSavePreset, libraryPayload } from './library';

export const COMPOSER_VIEW_TYPE = Panels.composer;
const DRAFT_KEY = StateKeys.composerDraft;

export interface ComposerDeps {
  context: vscode.ExtensionContext;
  engine(): TaskEngine;
  keys: ApiKeyStore;
  /** The task list, so the status line can follow the task it announced. */
  store: Pick<TaskStore, 'onDidChange' | 'get' | 'all'>;
  log: Log;
  /** A task was created or kept (unknown outcome): show it. */
  onTaskListed(localId: string): void;
  /** Every model, with sora.customModels; the built-in ones when absent. */
  models?(): Catalogue;
  /** The catalogue changed (sora.customModels was edited): the open composer is sent the new one. */
  onModelsChanged?(listener: () => void): vscode.Disposable;
}

export class ComposerPanel implements vscode.Disposable {
  private static current: ComposerPanel | undefined;
  private pendingDraft: Draft | undefined;
  /** The submit being worked on; a reloaded webview is told, so it keeps waiting for the outcome. */
  private running: { requestId: string; draft: Draft } | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private readonly preflight: ReferencePreflight;
  private readonly watch: TaskWatch;
  /** The prompt history and presets (global state, shared with the commands that clear them). */
  private readonly library: PromptStore;

  /** Opens the composer, or reveals it; a draft (selection, create again) replaces the form. */
  static show(deps: ComposerDeps, draft?: Draft): void {
    const cur = ComposerPanel.current;
    if (cur) {
      cur.panel.reveal(undefined, false);
      if (draft) {
        // A hidden webview reloads on reveal and may miss setDraft; its next `ready` gets this.
        cur.pendingDraft = draft;
        cur.post({ type: 'setDraft', draft });
      }
      // Revealing focuses the page, not the prompt: the caret would stay wherever it was last.
      cur.post({ type: 'focus' });
      return;
    }
    const assets = vscode.Uri.joinPath(deps.context.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(COMPOSER_VIEW_TYPE, t('Create a video'), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [assets],
      enableFindWidget: false,
    });
    ComposerPanel.current = new ComposerPanel(panel, deps, draft);
  }

  static revive(panel: vscode.WebviewPanel, deps: ComposerDeps): void {
    ComposerPanel.current?.dispose();
    const assets = vscode.Uri.joinPath(deps.context.extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [assets] };
    ComposerPanel.current = new ComposerPanel(panel, deps, undefined);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: ComposerDeps,
    draft: Draft | undefined,
  ) {
    this.pendingDraft = draft;
    this.library = promptStoreFor(deps.context.globalState);
    this.preflight = new ReferencePreflight({
      proxy: () => engineSettings().proxy,
      timeoutMs: () => engineSettings().timeoutMs,
      log: deps.log,
    });
    const assets = vscode.Uri.joinPath(deps.context.extensionUri, 'dist', 'webview');
    panel.iconPath = vscode.Uri.joinPath(deps.context.extensionUri, 'media', 'sora.svg');
    panel.webview.html = composerHtml(panel.webview, assets, vscode.env.language);
    this.watch = new TaskWatch(deps.store, (taskId, message) => this.post({ type: 'taskProgress', taskId, message }));
    this.subs.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m) => void this.receive(m)),
      // Set or cleared here, by a command, or in another window (secret storage tells every window).
      deps.keys.onDidChange(() => void this.deps.keys.has().then((hasKey) => this.post({ type: 'keyState', hasKey }))),
      this.watch,
      this.library.onDidChange(() => this.post({ type: 'library', ...libraryPayload(this.library) })),
    );
    if (deps.onModelsChanged) this.subs.push(deps.onModelsChanged(() => this.post({ type: 'catalogue', ...this.catalogue() })));
  }

  private models(): Catalogue {
    return this.deps.models?.() ?? makeCatalogue();
  }

  /** The picker's options and every model's profile, for `init` and the `catalogue` push. */
  private catalogue(): ComposerCatalogue {
    return composerCatalogue(this.models().profiles);
  }

  /** The key prompt took the focus: give it back to the page, which puts it on the right control. */
  private refocus(): void {
    this.panel.reveal(undefined, false);
  }

  private post(message: FromHost): void {
    void this.panel.webview.postMessage(message);
  }

  /** How the host answers one request: only the replies the protocol allows for its kind. */
  private replier<K extends RequestType>(_kind: K, requestId: string): (body: ReplyBody<K>) => void {
    return (body) => this.post({ ...(body as object), requestId } as FromHost);
  }

  private rememberedDraft(): Draft {
    const saved = this.deps.context.globalState.get<DraftInput>(DRAFT_KEY);
    const base = defaultDraft();
    if (!saved || typeof saved !== 'object') return base;
    // Any model's draft as it was left, its fields included.
    const whole = draftSchema.safeParse(saved);
    if (whole.success) return whole.data;
    // Only what still passes the rules is reused; a stale value falls back to the setting.
    const check = (k: keyof DraftInput) => (typeof saved[k] === typeof base[k] ? saved[k] : base[k]);
    return { prompt: String(check('prompt')), model: String(check('model')), aspectRatio: String(check('aspectRatio')), seconds: Number(check('seconds')), referenceImage: String(check('referenceImage')) };
  }

  /** Where Create sends, for the form's header and the request preview; or why the settings are unusable. */
  private endpoint(): { label: string; createUrl?: string } {
    try {
      const { createUrl } = resolveEndpoints(engineSettings());
      return { label: createUrl, createUrl };
    } catch (e) {
      return { label: (e as Error).message };
    }
  }

  private receive(raw: unknown): Promise<void> {
    return routeMessage(raw, {
      dropped: (summary) => this.deps.log.warn(`composer: dropped a message that does not match the protocol: ${summary}`),
      ready: async () => {
        const endpoint = this.endpoint();
        this.post({
          type: 'init',
          draft: this.pendingDraft ?? this.rememberedDraft(),
          strings: composerStrings(),
          fieldTemplates: fieldMessageTemplates(),
          ...this.catalogue(),
          hasKey: await this.deps.keys.has(),
          endpoint: endpoint.label,
          createUrl: endpoint.createUrl,
          submitting: this.running,
          ...libraryPayload(this.library),
        });
        this.pendingDraft = undefined;
      },
      draftChanged: async (draft) => {
        this.pendingDraft = undefined;
        await this.deps.context.globalState.update(DRAFT_KEY, draft);
      },
      findModel: (id) => this.models().find(id),
      invalidFields: (errors, profile, request) => {
        this.deps.log.info(`composer: refused an invalid ${profile.id} draft (${errors.map((e) => `${e.field}:${e.code}`).join(', ')})`);
        const message = (e: (typeof errors)[number]) => fieldErrorMessage(e, profile);
        this.replier(request.kind, request.requestId)({
          type: 'invalid',
          errors: errors.filter((e) => e.field === 'prompt').map((e) => ({ field: 'prompt' as const, message: message(e) })),
          modelErrors: errors.filter((e) => e.field !== 'prompt').map((e) => ({ key: e.field, message: message(e) })),
        });
      },
      invalid: (errors, request) => {
        this.deps.log.info(`composer: refused an invalid draft (${errors.map((e) => e.code).join(', ')})`);
        this.replier(request.kind, request.requestId)({ type: 'invalid', errors: errors.map((e) => ({ field: e.field, message: draftErrorMessage(e.code) })) });
      },
      submit: (settings, draft, requestId, count) => this.submit(settings, draft, requestId, count),
      checkReference: async (url, aspectRatio, requestId, model) => {
        const reply = this.replier('checkReference', requestId);
        if (!(await probeReference(this.preflight, () => this.models(), { url, aspectRatio, model }, reply))) reply({ type: 'done' });
      },
      copyCurl: (input, requestId) => copyCurl(input, this.replier('copyCurl', requestId)),
      setApiKey: async (requestId) => {
        const saved = await this.deps.keys.prompt();
        this.refocus();
        this.replier('setApiKey', requestId)(saved ? { type: 'info', message: t('API key saved. Create Video now sends with it.') } : { type: 'done' });
      },
      savePreset: async (draft, requestId) => {
        await askAndSavePreset(this.library, draft, this.replier('savePreset', requestId));
        this.refocus();
      },
    });
  }

  private async submit(input: SendInput, draft: Draft, requestId: string, count: number): Promise<void> {
    const reply = this.replier('submit', requestId);
    // One request at a time; the webview keeps Create disabled meanwhile, so this is only a guard.
    if (this.running) return reply({ type: 'done' });
    try {
      resolveEndpoints(engineSettings());
    } catch (e) {
      reply({ type: 'failed', message: e instanceof SettingsError ? e.message : String(e) });
      return;
    }
    this.running = { requestId, draft };
    try {
      const settings = 'profile' in input ? undefined : input;
      if ('profile' in input) {
        const problem = await imagesProblem(this.preflight, input);
        if (problem) {
          this.deps.log.info(`composer: refused a draft whose ${problem.key} does not meet ${input.profile.family}'s image limits`);
          reply({ type: 'invalid', errors: [], modelErrors: [problem] });
          return;
        }
      }
      if (settings?.referenceImage) {
        // The service rejects a reference of the wrong size or orientation (and may charge for it):
        // say so before anything is sent. An image we cannot reach is only a warning.
        const ref = (await probeReference(this.preflight, () => this.models(), { url: draft.referenceImage, aspectRatio: settings.aspectRatio }, reply)) as ReferenceCheck | undefined;
        if (ref?.level === 'error') {
          this.deps.log.info(`composer: refused a draft whose reference image does not fit (${ref.code})`);
          reply({ type: 'invalid', errors: [{ field: 'referenceImage', message: referenceMessage(ref, settings.aspectRatio) }] });
          return;
        }
      }
      if (!(await this.deps.keys.has())) {
        const got = await this.deps.keys.prompt(t('Creating a video needs your Sora API key. It is kept in VS Code\'s secret storage.'));
        this.refocus();
        if (!got) {
          reply({ type: 'failed', message: t('No API key was entered, so nothing was sent. Set API Key, then press Create Video again.'), action: 'setApiKey' });
          return;
        }
      }
      await sendVariations(
        {
          engine: () => this.deps.engine(),
          tasks: () => this.deps.store.all(),
          keys: this.deps.keys,
          refocus: () => this.refocus(),
          onTaskListed: (localId) => this.deps.onTaskListed(localId),
          created: async (last, message) => {
            this.watch.follow(last, message);
            // The history is a convenience: a storage fault must not turn a created task into an error.
            await this.library.record(draft.prompt).catch((e: unknown) => this.deps.log.warn(`composer: the prompt was not added to the history: ${String(e)}`));
            await this.deps.context.globalState.update(DRAFT_KEY, { ...draft, prompt: '' });
          },
        },
        input,
        count,
        reply,
      );
    } catch (e) {
      this.deps.log.error(`composer: submit failed: ${(e as Error).stack ?? String(e)}`);
      reply({ type: 'failed', message: (e as Error).message });
    } finally {
      this.running = undefined;
    }
  }

  dispose(): void {
    if (ComposerPanel.current === this) ComposerPanel.current = undefined;
    for (const s of this.subs) s.dispose();
    this.preflight.dispose();
    this.panel.dispose();
  }
}
