/** log_info: the filebeat sidecar (docs/reference.md). */
import { compile, containerOf, mainOf, POD_IP, podOf, spec } from '../helpers';

/** What log_info controls: the sidecar, the pod volumes and the main container's mounts. */
function filebeatView(objects: any[]) {
  const pod = podOf(objects);
  return {
    containers: pod.containers.map((c: any) => c.name),
    filebeat: pod.containers.find((c: any) => c.name === 'filebeat'),
    volumes: pod.volumes,
    mainMounts: mainOf(objects).volumeMounts,
  };
}

describe('filebeat: log_info', () => {
  test('GIVEN log_info.log_directory without alternate_fb_path WHEN compiled THEN filebeat mounts component-log at <log_path>/<name>, with the default platform settings', () => {
    const { objects } = compile(spec({ log_info: { log_directory: '/opt/app/logs' } }));
    expect(filebeatView(objects)).toMatchSnapshot();
    expect(podOf(objects).containers.map((c: any) => c.name)).toEqual(['comp', 'filebeat']);
    expect(containerOf(objects, 'filebeat')).toEqual({
      name: 'filebeat',
      image: 'docker.elastic.co/beats/filebeat:5.5.0',
      imagePullPolicy: 'IfNotPresent',
      env: [POD_IP],
      volumeMounts: [
        { name: 'component-log', mountPath: '/var/log/onap/comp' },
        { name: 'filebeat-data', mountPath: '/usr/share/filebeat/data' },
        { name: 'filebeat-conf', mountPath: '/usr/share/filebeat/filebeat.yml', subPath: 'filebeat.yml' },
      ],
    });
    expect(mainOf(objects).volumeMounts).toEqual([
      { name: 'component-log', mountPath: '/opt/app/logs' },
      { name: 'tls-info', mountPath: '/opt/dcae/cacert' },
    ]);
  });

  test('GIVEN log_info with alternate_fb_path WHEN compiled THEN filebeat mounts component-log at alternate_fb_path', () => {
    const { objects } = compile(spec({ log_info: { log_directory: '/opt/app/logs', alternate_fb_path: '/var/log/alt/comp' } }));
    expect(filebeatView(objects)).toMatchSnapshot();
    expect(containerOf(objects, 'filebeat').volumeMounts[0]).toEqual({ name: 'component-log', mountPath: '/var/log/alt/comp' });
    // The main container still mounts it at log_directory.
    expect(mainOf(objects).volumeMounts[0]).toEqual({ name: 'component-log', mountPath: '/opt/app/logs' });
  });

  test('GIVEN log_info WHEN compiled THEN the volumes are component-log, filebeat-data (emptyDir) and filebeat-conf (configMap), before tls-info', () => {
    const { objects } = compile(spec({ log_info: { log_directory: '/opt/app/logs' } }));
    expect(podOf(objects).volumes).toEqual([
      { name: 'component-log', emptyDir: {} },
      { name: 'filebeat-data', emptyDir: {} },
      { name: 'filebeat-conf', configMap: { name: 'filebeat-conf' } },
      { name: 'tls-info', emptyDir: {} },
    ]);
  });

  test('GIVEN platform filebeat settings WHEN compiled THEN the image, paths, subPath and ConfigMap come from them', () => {
    const { objects } = compile(spec({ log_info: { log_directory: '/opt/app/logs' } }), {
      filebeat: {
        log_path: '/logs',
        data_path: '/fb/data',
        config_path: '/fb/conf/fb.yml',
        config_subpath: 'fb.yml',
        config_map: 'my-fb-conf',
        image: 'registry/filebeat:7',
      },
    });
    expect(filebeatView(objects)).toMatchSnapshot();
    expect(containerOf(objects, 'filebeat').image).toBe('registry/filebeat:7');
    expect(containerOf(objects, 'filebeat').volumeMounts).toEqual([
      { name: 'component-log', mountPath: '/logs/comp' },
      { name: 'filebeat-data', mountPath: '/fb/data' },
      { name: 'filebeat-conf', mountPath: '/fb/conf/fb.yml', subPath: 'fb.yml' },
    ]);
    expect(podOf(objects).volumes.find((v: any) => v.name === 'filebeat-conf')).toEqual({
      name: 'filebeat-conf',
      configMap: { name: 'my-fb-conf' },
    });
  });

  test('GIVEN only filebeat.log_path in the platform WHEN compiled THEN the other filebeat settings keep their defaults (maps merge key by key)', () => {
    const { objects } = compile(spec({ log_info: { log_directory: '/opt/app/logs' } }), { filebeat: { log_path: '/logs' } });
    expect(containerOf(objects, 'filebeat')).toMatchSnapshot();
    expect(containerOf(objects, 'filebeat').image).toBe('docker.elastic.co/beats/filebeat:5.5.0');
    expect(containerOf(objects, 'filebeat').volumeMounts).toEqual([
      { name: 'component-log', mountPath: '/logs/comp' },
      { name: 'filebeat-data', mountPath: '/usr/share/filebeat/data' },
      { name: 'filebeat-conf', mountPath: '/usr/share/filebeat/filebeat.yml', subPath: 'filebeat.yml' },
    ]);
  });

  test('GIVEN alternate_fb_path and a platform log_path WHEN compiled THEN alternate_fb_path wins', () => {
    const { objects } = compile(spec({ log_info: { log_directory: '/opt/app/logs', alternate_fb_path: '/alt' } }), {
      filebeat: { log_path: '/logs' },
    });
    expect(containerOf(objects, 'filebeat').volumeMounts).toMatchSnapshot();
    expect(containerOf(objects, 'filebeat').volumeMounts[0]).toEqual({ name: 'component-log', mountPath: '/alt' });
  });

  test('GIVEN no log_info, or log_info without log_directory WHEN compiled THEN there is no sidecar and no filebeat volume', () => {
    for (const extra of [{}, { log_info: {} }, { log_info: { alternate_fb_path: '/alt' } }]) {
      const { objects } = compile(spec(extra));
      expect(filebeatView(objects)).toMatchSnapshot();
      expect(podOf(objects).containers.map((c: any) => c.name)).toEqual(['comp']);
      expect(podOf(objects).volumes.map((v: any) => v.name)).toEqual(['tls-info']);
      expect(mainOf(objects).volumeMounts.map((m: any) => m.name)).toEqual(['tls-info']);
    }
  });

  test('GIVEN always_pull true and log_info WHEN compiled THEN filebeat still has imagePullPolicy IfNotPresent', () => {
    const { objects } = compile(spec({ always_pull: true, log_info: { log_directory: '/opt/app/logs' } }));
    expect(podOf(objects).containers.map((c: any) => [c.name, c.imagePullPolicy])).toEqual([
      ['comp', 'Always'],
      ['filebeat', 'IfNotPresent'],
    ]);
  });
});
