import { compile, mainOf, spec } from './helpers';

describe('smoke', () => {
  test('GIVEN a minimal spec WHEN compiled THEN the main container is named after the component', () => {
    const { objects } = compile(spec());
    expect(mainOf(objects).name).toBe('comp');
  });
});
