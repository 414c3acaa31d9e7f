/** The image-pull rule: with always_pull, an image without a tag, or tagged latest, gives a warning. */
import { imagePullRule, unpinned } from '../../../src/input/rules/image-pull';
import { compileFiles, dcae, y as yaml } from '../../helpers';
import { F, testRule, y } from './tester';

const WHY = 'every pod restart may run a different image, and GitOps cannot show the change';
const warning = (line: number, column: number, image: string, why: string, name: string) =>
  `${F}:${line}:${column}: image: "${image}" ${why}, and the pull policy is Always (always_pull: true, the default of a DCAE spec): ${WHY}; expected a pinned tag or digest, such as ${name}:<version> or ${name}@sha256:<digest>`;

testRule(imagePullRule, {
  valid: [
    { title: 'a tagged image pulled always', spec: y('name: comp', 'image: repo/comp:1.0', 'always_pull: true') },
    { title: 'a digest pulled always', spec: y('name: comp', `image: repo/comp@sha256:${'a'.repeat(64)}`, 'always_pull: true') },
    {
      title: 'a tag and a digest pulled always',
      spec: y('name: comp', `image: repo/comp:latest@sha256:${'a'.repeat(64)}`, 'always_pull: true'),
    },
    { title: 'a registry with a port and a tag pulled always', spec: y('name: comp', 'image: host:5000/comp:2.1', 'always_pull: true') },
    { title: 'an image tagged latest, not pulled always', spec: y('name: comp', 'image: repo/comp:latest') },
    { title: 'an image with no tag and always_pull: false', spec: y('name: comp', 'image: repo/comp', 'always_pull: false') },
    { title: 'a tag that only starts with latest', spec: y('name: comp', 'image: repo/comp:latest-1', 'always_pull: true') },
  ],
  invalid: [
    {
      title: 'an image with a space pulled always: the schema refuses it, the rule says nothing',
      spec: y('name: comp', 'image: my image', 'always_pull: true'),
      errors: [],
      compiled: [`${F}:2:8: image: "my image" is not a container image reference with no spaces, for example "repo/image:1.0"`],
    },
    {
      title: 'an image tagged latest pulled always',
      spec: y('name: comp', 'image: repo/comp:latest', 'always_pull: true'),
      errors: [],
      warnings: [warning(2, 8, 'repo/comp:latest', 'is tagged latest', 'repo/comp')],
    },
    {
      title: 'an image with no tag pulled always',
      spec: y('name: comp', 'image: repo/comp', 'always_pull: true'),
      errors: [],
      warnings: [warning(2, 8, 'repo/comp', 'has no tag', 'repo/comp')],
    },
    {
      title: 'a registry with a port and no tag pulled always (the port is not a tag)',
      spec: y('name: comp', 'image: host:5000/comp', 'always_pull: true'),
      errors: [],
      warnings: [warning(2, 8, 'host:5000/comp', 'has no tag', 'host:5000/comp')],
    },
  ],
});

describe('GIVEN image references', () => {
  test.each([
    ['repo/comp:1.0', undefined],
    ['repo/comp', 'has no tag'],
    ['comp', 'has no tag'],
    ['comp:latest', 'is tagged latest'],
    ['host:5000/a/b', 'has no tag'],
    ['host:5000/a/b:latest', 'is tagged latest'],
    ['host:5000/a/b:3', undefined],
    ['a/b@sha256:0123', undefined],
  ])('WHEN %s is read THEN it is pinned, or says why not: %s', (image, why) => {
    expect(unpinned(image)).toBe(why);
  });
});

describe('GIVEN a DCAE spec (always pulled, as the blueprint generator set it) whose image artifact is tagged latest', () => {
  const spec = dcae({}, {}, { artifacts: [{ type: 'docker image', uri: 'nexus:10001/onap/my-comp:latest' }] });

  test('WHEN compiled THEN the warning is at the artifact uri', () => {
    const r = compileFiles({ 'components/c.json': spec });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      `components/c.json:29:14: artifacts[0].uri: "nexus:10001/onap/my-comp:latest" is tagged latest, and the pull policy is Always (always_pull: true, the default of a DCAE spec): ${WHY}; expected a pinned tag or digest, such as nexus:10001/onap/my-comp:<version> or nexus:10001/onap/my-comp@sha256:<digest>. To fix it, write a YAML spec beside it with dcae_spec: c.json that sets image`,
    ]);
  });

  test('WHEN an override pins the image THEN there is no warning', () => {
    const r = compileFiles({
      'components/c.json': spec,
      'components/c.yaml': yaml('dcae_spec: c.json', 'image: nexus:10001/onap/my-comp:1.2.0'),
    });
    expect(r.warnings).toEqual([]);
  });

  test('WHEN an override sets always_pull: false THEN there is no warning', () => {
    const r = compileFiles({ 'components/c.json': spec, 'components/c.yaml': yaml('dcae_spec: c.json', 'always_pull: false') });
    expect(r.warnings).toEqual([]);
  });

  test('WHEN an override sets an image with no tag THEN the warning is at the override image', () => {
    const r = compileFiles({
      'components/c.json': spec,
      'components/c.yaml': yaml('dcae_spec: c.json', 'image: nexus:10001/onap/my-comp'),
    });
    expect(r.warnings).toEqual([
      `components/c.yaml:2:8: image: "nexus:10001/onap/my-comp" has no tag, and the pull policy is Always (always_pull: true, the default of a DCAE spec): ${WHY}; expected a pinned tag or digest, such as nexus:10001/onap/my-comp:<version> or nexus:10001/onap/my-comp@sha256:<digest>`,
    ]);
  });
});
