/**
 * The floor of the benchmark: what any compiler of these files must do at least, with the same YAML
 * libraries: it reads and parses every spec file (yaml, as the compiler parses them), serialises the same
 * output objects (cdk8s's Yaml.stringify, as the compiler writes them), and writes the files (one per
 * component, into a fresh folder, not flushed). Node's start-up is measured apart. Prints a JSON line:
 * {parseSeconds, serialiseSeconds, writeSeconds}.
 *
 *   node floor.js <components folder> <objects.json: the output objects, one array per file> <folder to write>
 */
import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { parseDocument } from 'yaml';

const [dir, objectsFile, outDir] = process.argv.slice(2);
const objects: unknown[][] = JSON.parse(fs.readFileSync(objectsFile, 'utf8'));
const t0 = process.hrtime.bigint();
for (const f of fs.readdirSync(dir).sort()) parseDocument(fs.readFileSync(path.join(dir, f), 'utf8')).toJS();
const t1 = process.hrtime.bigint();
const texts = objects.map((docs) => Yaml.stringify(...docs));
const t2 = process.hrtime.bigint();
fs.mkdirSync(outDir, { recursive: true });
texts.forEach((text, i) => fs.writeFileSync(path.join(outDir, `${i}.k8s.yaml`), text));
const t3 = process.hrtime.bigint();
const seconds = (a: bigint, b: bigint) => Number(b - a) / 1e9;
process.stdout.write(
  `${JSON.stringify({ parseSeconds: seconds(t0, t1), serialiseSeconds: seconds(t1, t2), writeSeconds: seconds(t2, t3) })}\n`,
);
