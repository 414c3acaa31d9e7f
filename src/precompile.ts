/**
 * Build step: compiles the JSON Schemas into standalone validator modules (ajv's standalone code), so
 * that a run does not compile them again at start-up. `npm run build` runs it after tsc; tests that run
 * from src/ compile the same schemas at run time instead (see schema.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import Ajv04 from 'ajv-draft-04';
import standaloneCode from 'ajv/dist/standalone';
import { AJV_OPTIONS, schemaOf } from './spec/schema';
import { DCAE_AJV_OPTIONS, DCAE_SCHEMAS } from './dcae/dcae-schema';

function write(file: string, code: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, code);
}

const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
const component = schemaOf('component') as { $id: string };
const platform = schemaOf('platform') as { $id: string };
ajv.addSchema(component).addSchema(platform);
write(path.join(__dirname, 'spec', 'generated', 'validators.js'), standaloneCode(ajv, { component: component.$id, platform: platform.$id }));

const ajv04 = new Ajv04({ ...DCAE_AJV_OPTIONS, code: { source: true } });
const refs: Record<string, string> = {};
for (const [version, schema] of DCAE_SCHEMAS) {
  ajv04.addSchema(schema, `dcae-v${version}`);
  refs[`v${version}`] = `dcae-v${version}`;
}
write(path.join(__dirname, 'dcae', 'generated', 'validators.js'), standaloneCode(ajv04, refs));
