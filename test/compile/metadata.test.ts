/**
 * Names, labels, namespace, replicas, pull policy, hostname, pull secrets, env, resources, MSB and
 * k8s_location (docs/reference.md, "Objects, in this order", "Pod", "Containers", "MSB annotation").
 */
import { compile, deploymentOf, errorsOf, find, containerOf, kindsAndNames, mainOf, POD_IP, podOf, servicesOf, spec } from '../helpers';

const MSB = 'msb.onap.org/service-info';

/** Every place the one label map goes. */
function labelView(objects: any[]) {
  const dep = deploymentOf(objects);
  return {
    deployment: dep.metadata.labels,
    selector: dep.spec.selector,
    template: dep.spec.template.metadata.labels,
    services: servicesOf(objects).map((s) => ({ name: s.metadata.name, labels: s.metadata.labels, selector: s.spec.selector })),
  };
}

describe('metadata: names', () => {
  test('GIVEN name comp WHEN compiled THEN the Deployment is dep-comp, the main container and hostname are comp, and the Services are comp and xcomp', () => {
    const { objects } = compile(spec({ ports: ['8080:30080'] }));
    expect(kindsAndNames(objects)).toEqual(['Deployment/dep-comp', 'Service/comp', 'Service/xcomp']);
    expect(mainOf(objects).name).toBe('comp');
    expect(podOf(objects).hostname).toBe('comp');
  });

  test('GIVEN a 63-character name WHEN compiled THEN dep-<name> and x<name> are cut to 63 and k8sdeployment carries the cut Deployment name', () => {
    const name = `a${'b'.repeat(59)}-cd`; // 63 characters
    const { objects } = compile(spec({ name, ports: ['8080:30080'] }));
    const names = kindsAndNames(objects);
    const dep = `dep-${name}`.slice(0, 63);
    expect(names).toEqual([`Deployment/${dep}`, `Service/${name}`, `Service/${`x${name}`.slice(0, 63)}`]);
    expect(dep).toHaveLength(63);
    expect(find(objects, 'Service', `x${name}`.slice(0, 63)).metadata.name).toHaveLength(63);
    expect(deploymentOf(objects).metadata.labels.k8sdeployment).toBe(dep);
    expect(podOf(objects).hostname).toBe(name);
  });

  test('GIVEN a name whose cut x<name> would end in "-" WHEN compiled THEN it is an error', () => {
    const name = `a${'b'.repeat(60)}-c`; // x<name> cut to 63 ends in "-"
    const errors = errorsOf(spec({ name, ports: ['8080:30080'] }));
    expect(errors).toEqual([
      `components/c.yaml:1:7: name: gives the NodePort Service name "xa${'b'.repeat(60)}-" once cut to 63 characters, which ends in "-"; expected a shorter name`,
    ]);
  });
});

describe('metadata: labels', () => {
  test('GIVEN labels {team: dcae} WHEN compiled THEN one map with app and k8sdeployment is the Deployment labels, its matchLabels, the pod labels and every Service labels; Service selectors are {app}', () => {
    const { objects } = compile(
      spec({ labels: { team: 'dcae', tier: 'edge' }, ports: ['8080:30080', { concat: ['9000:30900'], ipv6: true }] }),
    );
    expect(labelView(objects)).toMatchSnapshot();
    const expected = { team: 'dcae', tier: 'edge', app: 'comp', k8sdeployment: 'dep-comp' };
    const dep = deploymentOf(objects);
    expect(dep.metadata.labels).toEqual(expected);
    expect(dep.spec.selector).toEqual({ matchLabels: expected });
    expect(dep.spec.template.metadata.labels).toEqual(expected);
    expect(servicesOf(objects)).toHaveLength(3);
    for (const s of servicesOf(objects)) {
      expect(s.metadata.labels).toEqual(expected);
      expect(s.spec.selector).toEqual({ app: 'comp' });
    }
  });

  test('GIVEN no labels WHEN compiled THEN the map is exactly {app, k8sdeployment}', () => {
    const { objects } = compile(spec({ ports: ['8080:0'] }));
    expect(labelView(objects)).toMatchSnapshot();
    expect(deploymentOf(objects).metadata.labels).toEqual({ app: 'comp', k8sdeployment: 'dep-comp' });
    expect(find(objects, 'Service', 'comp').metadata.labels).toEqual({ app: 'comp', k8sdeployment: 'dep-comp' });
  });

  test.each(['app', 'k8sdeployment'])('GIVEN labels that set %s WHEN compiled THEN it is an error', (key) => {
    expect(errorsOf(spec({ labels: { [key]: 'x' } }))).toEqual([
      `components/c.yaml:4:3: labels.${key}: the label "${key}" is set by the compiler (app: <name>, k8sdeployment: dep-<name>); remove it`,
    ]);
  });
});

describe('metadata: namespace', () => {
  test('GIVEN no namespace anywhere WHEN compiled THEN every object is in dcae', () => {
    const { objects } = compile(spec({ ports: ['8080:30080', { concat: ['9000:30900'], ipv6: true }] }));
    const namespaces = objects.map((o) => o.metadata.namespace);
    expect(namespaces).toEqual(['dcae', 'dcae', 'dcae', 'dcae']);
  });

  test('GIVEN a platform namespace WHEN compiled THEN every object is in it', () => {
    const { objects } = compile(spec({ ports: ['8080:30080', { concat: ['9000:30900'], ipv6: true }] }), { namespace: 'platform-ns' });
    const namespaces = objects.map((o) => o.metadata.namespace);
    expect(namespaces).toEqual(['platform-ns', 'platform-ns', 'platform-ns', 'platform-ns']);
  });

  test('GIVEN a spec namespace and a platform namespace WHEN compiled THEN the spec wins on every object', () => {
    const { objects } = compile(spec({ namespace: 'onap', ports: ['8080:30080', { concat: ['9000:30900'], ipv6: true }] }), {
      namespace: 'platform-ns',
    });
    const namespaces = objects.map((o) => o.metadata.namespace);
    expect(namespaces).toEqual(['onap', 'onap', 'onap', 'onap']);
  });
});

describe('metadata: replicas, pull policy, hostname, pull secrets', () => {
  test.each<[string, number, object]>([
    ['no replicas', 1, {}],
    ['replicas 3', 3, { replicas: 3 }],
    ['replicas 0', 0, { replicas: 0 }],
  ])('GIVEN %s WHEN compiled THEN spec.replicas is %d', (_what, replicas, extra) => {
    const { objects } = compile(spec(extra));
    expect(deploymentOf(objects).spec.replicas).toBe(replicas);
  });

  test('GIVEN always_pull true WHEN compiled THEN only the main container has imagePullPolicy Always', () => {
    const { objects } = compile(
      spec({
        always_pull: true,
        log_info: { log_directory: '/logs' },
        external_cert: {
          use_external_tls: true,
          external_cert_directory: '/ext',
          ca_name: 'RA',
          external_certificate_parameters: { common_name: 'cn' },
        },
      }),
    );
    const pod = podOf(objects);
    const policies = [...pod.containers, ...pod.initContainers].map((c: any) => [c.name, c.imagePullPolicy]);
    expect(policies).toEqual([
      ['comp', 'Always'],
      ['filebeat', 'IfNotPresent'],
      ['init-tls', 'IfNotPresent'],
      ['cert-service-client', 'IfNotPresent'],
      ['cert-post-processor', 'IfNotPresent'],
    ]);
  });

  test.each<[string, object]>([
    ['always_pull false', { always_pull: false }],
    ['no always_pull', {}],
  ])('GIVEN %s WHEN compiled THEN the main container has imagePullPolicy IfNotPresent', (_what, extra) => {
    const { objects } = compile(spec(extra));
    expect(mainOf(objects).imagePullPolicy).toBe('IfNotPresent');
    expect(mainOf(objects).image).toBe('repo/comp:1.0');
  });

  test('GIVEN platform image_pull_secrets WHEN compiled THEN the pod has them as [{name}] in order', () => {
    const { objects } = compile(spec(), { image_pull_secrets: ['regcred', 'other-cred'] });
    expect(podOf(objects).imagePullSecrets).toEqual([{ name: 'regcred' }, { name: 'other-cred' }]);
  });

  test.each<[string, object | undefined]>([
    ['no platform file', undefined],
    ['image_pull_secrets []', { image_pull_secrets: [] }],
  ])('GIVEN %s WHEN compiled THEN the pod has no imagePullSecrets key', (_what, platform) => {
    const { objects, yaml } = compile(spec(), platform);
    expect(Object.keys(podOf(objects)).sort()).toMatchSnapshot();
    expect(podOf(objects)).not.toHaveProperty('imagePullSecrets');
    expect(yaml).not.toContain('imagePullSecrets');
  });
});

describe('metadata: env', () => {
  test('GIVEN env in YAML with numbers and booleans WHEN compiled THEN the values are strings exactly as written, in spec order, then POD_IP', () => {
    const text = [
      'name: comp',
      'image: repo/comp:1.0',
      'env:',
      '  ZETA: standard',
      '  VERSION: 1.10',
      '  PORT: 8080',
      '  ENABLED: true',
      '  DISABLED: false',
      '  OCTAL_LOOKING: 010',
      '  HEX: 0x1F',
      '  EXP: 1e3',
      '  QUOTED: "1.10"',
      '  ALPHA: a b',
    ].join('\n');
    const { objects, yaml } = compile(text);
    expect(mainOf(objects).env).toEqual([
      { name: 'ZETA', value: 'standard' },
      { name: 'VERSION', value: '1.10' },
      { name: 'PORT', value: '8080' },
      { name: 'ENABLED', value: 'true' },
      { name: 'DISABLED', value: 'false' },
      { name: 'OCTAL_LOOKING', value: '010' },
      { name: 'HEX', value: '0x1F' },
      { name: 'EXP', value: '1e3' },
      { name: 'QUOTED', value: '1.10' },
      { name: 'ALPHA', value: 'a b' },
      POD_IP,
    ]);
    // Strings in the manifest too, not YAML numbers or booleans.
    expect(yaml).toContain('value: "1.10"');
    expect(yaml).toContain('value: "8080"');
    expect(yaml).toContain('value: "true"');
  });

  test('GIVEN no env WHEN compiled THEN the main container env is only POD_IP', () => {
    const { objects } = compile(spec());
    expect(mainOf(objects).env).toEqual([POD_IP]);
  });

  test('GIVEN env WHEN compiled THEN only the main container gets it (init-tls keeps its own)', () => {
    const { objects } = compile(spec({ env: { A: 'x' } }));
    expect(containerOf(objects, 'init-tls').env).toEqual([{ name: 'TLS_SERVER', value: 'false' }, POD_IP]);
  });

  test('GIVEN env with POD_IP WHEN compiled THEN it is an error', () => {
    const errors = errorsOf(spec({ env: { POD_IP: '1.2.3.4' } }));
    expect(errors).toEqual([
      "components/c.yaml:4:3: env.POD_IP: POD_IP is set by the compiler from the pod's IP (status.podIP); remove it",
    ]);
  });
});

describe('metadata: resources', () => {
  test('GIVEN resources limits and requests WHEN compiled THEN the main container has them as given', () => {
    const resources = { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '250m', memory: '256Mi' } };
    const { objects } = compile(spec({ resources }));
    expect(mainOf(objects).resources).toEqual(resources);
  });

  test('GIVEN only limits WHEN compiled THEN there is no requests key', () => {
    const { objects } = compile(spec({ resources: { limits: { memory: '512Mi' } } }));
    expect(mainOf(objects).resources).toEqual({ limits: { memory: '512Mi' } });
  });

  test('GIVEN no resources WHEN compiled THEN the main container has no resources key', () => {
    const { objects } = compile(spec());
    expect(Object.keys(mainOf(objects)).sort()).toMatchSnapshot();
    expect(mainOf(objects)).not.toHaveProperty('resources');
  });
});

describe('metadata: msb_list', () => {
  test('GIVEN an msb_list entry with every key WHEN compiled THEN the ClusterIP Service has the annotation in Python json.dumps text, and no other object has annotations', () => {
    const { objects } = compile(
      spec({
        ports: ['8443:30417'],
        msb_list: [{ serviceName: 'ves', port: '8443', version: 'v1', url: '/', protocol: 'REST', enable_ssl: true, visualRange: '1' }],
      }),
    );
    const annotations = objects.map((o) => [`${o.kind}/${o.metadata.name}`, o.metadata.annotations]);
    expect(annotations).toMatchSnapshot();
    expect(find(objects, 'Service', 'comp').metadata.annotations).toEqual({
      [MSB]:
        '[{"serviceName": "ves", "port": "8443", "version": "v1", "url": "/", "protocol": "REST", "enable_ssl": true, "visualRange": "1"}]',
    });
    expect(deploymentOf(objects).metadata.annotations).toBeUndefined();
    expect(deploymentOf(objects).spec.template.metadata.annotations).toBeUndefined();
    expect(find(objects, 'Service', 'xcomp').metadata.annotations).toBeUndefined();
  });

  test('GIVEN an empty msb_list entry WHEN compiled THEN every default is written, keys in contract order', () => {
    const { objects } = compile(spec({ ports: ['8080:0'], msb_list: [{}] }));
    const value = find(objects, 'Service', 'comp').metadata.annotations[MSB];
    expect(value).toBe(
      '[{"serviceName": "comp", "port": "80", "version": "v1", "url": "/", "protocol": "REST", "enable_ssl": false, "visualRange": "1"}]',
    );
  });

  test('GIVEN two entries with integer port and visualRange, quotes and non-ASCII WHEN compiled THEN one JSON list, integers as strings, escaped as json.dumps escapes', () => {
    const { objects } = compile(
      spec({
        ports: ['8080:0'],
        msb_list: [
          { serviceName: 'ves', port: 8443, visualRange: 0, enable_ssl: true },
          { serviceName: 'v\u00e9s "q" \u{1F600}', url: '/a/b', protocol: 'HTTP', version: 'v2' },
        ],
      }),
    );
    const value = find(objects, 'Service', 'comp').metadata.annotations[MSB];
    // Python: json.dumps([{...}, {...}]) with the default separators and ensure_ascii.
    expect(value).toBe(
      '[{"serviceName": "ves", "port": "8443", "version": "v1", "url": "/", "protocol": "REST", "enable_ssl": true, "visualRange": "0"}, ' +
        '{"serviceName": "v\\u00e9s \\"q\\" \\ud83d\\ude00", "port": "80", "version": "v2", "url": "/a/b", "protocol": "HTTP", "enable_ssl": false, "visualRange": "1"}]',
    );
  });

  test('GIVEN no msb_list WHEN compiled THEN the ClusterIP Service has no annotations', () => {
    const { objects } = compile(spec({ ports: ['8080:0'] }));
    expect(find(objects, 'Service', 'comp').metadata).toMatchSnapshot();
    expect(find(objects, 'Service', 'comp').metadata.annotations).toBeUndefined();
  });

  test('GIVEN msb_list and no ports WHEN compiled THEN it is an error', () => {
    const errors = errorsOf(spec({ msb_list: [{ serviceName: 'ves' }] }));
    expect(errors).toEqual([
      'components/c.yaml:4:3: msb_list: registers the component with MSB through its ClusterIP Service, and the component has no ports; expected a port in ports',
    ]);
  });
});

describe('metadata: k8s_location', () => {
  test('GIVEN k8s_location central WHEN compiled THEN the manifest goes to central/<name>.k8s.yaml', () => {
    const { path } = compile(spec({ k8s_location: 'central' }));
    expect(path).toBe('central/comp.k8s.yaml');
  });

  test('GIVEN no k8s_location WHEN compiled THEN the manifest goes to <name>.k8s.yaml at the top', () => {
    const { path } = compile(spec());
    expect(path).toBe('comp.k8s.yaml');
  });

  test('GIVEN k8s_location WHEN compiled THEN the objects themselves do not change', () => {
    const a = compile(spec({ ports: ['8080:30080'], k8s_location: 'edge' }));
    const b = compile(spec({ ports: ['8080:30080'] }));
    expect({ path: a.path, objects: kindsAndNames(a.objects) }).toMatchSnapshot();
    expect(a.yaml).toBe(b.yaml);
    expect(a.path).toBe('edge/comp.k8s.yaml');
  });
});
