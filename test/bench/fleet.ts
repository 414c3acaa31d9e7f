/**
 * A seeded generator of varied component specs, for the benchmark: every option occurs, and about a tenth
 * of the specs have external certificates. The same seed gives the same files.
 */
import * as fs from 'fs';
import * as path from 'path';

/** mulberry32: a small, fast, seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The YAML text of spec number i of a fleet. */
export function specText(i: number, random: () => number, nodePorts: { next: number }): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const chance = (p: number) => random() < p;
  const name = `comp-${i.toString(36)}-${pick(['ves', 'prh', 'tca', 'pmsh', 'hv-ves', 'snmp', 'datafile'])}`;
  const lines = [
    `name: ${name}`,
    `image: nexus3.onap.org:10001/onap/org.onap.dcaegen2.${pick(['collectors', 'services', 'analytics'])}.${name}:${1 + Math.floor(random() * 3)}.${Math.floor(random() * 20)}.0`,
  ];
  if (chance(0.2)) lines.push(`namespace: ${pick(['onap', 'dcae', 'dcae-edge'])}`);
  if (chance(0.3)) lines.push(`replicas: ${1 + Math.floor(random() * 3)}`);
  if (chance(0.2)) lines.push('always_pull: true');
  if (chance(0.5)) lines.push('labels:', `  team: ${pick(['dcae', 'analytics', 'collectors'])}`, `  tier: "${pick(['1', '2', '3'])}"`);
  if (chance(0.7)) {
    lines.push('env:');
    for (let k = 0; k < 1 + Math.floor(random() * 5); k++) lines.push(`  VAR_${k}: ${pick(['value', '42', 'true', '"quoted"', '1.10'])}`);
  }
  const ports: string[] = [];
  const portCount = Math.floor(random() * 4);
  for (let k = 0; k < portCount; k++) {
    const container = 1000 + Math.floor(random() * 9000);
    // NodePorts are cluster-wide: hand them out once each, as a real fleet must.
    const host = chance(0.15) && nodePorts.next <= 32767 ? nodePorts.next++ : 0;
    if (chance(0.15)) ports.push(`{concat: ["${container}", ":", "${host}"], ipv6: ${chance(0.5)}}`);
    else ports.push(`"${container}${pick(['', '', '/tcp', '/udp'])}:${host}"`);
  }
  if (ports.length > 0) lines.push('ports:', ...ports.map((p) => `  - ${p}`));
  if (chance(0.4)) {
    lines.push('volumes:', '  - host: {path: /etc/localtime}', '    container: {bind: /etc/localtime, mode: ro}');
    if (chance(0.5)) lines.push(`  - config_volume: {name: ${name}-config}`, '    container: {bind: /opt/app/etc}');
  }
  if (chance(0.5))
    lines.push('resources:', '  limits: {cpu: "1", memory: 1Gi}', `  requests: {cpu: ${pick(['250m', '0.5', '100m'])}, memory: 256Mi}`);
  if (ports.length > 0 && chance(0.7))
    lines.push(
      'readiness:',
      `  type: ${pick(['http', 'https', 'HTTP'])}`,
      '  endpoint: /healthcheck',
      `  interval: ${pick(['15s', '30', '1m'])}`,
      '  timeout: 1s',
    );
  else if (chance(0.5)) lines.push('readiness:', `  type: ${pick(['script', 'docker'])}`, '  script: /opt/app/bin/check.sh --ready');
  if (chance(0.3)) lines.push('liveness:', '  type: script', '  script: /opt/app/bin/check.sh --live', '  interval: 2m');
  if (chance(0.6))
    lines.push('log_info:', `  log_directory: /opt/app/${name}/logs`, ...(chance(0.2) ? ['  alternate_fb_path: /var/log/alt'] : []));
  lines.push('tls_info:', `  use_tls: ${chance(0.5)}`, ...(chance(0.7) ? [`  cert_directory: /opt/app/${name}/certs/`] : []));
  if (chance(0.1)) {
    lines.push(
      'external_cert:',
      '  use_external_tls: true',
      `  external_cert_directory: /opt/app/${name}/ext`,
      '  ca_name: RA',
      `  cert_type: ${pick(['P12', 'JKS', 'PEM', 'p12'])}`,
      '  external_certificate_parameters:',
      `    common_name: ${name}`,
      `    sans: ${name},${name}.onap`,
    );
  }
  if (chance(0.2)) lines.push(`k8s_location: ${pick(['central', 'edge-1', 'edge-2'])}`);
  if (ports.length > 0 && chance(0.1))
    lines.push('msb_list:', `  - {serviceName: ${name}, port: "8443", version: v1, url: /, protocol: REST, enable_ssl: true}`);
  return `${lines.join('\n')}\n`;
}

/** Writes a fleet of n specs (and a platform file) into a fresh folder. */
export function writeFleet(dir: string, n: number, seed = 42): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const random = prng(seed);
  const nodePorts = { next: 30000 };
  fs.writeFileSync(path.join(dir, 'platform.yaml'), 'namespace: onap\nimage_pull_secrets: [onap-docker-registry-key]\n');
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, `c${String(i).padStart(5, '0')}.yaml`), specText(i, random, nodePorts));
}

if (require.main === module) {
  const [dir, n] = process.argv.slice(2);
  writeFleet(dir, Number(n));
}
