// Writes the input schemas of package.json's languageModelTools from the built-in catalogue
// (src/domain/toolSchemas.ts): `node --import tsx tools/toolSchemas.ts` after changing a model.
// test/unit/toolSchemas.test.ts fails while package.json and the catalogue disagree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { manifestToolSchemas, type JsonSchema } from '../src/domain/toolSchemas';

const file = path.resolve(__dirname, '..', 'package.json');
const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { contributes: { languageModelTools: Array<{ name: string; inputSchema?: JsonSchema }> } };
const schemas = manifestToolSchemas();
for (const tool of manifest.contributes.languageModelTools) tool.inputSchema = schemas[tool.name];
fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`package.json: ${manifest.contributes.languageModelTools.length} tool schemas written`);
