// The gallery's texts, named once for both sides (as strings.ts does for the composer): the host
// fills every key, translated, and the page reads them by key. Templates take `{0}`.

export const GALLERY_STRING_KEYS = [
  'title',
  'showFailed',
  'filter',
  'clearFilter',
  'filteredBy',
  'empty',
  'emptyFiltered',
  'seconds',
  'elapsed',
  'notSaved',
  'failed',
  'gridLabel',
  'itemLabel',
] as const;
export type GalleryStringKey = (typeof GALLERY_STRING_KEYS)[number];
export type GalleryStrings = Record<GalleryStringKey, string>;
