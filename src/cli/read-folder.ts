import * as fs from 'fs';
import * as path from 'path';
import { CompileInput } from '../compile';
import { byCodePoint, COMPONENT_FILE, InputFile, PLATFORM_FILES } from '../input/project';
import { FileContents, MAX_FILE_BYTES } from '../input/text';
import { statKind } from '../output/write';

/**
 * Lists and reads a components folder: component files and the platform file, each sorted by name. A relative
 * `dir` is taken from `base` (the folder the user ran the command in); names in messages start with `dir` as
 * typed: `--components .` gives `ves.yaml`, `--components ../c` gives `../c/ves.yaml`. Symbolic links are
 * followed (a linked spec is a spec); subfolders are not read.
 */
export function readComponentsFolder(dir: string, base = process.cwd()): CompileInput {
  const display = (f: string) => path.join(dir, f).split(path.sep).join('/');
  const absolute = path.resolve(base, dir);
  // One stat per entry: whether it is a file (links followed) and, for reading, its size. An entry named like a
  // spec that is no file to read (a dangling or looping link, a FIFO, a socket, a device) is an error about it:
  // reading a FIFO would wait for ever. Other entries are not the compiler's business.
  const sizes = new Map<string, number>();
  const unreadable = new Map<string, string>();
  const subfolders: string[] = [];
  for (const n of fs.readdirSync(absolute)) {
    const entry = inspect(path.join(absolute, n));
    if (typeof entry === 'number') sizes.set(n, entry);
    else if (entry === 'folder') subfolders.push(n);
    else if (COMPONENT_FILE.test(n) || PLATFORM_FILES.includes(n)) unreadable.set(n, entry);
  }
  const read = (f: string): InputFile => ({
    name: display(f),
    path: path.join(absolute, f),
    ...(unreadable.has(f) ? { unreadable: unreadable.get(f)! } : readContents(path.join(absolute, f), sizes.get(f)!)),
  });
  const names = [...sizes.keys(), ...unreadable.keys()].sort(byCodePoint);
  const platformNames = names.filter((n) => PLATFORM_FILES.includes(n));
  return {
    folder: dir,
    subfolders: subfolders.sort(byCodePoint),
    base,
    components: names.filter((n) => COMPONENT_FILE.test(n) && !PLATFORM_FILES.includes(n)).map(read),
    platform: platformNames.length > 0 ? read(platformNames[0]) : undefined,
    extraPlatform: platformNames.slice(1).map(display),
    readFile: readFileIfAny,
    listFolder: filesIn,
  };
}

/**
 * The names of the files in a folder (links followed; subfolders and dangling links left out), or undefined when it
 * cannot be listed: for the "did you mean" of a `dcae_spec` that names no file.
 */
export function filesIn(dir: string): string[] | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return undefined; // no such folder, a file, or one that may not be read
  }
  return names.filter((n) => {
    try {
      return fs.statSync(path.join(dir, n)).isFile();
    } catch {
      return false; // a dangling link, or a link loop
    }
  });
}

/** A file's contents, or undefined when it is not a file: for `dcae_spec` references. */
export function readFileIfAny(file: string): FileContents | undefined {
  if (!fs.existsSync(file)) return undefined; // also a path through a file (ENOTDIR), which statSync would throw on
  const stat = fs.statSync(file);
  return stat.isFile() ? readContents(file, stat.size) : undefined;
}

/** What a folder entry is, links followed: a file's size, a folder, or why it is neither readable file nor folder. */
function inspect(entry: string): number | 'folder' | string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ELOOP') return 'a symbolic link that loops (ELOOP)';
    if (err.code === 'ENOENT') return `a symbolic link to nothing (${linkTarget(entry)} does not exist)`;
    if (err.code) return `not readable (${err.code}: ${err.message})`;
    throw e;
  }
  const kind = statKind(stat);
  if (kind === 'file') return stat.size;
  return kind === 'a folder' ? 'folder' : `${kind}, not a file`;
}

/** Where a symbolic link points, as written in it (or "its target" when that cannot be read). */
function linkTarget(link: string): string {
  try {
    return fs.readlinkSync(link);
  } catch {
    return 'its target';
  }
}

/**
 * A file's bytes, undecoded: the compiler decodes them (strictly, as UTF-8) and says where a file is not
 * UTF-8. A file above the size limit is not read at all, only measured.
 */
function readContents(file: string, size: number): FileContents {
  if (size > MAX_FILE_BYTES) return { oversize: size };
  try {
    return { bytes: fs.readFileSync(file) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (!err.code) throw e;
    return { unreadable: `not readable (${err.code}: ${err.message})` };
  }
}
