/**
 * Error lists of the DCAE validators gathered in linear time (src/input/dcae/linear-errors.ts): the rewrite of
 * Ajv's generated code keeps every error in order, and the validators the build ships carry no copying merge.
 */
import * as fs from 'fs';
import * as path from 'path';
import { mergeErrorsLinearly } from '../../../src/input/dcae/linear-errors';
import { ROOT } from '../../helpers';

describe('GIVEN generated validator code', () => {
  test("WHEN the merge of a referred validator's errors is rewritten THEN it appends in place, and the errors come out the same and in order", () => {
    const ajvStyle =
      'let vErrors = null; for (const r of runs) { const child = { errors: r }; vErrors = vErrors === null ? child.errors : vErrors.concat(child.errors); } return vErrors;';
    const rewritten = mergeErrorsLinearly(ajvStyle);
    expect(rewritten).not.toContain('.concat(');
    expect(rewritten).toContain('for (const e of child.errors) vErrors.push(e);');
    const runs = [['a'], ['b', 'c'], [], ['d']];

    const run = (code: string) => new Function('runs', code)(runs);
    expect(run(rewritten)).toEqual(run(ajvStyle));
    expect(run(rewritten)).toEqual(['a', 'b', 'c', 'd']);
    // The first list is copied, never shared: appending later leaves the referred validator's own list alone.
    const first = ['x'];
    expect(new Function('runs', rewritten)([first, ['y']])).toEqual(['x', 'y']);
    expect(first).toEqual(['x']);
  });

  test("WHEN the build's precompiled DCAE validators are read THEN no merge copies the errors so far (npm test builds first)", () => {
    const code = fs.readFileSync(path.join(ROOT, 'build', 'src', 'input', 'dcae', 'generated', 'dcae-validators.js'), 'utf8');
    expect(code).not.toMatch(/vErrors\.concat\(/);
    expect(code.match(/vErrors\.push\(e\)/g)?.length).toBeGreaterThan(3);
  });
});
