/** tls_info: the init-tls container and the tls-info volume (docs/reference.md). */
import { compile, containerOf, mainOf, POD_IP, podOf, spec } from '../helpers';

/** What tls_info controls: init-tls, the tls-info volume and the main container's tls-info mount. */
function tlsView(objects: any[]) {
  return {
    initTls: containerOf(objects, 'init-tls'),
    tlsVolume: podOf(objects).volumes.find((v: any) => v.name === 'tls-info'),
    mainTlsMount: mainOf(objects).volumeMounts.find((m: any) => m.name === 'tls-info'),
  };
}

const DEFAULT_TLS_IMAGE = 'nexus3.onap.org:10001/onap/org.onap.dcaegen2.deployments.tls-init-container:2.1.0';

describe('tls: use_tls', () => {
  test.each<[string, string, object]>([
    ['use_tls true', 'true', { tls_info: { use_tls: true } }],
    ['use_tls false', 'false', { tls_info: { use_tls: false } }],
    ['tls_info without use_tls', 'false', { tls_info: { cert_directory: '/opt/certs' } }],
    ['no tls_info', 'false', {}],
  ])('GIVEN %s WHEN compiled THEN init-tls has TLS_SERVER "%s" then POD_IP', (_what, value, extra) => {
    const { objects } = compile(spec(extra));
    expect(containerOf(objects, 'init-tls').env).toEqual([{ name: 'TLS_SERVER', value }, POD_IP]);
  });
});

describe('tls: init container and cert directory', () => {
  test('GIVEN no tls_info WHEN compiled THEN init-tls is the only init container and the main container mounts tls-info at the platform component_cert_dir', () => {
    const { objects } = compile(spec());
    expect(podOf(objects).initContainers.map((c: any) => c.name)).toEqual(['init-tls']);
    expect(containerOf(objects, 'init-tls')).toEqual({
      name: 'init-tls',
      image: DEFAULT_TLS_IMAGE,
      imagePullPolicy: 'IfNotPresent',
      env: [{ name: 'TLS_SERVER', value: 'false' }, POD_IP],
      volumeMounts: [{ name: 'tls-info', mountPath: '/opt/app/osaaf' }],
    });
    expect(podOf(objects).volumes).toEqual([{ name: 'tls-info', emptyDir: {} }]);
    expect(mainOf(objects).volumeMounts).toEqual([{ name: 'tls-info', mountPath: '/opt/dcae/cacert' }]);
  });

  test('GIVEN tls_info.cert_directory WHEN compiled THEN the main container mounts tls-info there, as given', () => {
    const { objects } = compile(spec({ tls_info: { use_tls: true, cert_directory: '/opt/app/dcae-certificate/' } }));
    expect(tlsView(objects)).toMatchSnapshot();
    expect(mainOf(objects).volumeMounts).toEqual([{ name: 'tls-info', mountPath: '/opt/app/dcae-certificate/' }]);
    // init-tls still mounts at tls.cert_path.
    expect(containerOf(objects, 'init-tls').volumeMounts).toEqual([{ name: 'tls-info', mountPath: '/opt/app/osaaf' }]);
  });

  test('GIVEN platform tls settings WHEN compiled THEN init-tls uses tls.image and mounts tls-info at tls.cert_path, and the default cert dir is tls.component_cert_dir', () => {
    const { objects } = compile(spec({ tls_info: { use_tls: true } }), {
      tls: { cert_path: '/opt/tls/init', component_cert_dir: '/opt/comp/certs', image: 'registry/tls-init:9' },
    });
    expect(tlsView(objects)).toMatchSnapshot();
    expect(containerOf(objects, 'init-tls').image).toBe('registry/tls-init:9');
    expect(containerOf(objects, 'init-tls').volumeMounts).toEqual([{ name: 'tls-info', mountPath: '/opt/tls/init' }]);
    expect(mainOf(objects).volumeMounts).toEqual([{ name: 'tls-info', mountPath: '/opt/comp/certs' }]);
  });

  test('GIVEN a platform component_cert_dir and a spec cert_directory WHEN compiled THEN the spec wins', () => {
    const { objects } = compile(spec({ tls_info: { cert_directory: '/mine' } }), { tls: { component_cert_dir: '/opt/comp/certs' } });
    expect(tlsView(objects)).toMatchSnapshot();
    expect(mainOf(objects).volumeMounts).toEqual([{ name: 'tls-info', mountPath: '/mine' }]);
    expect(containerOf(objects, 'init-tls').image).toBe(DEFAULT_TLS_IMAGE);
  });

  test('GIVEN always_pull true WHEN compiled THEN init-tls still has imagePullPolicy IfNotPresent', () => {
    const { objects } = compile(spec({ always_pull: true }));
    expect(containerOf(objects, 'init-tls').imagePullPolicy).toBe('IfNotPresent');
  });
});
