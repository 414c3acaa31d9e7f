/** A Deployment's selector compared between two versions of a manifest (src/output/selectors.ts). */
import { selectorChanges, selectorMessage } from '../../src/output/selectors';
import { compile } from '../helpers';

/** The manifest of one component with some labels, as the compiler writes it. */
const manifest = (labels = '', name = 'ves'): string => {
  return compile(`name: ${name}\nimage: repo/${name}:1.0\nports: ["8080:0"]\n${labels}`).yaml;
};

describe('GIVEN two versions of a manifest', () => {
  test('WHEN a label is added THEN the Deployment is named, with its selector labels before and after', () => {
    expect(selectorChanges(manifest(), manifest('labels: {team: core}\n'))).toEqual([
      {
        deployment: 'dep-ves',
        namespace: 'dcae',
        before: { app: 'ves', k8sdeployment: 'dep-ves' },
        after: { app: 'ves', k8sdeployment: 'dep-ves', team: 'core' },
      },
    ]);
  });

  test('WHEN nothing but the image changes THEN there is no selector change', () => {
    expect(selectorChanges(manifest(), manifest().replace('repo/ves:1.0', 'repo/ves:2.0'))).toEqual([]);
  });

  test('WHEN the labels are the same in another order THEN there is no change', () => {
    const old = 'kind: Deployment\nmetadata: {name: d}\nspec: {selector: {matchLabels: {a: "1", b: "2"}}}\n';
    expect(selectorChanges(old, old.replace('{a: "1", b: "2"}', '{b: "2", a: "1"}'))).toEqual([]);
  });

  test('WHEN the component is renamed THEN its Deployment is another one: no change', () => {
    expect(selectorChanges(manifest(), manifest('', 'ves2'))).toEqual([]);
  });

  test('WHEN the same name is in another namespace THEN it is another Deployment: no change', () => {
    const old = 'kind: Deployment\nmetadata: {name: d, namespace: a}\nspec: {selector: {matchLabels: {x: "1"}}}\n';
    expect(selectorChanges(old, old.replace('namespace: a', 'namespace: b').replace('x: "1"', 'x: "2"'))).toEqual([]);
  });

  test('WHEN the old file is not YAML, or holds no Deployment THEN there is no change and no crash', () => {
    expect(selectorChanges('a: [\n', manifest())).toEqual([]);
    expect(selectorChanges('kind: Service\nmetadata: {name: dep-ves}\n', manifest())).toEqual([]);
    expect(selectorChanges('', manifest())).toEqual([]);
    expect(selectorChanges('- 1\n---\nnull\n', manifest())).toEqual([]);
  });
});

describe('GIVEN a selector change', () => {
  test('WHEN its message is made THEN it names the file, the Deployment, the labels sorted, and what to do', () => {
    const change = {
      deployment: 'dep-ves',
      before: { k8sdeployment: 'dep-ves', app: 'ves' },
      after: { app: 'ves', k8sdeployment: 'dep-ves', team: 'core' },
    };
    expect(selectorMessage('dist/ves.k8s.yaml', change)).toBe(
      'dist/ves.k8s.yaml: Deployment dep-ves: selector changed (matchLabels {app: ves, k8sdeployment: dep-ves} -> {app: ves, k8sdeployment: dep-ves, team: core}): ' +
        'the API server refuses to change it; delete and recreate the Deployment when you apply this',
    );
  });
});
