/**
 * Build step: compiles the JSON Schemas into standalone validator modules (ajv's standalone code), so
 * that a run does not compile them again at start-up. `npm run build` runs it after tsc (it is a build-time
 * script, not part of the library); tests that run from src/ compile the same schemas at run time instead
 * (see src/input/schema.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { AJV_OPTIONS, schemaOf } from '../src/input/schema';
import { DCAE_AJV_OPTIONS, DCAE_SCHEMAS } from '../src/input/dcae/dcae-schema';
import { useLinearUniqueItems } from '../src/input/dcae/unique-items';
import { mergeErrorsLinearly } from '../src/input/dcae/linear-errors';

function write(file: string, code: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, code);
}

const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
const component = schemaOf('component') as { $id: string };
const platform = schemaOf('platform') as { $id: string };
ajv.addSchema(component).addSchema(platform);
/** build/src/input: where the compiled input modules look for their generated validators. */
const INPUT = path.join(__dirname, '..', 'src', 'input');

write(path.join(INPUT, 'generated', 'validators.js'), standaloneCode(ajv, { component: component.$id, platform: platform.$id }));

const dcae = useLinearUniqueItems(new Ajv({ ...DCAE_AJV_OPTIONS, code: { ...DCAE_AJV_OPTIONS.code, source: true } }));
const refs: Record<string, string> = {};
for (const [version, schema] of DCAE_SCHEMAS) {
  dcae.addSchema(schema, `dcae-v${version}`);
  refs[`v${version}`] = `dcae-v${version}`;
}
// Ajv applies code.process to what it compiles, not to standalone code: the same rewrite here.
const dcaeCode = mergeErrorsLinearly(standaloneCode(dcae, refs));
// A new Ajv that writes its error merge differently would bring the quadratic time back without a word: stop the build.
if (dcaeCode.includes('vErrors.concat('))
  throw new Error('precompile: Ajv generated an error merge that linear-errors.ts does not rewrite (vErrors.concat); update its pattern');
write(path.join(INPUT, 'dcae', 'generated', 'dcae-validators.js'), dcaeCode);
