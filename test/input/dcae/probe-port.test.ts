/**
 * The `port` of a DCAE health check (src/input/dcae/probe-port.ts): the http(s) probe checks it when it is one of
 * the component's container ports; otherwise the probe keeps the first port, with a warning at `port`.
 */
import { compileFiles, dcae, mainOf, y } from '../../helpers';

const PORTS = ['8080:0', '8443:0'];

describe('GIVEN an https health check on 8443, the second of the ports 8080 and 8443', () => {
  const r = compileFiles({
    'components/c.json': dcae({ ports: PORTS, healthcheck: { type: 'https', endpoint: '/health', port: 8443, interval: '20s' } }),
  });

  test('WHEN compiled THEN the readiness probe checks 8443 over HTTPS, with no warning', () => {
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(mainOf(r.objects).readinessProbe).toEqual({
      httpGet: { path: '/health', port: 8443, scheme: 'HTTPS' },
      failureThreshold: 1,
      initialDelaySeconds: 5,
      periodSeconds: 20,
      timeoutSeconds: 1,
    });
  });
});

describe('GIVEN a livehealthcheck on 8443 and a healthcheck on 8080', () => {
  test('WHEN compiled THEN the liveness probe checks 8443 and the readiness probe 8080', () => {
    const r = compileFiles({
      'components/c.json': dcae({
        ports: PORTS,
        healthcheck: { type: 'http', endpoint: '/ready', port: 8080 },
        livehealthcheck: { type: 'HTTPS', endpoint: '/live', port: 8443 },
      }),
    });
    expect(r.warnings).toEqual([]);
    const main = mainOf(r.objects);
    expect(main.readinessProbe.httpGet).toEqual({ path: '/ready', port: 8080, scheme: 'HTTP' });
    expect(main.livenessProbe.httpGet).toEqual({ path: '/live', port: 8443, scheme: 'HTTPS' });
  });
});

describe('GIVEN health checks on 9999, which is none of the ports 8080 and 8443', () => {
  const r = compileFiles({
    'components/c.json': dcae({
      ports: PORTS,
      healthcheck: { type: 'https', endpoint: '/ready', port: 9999 },
      livehealthcheck: { type: 'http', endpoint: '/live', port: 9999 },
    }),
  });

  test('WHEN compiled THEN both probes check the first port, 8080, as the plugin did', () => {
    expect(r.errors).toEqual([]);
    expect(mainOf(r.objects).readinessProbe.httpGet).toEqual({ path: '/ready', port: 8080, scheme: 'HTTPS' });
    expect(mainOf(r.objects).livenessProbe.httpGet).toEqual({ path: '/live', port: 8080, scheme: 'HTTP' });
  });

  test('WHEN compiled THEN each port key gets a warning naming the port, the ports the component has, and the port probed', () => {
    expect(r.warnings).toEqual([
      "components/c.json:21:7: auxilary.healthcheck.port: 9999 is not one of the component's container ports (8080, 8443); the https readiness probe checks the first, 8080, as the plugin did; expected one of 8080, 8443, the port the https health check answers on",
      "components/c.json:30:7: auxilary.livehealthcheck.port: 9999 is not one of the component's container ports (8080, 8443); the http liveness probe checks the first, 8080, as the plugin did; expected one of 8080, 8443, the port the http health check answers on",
    ]);
  });
});

describe('GIVEN a health check on 8443 and an override that sets the ports', () => {
  const spec = dcae({ ports: ['8080:0'], healthcheck: { type: 'https', endpoint: '/h', port: 8443 } });

  test('WHEN the override adds 8443 THEN the probe checks 8443 (the final ports count)', () => {
    const r = compileFiles({
      'components/c.json': spec,
      'components/c.yaml': y('dcae_spec: c.json', 'ports:', '  - "8080:0"', '  - "8443:0"'),
    });
    expect(r.warnings).toEqual([]);
    expect(mainOf(r.objects).readinessProbe.httpGet.port).toBe(8443);
  });

  test('WHEN the override turns the probe into a script probe THEN the port is not used, and no warning is given', () => {
    const r = compileFiles({
      'components/c.json': spec,
      'components/c.yaml': y('dcae_spec: c.json', 'readiness:', '  type: script', '  script: /check.sh'),
    });
    expect(r.warnings).toEqual([]);
    expect(mainOf(r.objects).readinessProbe.exec).toEqual({ command: ['/check.sh'] });
  });
});

describe('GIVEN a script health check with a port', () => {
  test('WHEN compiled THEN the port is not used, and no warning is given', () => {
    const r = compileFiles({ 'components/c.json': dcae({ ports: PORTS, healthcheck: { type: 'script', script: '/c.sh', port: 1 } }) });
    expect(r.warnings).toEqual([]);
    expect(mainOf(r.objects).readinessProbe.exec).toEqual({ command: ['/c.sh'] });
  });
});
