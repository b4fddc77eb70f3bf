// Where requests go (src/api/endpoints.ts): checked before anything is sent.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isUsableTaskId, resolveEndpoints, usableTaskId, SettingsError, type EndpointSettings } from '../../src/domain/endpoints';

const DEFAULTS: EndpointSettings = {
  baseUrl: 'https://zcbservice.aizfw.cn/kyyReactApiServer',
  createPath: '/v1/sora/videos',
  queryPath: '/v1/result/{id}',
};
const resolve = (over: Partial<EndpointSettings> = {}) => resolveEndpoints({ ...DEFAULTS, ...over });

function settingsError(over: Partial<EndpointSettings>, pattern: RegExp): void {
  assert.throws(() => resolve(over), (e: unknown) => {
    assert.ok(e instanceof SettingsError, `expected SettingsError, got ${String(e)}`);
    assert.match(e.message, pattern);
    return true;
  });
}

describe('resolveEndpoints', () => {
  test('the defaults give the documented URLs', () => {
    const e = resolve();
    assert.equal(e.origin, 'https://zcbservice.aizfw.cn');
    assert.equal(e.createUrl, 'https://zcbservice.aizfw.cn/kyyReactApiServer/v1/sora/videos');
    assert.equal(e.queryUrl('sora_abc123def456'), 'https://zcbservice.aizfw.cn/kyyReactApiServer/v1/result/sora_abc123def456');
  });

  test('slashes between base and paths are normalised', () => {
    for (const baseUrl of ['http://h:8080/api', 'http://h:8080/api/', 'http://h:8080/api///', '  http://h:8080/api  '])
      for (const createPath of ['/v1/x', 'v1/x', '//v1/x']) {
        const e = resolve({ baseUrl, createPath, queryPath: 'v1/r/{id}' });
        assert.equal(e.createUrl, 'http://h:8080/api/v1/x', `${baseUrl} + ${createPath}`);
        assert.equal(e.queryUrl('a'), 'http://h:8080/api/v1/r/a');
      }
    assert.equal(resolve({ baseUrl: 'http://h' }).createUrl, 'http://h/v1/sora/videos');
  });

  test('a base URL that is not http(s) is a SettingsError', () => {
    settingsError({ baseUrl: 'ftp://example.com/api' }, /https:\/\/ or http:\/\//);
    settingsError({ baseUrl: 'file:///etc' }, /sora\.baseUrl/);
    settingsError({ baseUrl: 'javascript:alert(1)' }, /sora\.baseUrl/);
    settingsError({ baseUrl: 'example.com/api' }, /not a valid URL/);
    settingsError({ baseUrl: '' }, /not a valid URL/);
  });

  test('credentials in the base URL are refused, and not echoed', () => {
    for (const baseUrl of ['https://user:hunter2@example.com/api', 'https://user@example.com/api', 'https://:hunter2@example.com']) {
      assert.throws(() => resolve({ baseUrl }), (e: unknown) => {
        assert.ok(e instanceof SettingsError);
        assert.match(e.message, /user name or password/);
        assert.ok(!e.message.includes('hunter2'));
        return true;
      });
    }
  });

  test('a query path without {id} is a SettingsError', () => {
    settingsError({ queryPath: '/v1/result/' }, /must contain \{id\}/);
    settingsError({ queryPath: '/v1/result/:id' }, /sora\.queryPath/);
  });

  test('paths cannot leave the base origin, whatever they contain', () => {
    for (const p of ['http://evil.example/x', '//evil.example/x', '\\\\evil.example\\x', '../../../x', '/%2e%2e/%2e%2e/x', '@evil.example/x']) {
      const e = resolve({ createPath: p, queryPath: `${p}/{id}` });
      assert.equal(new URL(e.createUrl).origin, 'https://zcbservice.aizfw.cn', p);
      assert.equal(new URL(e.queryUrl('id')).origin, 'https://zcbservice.aizfw.cn', p);
    }
  });

  test('the create path of a model family joins the base URL the same way and stays on its origin', () => {
    const e = resolve({ baseUrl: 'https://h.example/api/' });
    assert.equal(e.urlFor('/v1/veo/videos'), 'https://h.example/api/v1/veo/videos');
    assert.equal(e.urlFor(' v1/vidu/videos '), 'https://h.example/api/v1/vidu/videos');
    for (const p of ['http://evil.example/x', '//evil.example/x', '../../../x', '@evil.example/x']) assert.equal(new URL(e.urlFor(p)).origin, 'https://h.example', p);
  });

  test('a query string and fragment on the base URL are dropped (a key there would never be sent)', () => {
    const e = resolve({ baseUrl: 'https://h/api?key=abc#frag' });
    assert.equal(e.createUrl, 'https://h/api/v1/sora/videos');
  });

  test('{id} may sit in a query string of the template', () => {
    const e = resolve({ queryPath: '/v1/videos?id={id}&x=1' });
    assert.equal(e.queryUrl('a b&c=d'), 'https://zcbservice.aizfw.cn/kyyReactApiServer/v1/videos?id=a%20b%26c%3Dd&x=1');
  });

  test('ids are percent-encoded as exactly one path segment', () => {
    const e = resolve({ baseUrl: 'http://127.0.0.1:9/base' });
    const cases: Array<[string, string]> = [
      ['global task/2', 'global%20task%2F2'],
      ['a/../b', 'a%2F..%2Fb'],
      ['%', '%25'],
      ['%2F', '%252F'],
      ['with space', 'with%20space'],
      ['task:1', 'task%3A1'],
      ['a?b#c', 'a%3Fb%23c'],
      ['ümlaut', '%C3%BCmlaut'],
      ['..a', '..a'],
    ];
    for (const [id, segment] of cases) {
      const url = e.queryUrl(id);
      assert.equal(url, `http://127.0.0.1:9/base/v1/result/${segment}`, id);
      // Parsing the URL (as undici will) keeps the path intact: one segment that decodes to the id.
      const parsed = new URL(url);
      assert.equal(parsed.pathname, `/base/v1/result/${segment}`, id);
      assert.equal(decodeURIComponent(parsed.pathname.split('/').pop()!), id);
      assert.equal(parsed.search, '');
      assert.equal(parsed.hash, '');
    }
  });

  test('every {id} in the template is replaced', () => {
    assert.equal(resolve({ baseUrl: 'http://h', queryPath: '/t/{id}/x/{id}' }).queryUrl('a/b'), 'http://h/t/a%2Fb/x/a%2Fb');
  });
});

describe('isUsableTaskId', () => {
  test('refuses ids that cannot be one path segment or a safe string', () => {
    for (const id of ['', '.', '..', 'a\nb', 'a\u0000', '\u007f', 'tab\there', 'x'.repeat(501)])
      assert.equal(isUsableTaskId(id), false, JSON.stringify(id));
  });

  test('accepts what the service and tolerant gateways produce', () => {
    for (const id of ['sora_abc123def456', 'global task/2', 'a/../b', '%', '...', '.a', 'task:1', 'x'.repeat(500), '任务'])
      assert.equal(isUsableTaskId(id), true, id);
  });
});

describe('usableTaskId', () => {
  test('the length is checked before trimming: an over-long id is refused, never cut', () => {
    assert.equal(usableTaskId('x'.repeat(501)), undefined);
    assert.equal(usableTaskId(`${'x'.repeat(499)}  `), undefined);
    assert.equal(usableTaskId(` ${'x'.repeat(498)} `), 'x'.repeat(498));
    assert.equal(usableTaskId('x'.repeat(500)), 'x'.repeat(500));
  });

  test('surrounding whitespace is removed; whitespace alone, "." and control characters are refused', () => {
    assert.equal(usableTaskId('  sora_1\n'), 'sora_1');
    for (const raw of ['', '   ', ' . ', '..', 'a\u0000b']) assert.equal(usableTaskId(raw), undefined, JSON.stringify(raw));
    assert.equal(isUsableTaskId('   '), false);
  });
});
