/**
 * Component rules made stricter, or clearer (issue 10): probe times written as floats, duplicate mounts
 * named by their own entry, mount paths compared as directories, quoted probe scripts, the YAML 1.1 boolean
 * hint, `.inf` and `.nan` env values, two mounts at one path in the filebeat sidecar or the
 * cert-service-client, and the port protocol's case. Every message is asserted exactly.
 */
import { compileFiles, dcae, FilesResult, mainOf, podOf, withHead, y } from '../helpers';

const F = 'components/c.yaml';
const P = 'components/platform.yaml';
/** Compiles one YAML spec (components/c.yaml), with an optional platform file. */
const run = (text: string, platform?: string): FilesResult => compileFiles({ [F]: text }, platform);

const INTERVAL_RULE = 'a whole number of seconds, or digits followed by s, m or h (15, "15s", "1m")';
const REFUSED = 'the API server refuses two mounts at one path';
/** The warning for a mount path that is an earlier one written differently. */
const SAME_PATH = (later: string, earlier: string, who: string, container: string) =>
  `"${later}" is the same path as "${earlier}", which ${who} mounts in ${container}: the API server accepts both, as it compares ` +
  'mount paths as written, and the container runtime then mounts both volumes at that one path, one hiding the other; expected each path mounted once';
const DATA = "filebeat-data (the platform's filebeat.data_path)";
const CONF = "filebeat-conf (the platform's filebeat.config_path)";
const BY_DEFAULT = 'adds the filebeat sidecar, which mounts component-log at <filebeat.log_path>/<name>: ';
const EXTERNAL = (dir: string) => [
  'external_cert:',
  '  use_external_tls: true',
  `  external_cert_directory: ${dir}`,
  '  ca_name: RA',
  '  external_certificate_parameters: {common_name: comp}',
];

describe('GIVEN a probe time written as a YAML float or another spelling of a number', () => {
  test.each<[string, string, string]>([
    ['interval: 30.0', '  interval: 30.0', `${F}:6:13: liveness.interval: 30.0 is not ${INTERVAL_RULE}`],
    ['timeout: 10E0', '  timeout: 10E0', `${F}:6:12: liveness.timeout: 10E0 is not ${INTERVAL_RULE}`],
    ['interval: 3e1', '  interval: 3e1', `${F}:6:13: liveness.interval: 3e1 is not ${INTERVAL_RULE}`],
    ['interval: 0x1E', '  interval: 0x1E', `${F}:6:13: liveness.interval: 0x1E is not ${INTERVAL_RULE}`],
    ['timeout: 1.5', '  timeout: 1.5', `${F}:6:12: liveness.timeout: 1.5 is not ${INTERVAL_RULE}`],
  ])(
    '%s WHEN compiled THEN exactly this error is reported (the plugin matched str(value) against ^[0-9]+(s|m|h)?$)',
    (_title, line, expected) => {
      const r = run(withHead('liveness:', '  type: script', '  script: /bin/check', line));
      expect(r.errors).toEqual([expected]);
    },
  );

  test('WHEN a flow mapping gives both as floats THEN each is reported at its own column', () => {
    expect(run(withHead('readiness: {type: script, script: /bin/check, interval: 30.0, timeout: 10E0}')).errors).toEqual([
      `${F}:3:57: readiness.interval: 30.0 is not ${INTERVAL_RULE}`,
      `${F}:3:72: readiness.timeout: 10E0 is not ${INTERVAL_RULE}`,
    ]);
  });

  test('WHEN the times are digits, quoted digits or digits with a unit THEN they compile as before', () => {
    const r = run(
      withHead(
        'readiness: {type: script, script: /bin/check, interval: 30, timeout: "10"}',
        'liveness: {type: script, script: /bin/check, interval: 2m, timeout: 1h}',
      ),
    );
    expect(r.errors).toEqual([]);
    expect(mainOf(r.objects).readinessProbe).toMatchObject({ periodSeconds: 30, timeoutSeconds: 10 });
    expect(mainOf(r.objects).livenessProbe).toMatchObject({ periodSeconds: 120, timeoutSeconds: 3600 });
  });

  test('WHEN a YAML override of a DCAE spec writes interval: 30.0 THEN the error points into the YAML file', () => {
    const r = compileFiles({
      'components/c.json': dcae(),
      [F]: y('dcae_spec: c.json', 'readiness:', '  interval: 30.0'),
    });
    expect(r.errors).toEqual([`${F}:3:13: readiness.interval: 30.0 is not ${INTERVAL_RULE}`]);
  });
});

describe('GIVEN two volumes at one mount path after a broken volume entry', () => {
  test('WHEN compiled THEN the duplicate is reported at its own entry and line, and names the entry it repeats', () => {
    const r = run(
      withHead(
        'volumes:',
        '  - host: {path: /a}',
        '    config_volume: {name: b}',
        '    container: {bind: /x}',
        '  - host: {path: /a}',
        '    container: {bind: /x}',
        '  - host: {path: /b}',
        '    container: {bind: /x}',
      ),
    );
    expect(r.errors).toEqual([
      `${F}:4:5: volumes[0]: has both host and config_volume; expected exactly one source`,
      `${F}:10:23: volumes[2].container.bind: "/x" is already mounted by volumes[1]; expected a mount path used once`,
    ]);
  });

  test("WHEN log_directory repeats the third entry's path THEN the message names volumes[2], not volumes[1]", () => {
    const r = run(
      withHead(
        'volumes:',
        '  - {container: {bind: /a}}',
        '  - {host: {path: /a}, container: {bind: /b}}',
        '  - {host: {path: /a}, container: {bind: /logs}}',
        'log_info: {log_directory: /logs}',
      ),
    );
    expect(r.errors).toEqual([
      `${F}:4:5: volumes[0]: has no source; expected exactly one of host: {path} or config_volume: {name}`,
      `${F}:7:27: log_info.log_directory: "/logs" is already mounted by volumes[2]; expected a mount path used once`,
    ]);
  });
});

describe('GIVEN mount paths of the main container that name one directory in two spellings', () => {
  test.each<[string, string, string, string]>([
    ['a trailing slash', '/logs', '/logs/', 'volumes[1].container.bind'],
    ['a doubled slash', '/logs', '//logs', 'volumes[1].container.bind'],
    ['a "." segment and a trailing slash', '/a/b', '/a/./b/', 'volumes[1].container.bind'],
  ])(
    'with %s WHEN compiled THEN it compiles, with a warning naming both entries, and both mounts are written as given',
    (_title, first, second, where) => {
      const r = run(
        withHead(
          'volumes:',
          `  - {host: {path: /h1}, container: {bind: ${first}}}`,
          `  - {host: {path: /h2}, container: {bind: ${second}}}`,
        ),
      );
      expect(r.errors).toEqual([]);
      expect(r.warnings).toEqual([`${F}:5:43: ${where}: ${SAME_PATH(second, first, 'volumes[0]', 'the main container')}`]);
      expect(mainOf(r.objects).volumeMounts.map((m: any) => m.mountPath)).toEqual([first, second, '/opt/dcae/cacert']);
    },
  );

  test('WHEN a hostPath and the log volume are at /opt/app/VESCollector/logs and /opt/app/VESCollector/logs/ (a real VES spec) THEN a warning, and the manifest as the plugin deployed it', () => {
    const r = run(
      withHead(
        'volumes:',
        '  - host: {path: /dockerdata-nfs/ves/logs}',
        '    container: {bind: /opt/app/VESCollector/logs}',
        'log_info:',
        '  log_directory: /opt/app/VESCollector/logs/',
      ),
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      `${F}:7:18: log_info.log_directory: ${SAME_PATH('/opt/app/VESCollector/logs/', '/opt/app/VESCollector/logs', 'volumes[0]', 'the main container')}`,
    ]);
    expect(mainOf(r.objects).volumeMounts.map((m: any) => m.mountPath)).toEqual([
      '/opt/app/VESCollector/logs',
      '/opt/app/VESCollector/logs/',
      '/opt/dcae/cacert',
    ]);
  });

  test("WHEN a volume is at the platform's default cert directory with a trailing slash THEN the warning names tls-info", () => {
    const r = run(withHead('volumes:', '  - {host: {path: /h}, container: {bind: /opt/dcae/cacert/}}'));
    expect(r.warnings).toEqual([
      `${F}:4:42: volumes[0].container.bind: ${SAME_PATH(
        '/opt/dcae/cacert/',
        '/opt/dcae/cacert',
        "tls-info (the platform's tls.component_cert_dir, as tls_info.cert_directory is not set)",
        'the main container',
      )}`,
    ]);
  });

  test('WHEN the two paths are written exactly alike THEN it is still an error, and no warning', () => {
    const r = run(withHead('volumes:', '  - {host: {path: /h1}, container: {bind: /logs/}}', 'log_info: {log_directory: /logs/}'));
    expect(r.errors).toEqual([
      `${F}:5:27: log_info.log_directory: "/logs/" is already mounted by volumes[0]; expected a mount path used once`,
    ]);
    expect(r.warnings).toEqual([]);
  });

  test('WHEN the paths only share a prefix (/logs and /logs2, /a and /a/b) THEN no warning', () => {
    const r = run(
      withHead(
        'volumes:',
        '  - {host: {path: /h1}, container: {bind: /logs}}',
        '  - {host: {path: /h2}, container: {bind: /logs2}}',
        '  - {host: {path: /h3}, container: {bind: /logs/b}}',
      ),
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
  });
});

describe('GIVEN a script probe with quotes', () => {
  const QUOTED = 'readiness.script: contains quotes, which are not interpreted: the command is ';
  const ADVICE =
    '; to run a shell command, put it in a script in the image and name that script here (the script is split on whitespace and run without a shell)';

  test('WHEN compiled THEN the command is split on whitespace as the plugin did, with a warning showing the argument list', () => {
    const r = run(withHead('readiness:', '  type: script', '  script: /bin/sh -c "curl -f http://localhost:8080/health"'));
    expect(r.errors).toEqual([]);
    expect(mainOf(r.objects).readinessProbe.exec.command).toEqual(['/bin/sh', '-c', '"curl', '-f', 'http://localhost:8080/health"']);
    expect(r.warnings).toEqual([`${F}:5:11: ${QUOTED}["/bin/sh", "-c", "\\"curl", "-f", "http://localhost:8080/health\\""]${ADVICE}`]);
  });

  test('WHEN the quotes are single quotes, in a docker probe THEN the same warning', () => {
    const r = run(withHead('readiness:', '  type: docker', "  script: sh -c 'exit 0'"));
    expect(r.warnings).toEqual([`${F}:5:11: ${QUOTED}["sh", "-c", "'exit", "0'"]${ADVICE}`]);
  });

  test('WHEN a DCAE health check has a quoted script THEN the warning points into the JSON file, with the override that changes it', () => {
    const r = compileFiles({ 'components/c.json': dcae({ healthcheck: { type: 'script', script: 'sh -c "true"' } }) });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      `components/c.json:20:17: auxilary.healthcheck.script: contains quotes, which are not interpreted: the command is ["sh", "-c", "\\"true\\""]${ADVICE}` +
        '. To fix it, write a YAML spec beside it with dcae_spec: c.json that sets readiness',
    ]);
  });

  test('WHEN the script has no quotes THEN no warning', () => {
    const r = run(withHead('readiness:', '  type: script', '  script: /opt/app/bin/check.sh --live'));
    expect(r.warnings).toEqual([]);
  });
});

describe('GIVEN a boolean key written with a word that is not a YAML 1.2 boolean', () => {
  test.each<[string, string[], string]>([
    [
      'always_pull: yes',
      ['always_pull: yes'],
      `${F}:3:14: always_pull: "yes" is not a boolean (true or false) (yes is a string in YAML 1.2; write true or false)`,
    ],
    [
      'use_tls: on',
      ['tls_info:', '  use_tls: on'],
      `${F}:4:12: tls_info.use_tls: "on" is not a boolean (true or false) (on is a string in YAML 1.2; write true or false)`,
    ],
    [
      'ipv6: No',
      ['ports:', '  - {concat: ["80:0"], ipv6: No}'],
      `${F}:4:30: ports[0].ipv6: "No" is not a boolean (true or false) (No is a string in YAML 1.2; write true or false)`,
    ],
    [
      'use_tls: enabled',
      ['tls_info:', '  use_tls: enabled'],
      `${F}:4:12: tls_info.use_tls: "enabled" is not a boolean (true or false) (write true or false)`,
    ],
    [
      'always_pull: tRUE (not a YAML 1.2 spelling of true)',
      ['always_pull: tRUE'],
      `${F}:3:14: always_pull: "tRUE" is not a boolean (true or false) (write true or false)`,
    ],
    [
      'use_tls: "true" (quoted)',
      ['tls_info:', '  use_tls: "true"'],
      `${F}:4:12: tls_info.use_tls: "true" is not a boolean (true or false) (write true or false, without quotes)`,
    ],
  ])('%s WHEN compiled THEN the hint says what was found', (_title, lines, expected) => {
    expect(run(withHead(...lines)).errors).toEqual([expected]);
  });
});

describe('GIVEN env values that YAML reads as infinite or not-a-number', () => {
  test('WHEN compiled THEN each becomes the string exactly as written, like any other number', () => {
    const r = run(withHead('env:', '  A: .inf', '  B: -.inf', '  C: .nan', '  D: .Inf', '  E: +.INF', '  F: .NaN', '  G: 1.10'));
    expect(r.errors).toEqual([]);
    expect(mainOf(r.objects).env.slice(0, 7)).toEqual([
      { name: 'A', value: '.inf' },
      { name: 'B', value: '-.inf' },
      { name: 'C', value: '.nan' },
      { name: 'D', value: '.Inf' },
      { name: 'E', value: '+.INF' },
      { name: 'F', value: '.NaN' },
      { name: 'G', value: '1.10' },
    ]);
  });

  test('WHEN an env value is a mapping other than {secret, key}, a list or null THEN it is an error', () => {
    expect(run(withHead('env:', '  A: {b: c}', '  B: [1]', '  C: null')).errors).toEqual([
      `${F}:4:6: env.A.key: missing; this key is required: a Secret data key: 1 to 253 letters, digits, '-', '_' or '.', not '.' and not starting with '..'`,
      `${F}:4:6: env.A.secret: missing; this key is required: a Secret name (DNS-1123 subdomain: lower-case letters, digits, '-' and '.', at most 253 characters)`,
      `${F}:4:7: env.A.b: unknown key; expected one of: secret, key`,
      `${F}:5:6: env.B: a list is not a string, a number, a boolean (true or false) or a mapping {secret, key}`,
      `${F}:6:6: env.C: null is not a string, a number, a boolean (true or false) or a mapping {secret, key}`,
    ]);
  });
});

describe('GIVEN two mounts at one path in the filebeat sidecar', () => {
  test("WHEN log_info.alternate_fb_path is the platform's filebeat.data_path THEN an error at alternate_fb_path", () => {
    const r = run(withHead('log_info:', '  log_directory: /logs', '  alternate_fb_path: /usr/share/filebeat/data'));
    expect(r.errors).toEqual([
      `${F}:5:22: log_info.alternate_fb_path: "/usr/share/filebeat/data" is already mounted in the filebeat sidecar by ${DATA}; ${REFUSED}; expected another path`,
    ]);
  });

  test("WHEN log_info.alternate_fb_path is the platform's filebeat.config_path THEN an error at alternate_fb_path", () => {
    const r = run(
      withHead('log_info: {log_directory: /logs, alternate_fb_path: /fb/conf.yml}'),
      y('filebeat:', '  config_path: /fb/conf.yml'),
    );
    expect(r.errors).toEqual([
      `${F}:3:53: log_info.alternate_fb_path: "/fb/conf.yml" is already mounted in the filebeat sidecar by ${CONF}; ${REFUSED}; expected another path`,
    ]);
  });

  test("WHEN <filebeat.log_path>/<name> is the platform's filebeat.data_path THEN an error at the spec's log_info (the component name makes it)", () => {
    const r = run(withHead('log_info:', '  log_directory: /logs'), y('filebeat:', '  data_path: /var/log/onap/comp'));
    expect(r.errors).toEqual([
      `${F}:3:1: log_info: ${BY_DEFAULT}"/var/log/onap/comp" is already mounted in the filebeat sidecar by ${DATA}; ${REFUSED}; expected log_info.alternate_fb_path, set to another path`,
    ]);
  });

  test('WHEN alternate_fb_path is the data path with a trailing slash THEN a warning, and the sidecar as given', () => {
    const r = run(withHead('log_info:', '  log_directory: /logs', '  alternate_fb_path: /usr/share/filebeat/data/'));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      `${F}:5:22: log_info.alternate_fb_path: ${SAME_PATH('/usr/share/filebeat/data/', '/usr/share/filebeat/data', DATA, 'the filebeat sidecar')}`,
    ]);
    expect(podOf(r.objects).containers[1].volumeMounts.map((m: any) => m.mountPath)).toEqual([
      '/usr/share/filebeat/data/',
      '/usr/share/filebeat/data',
      '/usr/share/filebeat/filebeat.yml',
    ]);
  });

  test("WHEN the platform's filebeat.config_path is its data_path THEN one error, at the platform file, for every component", () => {
    const r = compileFiles(
      {
        'components/a.yaml': y('name: a', 'image: repo/a:1', 'log_info: {log_directory: /logs}'),
        'components/b.yaml': y('name: b', 'image: repo/b:1', 'log_info: {log_directory: /logs}'),
      },
      y('filebeat:', '  config_path: /usr/share/filebeat/data'),
    );
    expect(r.errors).toEqual([
      `${P}:2:16: filebeat.config_path: "/usr/share/filebeat/data" is already mounted in the filebeat sidecar by filebeat-data (filebeat.data_path); ${REFUSED}; expected another path`,
    ]);
  });

  test('WHEN the platform file sets only data_path, to the default config path THEN the error is at data_path', () => {
    const r = run(withHead(), y('filebeat:', '  data_path: /usr/share/filebeat/filebeat.yml'));
    expect(r.errors).toEqual([
      `${P}:2:14: filebeat.data_path: "/usr/share/filebeat/filebeat.yml" is already mounted in the filebeat sidecar by filebeat-conf (filebeat.config_path); ${REFUSED}; expected another path`,
    ]);
  });

  test("WHEN the platform's data_path is its config_path with a trailing slash THEN a warning at the platform file", () => {
    const r = run(withHead(), y('filebeat:', '  data_path: /usr/share/filebeat/filebeat.yml/'));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      `${P}:2:14: filebeat.data_path: ${SAME_PATH('/usr/share/filebeat/filebeat.yml/', '/usr/share/filebeat/filebeat.yml', 'filebeat-conf (filebeat.config_path)', 'the filebeat sidecar')}`,
    ]);
  });
});

describe('GIVEN two mounts at one path in the cert-service-client', () => {
  test('WHEN external_cert_directory is /etc/onap/oom/certservice/certs/, where tls-volume is mounted THEN an error at external_cert_directory', () => {
    const r = run(withHead(...EXTERNAL('/etc/onap/oom/certservice/certs/')));
    expect(r.errors).toEqual([
      `${F}:5:28: external_cert.external_cert_directory: "/etc/onap/oom/certservice/certs/" is already mounted in the cert-service-client by tls-volume (its keystore and truststore); ${REFUSED}; expected another directory`,
    ]);
  });

  test('WHEN it is that directory without the trailing slash THEN a warning', () => {
    const r = run(withHead(...EXTERNAL('/etc/onap/oom/certservice/certs')));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      `${F}:5:28: external_cert.external_cert_directory: ${SAME_PATH(
        '/etc/onap/oom/certservice/certs',
        '/etc/onap/oom/certservice/certs/',
        'tls-volume (its keystore and truststore)',
        'the cert-service-client',
      )}`,
    ]);
  });

  test('WHEN use_external_tls is false THEN the directory is not checked', () => {
    const r = run(withHead('external_cert: {use_external_tls: false, external_cert_directory: /etc/onap/oom/certservice/certs/}'));
    expect(r.errors).toEqual([]);
  });

  test("WHEN the platform's truststore_secret_key is its keystore_secret_key THEN one error, at the platform file", () => {
    const r = compileFiles(
      {
        'components/a.yaml': y('name: a', 'image: repo/a:1', ...EXTERNAL('/certs')),
        'components/b.yaml': y('name: b', 'image: repo/b:1', ...EXTERNAL('/certs')),
      },
      y('external_cert:', '  truststore_secret_key: keystore.jks'),
    );
    expect(r.errors).toEqual([
      `${P}:2:26: external_cert.truststore_secret_key: "keystore.jks" is also external_cert.keystore_secret_key, so the cert-service-client's tls-volume ` +
        'would project that key of the Secret to the path "keystore.jks" twice; the API server refuses it ("conflicting duplicate paths"); expected two different keys',
    ]);
  });

  test('WHEN the platform file sets only keystore_secret_key, to the default truststore key THEN the error is at keystore_secret_key', () => {
    const r = run(withHead(), y('external_cert:', '  keystore_secret_key: truststore.jks'));
    expect(r.errors).toEqual([
      `${P}:2:24: external_cert.keystore_secret_key: "truststore.jks" is also external_cert.truststore_secret_key, so the cert-service-client's tls-volume ` +
        'would project that key of the Secret to the path "truststore.jks" twice; the API server refuses it ("conflicting duplicate paths"); expected two different keys',
    ]);
  });
});

describe('GIVEN a port protocol in mixed case', () => {
  test('WHEN "8080/Udp:0" is compiled THEN it is refused: the protocol is tcp, udp, TCP or UDP', () => {
    expect(run(withHead('ports: ["8080/Udp:0"]')).errors).toEqual([
      `${F}:3:9: ports[0]: "8080/Udp:0" is not "<port>[/tcp|/udp]:<host port>"`,
    ]);
  });
});
