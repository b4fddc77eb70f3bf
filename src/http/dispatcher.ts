// Bundled undici does not see VS Code's proxy support, so the dispatcher is built here:
// VS Code's http.proxy / http.proxyStrictSSL / http.noProxy first, then HTTPS_PROXY/HTTP_PROXY/NO_PROXY.
import type { Dispatcher } from 'undici';
import { undici } from './undici';
import { SettingsError } from '../domain/endpoints';
import { t } from '../util/l10n';

export interface ProxySettings {
  /** VS Code's http.proxy ('' when unset). */
  proxy: string;
  /** VS Code's http.proxyStrictSSL. */
  strictSSL: boolean;
  /** VS Code's http.noProxy. */
  noProxy: string[];
  env: NodeJS.ProcessEnv;
}

export interface DispatcherChoice {
  dispatcher: Dispatcher;
  /** For the log: which proxy, without credentials. */
  description: string;
}

const env = (e: NodeJS.ProcessEnv, name: string): string | undefined => e[name] ?? e[name.toLowerCase()] ?? undefined;

function withoutCredentials(proxy: string): string {
  try {
    const u = new URL(proxy);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '(invalid proxy URL)';
  }
}

/**
 * The proxy URL undici gets. "host:port" without a scheme (common in http.proxy and *_PROXY) means
 * http://host:port, as curl reads it; anything unusable is a readable SettingsError, not undici's
 * "Invalid URL". The value is never echoed: it may hold credentials.
 */
function proxyUrl(raw: string, source: string): string {
  const value = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new SettingsError(t('The proxy in {0} is not a valid URL.', source));
  }
  if (!['http:', 'https:', 'socks:', 'socks5:'].includes(u.protocol) || !u.hostname) {
    throw new SettingsError(t('The proxy in {0} must be an http://, https:// or socks5:// URL (it starts with "{1}").', source, u.protocol));
  }
  return value;
}

/** Throws SettingsError when the proxy setting or environment variable is unusable. */
export function createDispatcher(s: ProxySettings): DispatcherChoice {
  const tls = { rejectUnauthorized: s.strictSSL };
  const common = { connections: 8, keepAliveTimeout: 10_000, connect: tls };
  const envNoProxy = env(s.env, 'NO_PROXY') ?? '';
  const noProxy = [...s.noProxy, ...envNoProxy.split(',')].map((x) => x.trim()).filter(Boolean).join(',');
  const setting = s.proxy.trim() && proxyUrl(s.proxy.trim(), 'http.proxy');
  if (setting) {
    return {
      dispatcher: new (undici().EnvHttpProxyAgent)({ ...common, httpProxy: setting, httpsProxy: setting, noProxy, requestTls: tls, proxyTls: tls }),
      description: `proxy ${withoutCredentials(setting)} (http.proxy)`,
    };
  }
  const fromEnv = (name: string): string | undefined => {
    const v = env(s.env, name)?.trim();
    return v ? proxyUrl(v, name) : undefined;
  };
  const httpsProxy = fromEnv('HTTPS_PROXY');
  const httpProxy = fromEnv('HTTP_PROXY');
  if (httpsProxy || httpProxy) {
    return {
      // '' rather than undefined: undici would otherwise fall back to process.env, not s.env.
      dispatcher: new (undici().EnvHttpProxyAgent)({ ...common, httpProxy: httpProxy ?? '', httpsProxy: httpsProxy ?? httpProxy, noProxy, requestTls: tls, proxyTls: tls }),
      description: `proxy ${withoutCredentials((httpsProxy ?? httpProxy)!)} (environment)`,
    };
  }
  return { dispatcher: new (undici().Agent)(common), description: 'direct' };
}
