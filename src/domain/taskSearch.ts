// Find Task's ranking, done by the extension so the quick pick gets only the best few hundred tasks
// per key: VS Code filters, sorts and lays out every item it holds on each key, which with 2,000
// tasks was over 50 ms at p90 in the workbench (BENCHMARKS.md, library). Which tasks match is the
// Tasks view filter's rule (taskFilter.ts: every word in searchText); this adds the order and the cap.
import { searchWords } from './taskFilter';

/** A task as Find Task searches it: its words and ids prepared once per opening of the pick. */
export interface Searchable<T> {
  item: T;
  /** Everything matched (searchText and the words the pick shows), lower-cased. */
  text: string;
  /** Ids a query may be in full (the service's task id, the local id). */
  ids: readonly string[];
  /** Milliseconds since the epoch: newest first among equals. */
  createdAt: number;
}

/**
 * How many tasks the pick holds at once: a few screenfuls, far fewer than a library. VS Code's work
 * per key grows with the rows it holds: with 2,000 tasks on a loaded 2-core machine (the library
 * bench), 200 rows answered a key in 51 ms at p90 and 50 rows in 41 ms (52.6 ms in a busier run,
 * where all 2,000 took 59 ms).
 */
export const FIND_CAP = 50;

export function searchable<T>(item: T, parts: readonly string[], ids: readonly string[], createdAt: number): Searchable<T> {
  // One space for every run of white space, so a phrase typed across a line break still matches.
  return { item, text: parts.map((p) => p.replace(/\s+/g, ' ')).join(' | ').toLowerCase(), ids: ids.map((i) => i.toLowerCase()), createdAt };
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** 0 when a word is missing; more when it starts a word of the text than when it is inside one. */
function wordScore(text: string, word: string): number {
  let at = text.indexOf(word);
  if (at < 0) return 0;
  for (; at >= 0; at = text.indexOf(word, at + 1)) if (at === 0 || !WORD_CHAR.test(text[at - 1])) return 2;
  return 1;
}

/**
 * The tasks whose text holds every word of the query (in any order, any case), best first: a whole
 * id typed, then the query as one phrase, then words at word starts; newest first among equals. At
 * most `cap` of them; an empty query gives the newest.
 */
export function rankTasks<T>(entries: readonly Searchable<T>[], query: string, cap = FIND_CAP): T[] {
  const words = searchWords(query);
  const phrase = words.length > 1 ? query.trim().toLowerCase().replace(/\s+/g, ' ') : '';
  const scored: Array<{ e: Searchable<T>; score: number }> = [];
  for (const e of entries) {
    let score = 0;
    for (const w of words) {
      const s = wordScore(e.text, w);
      if (s === 0) {
        score = -1;
        break;
      }
      score += s;
    }
    if (score < 0) continue;
    if (phrase && e.text.includes(phrase)) score += 2 * words.length;
    if (words.length === 1 && e.ids.includes(words[0])) score += 100;
    scored.push({ e, score });
  }
  scored.sort((a, b) => b.score - a.score || b.e.createdAt - a.e.createdAt);
  return scored.slice(0, Math.max(0, cap)).map((s) => s.e.item);
}
