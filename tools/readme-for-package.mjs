// The README as packaged: relative images (docs/screenshots/…) are dropped, with their alt text kept
// as a plain line, so the .vsix stays small and vsce needs no repository URL. Absolute images stay.
const RELATIVE_IMAGE = /!\[([^\]]*)\]\((?![a-z][a-z0-9+.-]*:)[^)]*\)/gi;
/** A line of only relative images (a screenshot row) disappears whole. */
const IMAGE_ONLY_LINE = /^[ \t|]*(?:!\[[^\]]*\]\((?![a-z][a-z0-9+.-]*:)[^)]*\)[ \t|]*)+$/gim;

export function readmeForPackage(text) {
  return text.replace(IMAGE_ONLY_LINE, '').replace(RELATIVE_IMAGE, (_m, alt) => alt).replace(/\n{3,}/g, '\n\n');
}
