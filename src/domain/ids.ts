// Every identifier VS Code, the manifest and the stored data know the extension by. package.json
// must name the same commands, views and panels (test/unit/ids.test.ts checks it).

export const Commands = {
  createVideo: 'sora.createVideo',
  createVideoFromSelection: 'sora.createVideoFromSelection',
  setApiKey: 'sora.setApiKey',
  clearApiKey: 'sora.clearApiKey',
  refreshTasks: 'sora.refreshTasks',
  trackTask: 'sora.trackTask',
  showLog: 'sora.showLog',
  clearFinished: 'sora.clearFinished',
  openVideo: 'sora.openVideo',
  saveVideoAs: 'sora.saveVideoAs',
  openVideoUrl: 'sora.openVideoUrl',
  copyTaskId: 'sora.copyTaskId',
  copyVideoUrl: 'sora.copyVideoUrl',
  copyPrompt: 'sora.copyPrompt',
  createAgain: 'sora.createAgain',
  retrySubmit: 'sora.retrySubmit',
  removeTask: 'sora.removeTask',
  checkAgain: 'sora.checkAgain',
  openVideosFolder: 'sora.openVideosFolder',
  relistSavedVideos: 'sora.relistSavedVideos',
  showTaskDetails: 'sora.showTaskDetails',
  retryNow: 'sora.retryNow',
  copyError: 'sora.copyError',
  createFromFile: 'sora.createFromFile',
  showSpending: 'sora.showSpending',
  findTask: 'sora.findTask',
  filterTasks: 'sora.filterTasks',
  clearTaskFilter: 'sora.clearTaskFilter',
  showGallery: 'sora.showGallery',
  clearPromptHistory: 'sora.clearPromptHistory',
  deletePreset: 'sora.deletePreset',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

/** Language-model tools for agent mode (package.json languageModelTools). */
export const Tools = {
  createVideo: 'sora_createVideo',
  getTask: 'sora_getTask',
  listTasks: 'sora_listTasks',
} as const;
export type ToolName = (typeof Tools)[keyof typeof Tools];

export const Views = {
  container: 'sora',
  tasks: 'sora.tasks',
  /** The command VS Code creates for every view: reveals and focuses it. */
  tasksFocus: 'sora.tasks.focus',
} as const;

export const Panels = {
  composer: 'sora.composer',
  videoPreview: 'sora.videoPreview',
  taskDetails: 'sora.taskDetails',
  spending: 'sora.spending',
  gallery: 'sora.gallery',
} as const;

/** `when`-clause context keys the extension sets. */
export const Contexts = {
  noApiKey: 'sora.noApiKey',
  /** The list holds a completed or failed task (Clear Finished has something to do). */
  hasFinished: 'sora.hasFinished',
  /**
   * The walkthrough's steps complete on these (package.json `completionEvents: onContext:…`).
   * hasApiKey follows the key; the others only ever turn on (VS Code keeps a done step done).
   */
  hasApiKey: 'sora.hasApiKey',
  taskCreated: 'sora.taskCreated',
  videoOpened: 'sora.videoOpened',
  /** sora.defaultModel or sora.customModels changed. Not `onSettingChanged:`: VS Code counts the
   * registration of the extension's setting defaults as that event, before any change is made. */
  modelChosen: 'sora.modelChosen',
  /** The Tasks view is filtered (its Clear Filter button shows). */
  taskFilterActive: 'sora.taskFilterActive',
} as const;

export const StatusBarItems = {
  running: 'sora.running',
} as const;

/** Keys in VS Code's global state (shared by every window). */
export const StateKeys = {
  tasks: 'sora.tasks',
  lease: 'sora.poller.lease',
  composerDraft: 'sora.composer.draft',
  apiKeyOrigin: 'sora.apiKey.origin',
  apiKeyPlainHttpOrigin: 'sora.apiKey.plainHttpOrigin',
  /** The composer's prompt history and named presets: small, capped, and synced (settingsSync.ts). */
  promptHistory: 'sora.prompts.history',
  presets: 'sora.prompts.presets',
} as const;

/** The global-state keys Settings Sync carries to the user's other machines (when sora.syncPromptsAndPresets is on). */
export const SYNCED_STATE_KEYS: readonly string[] = [StateKeys.promptHistory, StateKeys.presets];

/** Keys in VS Code's workspace state (this window's workspace only). */
export const WorkspaceStateKeys = {
  taskFilter: 'sora.tasks.filter',
} as const;

export const Secrets = {
  apiKey: 'sora.apiKey',
} as const;

/** Finished tasks, one JSON line per change, in the extension's global storage folder. */
export const ARCHIVE_FILE = 'tasks-archive.jsonl';
