/** readiness and liveness: the main container's probes (docs/reference.md). */
import { compile, errorsOf, mainOf, spec } from '../helpers';

/** What the probe options control. */
function probesOf(objects: any[]) {
  const main = mainOf(objects);
  return { readinessProbe: main.readinessProbe, livenessProbe: main.livenessProbe };
}

describe('probes: http and https', () => {
  test('GIVEN readiness type http WHEN compiled THEN httpGet has the endpoint, the first container port and scheme HTTP, with the default timings', () => {
    const { objects } = compile(spec({ ports: ['8080:0'], readiness: { type: 'http', endpoint: '/healthcheck' } }));
    expect(mainOf(objects).readinessProbe).toEqual({
      failureThreshold: 1,
      initialDelaySeconds: 5,
      periodSeconds: 15,
      timeoutSeconds: 1,
      httpGet: { path: '/healthcheck', port: 8080, scheme: 'HTTP' },
    });
    expect(mainOf(objects).livenessProbe).toBeUndefined();
  });

  test('GIVEN liveness type https WHEN compiled THEN httpGet has scheme HTTPS', () => {
    const { objects } = compile(spec({ ports: ['8443:0'], liveness: { type: 'https', endpoint: '/live' } }));
    expect(mainOf(objects).livenessProbe).toEqual({
      failureThreshold: 1,
      initialDelaySeconds: 5,
      periodSeconds: 15,
      timeoutSeconds: 1,
      httpGet: { path: '/live', port: 8443, scheme: 'HTTPS' },
    });
    expect(mainOf(objects).readinessProbe).toBeUndefined();
  });

  test.each([
    ['HTTP', 'HTTP'],
    ['Http', 'HTTP'],
    ['hTtP', 'HTTP'],
    ['HTTPS', 'HTTPS'],
    ['Https', 'HTTPS'],
    ['httpS', 'HTTPS'],
  ])('GIVEN type %s (any case) WHEN compiled THEN the probe is written with scheme %s', (type, scheme) => {
    const { objects } = compile(spec({ ports: ['8080:0'], readiness: { type, endpoint: '/h' } }));
    expect(mainOf(objects).readinessProbe).toMatchSnapshot();
    expect(mainOf(objects).readinessProbe.httpGet).toEqual({ path: '/h', port: 8080, scheme });
  });

  test('GIVEN several ports WHEN an http probe is compiled THEN its port is the first container port (in first-seen key order)', () => {
    const { objects } = compile(
      spec({
        ports: ['162/udp:0', '8080:30080', '9090:0'],
        readiness: { type: 'http', endpoint: '/r' },
        liveness: { type: 'https', endpoint: '/l' },
      }),
    );
    expect(probesOf(objects)).toMatchSnapshot();
    expect(mainOf(objects).ports[0]).toEqual({ containerPort: 162, protocol: 'UDP' });
    expect(mainOf(objects).readinessProbe.httpGet.port).toBe(162);
    expect(mainOf(objects).livenessProbe.httpGet.port).toBe(162);
  });

  test('GIVEN an http probe and no ports WHEN compiled THEN it is an error', () => {
    const errors = errorsOf(spec({ readiness: { type: 'http', endpoint: '/h' } }));
    expect(errors).toEqual([
      'components/c.yaml:4:9: readiness.type: "http" probes the first container port, and the component has no ports; expected a port in ports, or a script probe',
    ]);
  });
});

describe('probes: script and docker', () => {
  test('GIVEN liveness type script WHEN compiled THEN exec.command is the script split on whitespace', () => {
    const { objects } = compile(spec({ liveness: { type: 'script', script: '/opt/app/bin/check.sh --live' } }));
    expect(probesOf(objects)).toMatchSnapshot();
    expect(mainOf(objects).livenessProbe).toEqual({
      failureThreshold: 1,
      initialDelaySeconds: 5,
      periodSeconds: 15,
      timeoutSeconds: 1,
      exec: { command: ['/opt/app/bin/check.sh', '--live'] },
    });
  });

  test('GIVEN type docker with runs of spaces, tabs, newlines and leading/trailing whitespace WHEN compiled THEN the command splits on every run and has no empty parts', () => {
    const { objects } = compile(spec({ readiness: { type: 'docker', script: '  /bin/sh   -c\t"x  y"\n ' } }));
    expect(probesOf(objects)).toMatchSnapshot();
    expect(mainOf(objects).readinessProbe.exec).toEqual({ command: ['/bin/sh', '-c', '"x', 'y"'] });
    expect(mainOf(objects).readinessProbe.httpGet).toBeUndefined();
  });

  test('GIVEN type SCRIPT and Docker (any case) WHEN compiled THEN both probes are exec probes', () => {
    const { objects } = compile(spec({ readiness: { type: 'SCRIPT', script: 'a b' }, liveness: { type: 'Docker', script: 'c' } }));
    expect(probesOf(objects)).toMatchSnapshot();
    expect(mainOf(objects).readinessProbe.exec).toEqual({ command: ['a', 'b'] });
    expect(mainOf(objects).livenessProbe.exec).toEqual({ command: ['c'] });
  });

  test('GIVEN a script probe and no ports WHEN compiled THEN it compiles (only http probes need a port)', () => {
    const { objects } = compile(spec({ readiness: { type: 'script', script: 'true' } }));
    expect(mainOf(objects).readinessProbe).toMatchSnapshot();
    expect(mainOf(objects).readinessProbe.exec).toEqual({ command: ['true'] });
  });

  test('GIVEN an unknown type WHEN compiled THEN it is an error', () => {
    const errors = errorsOf(spec({ readiness: { type: 'tcp' } }));
    expect(errors).toEqual(['components/c.yaml:4:9: readiness.type: "tcp" is not http, https, script or docker (any case)']);
  });
});

describe('probes: interval and timeout', () => {
  test.each<[unknown, number]>([
    [20, 20],
    ['15', 15],
    ['15s', 15],
    ['2m', 120],
    ['1h', 3600],
  ])('GIVEN interval %p WHEN compiled THEN periodSeconds is %d', (interval, seconds) => {
    const { objects } = compile(spec({ readiness: { type: 'script', script: 'x', interval } }));
    expect(mainOf(objects).readinessProbe).toMatchSnapshot();
    expect(mainOf(objects).readinessProbe.periodSeconds).toBe(seconds);
    expect(mainOf(objects).readinessProbe.timeoutSeconds).toBe(1);
  });

  test.each<[unknown, number]>([
    [3, 3],
    ['15', 15],
    ['15s', 15],
    ['2m', 120],
    ['1h', 3600],
  ])('GIVEN timeout %p WHEN compiled THEN timeoutSeconds is %d', (timeout, seconds) => {
    const { objects } = compile(spec({ liveness: { type: 'script', script: 'x', timeout } }));
    expect(mainOf(objects).livenessProbe).toMatchSnapshot();
    expect(mainOf(objects).livenessProbe.timeoutSeconds).toBe(seconds);
    expect(mainOf(objects).livenessProbe.periodSeconds).toBe(15);
  });

  test('GIVEN no interval and no timeout WHEN compiled THEN periodSeconds is 15 and timeoutSeconds is 1, failureThreshold 1, initialDelaySeconds 5', () => {
    const { objects } = compile(
      spec({ ports: ['8080:0'], readiness: { type: 'http', endpoint: '/r' }, liveness: { type: 'script', script: 'x' } }),
    );
    expect(probesOf(objects)).toMatchSnapshot();
    for (const p of [mainOf(objects).readinessProbe, mainOf(objects).livenessProbe]) {
      expect(p.periodSeconds).toBe(15);
      expect(p.timeoutSeconds).toBe(1);
      expect(p.failureThreshold).toBe(1);
      expect(p.initialDelaySeconds).toBe(5);
    }
  });

  test('GIVEN readiness and liveness with different timings WHEN compiled THEN each probe has its own', () => {
    const { objects } = compile(
      spec({
        ports: ['8080:0'],
        readiness: { type: 'http', endpoint: '/r', interval: '30s', timeout: 5 },
        liveness: { type: 'https', endpoint: '/l', interval: '1m', timeout: '10s' },
      }),
    );
    expect(mainOf(objects).readinessProbe).toEqual({
      failureThreshold: 1,
      initialDelaySeconds: 5,
      periodSeconds: 30,
      timeoutSeconds: 5,
      httpGet: { path: '/r', port: 8080, scheme: 'HTTP' },
    });
    expect(mainOf(objects).livenessProbe).toEqual({
      failureThreshold: 1,
      initialDelaySeconds: 5,
      periodSeconds: 60,
      timeoutSeconds: 10,
      httpGet: { path: '/l', port: 8080, scheme: 'HTTPS' },
    });
  });

  test.each<[string, object, string]>([
    [
      'interval 0',
      { interval: 0 },
      'components/c.yaml:6:13: readiness.interval: 0 is not a positive number of seconds (the API server refuses 0)',
    ],
    [
      'timeout "0s"',
      { timeout: '0s' },
      'components/c.yaml:6:12: readiness.timeout: "0s" is not a positive number of seconds (the API server refuses 0)',
    ],
    [
      'interval "0m"',
      { interval: '0m' },
      'components/c.yaml:6:13: readiness.interval: "0m" is not a positive number of seconds (the API server refuses 0)',
    ],
  ])('GIVEN %s WHEN compiled THEN it is an error (zero is refused)', (_what, timing, message) => {
    expect(errorsOf(spec({ readiness: { type: 'script', script: 'x', ...timing } }))).toEqual([message]);
  });

  test('GIVEN interval "15d" WHEN compiled THEN it is an error (only s, m or h)', () => {
    const errors = errorsOf(spec({ readiness: { type: 'script', script: 'x', interval: '15d' } }));
    expect(errors).toEqual([
      'components/c.yaml:6:13: readiness.interval: "15d" is not a whole number of seconds, or digits followed by s, m or h (15, "15s", "1m")',
    ]);
  });
});
