/**
 * The policy-sync sidecar (issue 20, part 3; docs/reference.md, "Policy-sync sidecar"): the platform's policy_sync,
 * off by default, a component's policy_ids, and a DCAE spec's policy_info.
 */
import * as fs from 'fs';
import * as path from 'path';
import { validateObject } from '../../src/output/validate';
import {
  compile,
  compileFiles,
  containerContext,
  containerOf,
  dcae,
  deploymentOf,
  errorsOf,
  mainOf,
  names,
  podOf,
  POD_IP,
  restrictedPlatform,
  ROOT,
  spec,
  withHead,
  y,
} from '../helpers';

const ON = { policy_sync: { enabled: true } };
const IDS = ['onap.vfirewall.tca', 'onap.vdns.tca'];
const PLATFORM_ON = 'policy_sync: {enabled: true}\n';
const READER = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'policy-sync', 'policy-reader.json'), 'utf8');

/** The sidecar's env as OOM writes it, for the ids and the platform's values. */
function sidecarEnv(
  ids: string,
  url = 'https://policy-xacml-pdp:6969',
  secret = 'onap-policy-xacml-pdp-restserver-creds',
  interval = '300',
) {
  return [
    POD_IP,
    { name: 'POLICY_SYNC_PDP_USER', valueFrom: { secretKeyRef: { name: secret, key: 'login' } } },
    { name: 'POLICY_SYNC_PDP_PASS', valueFrom: { secretKeyRef: { name: secret, key: 'password' } } },
    { name: 'POLICY_SYNC_PDP_URL', value: url },
    { name: 'POLICY_SYNC_OUTFILE', value: '/etc/policies/policies.json' },
    { name: 'POLICY_SYNC_V1_DECISION_ENDPOINT', value: 'policy/pdpx/v1/decision' },
    { name: 'POLICY_SYNC_ID', value: ids },
    { name: 'POLICY_SYNC_DURATION', value: interval },
  ];
}

describe('policy_sync off (the default)', () => {
  test('GIVEN no platform setting WHEN compiled THEN no sidecar; the output equals the one with enabled: false and every other key written out', () => {
    const plain = compile(spec({ ports: ['8080:0'] }));
    expect(names(podOf(plain.objects).containers)).toEqual(['comp']);
    const off = { policy_sync: { enabled: false, image: 'repo/ps:2', pdp_url: 'https://pdp:1', pdp_secret: 'creds', interval: 60 } };
    expect(compile(spec({ ports: ['8080:0'] }), off).yaml).toBe(plain.yaml);
  });

  test('GIVEN the mode off WHEN a component gives policy_ids THEN it is an error at the key naming the platform key to turn on', () => {
    expect(errorsOf(withHead('policy_ids: [onap.vfirewall.tca]'))).toEqual([
      "components/c.yaml:3:1: policy_ids: is set, and the platform's policy_sync.enabled is false: no policy-sync sidecar fetches the " +
        'policies; expected no policy_ids, or policy_sync: {enabled: true} in platform.yaml to give each component with policy ids a ' +
        'policy-sync sidecar',
    ]);
  });

  test('GIVEN the mode off WHEN a DCAE spec has policy_info THEN it compiles without a sidecar and without a word about policies', () => {
    const r = compileFiles({ 'components/c.json': READER });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(names(podOf(r.objects).containers)).toEqual(['policy-reader']);
  });
});

describe('policy_sync.enabled: true with a YAML spec', () => {
  test('GIVEN policy ids WHEN compiled THEN the policy-sync container comes after the main container, with OOM env in order and its mount', () => {
    const { objects } = compile(withHead(`policy_ids: [${IDS.join(', ')}]`), ON);
    const pod = podOf(objects);
    expect(names(pod.containers)).toEqual(['comp', 'policy-sync']);
    expect(containerOf(objects, 'policy-sync')).toEqual({
      name: 'policy-sync',
      image: 'nexus3.onap.org:10001/onap/org.onap.dcaegen2.deployments.dcae-services-policy-sync:1.0.1',
      imagePullPolicy: 'IfNotPresent',
      env: sidecarEnv('["onap.vfirewall.tca","onap.vdns.tca"]'),
      volumeMounts: [{ name: 'policy-shared', mountPath: '/etc/policies' }],
    });
    expect(names(pod.volumes)).toEqual(['policy-shared', 'tls-info']);
    expect(pod.volumes[0]).toEqual({ name: 'policy-shared', emptyDir: {} });
    expect(mainOf(objects).volumeMounts).toEqual([
      { name: 'policy-shared', mountPath: '/etc/policies' },
      { name: 'tls-info', mountPath: '/opt/dcae/cacert' },
    ]);
  });

  test('GIVEN every platform key WHEN compiled THEN the image, URL, Secret and interval are those given', () => {
    const platform = {
      policy_sync: {
        enabled: true,
        image: 'repo/policy-sync:2.0',
        pdp_url: 'http://pdp.onap:8080/x',
        pdp_secret: 'pdp-creds',
        interval: 60,
      },
    };
    const { objects } = compile(withHead('policy_ids: [a]'), platform);
    const sidecar = containerOf(objects, 'policy-sync');
    expect(sidecar.image).toBe('repo/policy-sync:2.0');
    expect(sidecar.env).toEqual(sidecarEnv('["a"]', 'http://pdp.onap:8080/x', 'pdp-creds', '60'));
  });

  test('GIVEN filebeat and a configuration WHEN compiled THEN containers, volumes and main mounts follow the order table', () => {
    const { objects } = compile(
      withHead(
        'policy_ids: [a]',
        'log_info: {log_directory: /opt/logs}',
        'application_config: {x: 1}',
        'volumes:',
        '  - {config_volume: {name: cfg}, container: {bind: /opt/cfg}}',
      ),
      { ...ON, application_config: { source: 'configmap' } },
    );
    const pod = podOf(objects);
    expect(names(pod.containers)).toEqual(['comp', 'filebeat', 'policy-sync']);
    expect(names(pod.volumes)).toEqual([
      expect.stringMatching(/^config-/),
      'application-config',
      'component-log',
      'filebeat-data',
      'filebeat-conf',
      'policy-shared',
      'tls-info',
    ] as any);
    expect(names(mainOf(objects).volumeMounts)).toEqual([
      expect.stringMatching(/^config-/),
      'application-config',
      'component-log',
      'policy-shared',
      'tls-info',
    ] as any);
  });

  test('GIVEN a component without policy ids WHEN the mode is on THEN it gets no sidecar and compiles as with the mode off', () => {
    expect(compile(spec({ ports: ['8080:0'] }), ON).yaml).toBe(compile(spec({ ports: ['8080:0'] })).yaml);
  });

  test("GIVEN Pod Security restricted WHEN compiled THEN the sidecar gets the containers' securityContext", () => {
    const { objects } = compile(withHead('policy_ids: [a]'), { ...ON, ...restrictedPlatform() });
    expect(containerOf(objects, 'policy-sync').securityContext).toEqual(containerContext(false));
  });

  test('GIVEN the sidecar WHEN the Deployment is validated against the Kubernetes schema THEN it passes, and no Secret value is written', () => {
    const { objects, yaml } = compile(withHead('policy_ids: [a]'), ON);
    expect(objects.flatMap(validateObject)).toEqual([]);
    expect(deploymentOf(objects).kind).toBe('Deployment');
    expect(yaml).toContain('secretKeyRef');
    expect(yaml).not.toMatch(/POLICY_SYNC_PDP_(USER|PASS)\n\s+value:/);
  });
});

describe('errors with the mode on', () => {
  test('GIVEN an id twice WHEN compiled THEN the second is an error naming the first', () => {
    expect(errorsOf(withHead('policy_ids: [a, b, a]'), ON)).toEqual([
      'components/c.yaml:3:20: policy_ids[2]: "a" is already policy_ids[0]; expected each policy id once',
    ]);
  });

  test('GIVEN an empty list, an empty id or a number WHEN compiled THEN the schema refuses them', () => {
    expect(errorsOf(withHead('policy_ids: []'), ON)).toEqual([
      'components/c.yaml:3:13: policy_ids: an empty list is not allowed; expected at least 1 item',
    ]);
    expect(errorsOf(withHead('policy_ids: ["", 5]'), ON)).toEqual([
      'components/c.yaml:3:14: policy_ids[0]: "" is not a non-empty policy id, for example "onap.vfirewall.tca"',
      'components/c.yaml:3:18: policy_ids[1]: 5 is not a non-empty policy id, for example "onap.vfirewall.tca" (put it in quotes)',
    ]);
  });

  test('GIVEN a component named policy-sync WHEN it has policy ids THEN the name is an error', () => {
    expect(errorsOf(y('name: policy-sync', 'image: repo/p:1', 'policy_ids: [a]'), ON)).toEqual([
      'components/c.yaml:1:7: name: "policy-sync" is also the name of the sidecar that policy ids add (policy_ids, or a DCAE ' +
        "spec's policy_info), and a pod's containers need distinct names; expected another component name",
    ]);
    expect(errorsOf(y('name: policy-sync', 'image: repo/p:1'), ON)).toEqual([]);
  });

  test('GIVEN a volume or the cert directory at /etc/policies WHEN the component has policy ids THEN it is an error at that mount', () => {
    expect(
      errorsOf(withHead('policy_ids: [a]', 'volumes:', '  - {config_volume: {name: cfg}, container: {bind: /etc/policies}}'), ON),
    ).toEqual([
      'components/c.yaml:5:52: volumes[0].container.bind: "/etc/policies" is where the main container mounts policy-shared (the ' +
        'policies the policy-sync sidecar writes); the API server refuses two mounts at one path; expected another path',
    ]);
    expect(errorsOf(withHead('policy_ids: [a]'), { ...ON, tls: { component_cert_dir: '/etc/policies' } })).toEqual([
      'components/c.yaml:3:13: policy_ids: "/etc/policies" is where the main container mounts policy-shared (the policies the ' +
        'policy-sync sidecar writes); the API server refuses two mounts at one path; expected another path',
    ]);
  });

  test('GIVEN bad platform values WHEN compiled THEN the platform file is refused at each', () => {
    const platform = y(
      'policy_sync:',
      '  enabled: true',
      '  image: repo/policy sync',
      '  pdp_url: policy-xacml-pdp:6969',
      '  pdp_secret: Creds_1',
      '  interval: 0',
    );
    expect(errorsOf(withHead(), platform)).toEqual([
      'components/platform.yaml:3:10: policy_sync.image: "repo/policy sync" is not a container image reference with no spaces, for example "repo/image:1.0"',
      'components/platform.yaml:4:12: policy_sync.pdp_url: "policy-xacml-pdp:6969" is not an http or https URL with a host, for example "https://policy-xacml-pdp:6969"',
      'components/platform.yaml:5:15: policy_sync.pdp_secret: "Creds_1" is not a Secret name (DNS-1123 subdomain)',
      'components/platform.yaml:6:13: policy_sync.interval: 0 is not a whole number of seconds from 1 to 2147483647',
    ]);
    expect(errorsOf(withHead(), y('policy_sync:', '  interval: 1.5'))).toEqual([
      'components/platform.yaml:2:13: policy_sync.interval: 1.5 is not a whole number of seconds from 1 to 2147483647',
    ]);
  });

  test('GIVEN an invalid platform policy_sync WHEN a component gives policy_ids THEN only the platform file is blamed', () => {
    expect(errorsOf(withHead('policy_ids: [a]'), y('policy_sync:', '  enabled: "yes"'))).toEqual([
      expect.stringMatching(/^components\/platform\.yaml:2:12: policy_sync\.enabled: "yes" is not a boolean/),
    ] as any);
  });
});

describe('a DCAE spec with policy_info, the mode on', () => {
  test('GIVEN the fixture WHEN compiled THEN the ids come from policy_info in order, each once, with a warning at auxilary.policy', () => {
    const r = compileFiles({ 'components/c.json': READER }, PLATFORM_ON);
    expect(r.errors).toEqual([]);
    expect(names(podOf(r.objects).containers)).toEqual(['policy-reader', 'policy-sync']);
    expect(containerOf(r.objects, 'policy-sync').env).toEqual(sidecarEnv('["onap.reader.thresholds","onap.reader.limits"]'));
    expect(r.warnings).toEqual([
      'components/c.json:23:5: auxilary.policy: is not carried over: nothing runs the script it names on a policy change ' +
        '(the plugin did not either); the policy-sync sidecar (platform policy_sync.enabled) rewrites /etc/policies/policies.json every ' +
        'policy_sync.interval seconds, and the component reads that file (the DCAE SDK merges it into the configuration)',
    ]);
  });

  test('GIVEN an override with policy_ids WHEN compiled THEN they replace the DCAE ones; policy_ids: null gives no sidecar', () => {
    const r = compileFiles(
      { 'components/c.json': READER, 'components/c.yaml': y('dcae_spec: c.json', 'policy_ids: [own.policy]') },
      PLATFORM_ON,
    );
    expect(r.errors).toEqual([]);
    expect(containerOf(r.objects, 'policy-sync').env).toEqual(sidecarEnv('["own.policy"]'));
    const none = compileFiles(
      { 'components/c.json': READER, 'components/c.yaml': y('dcae_spec: c.json', 'policy_ids: null') },
      PLATFORM_ON,
    );
    expect(none.errors).toEqual([]);
    expect(names(podOf(none.objects).containers)).toEqual(['policy-reader']);
  });

  test("GIVEN reconfigs WHEN compiled THEN a warning at auxilary.reconfigs, beside the schema's", () => {
    const reconfigs = dcae(
      { reconfigs: { dti: '/opt/app/reconfigure.sh' } },
      {},
      { policy_info: { policy: [{ policy_id: 'p', policy_model_id: 'm' }] } },
    );
    const r = compileFiles({ 'components/c.json': reconfigs }, PLATFORM_ON);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      'components/c.json:25:5: auxilary.reconfigs: is not carried over: nothing runs its reconfiguration scripts (the plugin did not ' +
        'either); the policy-sync sidecar (platform policy_sync.enabled) rewrites /etc/policies/policies.json every policy_sync.interval ' +
        'seconds, and the component reads that file (the DCAE SDK merges it into the configuration)',
      'components/c.json:25:5: auxilary.reconfigs: unknown key; expected one of: helm, healthcheck, ports, log_info, tls_info, databases, ' +
        'policy, volumes (component-spec schema v3; the plugin ignored this, and so does the compiler)',
    ]);
  });

  test('GIVEN entries without policy_id (v2 node labels) WHEN no override gives policy_ids THEN each is an error saying how to give them', () => {
    const info = {
      policy_info: {
        policy: [
          { node_label: 'tca', policy_model_id: 'm' },
          { policy_id: 'p', policy_model_id: 'm' },
        ],
      },
    };
    const alone = compileFiles({ 'components/c.json': dcae({}, {}, info) }, PLATFORM_ON);
    expect(alone.errors).toEqual([
      "components/c.json:34:7: policy_info.policy[0]: has no policy_id (a non-empty string), and the platform's policy_sync.enabled is " +
        'true: the policy-sync sidecar fetches policies by id; expected a policy_id in each policy, or the ids in policy_ids. To fix it, ' +
        'write a YAML spec beside it with dcae_spec: c.json that sets policy_ids: [<policy id>, ...]',
    ]);
    expect(alone.warnings).toEqual([
      'components/c.json:34:7: policy_info.policy[0].policy_id: missing; this key is required: the id of the policy (component-spec ' +
        "schema v3; the plugin ignored this; the compiler reads each policy's policy_id (platform policy_sync.enabled))",
    ]);
    const withOverride = { 'components/c.json': dcae({}, {}, info), 'components/c.yaml': y('dcae_spec: c.json', 'policy_ids: [tca]') };
    const fixed = compileFiles(withOverride, PLATFORM_ON);
    expect(fixed.errors).toEqual([]);
    expect(containerOf(fixed.objects, 'policy-sync').env[6]).toEqual({ name: 'POLICY_SYNC_ID', value: '["tca"]' });
    const overridden = compileFiles({ ...withOverride, 'components/c.yaml': y('dcae_spec: c.json', 'replicas: 2') }, PLATFORM_ON);
    expect(overridden.errors).toEqual([
      "components/c.json:34:7: policy_info.policy[0]: has no policy_id (a non-empty string), and the platform's policy_sync.enabled is " +
        'true: the policy-sync sidecar fetches policies by id; expected a policy_id in each policy, or the ids in policy_ids. To fix it, ' +
        'set policy_ids: [<policy id>, ...] in components/c.yaml',
    ]);
  });
});
