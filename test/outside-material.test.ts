/**
 * The repository holds only what this team wrote: no file under src/ or test/ may be a copy of a file of the
 * outside material (real DCAE specs, other projects' schemas) that DCAE_OUTSIDE_CORPUS names. CI sets it; where
 * it is not set, the check is skipped and says so. Files are compared by the SHA-256 of their bytes; empty
 * files are not compared (an empty file copies nothing).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, tmpdir } from './helpers';

const VARIABLE = 'DCAE_OUTSIDE_CORPUS';

/** Every non-empty file under a folder (links to files followed, to folders not), by the SHA-256 of its bytes. */
function hashes(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (fs.statSync(p, { throwIfNoEntry: false })?.isFile() && fs.statSync(p).size > 0) {
        const h = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
        out.set(h, [...(out.get(h) ?? []), p]);
      }
    }
  };
  walk(dir);
  return out;
}

/** Each file under `folders` (relative to `root`) with the same bytes as a file under `outside`: `file = outside file`, sorted. */
function copiesOf(root: string, folders: readonly string[], outside: string): string[] {
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

describe('GIVEN the check that the repository holds no copy of outside material', () => {
  test('WHEN a folder holds a copy of an outside file (and a different file, and an empty one) THEN the check names exactly the copy', () => {
    const repo = tmpdir();
    const outside = tmpdir();
    fs.mkdirSync(path.join(repo, 'src', 'deep'), { recursive: true });
    fs.mkdirSync(path.join(outside, 'specs'));
    fs.writeFileSync(path.join(outside, 'specs', 'theirs.json'), '{"self": {"name": "theirs"}}\n');
    fs.writeFileSync(path.join(outside, 'empty.txt'), '');
    fs.writeFileSync(path.join(repo, 'src', 'deep', 'copied.json'), '{"self": {"name": "theirs"}}\n');
    fs.writeFileSync(path.join(repo, 'src', 'ours.json'), '{"self": {"name": "ours"}}\n');
    fs.writeFileSync(path.join(repo, 'src', 'empty.ts'), '');
    expect(copiesOf(repo, ['src'], outside)).toEqual(['src/deep/copied.json = specs/theirs.json']);
  });

  const outside = process.env[VARIABLE];
  if (outside === undefined || outside === '') {
    test.skip(`WHEN src/ and test/ are compared with the folder ${VARIABLE} names THEN no file is a copy (skipped: ${VARIABLE} not set)`, () =>
      undefined);
  } else {
    test(`WHEN src/ and test/ are compared with the folder ${VARIABLE} names (${outside}) THEN no file is a copy of one of its files`, () => {
      const dir = path.resolve(outside);
      if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${VARIABLE}=${outside}: no such folder`);
      expect(copiesOf(ROOT, ['src', 'test'], dir)).toEqual([]);
    });
  }
});
