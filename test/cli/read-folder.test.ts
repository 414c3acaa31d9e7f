/** readFileIfAny: how the CLI reads a `dcae_spec` file outside the components folder. */
import * as fs from 'fs';
import * as path from 'path';
import { readFileIfAny } from '../../src/cli/read-folder';
import { tmpdir } from '../helpers';

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
