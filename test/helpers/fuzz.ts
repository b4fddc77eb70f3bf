// Seeded random and malformed composer messages, for the fuzz tests of the host's message handling.

/** mulberry32: small, fast, deterministic. */
import { prng } from '../fixtures/prng';

export { prng };

export const VALID = { prompt: 'A quiet harbour at dawn', model: 'openAiSora2Plus', aspectRatio: '16:9', seconds: 8, referenceImage: '' };

export function fuzzer(rand: () => number) {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const str = (): string => {
    const alphabets = ['abc xyz', '<>"\'&;/\\', '\u0000\u0007\u001b\u2028\u202e', '漢字🎬', '{}[]():,'];
    const a = pick(alphabets);
    const len = pick([0, 1, 5, 40, 300, 9_000, 120_000]);
    let s = '';
    for (let i = 0; i < Math.min(len, 64); i++) s += a[int(a.length)];
    return len > 64 ? s.repeat(Math.ceil(len / Math.max(1, s.length))).slice(0, len) : s;
  };
  const value = (depth = 0): unknown => {
    switch (int(depth > 2 ? 7 : 10)) {
      case 0: return undefined;
      case 1: return null;
      case 2: return pick([0, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, -0, 8, 4, 12]);
      case 3: return str();
      case 4: return rand() < 0.5;
      case 5: return pick(['ready', 'submit', 'draftChanged', 'init', 'SUBMIT', ' submit', '__proto__', 'constructor']);
      case 6: return pick([[], [1, 2], ['submit'], { length: 3 }]);
      case 7: return Array.from({ length: int(4) }, () => value(depth + 1));
      default: {
        const o: Record<string, unknown> = {};
        for (let i = int(5); i > 0; i--) o[pick(['type', 'draft', 'prompt', 'model', 'seconds', 'x', '__proto__', 'constructor'])] = value(depth + 1);
        return o;
      }
    }
  };
  /** Mostly a well-formed request id, sometimes not (a request without a usable id is dropped). */
  const requestId = (): unknown => (rand() < 0.9 ? `r${int(1e6)}` : pick([undefined, null, '', 7, 'x'.repeat(101), '__proto__', { id: 1 }]));
  /** A draft with at least one field broken (wrong type, out of range, forbidden value). */
  const brokenDraft = (): unknown => {
    const d: Record<string, unknown> = { ...VALID };
    const breaks: Array<() => void> = [
      () => (d.prompt = pick(['', '   ', '\n\t', 'x'.repeat(8_001), 'y'.repeat(100_001), 42, null, ['a'], undefined])),
      () => (d.model = pick(['', 'gpt-4', 'openaisora2plus', 'openAiSora2Plus ', 7, null, { a: 1 }])),
      () => (d.aspectRatio = pick(['4:3', '16:9 ', '1280x720', '', 16 / 9, null])),
      () => (d.seconds = pick([0, 5, -4, 8.5, 12.0001, NaN, Infinity, '8', null, [8], Number.POSITIVE_INFINITY])),
      () =>
        (d.referenceImage = pick([
          'file:///etc/passwd',
          'javascript:alert(1)',
          'data:image/png;base64,AAAA',
          'vscode://sora/x',
          'https://a/1.png https://a/2.png',
          'https://a/1.png,https://b/2.png',
          `https://a/${'x'.repeat(3_000)}.png`,
          'not a url',
          'http://',
          7,
        ])),
      () => delete d[pick(Object.keys(VALID))],
    ];
    const n = 1 + int(3);
    for (let i = 0; i < n; i++) pick(breaks)();
    return d;
  };
  return (): unknown => {
    switch (int(6)) {
      case 0: return value();
      case 1: return { type: pick(['submit', 'copyCurl']), requestId: requestId(), draft: brokenDraft() };
      case 2: return { type: 'submit', requestId: requestId(), draft: value() };
      case 3: return { type: pick(['submit', 'draftChanged']), requestId: requestId(), draft: rand() < 0.5 ? JSON.stringify(VALID) : [VALID] };
      case 4: {
        // Any type but a real one, next to a valid draft.
        const type = value();
        return { type: ['ready', 'submit', 'draftChanged'].includes(type as string) ? `${String(type)}!` : type, requestId: 'r1', draft: VALID, ...(rand() < 0.5 ? { extra: value() } : {}) };
      }
      default: return JSON.parse(`{"__proto__":{"polluted":true},"type":"submit","requestId":"r2","draft":${JSON.stringify(brokenDraft()) ?? 'null'}}`);
    }
  };
}
