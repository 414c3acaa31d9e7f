/**
 * The pod's validation at synthesis: every mount names a volume of the pod, and volume and container names
 * are unique. It runs wherever the chart is synthesised, the compiler's path included.
 */
import { App, Chart, Testing } from 'cdk8s';
import { ApplicationConfig } from '../../src/constructs/application-config';
import { ComponentPod } from '../../src/constructs/component-pod';
import { FilebeatSidecar } from '../../src/constructs/filebeat-sidecar';
import { TlsInitContainer } from '../../src/constructs/tls-init-container';
import { DEFAULT_PLATFORM } from '../../src/input/platform/settings';
import { buildChart, renderManifest } from '../../src/output/synthesize';
import { loadProject } from '../../src/input/project';
import { formatDiagnostic } from '../../src/input/diagnostics';
import { chart, loadComponent, soloPod, validationErrors as errorsOf } from '../helpers';

/** The input errors of a spec, formatted. */
function inputErrors(text: string): string[] {
  return loadProject({ components: [{ name: 'components/c.yaml', text }] }).diagnostics.map(formatDiagnostic);
}

describe('pod validation: mounts of missing volumes', () => {
  test('GIVEN the cert-post-processor container added by hand without a TlsInitContainer WHEN synthesised THEN it fails, naming the construct to add', () => {
    const c = chart();
    const pod = soloPod(c);
    pod.addInitContainer({ name: 'cert-post-processor', image: 'x', volumeMounts: [{ name: 'tls-info', mountPath: '/certs/' }] });
    expect(errorsOf(() => Testing.synth(c))).toEqual([
      '[standalone/Pod] container "cert-post-processor" mounts volume "tls-info", which the pod does not have; add a TlsInitContainer to the pod',
    ]);
  });

  test.each([
    ['tls-volume', 'add a CertServiceClient to the pod'],
    ['component-log', 'add a FilebeatSidecar to the pod'],
    ['filebeat-conf', 'add a FilebeatSidecar to the pod'],
    ['my-data', 'add the volume with addVolume()'],
  ])('GIVEN the main container mounting %s, which no construct added WHEN synthesised THEN the error says: %s', (volume, hint) => {
    const c = chart();
    soloPod(c).mountOnMain({ name: volume, mountPath: '/x' });
    expect(errorsOf(() => Testing.synth(c))).toEqual([
      `[standalone/Pod] container "solo" mounts volume "${volume}", which the pod does not have; ${hint}`,
    ]);
  });

  test.each([
    [
      'app',
      'mine',
      'labels.app is "mine", but the pod\'s selector owns the label "app" (app: <component name>, k8sdeployment: dep-<component name>); remove it from labels',
    ],
    [
      'k8sdeployment',
      'dep-x',
      'labels.k8sdeployment is "dep-x", but the pod\'s selector owns the label "k8sdeployment" (app: <component name>, k8sdeployment: dep-<component name>); remove it from labels',
    ],
  ])(
    "GIVEN a library user's label %s, which the selector owns WHEN synthesised THEN it is refused (before: silently overwritten)",
    (key, value, message) => {
      const c = chart();
      new ComponentPod(c, 'Pod', { main: { name: 'solo', image: 'repo/solo:1' }, labels: { team: 'a', [key]: value } });
      expect(errorsOf(() => Testing.synth(c))).toEqual([`[standalone/Pod] ${message}`]);
    },
  );

  test("GIVEN a library user's labels that the selector does not own WHEN synthesised THEN they are written beside app and k8sdeployment", () => {
    const c = chart();
    new ComponentPod(c, 'Pod', { main: { name: 'solo', image: 'repo/solo:1' }, labels: { team: 'a' } });
    const dep = Testing.synth(c).find((o) => o.kind === 'Deployment');
    expect(dep.metadata.labels).toEqual({ team: 'a', app: 'solo', k8sdeployment: 'dep-solo' });
    expect(dep.spec.selector.matchLabels).toEqual({ team: 'a', app: 'solo', k8sdeployment: 'dep-solo' });
  });

  test('GIVEN a sidecar mounting a volume added by hand WHEN synthesised THEN it passes', () => {
    const c = chart();
    const pod = soloPod(c);
    pod.addVolume({ name: 'shared', emptyDir: {} });
    pod.addSidecar({ name: 'helper', image: 'x', volumeMounts: [{ name: 'shared', mountPath: '/s' }] });
    expect(errorsOf(() => Testing.synth(c))).toEqual([]);
  });

  test('GIVEN every construct used as documented WHEN synthesised THEN there is no error', () => {
    const c = chart();
    const pod = soloPod(c);
    new FilebeatSidecar(c, 'Filebeat', { pod, logDirectory: '/logs' });
    new TlsInitContainer(c, 'TlsInit', { pod });
    expect(errorsOf(() => Testing.synth(c))).toEqual([]);
  });
});

describe('pod validation: names used twice', () => {
  test('GIVEN two FilebeatSidecars in one pod WHEN synthesised THEN every repeated volume and the repeated container are reported', () => {
    const c = chart();
    const pod = soloPod(c);
    new FilebeatSidecar(c, 'Filebeat', { pod, logDirectory: '/logs' });
    new FilebeatSidecar(c, 'Filebeat2', { pod, logDirectory: '/logs2' });
    expect(errorsOf(() => Testing.synth(c))).toEqual([
      '[standalone/Pod] the pod has two volumes named "component-log"; a FilebeatSidecar adds it: add one FilebeatSidecar per pod',
      '[standalone/Pod] the pod has two volumes named "filebeat-data"; a FilebeatSidecar adds it: add one FilebeatSidecar per pod',
      '[standalone/Pod] the pod has two volumes named "filebeat-conf"; a FilebeatSidecar adds it: add one FilebeatSidecar per pod',
      '[standalone/Pod] the pod has two containers named "filebeat"; a FilebeatSidecar adds it: add one FilebeatSidecar per pod',
    ]);
  });

  test('GIVEN two TlsInitContainers in one pod WHEN synthesised THEN tls-info and init-tls are reported', () => {
    const c = chart();
    const pod = soloPod(c);
    new TlsInitContainer(c, 'TlsInit', { pod });
    new TlsInitContainer(c, 'TlsInit2', { pod });
    expect(errorsOf(() => Testing.synth(c))).toEqual([
      '[standalone/Pod] the pod has two volumes named "tls-info"; a TlsInitContainer adds it: add one TlsInitContainer per pod',
      '[standalone/Pod] the pod has two containers named "init-tls"; a TlsInitContainer adds it: add one TlsInitContainer per pod',
    ]);
  });

  test('GIVEN a component named like the filebeat sidecar WHEN synthesised THEN the error says to rename the component', () => {
    const c = chart();
    const pod = new ComponentPod(c, 'Pod', { main: { name: 'filebeat', image: 'x' } });
    new FilebeatSidecar(c, 'Filebeat', { pod, logDirectory: '/logs' });
    expect(errorsOf(() => Testing.synth(c))).toEqual([
      '[standalone/Pod] the pod has two containers named "filebeat"; the main container and the one a FilebeatSidecar adds: give the component another name',
    ]);
  });

  test('GIVEN an init container named like a sidecar, and a volume added twice by hand WHEN synthesised THEN both are reported', () => {
    const c = chart();
    const pod = soloPod(c);
    pod.addSidecar({ name: 'helper', image: 'x' });
    pod.addInitContainer({ name: 'helper', image: 'x' });
    pod.addVolume({ name: 'v', emptyDir: {} });
    pod.addVolume({ name: 'v', emptyDir: {} });
    expect(errorsOf(() => Testing.synth(c))).toEqual([
      '[standalone/Pod] the pod has two volumes named "v"; volume names must be unique in a pod',
      '[standalone/Pod] the pod has two containers named "helper"; container names must be unique across containers and init containers',
    ]);
  });
});

describe('pod validation: where it runs', () => {
  test('GIVEN a broken pod WHEN the app synthesises (synthYaml, which validates as app.synth does) THEN it fails the same way', () => {
    const app = new App();
    const pod = new ComponentPod(new Chart(app, 'mine'), 'Pod', { main: { name: 'solo', image: 'x' } });
    pod.mountOnMain({ name: 'tls-info', mountPath: '/c' });
    expect(errorsOf(() => app.synthYaml())).toEqual([
      '[mine/Pod] container "solo" mounts volume "tls-info", which the pod does not have; add a TlsInitContainer to the pod',
    ]);
  });

  test("GIVEN the compiler's chart with a container added by mistake WHEN rendered with chart.toJson(), as renderManifest does THEN it throws", () => {
    const spec = loadComponent('name: comp\nimage: repo/comp:1\n');
    const { chart: built } = buildChart(spec, DEFAULT_PLATFORM);
    built.pod.addSidecar({ name: 'oops', image: 'x', volumeMounts: [{ name: 'component-log', mountPath: '/l' }] });
    expect(errorsOf(() => built.toJson())).toEqual([
      '[comp/Pod] container "oops" mounts volume "component-log", which the pod does not have; add a FilebeatSidecar to the pod',
    ]);
  });

  test('GIVEN a spec valid in every other way, named like the TLS init container WHEN rendered past the input checks THEN the pod validation still refuses it', () => {
    // The input side refuses the name (next test); the pod's validation is the last line of defence.
    const spec = { ...loadComponent('name: comp\nimage: repo/comp:1\n'), name: 'init-tls' };
    expect(() => renderManifest(spec, DEFAULT_PLATFORM)).toThrow(
      '[init-tls/Pod] the pod has two containers named "init-tls"; the main container and the one a TlsInitContainer adds: give the component another name',
    );
  });

  test.each([
    ['name: init-tls\nimage: r/c:1\n', 'the TLS init container every pod gets'],
    ['name: filebeat\nimage: r/c:1\nlog_info: {log_directory: /logs}\n', 'the filebeat sidecar that log_info adds'],
    [
      'name: cert-service-client\nimage: r/c:1\nexternal_cert: {use_external_tls: true, external_cert_directory: /c, ca_name: RA, external_certificate_parameters: {common_name: c}}\n',
      'the init container that external_cert adds',
    ],
  ])(
    'GIVEN a component named like a container the compiler adds (%#) WHEN compiled THEN an input error at name, and nothing is rendered',
    (text, what) => {
      const name = /^name: (\S+)/.exec(text)![1];
      expect(inputErrors(text)).toEqual([
        `components/c.yaml:1:7: name: "${name}" is also the name of ${what}, and a pod's containers need distinct names; expected another component name`,
      ]);
    },
  );

  test('GIVEN a component named filebeat without log_info WHEN compiled THEN it is fine (no filebeat container beside it)', () => {
    expect(inputErrors('name: filebeat\nimage: r/c:1\n')).toEqual([]);
  });
});

describe('pod validation: main-container variables given twice', () => {
  const message = (name: string) =>
    `[standalone/Pod] the main container has two variables named "${name}"; POD_IP and the variables other constructs add ` +
    '(CBS_CLIENT_CONFIG_PATH with an ApplicationConfig) are set by the pod: give each name once, and none of those in main.env';

  test.each(['POD_IP', 'CBS_CLIENT_CONFIG_PATH'])(
    'GIVEN main.env with %s, which the pod or an ApplicationConfig adds, read from a Secret WHEN synthesised THEN it fails, naming the variable',
    (name) => {
      const c = chart();
      const pod = new ComponentPod(c, 'Pod', { main: { name: 'solo', image: 'repo/solo:1', env: [[name, { secret: 's', key: 'k' }]] } });
      new ApplicationConfig(c, 'ApplicationConfig', { config: 'a: 1\n', pod });
      expect(errorsOf(() => Testing.synth(c))).toEqual([message(name)]);
    },
  );

  test('GIVEN main.env with one name twice WHEN synthesised THEN it fails once', () => {
    const c = chart();
    new ComponentPod(c, 'Pod', {
      main: {
        name: 'solo',
        image: 'repo/solo:1',
        env: [
          ['A', 'x'],
          ['A', { secret: 's', key: 'k' }],
        ],
      },
    });
    expect(errorsOf(() => Testing.synth(c))).toEqual([message('A')]);
  });
});
