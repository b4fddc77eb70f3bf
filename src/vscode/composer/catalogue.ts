// What the composer is told about the models: the picker's options and each model's profile with
// the URL its request goes to (none while the endpoint settings are unusable; the header says why).
import type { ComposerModel, ModelOption } from '../../shared/protocol';
import type { ModelProfile } from '../../domain/models/profile';
import { resolveEndpoints } from '../../domain/endpoints';
import { engineSettings } from '../config';
import { catalogueOptions, composerModels } from './strings';

export interface ComposerCatalogue {
  models: ModelOption[];
  profiles: ComposerModel[];
}

export function composerCatalogue(profiles: readonly ModelProfile[]): ComposerCatalogue {
  let urlFor: ((path: string) => string) | undefined;
  try {
    const endpoints = resolveEndpoints(engineSettings());
    urlFor = (path) => endpoints.urlFor(path);
  } catch {
    urlFor = undefined;
  }
  return { models: catalogueOptions(profiles), profiles: composerModels(profiles, urlFor) };
}
