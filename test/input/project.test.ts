/** loadProject through compile(): a YAML spec's `dcae_spec` reference that names no DCAE spec, and what it suggests instead. */
import * as path from 'path';
import { compileProject, dcae, json } from '../helpers';

const F = 'components/c.yaml';

describe('GIVEN a YAML spec with dcae_spec', () => {
  test('GIVEN a path that is not a .json file WHEN compiled THEN the error says a DCAE spec is a .json file', () => {
    expect(compileProject({ components: [{ name: F, text: 'dcae_spec: spec.yaml\n' }] }).errors).toEqual([
      `${F}:1:12: dcae_spec: "spec.yaml" is not a DCAE component specification; expected the path of a .json file, relative to this file`,
    ]);
  });

  test('GIVEN an absolute path to no file WHEN compiled THEN the error names that path as given', () => {
    expect(compileProject({ components: [{ name: F, text: 'dcae_spec: /nowhere/spec.json\n' }] }).errors).toEqual([
      `${F}:1:12: dcae_spec: "/nowhere/spec.json": no such file; expected the path of a DCAE component specification, relative to ${F}`,
    ]);
  });
});

describe('GIVEN a dcae_spec that names no file, and the folder it points into', () => {
  const F = 'components/c.yaml';
  /** What the edge would list in each folder, by path relative to the working directory (test files are named from it). */
  const FOLDERS: Record<string, string[]> = {
    components: ['c.yaml', 'collector.json', 'notes.txt', 'platform.yaml', 'tools.json', 'widget.jsn'],
    other: ['x.json', 'tools.json', 'dcae-ves-collector.json'],
    ties: ['toolc.json', 'toola.json'],
  };
  const listFolder = (dir: string) => FOLDERS[path.relative(process.cwd(), dir)];
  /** The error for `ref`, suggesting `guess` ('nothing': no suggestion). */
  const noSuchFile = (ref: string, guess: string) =>
    `${F}:1:12: dcae_spec: "${ref}": no such file${guess === 'nothing' ? '' : ` (did you mean "${guess}"?)`}; ` +
    `expected the path of a DCAE component specification, relative to ${F}`;

  test.each([
    ['a close typo of a .json file beside it', 'toolbx.json', 'tools.json'],
    ['a name that differs only in case', 'Tools.json', 'tools.json'],
    ['the prefix as written', './toolbx.json', './tools.json'],
    ['nothing close (a third of the name, at least two edits)', 'snmptrap.json', 'nothing'],
    ['a name close only to a file that is not .json', 'widget.json', 'nothing'],
    ['a file in another folder', '../other/y.json', '../other/x.json'],
    ['a typo in another folder, suggested from that folder', '../other/toolbx.json', '../other/tools.json'],
    ["a name of the YAML's own folder, in another folder", '../other/collector.json', 'nothing'],
    ['a longer name', '../other/dcae-ves-colector.json', '../other/dcae-ves-collector.json'],
    ['two candidates equally near: the first by code point', '../ties/toolb.json', '../ties/toola.json'],
    ['a folder that cannot be listed', '../nowhere/tools.json', 'nothing'],
  ])('WHEN it is %s (%s) THEN the error suggests %s', (_title, ref, guess) => {
    const r = compileProject({ components: [{ name: F, text: `dcae_spec: ${ref}\n` }], listFolder });
    expect(r.errors).toEqual([noSuchFile(ref, guess)]);
  });

  test('WHEN nothing lists folders (in memory) THEN the .json files of the run in that folder are the candidates', () => {
    const r = compileProject({
      components: [
        { name: F, text: 'dcae_spec: my-compp.json\n' },
        { name: 'components/my-comp.json', text: json(dcae()) },
      ],
    });
    expect(r.errors).toEqual([noSuchFile('my-compp.json', 'my-comp.json')]);
  });

  test('WHEN several specs name missing files of one folder THEN that folder is listed once', () => {
    const asked: string[] = [];
    const r = compileProject({
      components: ['a', 'b', 'c'].map((n) => ({ name: `components/${n}.yaml`, text: `dcae_spec: ../other/${n}-tools.json\n` })),
      listFolder: (dir) => {
        asked.push(path.relative(process.cwd(), dir));
        return listFolder(dir);
      },
    });
    expect(r.errors).toHaveLength(3);
    expect(r.errors[0]).toContain('(did you mean "../other/tools.json"?)');
    expect(asked).toEqual(['other']);
  });
});
