// Sora: Show Gallery, and its panel after a reload. The panel's code is in the core bundle, loaded
// by the first use, so activation pays for the registrations only.
import vscode = require('vscode');
import { Commands, Panels } from '../../domain/ids';
import type { GalleryDeps } from '../gallery/galleryPanel';
import { loadCore } from '../loadCore';

export function registerGalleryCommand(context: vscode.ExtensionContext, deps: GalleryDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showGallery, () => void loadCore().showGallery(deps)),
    vscode.window.registerWebviewPanelSerializer(Panels.gallery, {
      deserializeWebviewPanel: (panel) => loadCore().reviveGallery(panel, deps),
    }),
  );
}
