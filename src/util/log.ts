// Logging with the API key redacted at the last moment, whatever the caller passed in.
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

/** Redacts before it cuts: a cut through the key would leave a prefix that redact() no longer finds. */
export function trimForLog(text: string, max = 2000): string {
  const flat = redact(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}… (${flat.length} chars)` : flat;
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
    debug: (m) => safely(() => sink.debug(redact(m))),
    info: (m) => safely(() => sink.info(redact(m))),
    warn: (m) => safely(() => sink.warn(redact(m))),
    error: (m) => safely(() => sink.error(redact(m))),
  };
}

/** For tests: keeps every line. */
export class MemoryLog implements Log {
  readonly lines: string[] = [];
  debug(m: string): void {
    this.lines.push(`debug ${redact(m)}`);
  }
  info(m: string): void {
    this.lines.push(`info ${redact(m)}`);
  }
  warn(m: string): void {
    this.lines.push(`warn ${redact(m)}`);
  }
  error(m: string): void {
    this.lines.push(`error ${redact(m)}`);
  }
}
