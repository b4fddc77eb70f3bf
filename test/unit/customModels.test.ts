// The sora.customModels parser (src/domain/models/customModels.ts): the contract's minimal shape,
// joining and correcting built-in families, and a precise problem for every entry left out.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildBody } from '../../src/domain/models/body';
import { BUILT_IN_FAMILIES, BUILT_IN_PROFILES, makeCatalogue } from '../../src/domain/models/catalogue';
import { ModelCatalogue } from '../../src/vscode/modelCatalogue';
import { checkRequest } from '../../src/domain/models/check';
import { FIELD_DEF_KEYS } from '../../src/domain/models/customFields';
import { customModelsMessage, describeProblem, ENTRY_KEYS, MAX_CUSTOM_MODELS, parseCustomModels } from '../../src/domain/models/customModels';
import { FIELD_TYPES, type ModelProfile } from '../../src/domain/models/profile';
import { codes } from '../helpers/models';

/** The example of the contract, as users will copy it. */
const ACME = {
  id: 'acme_v1',
  label: 'Acme v1',
  createPath: '/v1/acme/videos',
  fields: {
    mood: { type: 'string', values: ['calm', 'wild'], default: 'calm' },
    length: { type: 'integer', values: [5, 10], default: 5 },
  },
};

function one(entry: unknown): ModelProfile {
  const r = parseCustomModels([entry]);
  assert.deepEqual(r.problems, []);
  return r.profiles[0];
}

/** "path: reason" of the one problem of a single entry. */
function problem(entry: unknown): string {
  const r = parseCustomModels([entry]);
  assert.equal(r.profiles.length, 0, 'the entry is left out');
  assert.equal(r.problems.length, 1);
  return `${r.problems[0].path}: ${r.problems[0].reason}`;
}

function bodyOf(p: ModelProfile, values: Record<string, unknown>): Record<string, unknown> {
  const r = checkRequest(p, values);
  assert.ok(r.ok, codes(r).join(' '));
  return buildBody(r.request);
}

describe('parseCustomModels: the minimal shape', () => {
  test('the contract example is a model of a family of its own, with a prompt', () => {
    const p = one(ACME);
    assert.deepEqual(
      { family: p.family, id: p.id, label: p.label, createPath: p.createPath, body: p.body, replies: p.replies, typicalMs: p.typicalMs },
      { family: 'custom', id: 'acme_v1', label: 'Acme v1', createPath: '/v1/acme/videos', body: 'flat', replies: ['A'], typicalMs: 300_000 },
    );
    assert.deepEqual(p.fields.map((f) => f.key), ['prompt', 'mood', 'length']);
    assert.deepEqual(bodyOf(p, { prompt: 'rain', mood: 'wild', length: 10 }), { model: 'acme_v1', prompt: 'rain', mood: 'wild', length: 10 });
    assert.deepEqual(codes(checkRequest(p, { prompt: 'rain', mood: 'sad', length: 7 })), ['mood:notOneOf', 'length:notOneOf']);
  });

  test('every field type, ranges, counts, and the rules', () => {
    const p = one({
      id: 'acme_v2',
      family: 'acme',
      familyLabel: 'Acme',
      createPath: '/v2/acme/tasks',
      fields: {
        seed: { type: 'integer', min: 0, max: 9, label: 'Seed' },
        strength: { type: 'number', min: 0.1, max: 1 },
        hd: { type: 'boolean', default: false },
        start: { type: 'imageUrl', assets: true },
        end: { type: 'imageUrl' },
        refs: { type: 'imageUrls', maxItems: 2, required: true },
        style: { type: 'string', maxLength: 20 },
      },
      exclusive: [['start', 'end'], ['refs']],
      needs: { end: 'start' },
      anyOf: ['start', 'refs'],
      reply: ['B', 'A'],
      typicalMinutes: 2.5,
    });
    assert.equal(p.familyLabel, 'Acme');
    assert.deepEqual(p.replies, ['B', 'A']);
    assert.equal(p.typicalMs, 150_000);
    assert.equal(p.rules.length, 3);
    assert.deepEqual(codes(checkRequest(p, { prompt: 'x', seed: 10, strength: 0, hd: 'no', end: 'https://a/e', refs: 'https://a/1 https://a/2 https://a/3', style: 'x'.repeat(21) })), [
      'seed:outOfRange',
      'strength:outOfRange',
      'hd:notBoolean',
      'end:needs(start)',
      'refs:tooMany',
      'style:tooLong',
    ]);
    assert.deepEqual(bodyOf(p, { prompt: 'x', seed: 3, hd: true, refs: 'https://a/1' }), { model: 'acme_v2', prompt: 'x', seed: 3, hd: true, refs: ['https://a/1'] });
  });
});

describe('parseCustomModels: built-in families', () => {
  test('a model joins a built-in family: its path, fields, rules and reply shapes', () => {
    const p = one({ id: 'veo_3_2_fast', label: 'VEO 3.2 Fast', family: 'veo' });
    assert.equal(p.createPath, '/v1/veo/videos');
    assert.equal(p.familyLabel, 'VEO 3.1');
    assert.deepEqual(codes(checkRequest(p, { prompt: 'x', last_image: 'https://a/l' })), ['last_image:needs(first_image)']);
    const catalogue = makeCatalogue([p]);
    const veo = catalogue.profiles.filter((x) => x.family === 'veo').map((x) => x.id);
    assert.equal(veo.at(-1), 'veo_3_2_fast', 'listed with its family');
  });

  test('a built-in id corrects that model: only the fields given change; a field set to null is gone', () => {
    const p = one({ id: 'grok_video3_stable', fields: { duration: { type: 'integer', values: [6, 10] }, image_urls: null } });
    assert.equal(p.label, 'Grok Video 3 Stable');
    assert.deepEqual(bodyOf(p, { prompt: 'x', duration: 6, aspect_ratio: '3:2', image_urls: 'https://a/1' }), { model: 'grok_video3_stable', prompt: 'x', duration: 6, aspect_ratio: '3:2' });
    assert.equal(makeCatalogue([p]).find('grok_video3_stable'), p);
    assert.equal(makeCatalogue([p]).profiles.filter((x) => x.id === 'grok_video3_stable').length, 1);
  });

  test('a field of a content-array family keeps its place in the array when redefined', () => {
    const p = one({ id: 'seedance_1_5_pro_720p', fields: { first_frame: { type: 'imageUrl', assets: true }, seed: { type: 'integer', min: 0 } } });
    assert.deepEqual(bodyOf(p, { prompt: 'x', first_frame: 'asset://a-1', seed: 7 }), {
      model: 'seedance_1_5_pro_720p',
      content: [
        { type: 'text', text: 'x' },
        { type: 'image_url', image_url: { url: 'asset://a-1' }, role: 'first_frame' },
      ],
      seed: 7,
    });
  });
});

describe('parseCustomModels: problems name the entry, the key and why', () => {
  test('each problem', () => {
    const cases: Array<[unknown, RegExp]> = [
      ['acme', /^: must be an object$/],
      [{ ...ACME, id: undefined }, /^id: must be text/],
      [{ ...ACME, id: 'a b' }, /^id: must be a model id/],
      [{ ...ACME, colour: 'red' }, /^colour: is not a known key/],
      [{ ...ACME, createPath: undefined }, /^createPath: is required for a model of a new family$/],
      [{ id: 'x', createPath: '/v1/x' }, /^fields: is required for a model of a new family$/],
      [{ ...ACME, createPath: 'https://evil.example/x' }, /^createPath: must be a path on sora.baseUrl/],
      [{ ...ACME, createPath: '//evil.example/x' }, /^createPath: must be a path/],
      [{ ...ACME, createPath: '/v1/../admin' }, /^createPath: must be a path/],
      [{ ...ACME, createPath: '/v1/x?y=1' }, /^createPath: must be a path/],
      [{ ...ACME, fields: { mood: { type: 'colour' } } }, /^fields\.mood\.type: must be one of: text, string, integer/],
      [{ ...ACME, fields: { mood: { type: 'string', default: 'sad', values: ['calm'] } } }, /^fields\.mood\.default: does not fit the field: mood must be one of: calm\.$/],
      [{ ...ACME, fields: { length: { type: 'integer', min: 10, max: 5 } } }, /^fields\.length\.min: is greater than max$/],
      [{ ...ACME, fields: { length: { type: 'integer', values: [5, 5.5] } } }, /^fields\.length\.values: must be a list of 1 to 100 values of type integer$/],
      [{ ...ACME, fields: { length: { type: 'integer', values: [5, 5] } } }, /^fields\.length\.values: lists a value twice$/],
      [{ ...ACME, fields: { mood: { type: 'boolean', values: [true] } } }, /^fields\.mood\.values: applies only to fields of type string, integer, number$/],
      [{ ...ACME, fields: { mood: { type: 'string', maxItems: 2 } } }, /^fields\.mood\.maxItems: applies only/],
      [{ ...ACME, fields: { mood: { type: 'string', requried: true } } }, /^fields\.mood\.requried: is not a known key/],
      [{ ...ACME, fields: { model: { type: 'string' } } }, /^fields\.model: is not a usable field name/],
      [{ ...ACME, fields: JSON.parse('{"__proto__":{"type":"string"}}') as unknown }, /^fields\.__proto__: is not a usable field name/],
      [{ ...ACME, fields: { prompt: null } }, /^fields\.prompt: can only remove a field the model has/],
      [{ ...ACME, needs: { mood: 'colour' } }, /^needs\.mood: names no field of this model: colour$/],
      [{ ...ACME, needs: { mood: 'mood' } }, /^needs\.mood: must name another field$/],
      [{ ...ACME, exclusive: [['mood']] }, /^exclusive: must be a list of at least two groups/],
      [{ ...ACME, reply: 'C' }, /^reply: must be "A", "B"/],
      [{ ...ACME, typicalMinutes: 0 }, /^typicalMinutes: must be a number of minutes/],
      [{ ...ACME, family: 'a b' }, /^family: must be a name/],
    ];
    for (const [entry, expected] of cases) assert.match(problem(entry), expected, JSON.stringify(entry));
  });

  test('the other entries still count; a repeated id is named with the entry it repeats', () => {
    const r = parseCustomModels([ACME, { ...ACME, label: 'again' }, { ...ACME, id: 'acme_v3', fields: { x: { type: 'text', default: 3 } } }, { ...ACME, id: 'acme_v4' }]);
    assert.deepEqual(r.profiles.map((p) => p.id), ['acme_v1', 'acme_v4']);
    assert.deepEqual(r.problems.map(describeProblem), [
      'sora.customModels entry 2 ("acme_v1"), id: is already used by entry 1',
      'sora.customModels entry 3 ("acme_v3"), fields.x.default: does not fit the field: x must be text.',
    ]);
    assert.equal(customModelsMessage([]), undefined);
    assert.match(customModelsMessage(r.problems) ?? '', /^These custom models are left out, and nothing is sent with them: sora\.customModels entry 2 .* · sora\.customModels entry 3 /);
  });

  test('not a list; empty; too many', () => {
    assert.deepEqual(parseCustomModels(undefined), { profiles: [], problems: [] });
    assert.deepEqual(parseCustomModels([]), { profiles: [], problems: [] });
    assert.deepEqual(parseCustomModels({ id: 'x' }).problems.map(describeProblem), ['sora.customModels must be a list of models']);
    const many = Array.from({ length: MAX_CUSTOM_MODELS + 1 }, (_, i) => ({ ...ACME, id: `m${i}` }));
    const r = parseCustomModels(many);
    assert.equal(r.profiles.length, MAX_CUSTOM_MODELS);
    assert.match(describeProblem(r.problems[0]), /^sora\.customModels entry 101 \("m100"\): is one more than the 100 models/);
  });
});

describe('the JSON schema of sora.customModels in package.json', () => {
  interface Schema {
    scope?: string;
    items: { required: string[]; properties: Record<string, { pattern?: string; examples?: string[] }> & { fields: { additionalProperties: { anyOf: Array<{ properties?: Record<string, { enum?: string[] }> }> } } } };
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Schema> } } };
  const schema = manifest.contributes.configuration.properties['sora.customModels'];
  const fieldSchema = schema.items.properties.fields.additionalProperties.anyOf[1];

  test('names exactly the keys the parser knows, and the same field types and families', () => {
    assert.equal(schema.scope, 'application', 'a workspace cannot add a model that sends the key elsewhere');
    assert.deepEqual(Object.keys(schema.items.properties).sort(), [...ENTRY_KEYS].sort());
    assert.deepEqual(Object.keys(fieldSchema.properties ?? {}).sort(), [...FIELD_DEF_KEYS].sort());
    assert.deepEqual(fieldSchema.properties?.type.enum, [...FIELD_TYPES]);
    assert.deepEqual(schema.items.properties.family.examples, BUILT_IN_FAMILIES.map((f) => f.family));
    assert.equal(new RegExp(schema.items.properties.id.pattern ?? '').test('happyhorse-1.0-t2v'), true);
    assert.equal(new RegExp(schema.items.properties.createPath.pattern ?? '').test('//evil.example/x'), false);
  });

  test('sora.defaultModel takes any model id, and suggests every built-in one', () => {
    const defaultModel = manifest.contributes.configuration.properties['sora.defaultModel'] as unknown as { pattern: string; examples: string[]; enum?: unknown };
    assert.equal(defaultModel.enum, undefined);
    assert.deepEqual(defaultModel.examples, BUILT_IN_PROFILES.map((p) => p.id));
    assert.equal(defaultModel.pattern, schema.items.properties.id.pattern, 'the same ids as a custom model may have');
  });
});

describe('ModelCatalogue: the setting as the window reads it', () => {
  test('parsed when first needed, again on reload; each set of problems named once', () => {
    let value: unknown = [ACME, { id: 'bad', fields: 3 }];
    const warnings: string[] = [];
    const models = new ModelCatalogue(() => value, (m) => warnings.push(m));
    let changes = 0;
    models.onDidChange(() => changes++);
    assert.equal(warnings.length, 0, 'nothing is read before it is needed');
    assert.equal(models.get().find('acme_v1')?.createPath, '/v1/acme/videos');
    assert.equal(models.get().find('bad'), undefined, 'a broken entry is left out');
    assert.ok(models.get().find('veo_3_1_fast'), 'the built-in models stay');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /entry 2 \("bad"\)/);
    models.reload();
    assert.equal(warnings.length, 1, 'the same problems are not repeated');
    value = [ACME];
    models.reload();
    value = [{ id: 'bad', fields: 3 }];
    models.reload();
    assert.equal(warnings.length, 2, 'a problem that comes back is named again');
    assert.equal(models.get().find('acme_v1'), undefined);
    assert.equal(changes, 3);
  });
});

describe('the README', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

  test('its sora.customModels example is read without a problem', () => {
    const block = /```json\n("sora\.customModels": \[[\s\S]*?\n\])\n```/.exec(readme);
    assert.ok(block, 'the example is in the README');
    const { 'sora.customModels': value } = JSON.parse(`{${block[1]}}`) as { 'sora.customModels': unknown };
    const parsed = parseCustomModels(value);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.profiles.map((p) => [p.id, p.family, p.createPath]), [
      ['viduq3-max', 'vidu', '/v1/vidu/videos'],
      ['grok_video3', 'grok', '/v1/grok/videos'],
      ['acme_v1', 'custom', '/v1/acme/videos'],
    ]);
  });

  test('its table lists every built-in model, on its family\'s row with the create path', () => {
    for (const f of BUILT_IN_FAMILIES) {
      const row = readme.split('\n').find((l) => l.startsWith(`| ${f.label} (\`${f.family}\`) | \`${f.createPath}\``));
      assert.ok(row, `a row for ${f.family}`);
      for (const m of f.models) assert.ok(row.includes(`\`${m.id}\``), `${m.id} on the ${f.family} row`);
    }
  });
});
