/**
 * The floor of the benchmark: what any compiler of these files must do at least, with the same YAML
 * libraries: it reads and parses every spec file (yaml, as the compiler parses them), and serialises the
 * same output objects (cdk8s's Yaml.stringify, as the compiler writes them). Node's start-up is measured apart. Prints a JSON line: {parseSeconds, serialiseSeconds}.
 *
 *   node floor.js <components folder> <objects.json: the output objects, one array per file>
 */
import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { parseDocument } from 'yaml';

const [dir, objectsFile] = process.argv.slice(2);
const objects: unknown[][] = JSON.parse(fs.readFileSync(objectsFile, 'utf8'));
const t0 = process.hrtime.bigint();
for (const f of fs.readdirSync(dir).sort()) parseDocument(fs.readFileSync(path.join(dir, f), 'utf8')).toJS();
const t1 = process.hrtime.bigint();
let bytes = 0;
for (const docs of objects) bytes += Yaml.stringify(...docs).length;
const t2 = process.hrtime.bigint();
process.stdout.write(`${JSON.stringify({ parseSeconds: Number(t1 - t0) / 1e9, serialiseSeconds: Number(t2 - t1) / 1e9, bytes })}\n`);
