/**
 * The generated parts of docs/ are what `npm run docs` makes from the sources today: it is run into a temporary
 * folder, and every file must be the same as the committed one (none missing, none extra).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { ROOT, snapshotFolder, tmpdir } from '../helpers';

describe('GIVEN the committed docs/api', () => {
  test('WHEN npm run docs regenerates it THEN every file is the same (else: run npm run docs and commit the result)', () => {
    const out = tmpdir('dcae-docs-');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'docs.mjs'), '--out', out], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const fresh = snapshotFolder(path.join(out, 'api'));
    const committed = snapshotFolder(path.join(ROOT, 'docs', 'api'));
    expect(Object.keys(fresh).length).toBeGreaterThan(50);
    expect(Object.keys(committed).sort()).toEqual(Object.keys(fresh).sort());
    for (const file of Object.keys(fresh)) expect({ file, text: committed[file] }).toEqual({ file, text: fresh[file] });
  }, 120_000);

  test('WHEN read THEN the constructs and compile each have a page, with their props', () => {
    const api = snapshotFolder(path.join(ROOT, 'docs', 'api'));
    for (const c of ['ComponentChart', 'FilebeatSidecar', 'TlsInitContainer', 'CertServiceClient', 'CertPostProcessor', 'ComponentService'])
      expect(api[`classes/${c}.md`]).toMatch(new RegExp(`^# Class: ${c}\\n`));
    expect(api['functions/compile.md']).toContain('CompileInput');
    expect(api['interfaces/FilebeatSidecarProps.md']).toContain('logDirectory');
  });
});
