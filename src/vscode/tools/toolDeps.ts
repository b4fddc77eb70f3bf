// What the language-model tools use: the same engine, store, key store and catalogue as the composer.
import type { Catalogue } from '../../domain/models/catalogue';
import type { TaskEngine } from '../../engine/engine';
import type { TaskStore } from '../../persistence/repository';
import type { Log } from '../../util/log';
import type { ApiKeyStore } from '../apiKey';

export interface ToolDeps {
  store: TaskStore;
  engine(): TaskEngine;
  keys: Pick<ApiKeyStore, 'wasRefused'>;
  /** Every model, with sora.customModels. */
  models(): Catalogue;
  log: Log;
}
