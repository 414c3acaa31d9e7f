/**
 * pod_security (platform, and a component's over it key by key): what each value writes (docs/reference.md,
 * "Pod Security"). Every test pairs any snapshot with explicit assertions on the fields the option controls.
 */
import {
  allContainersOf,
  compile,
  compileFiles,
  containerContext,
  dcae,
  errorsOf,
  EVERY_CONTAINER,
  EVERY_CONTAINER_NAMES,
  mainOf,
  podContext,
  podOf,
  restrictedPlatform,
  spec,
  y,
} from '../helpers';

/** What the option controls: the pod's securityContext and each container's, by name. */
function securityView(objects: any[]) {
  return {
    pod: podOf(objects).securityContext,
    containers: Object.fromEntries(allContainersOf(objects).map((c: any) => [c.name, c.securityContext])),
  };
}

describe('pod_security: profile none (the default)', () => {
  test('GIVEN no pod_security anywhere WHEN a spec with every container is compiled THEN neither the pod nor any container has a securityContext', () => {
    const { objects } = compile(EVERY_CONTAINER);
    expect(allContainersOf(objects).map((c) => c.name)).toEqual(EVERY_CONTAINER_NAMES);
    expect(podOf(objects)).not.toHaveProperty('securityContext');
    expect(
      allContainersOf(objects)
        .filter((c) => 'securityContext' in c)
        .map((c) => c.name),
    ).toEqual([]);
  });

  test.each([
    [
      'the platform says profile none, with other user and groups',
      { pod_security: { profile: 'none', run_as_user: 0, run_as_group: 7, fs_group: 8, read_only_root_filesystem: true } },
      {},
    ],
    ['the component says profile none over a restricted platform', restrictedPlatform(), { pod_security: { profile: 'none' } }],
    [
      'the component sets user and groups, with no profile anywhere',
      undefined,
      { pod_security: { run_as_user: 5, run_as_group: 6, fs_group: 7, read_only_root_filesystem: true } },
    ],
  ])('GIVEN %s WHEN compiled THEN the manifest is byte for byte the one without pod_security', (_title, platform, own) => {
    const plain = compile(EVERY_CONTAINER).yaml;
    expect(compile({ ...EVERY_CONTAINER, ...own }, platform).yaml).toBe(plain);
    expect(plain).not.toContain('securityContext');
  });

  test('GIVEN a restricted platform and a component with profile none WHEN it has a hostPath volume THEN it compiles, with the hostPath volume and no securityContext', () => {
    const { objects } = compile(
      spec({
        pod_security: { profile: 'none' },
        volumes: [{ host: { path: '/etc/localtime' }, container: { bind: '/etc/localtime', mode: 'ro' } }],
      }),
      restrictedPlatform(),
    );
    expect(podOf(objects).volumes[0].hostPath).toEqual({ path: '/etc/localtime' });
    expect(podOf(objects)).not.toHaveProperty('securityContext');
    expect(mainOf(objects)).not.toHaveProperty('securityContext');
  });
});

describe('pod_security: profile restricted', () => {
  test("GIVEN platform profile restricted and the other keys at their defaults WHEN a spec with every container is compiled THEN the pod and each of the five containers get the profile's securityContext", () => {
    const { objects } = compile(EVERY_CONTAINER, restrictedPlatform());
    expect(securityView(objects)).toMatchSnapshot();
    expect(podOf(objects).securityContext).toEqual(podContext(1000, 1000, 1000));
    expect(allContainersOf(objects).map((c) => c.name)).toEqual(EVERY_CONTAINER_NAMES);
    for (const c of allContainersOf(objects))
      expect({ name: c.name, sc: c.securityContext }).toEqual({ name: c.name, sc: containerContext(false) });
  });

  test('GIVEN profile restricted WHEN compiled THEN nothing else in the manifest changes: removing the securityContexts gives the manifest without pod_security', () => {
    const strip = (objects: any[]) => {
      const copy = JSON.parse(JSON.stringify(objects));
      const pod = podOf(copy);
      delete pod.securityContext;
      for (const c of [...pod.containers, ...pod.initContainers]) delete c.securityContext;
      return copy;
    };
    expect(strip(compile(EVERY_CONTAINER, restrictedPlatform()).objects)).toEqual(compile(EVERY_CONTAINER).objects);
  });

  test('GIVEN profile restricted WHEN compiled THEN the pod template has no annotations (no AppArmor annotation) and the pod no host namespaces', () => {
    const { objects } = compile(EVERY_CONTAINER, restrictedPlatform());
    const template = objects.find((o) => o.kind === 'Deployment').spec.template;
    expect(Object.keys(template.metadata)).toEqual(['labels']);
    for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) expect(podOf(objects)).not.toHaveProperty(key);
  });

  test.each([
    ['run_as_user', 4321, podContext(4321, 1000, 1000)],
    ['run_as_group', 4322, podContext(1000, 4322, 1000)],
    ['fs_group', 4323, podContext(1000, 1000, 4323)],
    ['run_as_group', 0, podContext(1000, 0, 1000)],
    ['fs_group', 0, podContext(1000, 1000, 0)],
    ['run_as_user', 2147483647, podContext(2147483647, 1000, 1000)],
  ])("GIVEN platform %s: %s with profile restricted WHEN compiled THEN the pod's securityContext carries it", (key, value, expected) => {
    const { objects } = compile(spec(), restrictedPlatform({ [key]: value }));
    expect(securityView(objects)).toMatchSnapshot();
    expect(podOf(objects).securityContext).toEqual(expected);
  });

  test.each([true, false])(
    'GIVEN read_only_root_filesystem: %s with profile restricted WHEN compiled THEN every container has that readOnlyRootFilesystem, written even when false',
    (value) => {
      const { objects } = compile(EVERY_CONTAINER, restrictedPlatform({ read_only_root_filesystem: value }));
      expect(securityView(objects)).toMatchSnapshot();
      for (const c of allContainersOf(objects))
        expect({ name: c.name, ro: c.securityContext.readOnlyRootFilesystem }).toEqual({ name: c.name, ro: value });
      expect(podOf(objects).securityContext).not.toHaveProperty('readOnlyRootFilesystem');
    },
  );
});

describe("pod_security: a component's keys over the platform's", () => {
  test("GIVEN a platform with profile none WHEN a component sets profile restricted THEN only that component's pod gets the securityContexts, with the platform's user and groups", () => {
    const platform = { pod_security: { run_as_user: 2000, run_as_group: 2001, fs_group: 2002 } };
    const { objects } = compile(spec({ pod_security: { profile: 'restricted' } }), platform);
    expect(securityView(objects)).toMatchSnapshot();
    expect(podOf(objects).securityContext).toEqual(podContext(2000, 2001, 2002));
    expect(compile(spec(), platform).yaml).not.toContain('securityContext');
  });

  test("GIVEN a restricted platform with a user WHEN a component sets only run_as_group and read_only_root_filesystem THEN the others keep the platform's values", () => {
    const { objects } = compile(
      spec({ pod_security: { run_as_group: 3000, read_only_root_filesystem: true } }),
      restrictedPlatform({ run_as_user: 2000, fs_group: 2002 }),
    );
    expect(securityView(objects)).toMatchSnapshot();
    expect(podOf(objects).securityContext).toEqual(podContext(2000, 3000, 2002));
    expect(mainOf(objects).securityContext).toEqual(containerContext(true));
  });

  test('GIVEN a restricted platform with run_as_user 0 WHEN a component overrides run_as_user THEN only the platform file is blamed', () => {
    expect(errorsOf(spec({ pod_security: { run_as_user: 1001 } }), restrictedPlatform({ run_as_user: 0 }))).toEqual([
      'components/platform.yaml:3:16: pod_security.run_as_user: 0 is the root user, which the Pod Security Standards "restricted" profile (pod_security.profile) does not allow: it runs every container as non-root (runAsNonRoot: true); expected a user ID from 1 to 2147483647',
    ]);
  });
});

describe('pod_security: in a YAML spec that starts from a DCAE spec', () => {
  test("GIVEN dcae_spec and pod_security restricted in the YAML WHEN compiled THEN the DCAE component's pod gets the securityContexts", () => {
    const r = compileFiles({
      'components/c.json': dcae(),
      'components/c.yaml': y('dcae_spec: c.json', 'pod_security:', '  profile: restricted', '  run_as_user: 1234'),
    });
    expect(r.errors).toEqual([]);
    const pod = r.objects.find((o) => o.kind === 'Deployment').spec.template.spec;
    expect(pod.securityContext).toEqual(podContext(1234, 1000, 1000));
    expect([...pod.containers, ...pod.initContainers].map((c: any) => c.securityContext)).toEqual([
      containerContext(false),
      containerContext(false),
    ]);
  });

  test('GIVEN a restricted platform WHEN a DCAE spec with a host volume is compiled through a YAML spec with profile none THEN it compiles with no securityContext', () => {
    const aux = { volumes: [{ host: { path: '/etc/localtime' }, container: { bind: '/etc/localtime', mode: 'ro' } }] };
    const r = compileFiles(
      {
        'components/c.json': dcae(aux),
        'components/c.yaml': y('dcae_spec: c.json', 'pod_security: {profile: none}'),
      },
      y('pod_security: {profile: restricted}'),
    );
    expect(r.errors).toEqual([]);
    const pod = r.objects.find((o) => o.kind === 'Deployment').spec.template.spec;
    expect(pod.volumes[0].hostPath).toEqual({ path: '/etc/localtime' });
    expect(pod).not.toHaveProperty('securityContext');
  });
});
