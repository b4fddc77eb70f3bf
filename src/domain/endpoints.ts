// Where requests go. Checked before anything is sent, so a bad setting is a message, not a request.
import { t } from '../util/l10n';

export interface EndpointSettings {
  baseUrl: string;
  createPath: string;
  queryPath: string;
}

export interface Endpoints {
  origin: string;
  /** Where Sora tasks are created (sora.createPath). */
  createUrl: string;
  queryUrl(id: string): string;
  /** A model family's create path on the base URL; throws SettingsError when it would leave the base URL's origin. */
  urlFor(path: string): string;
}

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** The longest task id used; a longer one is refused whole, never cut to a different id. */
export const MAX_TASK_ID = 500;

/** localhost, 127.0.0.0/8 and ::1: plain HTTP to these never leaves the machine. Expects URL.hostname (normalised, IPv6 in brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** True when a request to this origin would carry the key unencrypted over a network (plain HTTP, not loopback). */
export function sendsKeyInClear(origin: string): boolean {
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && !isLoopbackHost(u.hostname);
  } catch {
    return true; // not a URL: nothing proves it safe
  }
}

/** Ids become one path segment; '.' and '..' would be folded away by URL parsing, so they are refused. */
export function isUsableTaskId(id: string): boolean {
  return id.trim() !== '' && id.length <= MAX_TASK_ID && id !== '.' && id !== '..' && !/[\u0000-\u001f\u007f]/.test(id);
}

/**
 * The id to use for one typed or received: the length is checked before surrounding whitespace is
 * removed, so an over-long id is refused rather than trimmed into a shorter (different) one.
 */
export function usableTaskId(raw: string): string | undefined {
  if (raw.length > MAX_TASK_ID) return undefined;
  const id = raw.trim();
  return isUsableTaskId(id) ? id : undefined;
}

export function resolveEndpoints(s: EndpointSettings): Endpoints {
  let base: URL;
  try {
    base = new URL(s.baseUrl.trim());
  } catch {
    throw new SettingsError(t('The setting sora.baseUrl is not a valid URL: "{0}".', s.baseUrl.slice(0, 200)));
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new SettingsError(t('The setting sora.baseUrl must start with https:// or http:// (it is "{0}").', base.protocol));
  }
  if (base.username || base.password) {
    throw new SettingsError(t('The setting sora.baseUrl must not contain a user name or password.'));
  }
  if (!s.queryPath.includes('{id}')) {
    throw new SettingsError(t('The setting sora.queryPath must contain {id} (it is "{0}").', s.queryPath.slice(0, 200)));
  }
  const baseText = `${base.origin}${base.pathname}`;
  const createUrl = joinUrl(baseText, s.createPath.trim());
  const template = joinUrl(baseText, s.queryPath.trim());
  for (const u of [createUrl, template.replace('{id}', 'x')]) {
    const parsed = new URL(u);
    if (parsed.origin !== base.origin) throw new SettingsError(t('The paths in sora.createPath and sora.queryPath must stay on {0}.', base.origin));
  }
  return {
    origin: base.origin,
    createUrl,
    // One path segment: '/', '..', '%' and spaces in an id can never change the path.
    queryUrl: (id) => template.split('{id}').join(encodeURIComponent(id)),
    urlFor(path) {
      const url = joinUrl(baseText, path.trim());
      if (new URL(url).origin !== base.origin) throw new SettingsError(t('The create path "{0}" must stay on {1}.', path.slice(0, 200), base.origin));
      return url;
    },
  };
}
