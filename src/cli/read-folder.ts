import * as fs from 'fs';
import * as path from 'path';
import { CompileInput } from '../compile';
import { byCodePoint, COMPONENT_FILE, InputFile, PLATFORM_FILES } from '../input/project';

/**
 * Lists and reads a components folder: component files and the platform file, each sorted by name. A relative
 * `dir` is taken from `base` (the folder the user ran the command in); names in messages start with `dir` as
 * typed: `--components .` gives `ves.yaml`, `--components ../c` gives `../c/ves.yaml`. Symbolic links are
 * followed (a linked spec is a spec); subfolders are not read.
 */
export function readComponentsFolder(dir: string, base = process.cwd()): CompileInput {
  const display = (f: string) => path.join(dir, f).split(path.sep).join('/');
  const absolute = path.resolve(base, dir);
  const read = (f: string): InputFile => ({ name: display(f), path: path.join(absolute, f), text: readText(path.join(absolute, f)) });
  const names = fs.readdirSync(absolute)
    .filter((n) => fs.statSync(path.join(absolute, n)).isFile())
    .sort(byCodePoint);
  const platformNames = names.filter((n) => PLATFORM_FILES.includes(n));
  return {
    folder: dir,
    base,
    components: names.filter((n) => COMPONENT_FILE.test(n) && !PLATFORM_FILES.includes(n)).map(read),
    platform: platformNames.length > 0 ? read(platformNames[0]) : undefined,
    extraPlatform: platformNames.slice(1).map(display),
    readFile: readFileIfAny,
  };
}

/** A file's text (without a byte-order mark), or undefined when it is not a file: for `dcae_spec` references. */
export function readFileIfAny(file: string): string | undefined {
  return fs.existsSync(file) && fs.statSync(file).isFile() ? readText(file) : undefined;
}

function readText(file: string): string {
  return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}
