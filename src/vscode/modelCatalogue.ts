// The models this window offers and sends: the built-in ones and the user's sora.customModels,
// parsed when first needed and again when the setting changes. An entry with a problem is left
// out and named in one message (which entry, which key, why), shown once until the problems
// change; nothing is ever sent with it. In the lazy core bundle: it holds every family's profile.
import { makeCatalogue, type Catalogue } from '../domain/models/catalogue';
import { customModelsMessage, parseCustomModels } from '../domain/models/customModels';
import { Emitter } from '../util/emitter';

export class ModelCatalogue {
  private current: Catalogue | undefined;
  private shown: string | undefined;
  private readonly changed = new Emitter<void>();
  /** The setting changed: the composer offers the new list. */
  readonly onDidChange = this.changed.event;

  /** `read`: the setting's raw value. `warn`: tells the user what was left out. */
  constructor(
    private readonly read: () => unknown,
    private readonly warn: (message: string) => void,
  ) {}

  get(): Catalogue {
    return (this.current ??= this.load());
  }

  /** The setting changed: parsed again now, so a problem is reported while the user edits it. */
  reload(): void {
    this.current = this.load();
    this.changed.fire();
  }

  private load(): Catalogue {
    const parsed = parseCustomModels(this.read());
    const message = customModelsMessage(parsed.problems);
    if (message !== undefined && message !== this.shown) this.warn(message);
    this.shown = message;
    return makeCatalogue(parsed.profiles);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
