// Which way requests leave (src/net/dispatcher.ts). Construction only: no connection is opened here;
// test/integration/proxy.test.ts shows the traffic really takes that way.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, EnvHttpProxyAgent } from 'undici';
import { createDispatcher, type DispatcherChoice, type ProxySettings } from '../../src/http/dispatcher';
import { SettingsError } from '../../src/domain/endpoints';

const none: ProxySettings = { proxy: '', strictSSL: true, noProxy: [], env: {} };

async function choose(over: Partial<ProxySettings>): Promise<DispatcherChoice> {
  const c = createDispatcher({ ...none, ...over });
  await c.dispatcher.close();
  return c;
}

describe('createDispatcher', () => {
  test('no setting and no environment: direct', async () => {
    const c = await choose({});
    assert.equal(c.description, 'direct');
    assert.ok(c.dispatcher instanceof Agent);
  });

  test('the http.proxy setting wins over the environment', async () => {
    const c = await choose({ proxy: 'http://setting.example:3128', env: { HTTPS_PROXY: 'http://env.example:8080', HTTP_PROXY: 'http://env.example:8080' } });
    assert.equal(c.description, 'proxy http://setting.example:3128/ (http.proxy)');
    assert.ok(c.dispatcher instanceof EnvHttpProxyAgent);
  });

  test('HTTPS_PROXY from the environment, upper or lower case', async () => {
    for (const env of [{ HTTPS_PROXY: 'http://env.example:8080' }, { https_proxy: 'http://env.example:8080' }]) {
      const c = await choose({ env });
      assert.equal(c.description, 'proxy http://env.example:8080/ (environment)', JSON.stringify(env));
      assert.ok(c.dispatcher instanceof EnvHttpProxyAgent);
    }
  });

  test('HTTP_PROXY alone is used too; HTTPS_PROXY is named when both are set', async () => {
    assert.equal((await choose({ env: { HTTP_PROXY: 'http://h.example:1' } })).description, 'proxy http://h.example:1/ (environment)');
    assert.equal((await choose({ env: { HTTP_PROXY: 'http://h.example:1', HTTPS_PROXY: 'http://s.example:2' } })).description, 'proxy http://s.example:2/ (environment)');
  });

  test('the process environment is not consulted: only the env passed in', async () => {
    const saved = { ...process.env };
    process.env.HTTPS_PROXY = 'http://process.example:9';
    process.env.HTTP_PROXY = 'http://process.example:9';
    try {
      assert.equal((await choose({ env: {} })).description, 'direct');
    } finally {
      for (const k of ['HTTPS_PROXY', 'HTTP_PROXY']) if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  test('the description never carries the proxy credentials', async () => {
    for (const proxy of ['http://alice:s3cr3t@proxy.example:8080', 'http://alice:s%40cr3t@proxy.example:8080/']) {
      const c = await choose({ proxy });
      assert.equal(c.description, 'proxy http://proxy.example:8080/ (http.proxy)');
      assert.ok(!c.description.includes('alice') && !c.description.includes('cr3t'));
    }
    const e = await choose({ env: { HTTPS_PROXY: 'https://bob:hunter2@p.example' } });
    assert.ok(!e.description.includes('hunter2') && !e.description.includes('bob'), e.description);
  });

  test('a proxy without a scheme means http://', async () => {
    assert.equal((await choose({ proxy: 'proxy.corp:3128' })).description, 'proxy http://proxy.corp:3128/ (http.proxy)');
    assert.equal((await choose({ proxy: '127.0.0.1:3128' })).description, 'proxy http://127.0.0.1:3128/ (http.proxy)');
    assert.equal((await choose({ env: { HTTPS_PROXY: 'proxy.corp:8080' } })).description, 'proxy http://proxy.corp:8080/ (environment)');
  });

  test('an unusable proxy is a readable SettingsError naming where it came from, without its value', () => {
    const cases: Array<[Partial<ProxySettings>, RegExp]> = [
      [{ proxy: 'http://user:pw@bad host:1' }, /http\.proxy/],
      [{ proxy: 'ftp://user:pw@proxy.example:21' }, /http\.proxy.*ftp:/],
      [{ env: { HTTPS_PROXY: 'not a url:pw' } }, /HTTPS_PROXY/],
      [{ env: { HTTP_PROXY: 'file:///pw' } }, /HTTP_PROXY/],
    ];
    for (const [over, pattern] of cases) {
      assert.throws(() => createDispatcher({ ...none, ...over }), (e: unknown) => {
        assert.ok(e instanceof SettingsError, `${JSON.stringify(over)}: ${String(e)}`);
        assert.match(e.message, pattern);
        assert.ok(!e.message.includes('pw'), e.message);
        return true;
      });
    }
  });

  test('blank values are no proxy', async () => {
    assert.equal((await choose({ proxy: '   ', env: { HTTPS_PROXY: ' ', HTTP_PROXY: '' } })).description, 'direct');
  });
});
