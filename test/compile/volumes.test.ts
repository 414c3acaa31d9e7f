/** volumes: user volumes and the main container's mounts (docs/reference.md and "Pod"). */
import { compile, errorsOf, mainOf, podOf, spec } from '../helpers';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** What the volumes option controls: the pod's volumes and the main container's mounts. */
function volumeView(objects: any[]) {
  return { volumes: podOf(objects).volumes, mainMounts: mainOf(objects).volumeMounts };
}

describe('volumes: host', () => {
  test('GIVEN a host volume with mode ro WHEN compiled THEN it is a hostPath volume mounted at bind with readOnly true', () => {
    const { objects } = compile(
      spec({ volumes: [{ host: { path: '/etc/localtime' }, container: { bind: '/etc/localtime', mode: 'ro' } }] }),
    );
    expect(volumeView(objects)).toMatchSnapshot();
    const [vol, tls] = podOf(objects).volumes;
    expect(podOf(objects).volumes).toHaveLength(2);
    expect(vol.hostPath).toEqual({ path: '/etc/localtime' });
    expect(Object.keys(vol).sort()).toEqual(['hostPath', 'name']);
    expect(tls).toEqual({ name: 'tls-info', emptyDir: {} });
    expect(mainOf(objects).volumeMounts[0]).toEqual({ name: vol.name, mountPath: '/etc/localtime', readOnly: true });
  });

  test('GIVEN a host volume with mode rw WHEN compiled THEN the mount has no readOnly field', () => {
    const { objects } = compile(spec({ volumes: [{ host: { path: '/var/data' }, container: { bind: '/data', mode: 'rw' } }] }));
    expect(volumeView(objects)).toMatchSnapshot();
    const vol = podOf(objects).volumes[0];
    expect(vol.hostPath).toEqual({ path: '/var/data' });
    expect(mainOf(objects).volumeMounts[0]).toEqual({ name: vol.name, mountPath: '/data' });
    expect(mainOf(objects).volumeMounts[0]).not.toHaveProperty('readOnly');
  });

  test('GIVEN a host volume with no mode WHEN compiled THEN the mount is read-write, with no readOnly field', () => {
    const { objects } = compile(spec({ volumes: [{ host: { path: '/var/data' }, container: { bind: '/data' } }] }));
    expect(volumeView(objects)).toMatchSnapshot();
    const vol = podOf(objects).volumes[0];
    expect(mainOf(objects).volumeMounts[0]).toEqual({ name: vol.name, mountPath: '/data' });
  });

  test('GIVEN mode "RO" (not ro or rw) WHEN compiled THEN it is an error', () => {
    const errors = errorsOf(spec({ volumes: [{ host: { path: '/a' }, container: { bind: '/a', mode: 'RO' } }] }));
    expect(errors).toEqual(['components/c.yaml:8:13: volumes[0].container.mode: "RO" is not "ro" or "rw"']);
  });
});

describe('volumes: config_volume', () => {
  test('GIVEN a config_volume WHEN compiled THEN it is a configMap volume with defaultMode 420 and optional true', () => {
    const { objects } = compile(spec({ volumes: [{ config_volume: { name: 'ves-config' }, container: { bind: '/opt/app/etc' } }] }));
    expect(volumeView(objects)).toMatchSnapshot();
    const vol = podOf(objects).volumes[0];
    expect(vol.configMap).toEqual({ name: 'ves-config', defaultMode: 420, optional: true });
    expect(Object.keys(vol).sort()).toEqual(['configMap', 'name']);
    expect(mainOf(objects).volumeMounts[0]).toEqual({ name: vol.name, mountPath: '/opt/app/etc' });
  });

  test('GIVEN a config_volume with mode ro WHEN compiled THEN its mount is readOnly true', () => {
    const { objects } = compile(spec({ volumes: [{ config_volume: { name: 'cm' }, container: { bind: '/etc/cm', mode: 'ro' } }] }));
    expect(volumeView(objects)).toMatchSnapshot();
    const vol = podOf(objects).volumes[0];
    expect(mainOf(objects).volumeMounts[0]).toEqual({ name: vol.name, mountPath: '/etc/cm', readOnly: true });
  });

  test.each<[string, object, string]>([
    [
      'both host and config_volume',
      { host: { path: '/a' }, config_volume: { name: 'x' }, container: { bind: '/a' } },
      'components/c.yaml:4:5: volumes[0]: has both host and config_volume; expected exactly one source',
    ],
    [
      'neither host nor config_volume',
      { container: { bind: '/a' } },
      'components/c.yaml:4:5: volumes[0]: has no source; expected exactly one of host: {path} or config_volume: {name}',
    ],
  ])('GIVEN an entry with %s WHEN compiled THEN it is an error', (_what, entry, message) => {
    expect(errorsOf(spec({ volumes: [entry] }))).toEqual([message]);
  });
});

describe('volumes: names', () => {
  const volumes = [
    { host: { path: '/etc/localtime' }, container: { bind: '/etc/localtime', mode: 'ro' } },
    { host: { path: '/etc/localtime' }, container: { bind: '/other/localtime' } },
    { config_volume: { name: 'cm' }, container: { bind: '/etc/cm' } },
    { config_volume: { name: 'cm' }, container: { bind: '/etc/cm2' } },
  ];

  test('GIVEN several user volumes WHEN compiled twice THEN their names are the same both times, distinct, and valid DNS-1123 labels', () => {
    const first = podOf(compile(spec({ volumes })).objects).volumes.map((v: any) => v.name);
    const second = podOf(compile(spec({ volumes })).objects).volumes.map((v: any) => v.name);
    expect(first).toMatchSnapshot();
    expect(second).toEqual(first);
    const user = first.slice(0, 4);
    expect(new Set(user).size).toBe(4);
    for (const name of user) {
      expect(name).toMatch(DNS_1123_LABEL);
      expect(name.length).toBeLessThanOrEqual(63);
      expect(['component-log', 'filebeat-data', 'filebeat-conf', 'tls-info', 'tls-volume']).not.toContain(name);
    }
  });

  test('GIVEN the same volume in two components WHEN compiled THEN the name does not depend on the component', () => {
    const a = podOf(compile(spec({ name: 'alpha', volumes: [volumes[0]] })).objects).volumes[0].name;
    const b = podOf(compile(spec({ name: 'beta', volumes: [volumes[0]] })).objects).volumes[0].name;
    expect(a).toMatchSnapshot();
    expect(b).toBe(a);
  });

  test('GIVEN volumes WHEN compiled THEN each mount names its own volume', () => {
    const { objects } = compile(spec({ volumes }));
    const vols = podOf(objects).volumes;
    const mounts = mainOf(objects).volumeMounts;
    expect(mounts.map((m: any) => [m.name, m.mountPath])).toMatchSnapshot();
    expect(mounts.slice(0, 4).map((m: any) => m.name)).toEqual(vols.slice(0, 4).map((v: any) => v.name));
    expect(mounts.slice(0, 4).map((m: any) => m.mountPath)).toEqual(['/etc/localtime', '/other/localtime', '/etc/cm', '/etc/cm2']);
  });
});

describe('volumes: order', () => {
  test('GIVEN user volumes and log_info WHEN compiled THEN the pod volumes are user volumes in spec order, component-log, filebeat-data, filebeat-conf, tls-info', () => {
    const { objects } = compile(
      spec({
        volumes: [
          { config_volume: { name: 'cm' }, container: { bind: '/etc/cm' } },
          { host: { path: '/h' }, container: { bind: '/h', mode: 'ro' } },
        ],
        log_info: { log_directory: '/var/log/comp' },
      }),
    );
    expect(volumeView(objects)).toMatchSnapshot();
    const vols = podOf(objects).volumes;
    expect(vols.slice(2).map((v: any) => v.name)).toEqual(['component-log', 'filebeat-data', 'filebeat-conf', 'tls-info']);
    expect(vols[0].configMap).toEqual({ name: 'cm', defaultMode: 420, optional: true });
    expect(vols[1].hostPath).toEqual({ path: '/h' });
  });

  test('GIVEN user volumes, log_info and tls_info WHEN compiled THEN the main mounts are user mounts, component-log, tls-info', () => {
    const { objects } = compile(
      spec({
        volumes: [
          { host: { path: '/h' }, container: { bind: '/h', mode: 'ro' } },
          { config_volume: { name: 'cm' }, container: { bind: '/etc/cm', mode: 'rw' } },
        ],
        log_info: { log_directory: '/var/log/comp' },
        tls_info: { cert_directory: '/opt/certs' },
      }),
    );
    const vols = podOf(objects).volumes;
    expect(mainOf(objects).volumeMounts).toMatchSnapshot();
    expect(mainOf(objects).volumeMounts).toEqual([
      { name: vols[0].name, mountPath: '/h', readOnly: true },
      { name: vols[1].name, mountPath: '/etc/cm' },
      { name: 'component-log', mountPath: '/var/log/comp' },
      { name: 'tls-info', mountPath: '/opt/certs' },
    ]);
  });

  test('GIVEN no volumes WHEN compiled THEN the only volume and main mount is tls-info', () => {
    const { objects } = compile(spec());
    expect(podOf(objects).volumes).toEqual([{ name: 'tls-info', emptyDir: {} }]);
    expect(mainOf(objects).volumeMounts).toEqual([{ name: 'tls-info', mountPath: '/opt/dcae/cacert' }]);
  });

  test('GIVEN two volumes at the same bind WHEN compiled THEN it is an error', () => {
    const errors = errorsOf(
      spec({
        volumes: [
          { host: { path: '/a' }, container: { bind: '/x' } },
          { host: { path: '/b' }, container: { bind: '/x' } },
        ],
      }),
    );
    expect(errors).toEqual([
      'components/c.yaml:11:13: volumes[1].container.bind: "/x" is already mounted by volumes[0]; expected a mount path used once',
    ]);
  });
});
