// Counting and cutting text as a person reads it: an emoji, a flag or a letter with its accents is
// one character, and no label or message ever ends in half of one. The prompt counter, the prompt
// limit and every shortened label use these, so they agree with each other and with the user.
// Made on first use: creating a Segmenter loads ICU's break data, about 12 ms, and most texts are
// plain enough (SIMPLE) never to need it; at module load it was most of the activation time.
let made: Intl.Segmenter | undefined;
const graphemes = (s: string) => (made ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(s);

// Below U+0300 (where combining marks start) and without CR (CR LF is one character), every code
// unit is a character: most text takes this path.
const SIMPLE = /^[\u0000-\u000c\u000e-\u02ff]*$/;

/** How many characters a person sees in `s`. */
export function charCount(s: string): number {
  if (SIMPLE.test(s)) return s.length;
  let n = 0;
  for (const _ of graphemes(s)) n++;
  return n;
}

/** Whether `s` has more than `max` characters, reading no further than needed (texts from the service or the webview can be long). */
export function longerThan(s: string, max: number): boolean {
  if (s.length <= max) return false;
  // Plain units are a character each (none joins the one before), so max + 1 of them decide.
  if (SIMPLE.test(s.slice(0, max + 1))) return true;
  let n = 0;
  for (const _ of graphemes(s)) if (++n > max) return true;
  return false;
}

/** The first `max` characters of `s`, never half of one. */
export function headChars(s: string, max: number): string {
  if (max <= 0) return '';
  // The unit after the cut plain too: it starts a character of its own, so the cut splits none.
  if (SIMPLE.test(s.slice(0, max + 1))) return s.slice(0, max);
  let n = 0;
  for (const { index } of graphemes(s)) {
    if (n++ === max) return s.slice(0, index);
  }
  return s;
}

/** `s` in at most `max` characters, the last one an ellipsis when it had to be cut. */
export function truncate(s: string, max: number): string {
  return longerThan(s, max) ? `${headChars(s, max - 1)}…` : s;
}

// Most prompts need no change: testing for that first is several times faster than replacing. Two
// simple scans (whitespace other than a space or a control character; two spaces) beat one regex
// with three alternatives, tried at every position.
const BREAKS = /^[^\u0000-\u001f\u007f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]*$/;
const flatten = (s: string): string => (BREAKS.test(s) && !s.includes('  ') ? s.trim() : s.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim());

/**
 * `s` on one line, or (a long `s`) only its start, once that holds more than `max` characters:
 * cutting it at `max` or fewer gives what cutting all of `s` on one line would.
 */
export function flatHead(s: string, max: number): string {
  // Flattening only shrinks text, so when a prefix already fills `max` the rest of a long prompt
  // need not be scanned.
  const bound = 2 * max + 16;
  if (s.length > bound) {
    const head = flatten(s.slice(0, bound));
    // The rest cannot change a cut inside the prefix (a character split at its end lies past the cut).
    if (longerThan(head, max)) return head;
  }
  return flatten(s);
}

/** `s` on one line (whitespace and control characters as single spaces) in at most `max` characters. */
export function oneLine(s: string, max: number): string {
  return truncate(flatHead(s, max), max);
}
