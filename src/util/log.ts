// Logging with the API key (and URL signatures) removed at the last moment, whatever the caller passed in.
import { headChars, longerThan } from './text';
export interface Log {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const secrets = new Set<string>();

/** Registers a value that must never be written out (the API key). */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) secrets.add(value);
}

export function redact(text: string): string {
  let out = text.replace(/(bearer\s+)[^\s"',;]+/gi, '$1[redacted]');
  for (const s of secrets) out = out.split(s).join('[redacted]');
  return out;
}

// A signed video URL carries its signature in the query: whoever holds the whole URL can fetch the
// video until it expires. Messages, tooltips and logs keep the host and path only.
const URL_START = /https?:\/\//gi;
const URL_END = /[\s"'<>`]/g;

/**
 * Every http(s) URL in the text without its query and fragment ("?…" marks the cut); punctuation
 * right after the URL stays. One pass (service text can be long and hostile, so no backtracking).
 */
export function hideUrlQueries(text: string): string {
  let out = '';
  let done = 0;
  URL_START.lastIndex = 0;
  for (let m = URL_START.exec(text); m; m = URL_START.exec(text)) {
    URL_END.lastIndex = m.index;
    const end = URL_END.exec(text)?.index ?? text.length;
    const url = text.slice(m.index, end);
    const cut = url.search(/[?#]/);
    if (cut >= 0) {
      const trailing = /[.,:;!)\]]*$/.exec(url.slice(cut + 1))?.[0] ?? '';
      out += `${text.slice(done, m.index)}${url.slice(0, cut)}?…${trailing}`;
      done = end;
    }
    URL_START.lastIndex = end;
  }
  return done === 0 ? text : out + text.slice(done);
}

/** What any log line becomes: no key, no bearer token, no URL signature. */
function scrub(text: string): string {
  return hideUrlQueries(redact(text));
}

/** Redacts before it cuts: a cut through the key would leave a prefix that redact() no longer finds. */
export function trimForLog(text: string, max = 2000): string {
  const flat = scrub(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
  return longerThan(flat, max) ? `${headChars(flat, max)}… (${flat.length} chars)` : flat;
}

/** Logging never throws: while the extension shuts down its output channel may already be closed. */
function safely(write: () => void): void {
  try {
    write();
  } catch {
    /* nowhere left to write */
  }
}

export function redactingLog(sink: Log): Log {
  return {
    debug: (m) => safely(() => sink.debug(scrub(m))),
    info: (m) => safely(() => sink.info(scrub(m))),
    warn: (m) => safely(() => sink.warn(scrub(m))),
    error: (m) => safely(() => sink.error(scrub(m))),
  };
}

/** For tests: keeps every line. */
export class MemoryLog implements Log {
  readonly lines: string[] = [];
  debug(m: string): void {
    this.lines.push(`debug ${scrub(m)}`);
  }
  info(m: string): void {
    this.lines.push(`info ${scrub(m)}`);
  }
  warn(m: string): void {
    this.lines.push(`warn ${scrub(m)}`);
  }
  error(m: string): void {
    this.lines.push(`error ${scrub(m)}`);
  }
}
