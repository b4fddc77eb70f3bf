// Every string the gallery shows, translated on the host (the page has no l10n of its own).
import { t } from '../../util/l10n';
import type { GalleryStrings } from '../../shared/galleryStrings';

export function galleryWords(): GalleryStrings {
  return {
    title: t('Sora Gallery'),
    showFailed: t('Show failed'),
    filter: t('Filter…'),
    clearFilter: t('Clear Filter'),
    filteredBy: t('Filtered: {0}'),
    empty: t('No videos yet. Finished videos appear here as pictures; running tasks as placeholders.'),
    emptyFiltered: t('No task matches the filter.'),
    seconds: t('{0} s'),
    elapsed: t('{0} elapsed'),
    notSaved: t('not saved'),
    failed: t('failed'),
    gridLabel: t('Videos'),
    itemLabel: t('{0}, {1}'),
  };
}
