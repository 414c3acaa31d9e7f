/**
 * readFileIfAny: how the CLI reads a `dcae_spec` file outside the components folder; filesIn: how it lists the folder
 * such a reference points into when it names no file (for "did you mean").
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { compile } from '../../src/compile';
import { filesIn, readComponentsFolder, readFileIfAny } from '../../src/cli/read-folder';
import { formatDiagnostic } from '../../src/input/diagnostics';
import { folderWith, tmpdir } from '../helpers';

describe('GIVEN a path for a dcae_spec reference', () => {
  test('GIVEN a file WHEN read THEN its bytes, undecoded', () => {
    const file = path.join(tmpdir(), 'spec.json');
    fs.writeFileSync(file, '{"self": {}}\n');
    expect(readFileIfAny(file)).toEqual({ bytes: Buffer.from('{"self": {}}\n') });
  });

  test.each([
    ['nothing', (dir: string) => path.join(dir, 'missing.json')],
    [
      'a folder',
      (dir: string) => {
        fs.mkdirSync(path.join(dir, 'spec.json'));
        return path.join(dir, 'spec.json');
      },
    ],
    [
      'a path through a file',
      (dir: string) => {
        fs.writeFileSync(path.join(dir, 'file'), '');
        return path.join(dir, 'file', 'spec.json');
      },
    ],
  ])('GIVEN %s WHEN read THEN undefined (no such file), never an exception', (_what, make) => {
    expect(readFileIfAny(make(tmpdir()))).toBeUndefined();
  });
});

describe('GIVEN a folder that a dcae_spec naming no file points into', () => {
  test('WHEN listed THEN its files and links to files, not its folders or dangling links', () => {
    const dir = folderWith({ 'tools.json': '{}', 'notes.txt': '', 'sub/inner.json': '{}' });
    fs.symlinkSync(path.join(dir, 'tools.json'), path.join(dir, 'linked.json'));
    fs.symlinkSync(path.join(dir, 'gone.json'), path.join(dir, 'dangling.json'));
    fs.mkdirSync(path.join(dir, 'folder.json'));
    expect(filesIn(dir)?.sort()).toEqual(['linked.json', 'notes.txt', 'tools.json']);
  });

  test.each([
    ['nothing', (dir: string) => path.join(dir, 'missing')],
    [
      'a file',
      (dir: string) => {
        fs.writeFileSync(path.join(dir, 'file'), '');
        return path.join(dir, 'file');
      },
    ],
  ])('WHEN it is %s THEN undefined, never an exception', (_what, make) => {
    expect(filesIn(make(tmpdir()))).toBeUndefined();
  });

  test('WHEN a components folder on disk names ../other/toolbx.json THEN the error suggests the .json file of that folder (not a nearer file of another kind)', () => {
    const dir = folderWith({
      'components/c.yaml': 'dcae_spec: ../other/toolbx.json\n',
      'other/tools.json': '{}',
      'other/toolbx.jsn': '',
    });
    const result = compile(readComponentsFolder('components', dir));
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'components/c.yaml:1:12: dcae_spec: "../other/toolbx.json": no such file (did you mean "../other/tools.json"?); ' +
        'expected the path of a DCAE component specification, relative to components/c.yaml',
    ]);
  });
});

describe('GIVEN entries in the components folder that are no file to read', () => {
  /** A components folder with one good spec and the given odd entries, compiled through the CLI's reader. */
  function compileWith(make: (dir: string) => void): string[] {
    const base = folderWith({ 'components/good.yaml': 'name: good\nimage: repo/good:1\n' });
    make(path.join(base, 'components'));
    return compile(readComponentsFolder('components', base)).diagnostics.map(formatDiagnostic);
  }

  test.each([
    [
      'a dangling link',
      (d: string) => fs.symlinkSync('gone.yaml', path.join(d, 'x.yaml')),
      'a symbolic link to nothing (gone.yaml does not exist)',
    ],
    [
      'a link loop',
      (d: string) => (fs.symlinkSync('y.yaml', path.join(d, 'x.yaml')), fs.symlinkSync('x.yaml', path.join(d, 'y.yaml'))),
      'a symbolic link that loops (ELOOP)',
    ],
    ['a FIFO', (d: string) => spawnSync('mkfifo', [path.join(d, 'x.yaml')]), 'a FIFO (named pipe), not a file'],
  ])('GIVEN %s named like a spec WHEN compiled THEN an error names the entry and what it is (no crash, no wait)', (_what, make, what) => {
    const errors = compileWith(make);
    expect(errors[0]).toBe(`components/x.yaml: cannot be read: it is ${what}; expected a spec file (fix the entry, or remove it)`);
  });

  test('GIVEN odd entries not named like a spec (notes, a dangling link) WHEN compiled THEN they are not read, and the spec compiles', () => {
    const errors = compileWith((d) => {
      fs.symlinkSync('gone', path.join(d, 'notes'));
      spawnSync('mkfifo', [path.join(d, 'pipe')]);
    });
    expect(errors).toEqual([]);
  });
});
