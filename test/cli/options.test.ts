/** parseOptions in this process: what only child-process tests reached before (--version). */
import * as fs from 'fs';
import * as path from 'path';
import { EXIT, parseOptions, userFolder, version } from '../../src/cli/options';
import { Console } from '../../src/cli/report';
import { ROOT } from '../helpers';

/** A console that keeps what is printed. */
function recorder(): { io: Console; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s) => out.push(s), err: (s) => err.push(s) }, out, err };
}

describe('GIVEN --version', () => {
  test("WHEN the options are parsed (with no invocation given) THEN the version of the project's package.json is printed and the exit code is 0", () => {
    const { io, out, err } = recorder();
    const expected = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(parseOptions(['--version'], io)).toBe(EXIT.ok);
    expect(out).toEqual([expected]);
    expect(err).toEqual([]);
  });

  test('WHEN version() is asked THEN it is the nearest package.json above the module, a SemVer version', () => {
    expect(version()).toMatch(/^\d+\.\d+\.\d+/);
    expect(version()).toBe((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });
});

describe('GIVEN no invocation', () => {
  test("WHEN the user's folder is asked THEN it is worked out from this process's own folder and environment", () => {
    expect(userFolder()).toBe(userFolder({ cwd: process.cwd(), env: process.env }));
  });
});
