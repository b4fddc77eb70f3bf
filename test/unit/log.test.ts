// Logging with the key redacted (src/util/log.ts), and the small vscode-free helpers beside it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryLog, redact, redactingLog, registerSecret, trimForLog, type Log } from '../../src/util/log';
import { Emitter } from '../../src/util/emitter';
import { t } from '../../src/util/l10n';

describe('redact', () => {
  test('Bearer tokens, in any case and context', () => {
    assert.equal(redact('Authorization: Bearer sk-abc.def_ghi'), 'Authorization: Bearer [redacted]');
    assert.equal(redact('authorization: bearer xyz123, next'), 'authorization: bearer [redacted], next');
    assert.equal(redact('{"authorization":"Bearer tok\'"}'), '{"authorization":"Bearer [redacted]\'"}');
    assert.equal(redact('BEARER\ttok'), 'BEARER\t[redacted]');
    assert.equal(redact('a Bearer tok and Bearer tok2'), 'a Bearer [redacted] and Bearer [redacted]');
  });

  test('registered secrets wherever they appear, every time', () => {
    registerSecret('key-log-test-9876');
    assert.equal(redact('x=key-log-test-9876&y=key-log-test-9876'), 'x=[redacted]&y=[redacted]');
    assert.equal(redact('{"msg":"invalid token key-log-test-9876"}'), '{"msg":"invalid token [redacted]"}');
  });

  test('very short or empty values are not registered (they would shred every line)', () => {
    registerSecret('abc');
    registerSecret('');
    registerSecret(undefined);
    assert.equal(redact('abc abc'), 'abc abc');
    assert.equal(redact('plain text'), 'plain text');
  });
});

describe('trimForLog', () => {
  test('caps long text and says how long it was', () => {
    const out = trimForLog('x'.repeat(5000), 100);
    assert.ok(out.startsWith('x'.repeat(100)));
    assert.match(out, /… \(5000 chars\)$/);
    assert.equal(trimForLog('short', 100), 'short');
  });
  test('replaces control characters but keeps tabs and newlines', () => {
    assert.equal(trimForLog('a\u0000b\u001bc\td\ne'), 'a b c\td\ne');
  });
  test('redacts before it cuts: a key across the cut leaves no prefix behind', () => {
    registerSecret('trim-secret-ABCDEFGH');
    const out = trimForLog(`${'x'.repeat(90)}trim-secret-ABCDEFGH`, 100);
    assert.ok(!out.includes('trim-secr'), out);
    assert.ok(out.startsWith(`${'x'.repeat(90)}[redacted]`), out);
  });
});

describe('redactingLog and MemoryLog', () => {
  test('every level of a redacting log strips bearer tokens and secrets before the sink sees them', () => {
    registerSecret('sink-secret-5555');
    const seen: string[] = [];
    const sink: Log = {
      debug: (m) => seen.push(`d ${m}`),
      info: (m) => seen.push(`i ${m}`),
      warn: (m) => seen.push(`w ${m}`),
      error: (m) => seen.push(`e ${m}`),
    };
    const log = redactingLog(sink);
    log.debug('Bearer abc');
    log.info('k=sink-secret-5555');
    log.warn('Bearer abc sink-secret-5555');
    log.error('sink-secret-5555');
    assert.deepEqual(seen, ['d Bearer [redacted]', 'i k=[redacted]', 'w Bearer [redacted] [redacted]', 'e [redacted]']);
  });

  test('a closed sink (the output channel during shutdown) never makes logging throw', () => {
    const closed = (): never => {
      throw new Error('Channel has been closed');
    };
    const log = redactingLog({ debug: closed, info: closed, warn: closed, error: closed });
    assert.doesNotThrow(() => {
      log.debug('x');
      log.info('x');
      log.warn('x');
      log.error('x');
    });
  });

  test('MemoryLog keeps every line with its level, redacted', () => {
    const log = new MemoryLog();
    log.debug('1');
    log.info('Bearer x');
    log.warn('3');
    log.error('4');
    assert.deepEqual(log.lines, ['debug 1', 'info Bearer [redacted]', 'warn 3', 'error 4']);
  });
});

describe('Emitter', () => {
  test('fires to every listener; a disposed listener or emitter stops receiving', () => {
    const e = new Emitter<number>();
    const a: number[] = [];
    const b: number[] = [];
    const subA = e.event((v) => a.push(v));
    e.event((v) => b.push(v));
    e.fire(1);
    subA.dispose();
    e.fire(2);
    e.dispose();
    e.fire(3);
    assert.deepEqual(a, [1]);
    assert.deepEqual(b, [1, 2]);
  });

  test('a listener may unsubscribe while being called without skipping others', () => {
    const e = new Emitter<void>();
    const calls: string[] = [];
    const sub = e.event(() => {
      calls.push('first');
      sub.dispose();
    });
    e.event(() => calls.push('second'));
    e.fire();
    e.fire();
    assert.deepEqual(calls, ['first', 'second', 'second']);
  });
});

describe('l10n outside VS Code', () => {
  test('formats numbered placeholders and leaves unknown ones', () => {
    assert.equal(t('{0} of {1}', 1, 'two'), '1 of two');
    assert.equal(t('{0} and {2}', 'a'), 'a and {2}');
    assert.equal(t('no args'), 'no args');
  });
});
