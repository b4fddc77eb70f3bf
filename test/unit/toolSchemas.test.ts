// package.json's languageModelTools: the names the code registers, and input schemas equal to what
// the built-in catalogue generates (tools/toolSchemas.ts writes them), so they cannot drift apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Tools } from '../../src/domain/ids';
import { BUILT_IN_PROFILES } from '../../src/domain/models/catalogue';
import { createVideoInputSchema, LIST_FILTERS, manifestToolSchemas } from '../../src/domain/toolSchemas';

interface ToolContribution {
  name: string;
  displayName: string;
  modelDescription: string;
  userDescription: string;
  toolReferenceName: string;
  canBeReferencedInPrompt: boolean;
  tags: string[];
  inputSchema: Record<string, unknown>;
}
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { languageModelTools: ToolContribution[] } };
const tools = manifest.contributes.languageModelTools;

test('the manifest contributes exactly the tools the code registers, each complete', () => {
  assert.deepEqual(tools.map((t) => t.name).sort(), Object.values(Tools).sort());
  for (const t of tools) {
    // What VS Code 1.100 requires of a contribution, and what agent mode shows.
    assert.match(t.name, /^[\w-]+$/);
    assert.ok(t.displayName.startsWith('%') && t.userDescription.startsWith('%'), `${t.name}: localised names`);
    assert.ok(t.modelDescription.length > 80, `${t.name}: a model description that says what the tool does`);
    assert.equal(t.canBeReferencedInPrompt, true);
    assert.match(t.toolReferenceName, /^[\w-]+$/);
    assert.ok(t.tags.length > 0);
  }
  assert.equal(new Set(tools.map((t) => t.toolReferenceName)).size, tools.length);
});

test("package.json's input schemas are the ones the catalogue generates (run tools/toolSchemas.ts after changing a model)", () => {
  const expected = manifestToolSchemas();
  for (const t of tools) assert.deepEqual(t.inputSchema, expected[t.name], t.name);
});

test("sora_createVideo's schema names every built-in model and every field key, with what each family takes", () => {
  const schema = createVideoInputSchema(BUILT_IN_PROFILES) as { properties: Record<string, { description?: string; examples?: string[]; type?: string }>; additionalProperties: boolean };
  assert.deepEqual(schema.properties.model.examples, BUILT_IN_PROFILES.map((p) => p.id));
  const keys = new Set(BUILT_IN_PROFILES.flatMap((p) => p.fields.map((f) => f.key)));
  assert.deepEqual(Object.keys(schema.properties).sort(), [...keys, 'model'].sort());
  assert.equal(schema.properties.seconds.type, 'integer');
  assert.match(schema.properties.seconds.description ?? '', /^Sora: one of 4, 8, 12, default 8, required\./);
  // A model that differs from its family is named by id (VEO's stable models: 720p/1080p only).
  assert.match(schema.properties.resolution.description ?? '', /veo_3_1_pro_stable, veo_3_1_fast_stable: one of 720p, 1080p/);
  assert.equal(schema.additionalProperties, true, "a custom model's fields pass the schema and are checked when the tool runs");
});

test('the listTasks filter enum is the one the tool accepts', () => {
  const list = tools.find((t) => t.name === Tools.listTasks)!.inputSchema as { properties: { status: { enum: string[] } } };
  assert.deepEqual(list.properties.status.enum, [...LIST_FILTERS]);
});
