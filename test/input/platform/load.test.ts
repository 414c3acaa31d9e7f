import { loadPlatform } from '../../../src/input/platform/load';
import { mergePatch } from '../../../src/input/values';
import { DEFAULT_PLATFORM } from '../../../src/input/platform/settings';
import { compile, errorsOf, podOf, spec } from '../../helpers';

describe('platform settings', () => {
  test('GIVEN no platform file WHEN loaded THEN the documented defaults apply', () => {
    const { settings, diagnostics } = loadPlatform(undefined, undefined);
    expect(diagnostics).toEqual([]);
    expect(settings).toBe(DEFAULT_PLATFORM);
    expect(settings.namespace).toBe('dcae');
    expect(settings.node_port_range).toBe('30000-32767');
    expect(settings.external_cert.timeout).toBe('30000');
    expect(settings.filebeat.image).toBe('docker.elastic.co/beats/filebeat:5.5.0');
  });

  test('GIVEN a platform file with one nested key WHEN merged THEN only that key changes (maps merge at every depth)', () => {
    const { settings, diagnostics } = loadPlatform('components/platform.yaml', 'filebeat:\n  image: mirror/filebeat:7\n');
    expect(diagnostics).toEqual([]);
    expect(settings.filebeat).toEqual({ ...DEFAULT_PLATFORM.filebeat, image: 'mirror/filebeat:7' });
    expect(settings.tls).toEqual(DEFAULT_PLATFORM.tls);
  });

  test('GIVEN a list in the platform file WHEN merged THEN it replaces the default list', () => {
    expect(mergePatch({ a: [1, 2], b: { c: 1, d: 2 } }, { a: [3], b: { d: 4 } })).toEqual({ a: [3], b: { c: 1, d: 4 } });
    const { settings } = loadPlatform('p.yaml', 'image_pull_secrets: [regcred]\n');
    expect(settings.image_pull_secrets).toEqual(['regcred']);
  });

  test('GIVEN platform namespace and pull secrets WHEN a component compiles THEN every object and the pod use them', () => {
    const { objects } = compile(spec({ ports: ['80:0'] }), { namespace: 'onap', image_pull_secrets: ['a', 'b'] });
    expect(objects.map((o) => o.metadata.namespace)).toEqual(['onap', 'onap']);
    expect(podOf(objects).imagePullSecrets).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  test('GIVEN a node_port_range WHEN a host port is outside it THEN the component is refused, naming the range', () => {
    expect(errorsOf(spec({ ports: ['80:31000'] }), { node_port_range: '30000-30999' })).toEqual([
      'components/c.yaml:4:5: ports[0]: host port 31000 in "80:31000" is not 0 or inside the node port range 30000-30999',
    ]);
  });

  test('GIVEN an unknown platform key WHEN loaded THEN it is an error at that key, with a suggestion', () => {
    const { diagnostics } = loadPlatform('components/platform.yaml', 'namespace: onap\nfilebeat:\n  imag: x\n');
    expect(diagnostics).toEqual([
      {
        file: 'components/platform.yaml',
        line: 3,
        column: 3,
        path: 'filebeat.imag',
        message:
          'unknown key (did you mean "image"?); expected one of: log_path, data_path, config_path, config_subpath, config_map, image',
      },
    ]);
  });

  test('GIVEN a backwards node_port_range WHEN loaded THEN it is an error', () => {
    const { diagnostics } = loadPlatform('p.yaml', 'node_port_range: 32767-30000\n');
    expect(diagnostics.map((d) => `${d.line}:${d.column}: ${d.path}: ${d.message}`)).toEqual([
      '1:18: node_port_range: "32767-30000" is not a range of ports "<first>-<last>" with 1 <= first <= last <= 65535',
    ]);
  });

  test('GIVEN a plain-text password key WHEN loaded THEN it is refused as unknown (passwords only come from Secrets)', () => {
    const { diagnostics } = loadPlatform('p.yaml', 'external_cert:\n  keystore_password: secret1\n');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].path).toBe('external_cert.keystore_password');
    expect(diagnostics[0].message).toMatch(/^unknown key/);
  });
});
