// Bundled undici does not see VS Code's proxy support, so the dispatcher is built here:
// VS Code's http.proxy / http.proxyStrictSSL / http.noProxy first, then HTTPS_PROXY/HTTP_PROXY/NO_PROXY.
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';

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

export function createDispatcher(s: ProxySettings): DispatcherChoice {
  const tls = { rejectUnauthorized: s.strictSSL };
  const common = { connections: 8, keepAliveTimeout: 10_000, connect: tls };
  const envNoProxy = env(s.env, 'NO_PROXY') ?? '';
  const noProxy = [...s.noProxy, ...envNoProxy.split(',')].map((x) => x.trim()).filter(Boolean).join(',');
  const setting = s.proxy.trim();
  if (setting) {
    return {
      dispatcher: new EnvHttpProxyAgent({ ...common, httpProxy: setting, httpsProxy: setting, noProxy, requestTls: tls, proxyTls: tls }),
      description: `proxy ${withoutCredentials(setting)} (http.proxy)`,
    };
  }
  const httpsProxy = env(s.env, 'HTTPS_PROXY');
  const httpProxy = env(s.env, 'HTTP_PROXY');
  if (httpsProxy || httpProxy) {
    return {
      dispatcher: new EnvHttpProxyAgent({ ...common, httpProxy, httpsProxy: httpsProxy ?? httpProxy, noProxy, requestTls: tls, proxyTls: tls }),
      description: `proxy ${withoutCredentials((httpsProxy ?? httpProxy)!)} (environment)`,
    };
  }
  return { dispatcher: new Agent(common), description: 'direct' };
}
