// Reads a reply body as JSON without losing the digits of a numeric task id. JSON.parse turns
// 9007199254740993 into 9007199254740992: another task, polled forever or never found. Node 20's
// JSON.parse cannot show a number's source text, so the digits are taken from the text itself:
// every integer that is the value of an id key becomes a string of exactly those digits.

/** Keys whose integer values are ids (a gateway's own names for the task id included). */
const ID_KEYS = new Set(['id', 'task_id', 'taskId', 'projectId']);
/** A JSON number, strictly (no leading zeros): anything else is left for JSON.parse to refuse. */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const INTEGER = /^-?\d+$/;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

function keyName(raw: string): string {
  if (!raw.includes('\\')) return raw;
  // An escaped key ("\u0069d") is still that key; long ones cannot be an id key.
  if (raw.length > 40) return '';
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return '';
  }
}

/** The text with every integer id value quoted; strings are skipped whole, so text inside them is never touched. */
export function quoteIdNumbers(text: string): string {
  const parts: string[] = [];
  let copied = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (text.charCodeAt(i) !== 0x22) {
      i++;
      continue;
    }
    const start = i + 1;
    i = start;
    while (i < n && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
    const end = i;
    i++;
    let j = i;
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== 0x3a || !ID_KEYS.has(keyName(text.slice(start, end)))) continue;
    j++;
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    NUMBER.lastIndex = j;
    const m = NUMBER.exec(text);
    if (m && INTEGER.test(m[0])) {
      parts.push(text.slice(copied, j), `"${m[0]}"`);
      copied = j + m[0].length;
    }
    // Resume at the value: a string value is then skipped as a string.
    i = m ? j + m[0].length : j;
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/** JSON.parse, with integer ids kept as their exact digits (a string). Throws like JSON.parse. */
export function parseReplyJson(text: string): unknown {
  // Some gateways (Windows stacks) start the body with a byte order mark, which JSON.parse refuses.
  return JSON.parse(quoteIdNumbers(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
}
