/**
 * The repository holds only what this team wrote: no file under src/, test/ or components/ (the examples, a DCAE
 * component spec among them) may be a copy of a file of the outside material (real DCAE specs, other projects' schemas). Files are compared by the SHA-256 of their bytes;
 * empty files are not compared (an empty file copies nothing).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** The folders of the repository that must hold no copy. */
export const CHECKED_FOLDERS: readonly string[] = ['src', 'test', 'components'];

/** The checked folders in a sentence: `src/, test/ and components/`. */
function folderList(word: 'and' | 'or'): string {
  const names = CHECKED_FOLDERS.map((f) => `${f}/`);
  return `${names.slice(0, -1).join(', ')} ${word} ${names[names.length - 1]}`;
}

/** Every non-empty file under a folder (links to files followed, to folders not), by the SHA-256 of its bytes; none when it is missing. */
function hashes(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!fs.existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const stat = fs.statSync(p, { throwIfNoEntry: false });
        if (!stat?.isFile() || stat.size === 0) continue;
        const h = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
        out.set(h, [...(out.get(h) ?? []), p]);
      }
    }
  };
  walk(dir);
  return out;
}

/** Each file under `folders` (relative to `root`) with the same bytes as a file under `outside`: `file = outside file`, sorted. */
export function copiesOf(root: string, folders: readonly string[], outside: string): string[] {
  const theirs = hashes(outside);
  const found: string[] = [];
  for (const folder of folders) {
    for (const [h, files] of hashes(path.join(root, folder))) {
      const match = theirs.get(h);
      if (!match) continue;
      for (const f of files)
        found.push(`${path.relative(root, f).split(path.sep).join('/')} = ${path.relative(outside, match[0]).split(path.sep).join('/')}`);
    }
  }
  return found.sort();
}

/**
 * `npm run outside -- DIR`: checks the repository at `root` against DIR. Prints each copy and exits 1, or says
 * how many files were compared and exits 0; a missing DIR is a usage error (2).
 */
export function runOutsideCheck(args: readonly string[], root: string, io: { out(s: string): void; err(s: string): void }): number {
  if (args.length !== 1) {
    io.err("usage: npm run outside -- DIR   (DIR: the outside material, for example real specs and other projects' schemas)");
    return 2;
  }
  const outside = path.resolve(args[0]);
  if (!fs.statSync(outside, { throwIfNoEntry: false })?.isDirectory()) {
    io.err(`${args[0]}: no such folder; expected the folder of outside material to compare ${folderList('and')} with`);
    return 2;
  }
  const copies = copiesOf(root, CHECKED_FOLDERS, outside);
  for (const c of copies) io.err(`copied from outside: ${c}`);
  if (copies.length > 0) {
    io.err(
      `outside material: ${copies.length} file(s) under ${folderList('and')} are copies of files in ${args[0]}; write the project's own instead`,
    );
    return 1;
  }
  io.out(`outside material: no file under ${folderList('or')} is a copy of one in ${args[0]}`);
  return 0;
}
