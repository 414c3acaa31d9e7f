/**
 * Regenerates every golden file: test/golden/cases/<case>/expected.k8s.yaml.
 *
 *   DCAE_ORACLE=/path/to/oracle.py npm run golden [case ...]
 *
 * It needs the DCAE Kubernetes plugin's reference oracle, oracle.py (the 2020 plugin's deploy() run
 * against a recording fake of the Kubernetes API): the plugin's reference oracle, not part of this
 * repository. DCAE_ORACLE gives its path (relative paths are taken from where npm was run). The oracle
 * runs with the interpreter DCAE_ORACLE_PYTHON names, else the one on its #! line, else `python3` from
 * PATH; that Python 3 needs the `kubernetes` package (Debian: python3-kubernetes). Without them it stops
 * at once and says so. `npm test` never needs the oracle: the golden expected files are committed.
 *
 * For each case it runs the oracle on the case's component.yaml (and platform.yaml), then applies, in
 * code, the documented differences between the oracle and the contract (docs/reference.md, the
 * compiler's contract; the oracle's README lists them). It never calls the compiler's synthesis: the only
 * imports from src/ are the documented naming helpers (user volume names, the IPv6 NodePort Service name).
 *
 * Inputs the oracle cannot take are transformed for it first, and its output is then edited to what the
 * contract says:
 *   - `{concat, ipv6}` ports       -> the joined string form; Services rebuilt per (port, protocol, ipv6) key;
 *   - `config_volume` volumes      -> a hostPath placeholder; the volume becomes a configMap volume;
 *   - upper-case probe types       -> lower case (the contract takes any case);
 *   - `msb_list`                   -> left out (the oracle ignores it); the annotation is added afterwards;
 *   - `application_config`         -> ignored by the oracle (the plugin's configuration went to the config binding
 *                                     service); with the platform's application_config.source: configmap, the
 *                                     ConfigMap, its volume, mount, env variable and checksum are added afterwards.
 *   - `env` values `{secret, key}`   -> a placeholder string for the oracle (it wrote plain values only); the variable becomes
 *                                     `valueFrom.secretKeyRef` in its place afterwards;
 *   - `service_account` (spec or platform) -> left out (the plugin wrote no ServiceAccount); with the platform's enabled, the
 *                                     ServiceAccount (and with a role the RoleBinding), serviceAccountName and the token are added afterwards.
 *   - `policy_ids` (spec) and `policy_sync` (platform) -> left out (the plugin ran no policy-sync sidecar); with the platform's
 *                                     enabled and policy ids, the policy-shared volume, the main container's mount and the
 *                                     policy-sync container (as ONAP OOM writes it) are added afterwards.
 *   - `pod_security` (spec or platform) -> left out (plugin 3.4.3 had no Pod Security); with profile restricted, the
 *                                     securityContexts are added afterwards, as docs/reference.md ("Pod Security") says.
 *   - `streams`, `topics` (spec) and `kafka` (platform) -> left out (the plugin ignored streams); with the platform's
 *                                     kafka.enabled and a message-router or Kafka stream, the KafkaTopics (one per distinct
 *                                     published topic, in stream order) and the KafkaUser `<name>-ku` with its ACLs are added
 *                                     before the Deployment, BOOTSTRAP_SERVERS and JAAS_CONFIG before POD_IP, and with a
 *                                     ConfigMap configuration its streams_publishes / streams_subscribes entries, as
 *                                     docs/reference.md ("Kafka streams") says.
 *
 * Each case's edits are printed, so that its CASE.md can be checked against them.
 *
 * cert-manager cases (a platform.yaml that sets `cmpv2_issuer`) come from plugin 3.9.0's oracle instead,
 * oracle39.py, which has that mode: DCAE_ORACLE39=/path/to/oracle39.py (its Python also needs the
 * `decorator` package: Debian python3-decorator). Their edits are the differences the contract documents
 * for that mode, plus the contract's rules where 3.9.0 differs from it outside that mode:
 *   - the password Secret the plugin generated is not written; the Certificate and certmanager-certs-volume
 *     name `<name>-cert-password` instead of the generated name;
 *   - the main container's certmanager-certs-volume mount joins external_cert_directory and `external/` with
 *     one `/`;
 *   - `sans` items are given to the oracle trimmed and without empty ones (it crashed on those; an empty list
 *     is given as one placeholder DNS name, removed afterwards), and `*.` wildcard DNS names, which it dropped,
 *     are put back in dnsNames in their place;
 *   - every object gets metadata.namespace (3.9.0 passed it in the API call), and Services lose spec.ipFamily.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringifyYaml } from '../../src/output/yaml';
import { isMap, isScalar, parseDocument, Scalar } from 'yaml';
import { volumeName } from '../../src/input/rules/volumes';
import { certManagerMountPath, ipv6NodePortServiceName } from '../../src/contract/names';

type Obj = Record<string, any>;

/** The project root: the nearest folder above this file that holds package.json (works from test/ and build/test/). */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

const ROOT = projectRoot();
export const CASES_DIR = path.join(ROOT, 'test', 'golden', 'cases');

/** The reference oracle (oracle.py, not part of this repository) and the Python 3 that runs it. */
export interface Oracle {
  readonly script: string;
  /** The interpreter's command line, without the script: `[python3]`, `[/usr/bin/env, python3]`... */
  readonly python: readonly string[];
}

/** Why `npm run golden` cannot run, and what to do about it: one paragraph, no stack trace. */
export class OracleMissing extends Error {}

/** The interpreter named on a script's #! line, as a command line; undefined if it has none. */
function shebang(script: string): string[] | undefined {
  const first = fs.readFileSync(script, 'utf8').split('\n', 1)[0];
  if (!first.startsWith('#!')) return undefined;
  const words = first
    .slice(2)
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  return words.length > 0 ? words : undefined;
}

/**
 * The oracle named by DCAE_ORACLE (relative to where npm was run). It runs with DCAE_ORACLE_PYTHON if set,
 * else with the interpreter its #! line names, else with `python3` from PATH. Throws OracleMissing, with the
 * whole explanation, if it is not given, not found, or its Python cannot import the kubernetes package.
 */
export function findOracle(env: NodeJS.ProcessEnv = process.env): Oracle {
  const fail: (problem: string) => never = (problem) => {
    throw new OracleMissing(
      `${problem} \`npm run golden\` needs the DCAE Kubernetes plugin's reference oracle, oracle.py, which is ` +
        'not part of this repository, and a Python 3 with the kubernetes package (Debian: apt-get install ' +
        "python3-kubernetes). Give the oracle's path in DCAE_ORACLE, for example " +
        '`DCAE_ORACLE=/path/to/oracle.py npm run golden`. It runs with the interpreter on its #! line ' +
        '(else `python3` from PATH); DCAE_ORACLE_PYTHON=/path/to/python3 chooses another. ' +
        '`npm test` never needs the oracle: the golden expected files are committed under test/golden/cases.',
    );
  };
  const given = env.DCAE_ORACLE?.trim();
  if (!given) fail('DCAE_ORACLE is not set.');
  const script = path.resolve(env.INIT_CWD ?? process.cwd(), given);
  if (!fs.existsSync(script) || !fs.statSync(script).isFile()) fail(`DCAE_ORACLE=${given}: no such file (${script}).`);
  const chosen = env.DCAE_ORACLE_PYTHON?.trim();
  const python = chosen ? [chosen] : (shebang(script) ?? ['python3']);
  try {
    execFileSync(python[0], [...python.slice(1), '-c', 'import kubernetes'], { stdio: 'ignore' });
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'was not found' : 'cannot import the kubernetes package';
    fail(`The Python that runs the oracle (${python.join(' ')}) ${reason}.`);
  }
  return { script, python };
}

/** Runs the oracle's Python with these arguments; its standard output. */
function python(oracle: Oracle, args: string[], input?: string): string {
  return execFileSync(oracle.python[0], [...oracle.python.slice(1), ...args], {
    encoding: 'utf8',
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
}

/** Where cert-service-client sees its keystore and truststore (docs/reference.md, External certificates). */
const CERT_SERVICE_MOUNT = '/etc/onap/oom/certservice/certs/';

/** The external_cert platform defaults the edits need (the table in docs/reference.md). */
const EXTERNAL_CERT_DEFAULTS: Record<string, string> = {
  cert_secret_name: 'oom-cert-service-client-tls-secret',
  keystore_secret_key: 'keystore.jks',
  truststore_secret_key: 'truststore.jks',
  keystore_password_secret_name: 'oom-cert-service-keystore-password',
  truststore_password_secret_name: 'oom-cert-service-truststore-password',
  keystore_password_secret_key: 'password',
  truststore_password_secret_key: 'password',
};

/** The port string form (docs/reference.md, Ports). */
const PORT_FORM = /^([0-9]+)(\/(udp|UDP|tcp|TCP))?:([0-9]+)$/;

/** A placeholder hostPath that stands for a config_volume while the oracle runs. */
const CONFIG_PLACEHOLDER = '/golden-config-volume-placeholder/';

/** The pod_security platform defaults (the table in docs/reference.md). */
const POD_SECURITY_DEFAULTS: Obj = {
  profile: 'none',
  run_as_user: 1000,
  run_as_group: 1000,
  fs_group: 1000,
  read_only_root_filesystem: false,
};

/** One case: its folder and files. */
export interface GoldenCase {
  readonly name: string;
  readonly dir: string;
  readonly componentFile: string;
  readonly platformFile?: string;
  readonly expectedFile: string;
}

/** Every case folder under test/golden/cases, sorted by name. */
export function listCases(dir: string = CASES_DIR): GoldenCase[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const d = path.join(dir, name);
      const platform = path.join(d, 'platform.yaml');
      return {
        name,
        dir: d,
        componentFile: path.join(d, 'component.yaml'),
        platformFile: fs.existsSync(platform) ? platform : undefined,
        expectedFile: path.join(d, 'expected.k8s.yaml'),
      };
    });
}

/** Recursively sorts object keys in plain UTF-16 code-unit order (Array.prototype.sort's default). */
export function sortKeys(value: any): any {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Obj = {};
  for (const k of Object.keys(value).sort()) out[k] = sortKeys(value[k]);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Reading the case's input

/** The spec as data, and the raw text of each plain scalar under env (for "numbers and booleans as written"). */
function readSpec(file: string): { spec: Obj; envRaw: Map<string, string> } {
  const text = fs.readFileSync(file, 'utf8');
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
  const spec = doc.toJS() as Obj;
  const envRaw = new Map<string, string>();
  const env = isMap(doc.contents) ? doc.contents.get('env', true) : undefined;
  if (isMap(env)) {
    for (const pair of env.items) {
      const v = pair.value;
      if (isScalar(pair.key) && isScalar(v) && v.range && v.type === Scalar.PLAIN) {
        envRaw.set(String(pair.key.value), text.slice(v.range[0], v.range[1]).trim());
      }
    }
  }
  return { spec, envRaw };
}

function readPlatform(file?: string): Obj {
  if (!file) return {};
  return (parseDocument(fs.readFileSync(file, 'utf8')).toJS() as Obj) ?? {};
}

/** The joined string form of a port entry, and whether it goes on the IPv6 Service. */
function portText(entry: any): { text: string; ipv6: boolean } {
  if (typeof entry === 'string') return { text: entry, ipv6: false };
  return { text: (entry.concat as unknown[]).map(String).join(''), ipv6: entry.ipv6 === true };
}

interface PortKey {
  port: number;
  protocol: string;
  ipv6: boolean;
  host: number;
}

/** Port entries keyed by (port, protocol, ipv6) in first-seen order; the last host port wins. */
function portKeys(spec: Obj): PortKey[] {
  const keys = new Map<string, PortKey>();
  for (const entry of spec.ports ?? []) {
    const { text, ipv6 } = portText(entry);
    const m = PORT_FORM.exec(text.trim());
    if (!m) throw new Error(`bad port ${JSON.stringify(text)}`);
    const k: PortKey = { port: Number(m[1]), protocol: m[3] ? m[3].toUpperCase() : 'TCP', ipv6, host: Number(m[4]) };
    const id = `${k.port}/${k.protocol}/${k.ipv6}`;
    const seen = keys.get(id);
    if (seen) seen.host = k.host;
    else keys.set(id, k);
  }
  return [...keys.values()];
}

/** The text that stands for an env value from a Secret while the oracle runs, before the variable's name. */
const SECRET_PLACEHOLDER = 'golden-secret-placeholder:';

/** The spec as the oracle can take it, and the list of input transformations made. */
function oracleInput(spec: Obj): { input: Obj; transformed: string[] } {
  const input = JSON.parse(JSON.stringify(spec)) as Obj;
  const transformed: string[] = [];
  if (Array.isArray(input.ports) && input.ports.some((p: any) => typeof p !== 'string')) {
    input.ports = input.ports.map((p: any) => portText(p).text);
    transformed.push('{concat, ipv6} ports given to the oracle as joined strings');
  }
  if (Array.isArray(input.volumes) && input.volumes.some((v: any) => v.config_volume)) {
    input.volumes = input.volumes.map((v: any) =>
      v.config_volume ? { host: { path: CONFIG_PLACEHOLDER + v.config_volume.name }, container: v.container } : v,
    );
    transformed.push('config_volume volumes given to the oracle as hostPath placeholders');
  }
  for (const key of ['readiness', 'liveness']) {
    const probe = input[key];
    if (probe && typeof probe.type === 'string' && probe.type !== probe.type.toLowerCase()) {
      probe.type = probe.type.toLowerCase();
      transformed.push(`${key} type ${JSON.stringify(spec[key].type)} given to the oracle in lower case`);
    }
  }
  if (input.msb_list !== undefined) {
    delete input.msb_list;
    transformed.push('msb_list left out for the oracle (it ignores it)');
  }
  const env = input.env && typeof input.env === 'object' ? (input.env as Obj) : {};
  const secrets = Object.keys(env).filter((k) => env[k] !== null && typeof env[k] === 'object');
  for (const k of secrets) env[k] = `${SECRET_PLACEHOLDER}${k}`;
  if (secrets.length > 0) transformed.push(`env values from Secrets (${secrets.join(', ')}) given to the oracle as placeholder strings`);
  if (input.service_account !== undefined) {
    delete input.service_account;
    transformed.push('service_account left out for the oracle (the plugin wrote no ServiceAccount)');
  }
  if (input.policy_ids !== undefined) {
    delete input.policy_ids;
    transformed.push('policy_ids left out for the oracle (the plugin ran no policy-sync sidecar)');
  }
  if (input.pod_security !== undefined) {
    delete input.pod_security;
    transformed.push('pod_security left out for the oracle (plugin 3.4.3 had no Pod Security)');
  }
  for (const key of ['streams', 'topics']) {
    if (input[key] === undefined) continue;
    delete input[key];
    transformed.push(`${key} left out for the oracle (the plugin ignored streams)`);
  }
  return { input, transformed };
}

function runOracle(oracle: Oracle, specFile: string, platformFile?: string): Obj[] {
  const args = [oracle.script, '--spec', specFile, ...(platformFile ? ['--platform', platformFile] : []), '--json'];
  const out = python(oracle, args);
  return (JSON.parse(out) as { objects: Obj[] }).objects;
}

/** A JSON value as Python's json.dumps writes it (default separators ", " and ": ", ensure_ascii). */
function pythonJsonDumps(oracle: Oracle, value: unknown): string {
  return python(oracle, ['-c', 'import json,sys; sys.stdout.write(json.dumps(json.load(sys.stdin)))'], JSON.stringify(value));
}

// ---------------------------------------------------------------------------------------------------------
// The documented edits

interface EditContext {
  readonly oracle: Oracle;
  readonly spec: Obj;
  readonly envRaw: Map<string, string>;
  readonly externalCert: Record<string, string>;
  /** pod_security: the defaults, the platform's keys over them, the spec's over those. */
  readonly podSecurity: Obj;
  readonly edits: string[];
}

const deploymentOf = (objects: Obj[]) => objects.find((o) => o.kind === 'Deployment') as Obj;
const podOf = (objects: Obj[]) => deploymentOf(objects).spec.template.spec as Obj;
const servicesOf = (objects: Obj[]) => objects.filter((o) => o.kind === 'Service');

/** User volumes get deterministic names (fixed); config_volume placeholders become configMap volumes (later plugin). */
function editUserVolumes(objects: Obj[], c: EditContext): void {
  const volumes: any[] = c.spec.volumes ?? [];
  if (volumes.length === 0) return;
  const pod = podOf(objects);
  const main = pod.containers[0];
  volumes.forEach((v, i) => {
    const oracleVolume = pod.volumes[i];
    const bind = v.container.bind;
    const name = v.config_volume ? volumeName('config', v.config_volume.name, bind) : volumeName('host', v.host.path, bind);
    const m = main.volumeMounts.find((x: Obj) => x.name === oracleVolume.name);
    if (!m || m.mountPath !== bind) throw new Error(`user volume ${i}: no main-container mount at ${bind}`);
    m.name = name;
    if (v.config_volume) {
      if (oracleVolume.hostPath?.path !== CONFIG_PLACEHOLDER + v.config_volume.name)
        throw new Error(`user volume ${i}: placeholder not found`);
      pod.volumes[i] = { name, configMap: { name: v.config_volume.name, defaultMode: 420, optional: true } };
    } else {
      pod.volumes[i] = { ...oracleVolume, name };
    }
  });
  c.edits.push('user volumes renamed with volumeName() (the oracle uses random UUIDs)');
  if (volumes.some((v) => v.config_volume))
    c.edits.push('config_volume placeholders replaced by configMap {name, defaultMode: 420, optional: true}');
}

/** Main-container env numbers and booleans become strings, as written in the spec. */
function editEnvAsWritten(objects: Obj[], c: EditContext): void {
  const main = podOf(objects).containers[0];
  let changed = false;
  for (const e of main.env) {
    if ('value' in e && typeof e.value !== 'string') {
      const raw = c.envRaw.get(e.name);
      if (raw === undefined) throw new Error(`env ${e.name}: no raw text`);
      e.value = raw;
      changed = true;
    }
  }
  if (changed) c.edits.push('main-container env numbers/booleans written as strings, as written in the spec');
}

/** cert-service-client: defaults, paths from the secret keys, passwords from Secrets after POD_IP; projected tls-volume. */
function editExternalCert(objects: Obj[], c: EditContext): void {
  const pod = podOf(objects);
  const client = (pod.initContainers ?? []).find((x: Obj) => x.name === 'cert-service-client');
  if (!client) return;
  const s = c.externalCert;
  const env: Obj[] = client.env;
  const byName = (n: string) => env.find((e) => e.name === n) as Obj;
  if (byName('OUTPUT_TYPE').value === undefined) {
    byName('OUTPUT_TYPE').value = 'P12';
    c.edits.push('OUTPUT_TYPE defaults to "P12" (the oracle writes no value)');
  }
  if (byName('SANS').value === undefined) {
    byName('SANS').value = '';
    c.edits.push('SANS defaults to "" (the oracle writes no value)');
  }
  byName('KEYSTORE_PATH').value = CERT_SERVICE_MOUNT + s.keystore_secret_key;
  byName('TRUSTSTORE_PATH').value = CERT_SERVICE_MOUNT + s.truststore_secret_key;
  const plain = env.filter((e) => e.name !== 'KEYSTORE_PASSWORD' && e.name !== 'TRUSTSTORE_PASSWORD');
  client.env = [
    ...plain,
    {
      name: 'KEYSTORE_PASSWORD',
      valueFrom: { secretKeyRef: { name: s.keystore_password_secret_name, key: s.keystore_password_secret_key } },
    },
    {
      name: 'TRUSTSTORE_PASSWORD',
      valueFrom: { secretKeyRef: { name: s.truststore_password_secret_name, key: s.truststore_password_secret_key } },
    },
  ];
  if (plain[plain.length - 1].name !== 'POD_IP') throw new Error('cert-service-client: POD_IP is not the last plain variable');
  c.edits.push('cert-service-client KEYSTORE_PATH/TRUSTSTORE_PATH from keystore/truststore_secret_key');
  c.edits.push('cert-service-client KEYSTORE_PASSWORD/TRUSTSTORE_PASSWORD as secretKeyRef, after POD_IP');

  const i = pod.volumes.findIndex((v: Obj) => v.name === 'tls-volume');
  if (pod.volumes[i].secret?.secretName !== s.cert_secret_name) throw new Error('tls-volume: unexpected secret');
  pod.volumes[i] = {
    name: 'tls-volume',
    projected: {
      sources: [
        {
          secret: {
            name: s.cert_secret_name,
            items: [
              { key: s.keystore_secret_key, path: s.keystore_secret_key },
              { key: s.truststore_secret_key, path: s.truststore_secret_key },
            ],
          },
        },
      ],
    },
  };
  c.edits.push('tls-volume projected from cert_secret_name with the keystore and truststore items');
}

/** The main container lists each distinct (port, protocol) once, in first-seen order (later plugin). */
function editContainerPorts(objects: Obj[], c: EditContext): void {
  const main = podOf(objects).containers[0];
  const seen = new Set<string>();
  const ports = (main.ports ?? []).filter((p: Obj) => {
    const k = `${p.containerPort}/${p.protocol}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  if (ports.length !== (main.ports ?? []).length) {
    main.ports = ports;
    c.edits.push('duplicate main-container ports removed');
  }
}

/**
 * Services per (port, protocol, ipv6) key. Without IPv6 entries the oracle's Services are right and are only
 * checked against the key model; with them, the ports are rebuilt and x<name>-ipv6 is added (later plugin).
 */
function editServices(objects: Obj[], c: EditContext): Obj[] {
  const keys = portKeys(c.spec);
  const letter = (k: PortKey) => k.protocol[0].toLowerCase();
  const internal: Obj[] = [];
  const seen = new Set<string>();
  for (const k of keys) {
    const entry = { name: `port-${letter(k)}-${k.port}`, port: k.port, protocol: k.protocol };
    const id = JSON.stringify(entry);
    if (!seen.has(id)) {
      seen.add(id);
      internal.push(entry);
    }
  }
  const exposed = (ipv6: boolean) =>
    keys
      .filter((k) => k.ipv6 === ipv6 && k.host !== 0)
      .map((k) => ({ name: `xport-${letter(k)}-${k.port}`, nodePort: k.host, port: k.port, protocol: k.protocol }));
  const v4 = exposed(false);
  const v6 = exposed(true);

  const services = servicesOf(objects);
  const clusterIp = services.find((s) => s.spec.type === 'ClusterIP');
  const nodePort = services.find((s) => s.spec.type === 'NodePort');
  const hasIpv6 = keys.some((k) => k.ipv6);
  if (!hasIpv6) {
    const same = (a: unknown, b: unknown) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
    if (!same(clusterIp?.spec.ports ?? [], internal) || !same(nodePort?.spec.ports ?? [], v4)) {
      throw new Error("the oracle's Service ports differ from the (port, protocol, ipv6) key model; fix the script");
    }
    return objects;
  }
  if (!clusterIp) throw new Error('no ClusterIP Service');
  const out = objects.filter((o) => o.kind !== 'Service');
  clusterIp.spec.ports = internal;
  out.push(clusterIp);
  if (v4.length > 0) {
    if (!nodePort) throw new Error('no NodePort Service');
    nodePort.spec.ports = v4;
    out.push(nodePort);
  }
  if (v6.length > 0) {
    const ipv6Service = JSON.parse(JSON.stringify(clusterIp)) as Obj;
    ipv6Service.metadata.name = ipv6NodePortServiceName(c.spec.name);
    ipv6Service.spec = { ...ipv6Service.spec, type: 'NodePort', ports: v6, ipFamilies: ['IPv6'], ipFamilyPolicy: 'SingleStack' };
    out.push(ipv6Service);
  }
  c.edits.push(
    'Services rebuilt per (port, protocol, ipv6) key: ClusterIP ports once each, IPv6 host ports on x<name>-ipv6 (ipFamilies [IPv6], SingleStack)',
  );
  return out;
}

/** msb_list becomes the msb.onap.org/service-info annotation on the ClusterIP Service only. */
function editMsb(objects: Obj[], c: EditContext): void {
  const list: any[] = c.spec.msb_list ?? [];
  if (list.length === 0) return;
  const entries = list.map((e) => ({
    serviceName: e.serviceName ?? c.spec.name,
    port: e.port === undefined ? '80' : String(e.port),
    version: e.version ?? 'v1',
    url: e.url ?? '/',
    protocol: e.protocol ?? 'REST',
    enable_ssl: e.enable_ssl === true,
    visualRange: e.visualRange === undefined ? '1' : String(e.visualRange),
  }));
  const clusterIp = servicesOf(objects).find((s) => s.spec.type === 'ClusterIP');
  if (!clusterIp) throw new Error('msb_list with no ClusterIP Service');
  clusterIp.metadata.annotations = { 'msb.onap.org/service-info': pythonJsonDumps(c.oracle, entries) };
  c.edits.push('msb.onap.org/service-info annotation added to the ClusterIP Service (json.dumps form)');
}

/**
 * Pod Security "restricted": the pod's securityContext, and the same securityContext on every container and init
 * container (docs/reference.md, "Pod Security"). Nothing with profile none.
 */
function editPodSecurity(objects: Obj[], c: EditContext): void {
  const ps = c.podSecurity;
  if (ps.profile !== 'restricted') return;
  const pod = podOf(objects);
  pod.securityContext = {
    runAsNonRoot: true,
    runAsUser: ps.run_as_user,
    runAsGroup: ps.run_as_group,
    fsGroup: ps.fs_group,
    seccompProfile: { type: 'RuntimeDefault' },
  };
  for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
    container.securityContext = {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: ps.read_only_root_filesystem === true,
      runAsNonRoot: true,
    };
  }
  c.edits.push(
    'pod_security restricted: pod securityContext {runAsNonRoot, runAsUser, runAsGroup, fsGroup, seccompProfile RuntimeDefault}; ' +
      'every container and init container {allowPrivilegeEscalation: false, capabilities.drop [ALL], readOnlyRootFilesystem, runAsNonRoot}',
  );
}

/** Empty lists and readOnly: false are left out (fixed). */
function omitEmpty(value: any, c: EditContext): any {
  const edits = new Set<string>();
  const walk = (v: any): any => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) {
      if (Array.isArray(x) && x.length === 0) {
        edits.add(`empty ${k} lists omitted`);
        continue;
      }
      if (k === 'readOnly' && x === false) {
        edits.add('readOnly: false omitted');
        continue;
      }
      out[k] = walk(x);
    }
    return out;
  };
  const result = walk(value);
  c.edits.push(...[...edits].sort());
  return result;
}

/** The application configuration's contract (docs/reference.md, Application configuration), written out here on purpose. */
const APP_CONFIG = {
  volume: 'application-config',
  mountPath: '/app-config-input',
  key: 'application_config.yaml',
  env: 'CBS_CLIENT_CONFIG_PATH',
  annotation: 'checksum/application-config',
};

/**
 * With the platform's application_config.source: configmap and an application_config in the spec: the ConfigMap
 * `<name>-application-config` first (the Deployment's namespace and labels; one key, the configuration as YAML with
 * keys sorted); its volume after the user volumes and its read-only mount after the user mounts; CBS_CLIENT_CONFIG_PATH
 * just before POD_IP; and the pod template annotation with the SHA-256 of the text.
 */
function editApplicationConfig(objects: Obj[], c: EditContext, platform: Obj): Obj[] {
  if (platform.application_config?.source !== 'configmap' || c.spec.application_config === undefined) return objects;
  const dep = deploymentOf(objects);
  const pod = dep.spec.template.spec;
  const main = pod.containers[0];
  const name = `${c.spec.name}-application-config`;
  const text = stringifyYaml(sortKeys(configurationWithStreams(c, platform)));
  const userVolumes = (c.spec.volumes ?? []).length;
  pod.volumes.splice(userVolumes, 0, { name: APP_CONFIG.volume, configMap: { name, defaultMode: 420 } });
  main.volumeMounts.splice(userVolumes, 0, { name: APP_CONFIG.volume, mountPath: APP_CONFIG.mountPath, readOnly: true });
  const podIp = main.env.findIndex((e: Obj) => e.name === 'POD_IP');
  if (podIp !== main.env.length - 1) throw new Error('main container: POD_IP is not the last variable');
  main.env.splice(podIp, 0, { name: APP_CONFIG.env, value: `${APP_CONFIG.mountPath}/${APP_CONFIG.key}` });
  dep.spec.template.metadata.annotations = { [APP_CONFIG.annotation]: createHash('sha256').update(text, 'utf8').digest('hex') };
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: dep.metadata.namespace, labels: dep.metadata.labels },
    data: { [APP_CONFIG.key]: text },
  };
  c.edits.push(
    `ConfigMap ${name} added first (application_config.source: configmap), with its volume and mount after the user ones, ${APP_CONFIG.env} before POD_IP and the ${APP_CONFIG.annotation} annotation`,
  );
  return [configMap, ...objects];
}

/** Env values from Secrets (docs/reference.md, Component spec): `valueFrom.secretKeyRef` in the variable's place. */
function editSecretEnv(objects: Obj[], c: EditContext): void {
  const main = podOf(objects).containers[0];
  for (const e of main.env) {
    const value = c.spec.env?.[e.name];
    if (typeof e.value !== 'string' || !e.value.startsWith(SECRET_PLACEHOLDER)) continue;
    delete e.value;
    e.valueFrom = { secretKeyRef: { name: value.secret, key: value.key } };
    c.edits.push(`env ${e.name}: valueFrom.secretKeyRef {name: ${value.secret}, key: ${value.key}} in its place`);
  }
}

/**
 * With the platform's service_account.enabled (docs/reference.md, ServiceAccount), written out here on purpose: the
 * ServiceAccount `<name>` (the Deployment's namespace and labels, automountServiceAccountToken false), then with a role
 * the RoleBinding `<name>`, both after a ConfigMap and before the Deployment; the pod's serviceAccountName, and
 * automountServiceAccountToken: true when the spec asks for the token.
 */
function editServiceAccount(objects: Obj[], c: EditContext, platform: Obj): Obj[] {
  const sa = platform.service_account;
  if (sa?.enabled !== true) return objects;
  const dep = deploymentOf(objects);
  const pod = dep.spec.template.spec;
  const name = c.spec.name as string;
  const { namespace, labels } = dep.metadata;
  pod.serviceAccountName = name;
  if (c.spec.service_account?.automount_token === true) pod.automountServiceAccountToken = true;
  const added: Obj[] = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, labels }, automountServiceAccountToken: false },
  ];
  if (sa.role !== undefined) {
    added.push({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name, namespace, labels },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: sa.role },
    });
  }
  const at = podObjectsAt(objects);
  c.edits.push(
    `${added.map((o) => `${o.kind} ${name}`).join(' and ')} added before the Deployment (service_account.enabled); pod serviceAccountName ${name}` +
      (pod.automountServiceAccountToken ? ', automountServiceAccountToken: true' : ''),
  );
  return [...objects.slice(0, at), ...added, ...objects.slice(at)];
}

/**
 * Where the objects that go with the pod (ServiceAccount, RoleBinding, KafkaTopics, KafkaUser) are inserted: before a
 * Certificate, else before the Deployment (docs/reference.md, Objects, order and names: ConfigMap, ServiceAccount,
 * RoleBinding, KafkaTopics, KafkaUser, Certificate, Deployment).
 */
function podObjectsAt(objects: Obj[]): number {
  const certificate = objects.findIndex((o) => o.kind === 'Certificate');
  return certificate >= 0 ? certificate : objects.indexOf(deploymentOf(objects));
}

/** The platform's policy_sync defaults (docs/reference.md, Platform settings), written out here on purpose. */
const POLICY_SYNC_DEFAULTS = {
  image: 'nexus3.onap.org:10001/onap/org.onap.dcaegen2.deployments.dcae-services-policy-sync:1.0.1',
  pdp_url: 'https://policy-xacml-pdp:6969',
  pdp_secret: 'onap-policy-xacml-pdp-restserver-creds',
  interval: 300,
};

/**
 * With the platform's policy_sync.enabled and the spec's policy_ids (docs/reference.md, Policy-sync sidecar), as ONAP
 * OOM's charts write it: the emptyDir `policy-shared` before `tls-info`, mounted at /etc/policies in the main container
 * (before its tls-info mount) and in the `policy-sync` container, last among the containers, with OOM's env in OOM's order.
 */
function editPolicySync(objects: Obj[], c: EditContext, platform: Obj): void {
  const ps = { ...POLICY_SYNC_DEFAULTS, ...(platform.policy_sync ?? {}) };
  const ids = c.spec.policy_ids as string[] | undefined;
  if (ps.enabled !== true || !ids || ids.length === 0) return;
  const pod = podOf(objects);
  const mount = { mountPath: '/etc/policies', name: 'policy-shared' };
  const beforeTls = (list: Obj[]) => list.findIndex((x) => x.name === 'tls-info');
  pod.volumes.splice(beforeTls(pod.volumes), 0, { emptyDir: {}, name: 'policy-shared' });
  const main = pod.containers[0];
  main.volumeMounts.splice(beforeTls(main.volumeMounts), 0, mount);
  const secretKey = (key: string) => ({ valueFrom: { secretKeyRef: { key, name: ps.pdp_secret } } });
  pod.containers.push({
    env: [
      { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'POLICY_SYNC_PDP_USER', ...secretKey('login') },
      { name: 'POLICY_SYNC_PDP_PASS', ...secretKey('password') },
      { name: 'POLICY_SYNC_PDP_URL', value: ps.pdp_url },
      { name: 'POLICY_SYNC_OUTFILE', value: '/etc/policies/policies.json' },
      { name: 'POLICY_SYNC_V1_DECISION_ENDPOINT', value: 'policy/pdpx/v1/decision' },
      { name: 'POLICY_SYNC_ID', value: JSON.stringify(ids) },
      { name: 'POLICY_SYNC_DURATION', value: String(ps.interval) },
    ],
    image: ps.image,
    imagePullPolicy: 'IfNotPresent',
    name: 'policy-sync',
    volumeMounts: [mount],
  });
  c.edits.push(
    `policy-sync container added last (policy_sync.enabled, POLICY_SYNC_ID ${JSON.stringify(ids)}); policy-shared volume and main mount at /etc/policies before tls-info`,
  );
}

/** The platform's kafka defaults (docs/reference.md, Platform settings), written out here on purpose. */
const KAFKA_DEFAULTS = { cluster: 'onap-strimzi', retention_ms: 7200000, segment_bytes: 1073741824 };

/** The stream types that run on Kafka (docs/reference.md, Kafka streams); `http` and `https` streams get no object. */
const KAFKA_TYPES = ['message_router', 'message router', 'kafka'];

interface KafkaStream {
  readonly configKey: string;
  readonly type: string;
  readonly topic: string;
  readonly consumerGroup?: string;
}

/** The platform's kafka settings over the defaults; bootstrap_servers derives from the final cluster unless given. */
function kafkaSettings(platform: Obj): Obj {
  const k = { ...KAFKA_DEFAULTS, ...(platform.kafka ?? {}) };
  return { ...k, bootstrap_servers: k.bootstrap_servers ?? `${k.cluster}-kafka-bootstrap:9092` };
}

/**
 * A YAML spec's message-router and Kafka streams with the platform's kafka.enabled (none without it): each entry's
 * config_key and type, and its topic, which `topics` by config_key replaces.
 */
function kafkaStreams(c: EditContext, platform: Obj): { publishes: KafkaStream[]; subscribes: KafkaStream[] } {
  if (platform.kafka?.enabled !== true) return { publishes: [], subscribes: [] };
  const topics: Obj = c.spec.topics ?? {};
  const list = (entries: Obj[] | undefined): KafkaStream[] =>
    (entries ?? [])
      .filter((e) => KAFKA_TYPES.includes(e.type))
      .map((e) => ({ configKey: e.config_key, type: e.type, topic: topics[e.config_key] ?? e.topic, consumerGroup: e.consumer_group }));
  return { publishes: list(c.spec.streams?.publishes), subscribes: list(c.spec.streams?.subscribes) };
}

/**
 * The configuration a ConfigMap holds: the spec's application_config, and with Kafka streams each stream's entry by
 * config_key under streams_publishes / streams_subscribes, as DCAE's SDK reads them (docs/reference.md, Kafka
 * streams, "The configuration"): it replaces an entry of the same config_key; other entries and keys stay.
 */
function configurationWithStreams(c: EditContext, platform: Obj): Obj {
  const config = JSON.parse(JSON.stringify(c.spec.application_config)) as Obj;
  const { publishes, subscribes } = kafkaStreams(c, platform);
  const { bootstrap_servers } = kafkaSettings(platform);
  const entry = (s: KafkaStream): Obj =>
    s.type === 'kafka'
      ? { type: 'kafka', kafka_info: { bootstrap_servers, topic_name: s.topic } }
      : { type: 'message_router', dmaap_info: { topic_url: `http://message-router:3904/events/${s.topic}` } };
  for (const [key, streams] of [
    ['streams_publishes', publishes],
    ['streams_subscribes', subscribes],
  ] as const) {
    if (streams.length === 0) continue;
    const given = config[key] ?? {};
    if (given === null || typeof given !== 'object' || Array.isArray(given)) throw new Error(`application_config.${key} is not a mapping`);
    config[key] = { ...given };
    for (const s of streams) {
      const replaced = s.configKey in given;
      config[key][s.configKey] = entry(s);
      c.edits.push(
        `configuration ${key}.${s.configKey}: the ${entry(s).type} entry of topic ${s.topic}${replaced ? ", over the configuration's own" : ''}`,
      );
    }
  }
  return config;
}

/**
 * With the platform's kafka.enabled and at least one message-router or Kafka stream (docs/reference.md, Kafka streams),
 * written out here on purpose: a KafkaTopic per distinct published topic in stream order, then the KafkaUser
 * `<name>-ku` (SCRAM-SHA-512; an ACL per distinct topic, published ones first, then one per distinct consumer group),
 * before a Certificate and the Deployment; BOOTSTRAP_SERVERS and JAAS_CONFIG (from the KafkaUser's Secret) just
 * before POD_IP, so after the component's own variables and CBS_CLIENT_CONFIG_PATH.
 */
function editKafka(objects: Obj[], c: EditContext, platform: Obj): Obj[] {
  const { publishes, subscribes } = kafkaStreams(c, platform);
  if (publishes.length === 0 && subscribes.length === 0) return objects;
  const k = kafkaSettings(platform);
  const dep = deploymentOf(objects);
  const name = c.spec.name as string;
  const namespace = dep.metadata.namespace;
  const labels = { ...dep.metadata.labels, 'strimzi.io/cluster': k.cluster };
  const apiVersion = 'kafka.strimzi.io/v1beta2';
  const distinct = (list: string[]) => [...new Set(list)];
  const published = distinct(publishes.map((s) => s.topic));
  const subscribed = distinct(subscribes.map((s) => s.topic));
  const topicObjects = published.map((topic) => ({
    apiVersion,
    kind: 'KafkaTopic',
    metadata: { name: `${topic.toLowerCase().replace(/_/g, '-')}-kt`, namespace, labels },
    spec: { topicName: topic, config: { 'retention.ms': k.retention_ms, 'segment.bytes': k.segment_bytes } },
  }));
  const resource = (type: string, resourceName: string) => ({ type, name: resourceName, patternType: 'literal' });
  const acls = [
    ...distinct([...published, ...subscribed]).map((topic) => ({
      resource: resource('topic', topic),
      operations: [
        ...(published.includes(topic) ? ['Write', 'DescribeConfigs'] : []),
        ...(subscribed.includes(topic) ? ['Read', 'Describe'] : []),
      ],
    })),
    ...distinct(subscribes.map((s) => s.consumerGroup ?? `${name}-group`)).map((group) => ({
      resource: resource('group', group),
      operations: ['Read'],
    })),
  ];
  const user = {
    apiVersion,
    kind: 'KafkaUser',
    metadata: { name: `${name}-ku`, namespace, labels },
    spec: { authentication: { type: 'scram-sha-512' }, authorization: { type: 'simple', acls } },
  };
  const main = dep.spec.template.spec.containers[0];
  const podIp = main.env.findIndex((e: Obj) => e.name === 'POD_IP');
  if (podIp !== main.env.length - 1) throw new Error('main container: POD_IP is not the last variable');
  main.env.splice(
    podIp,
    0,
    { name: 'BOOTSTRAP_SERVERS', value: k.bootstrap_servers },
    { name: 'JAAS_CONFIG', valueFrom: { secretKeyRef: { name: `${name}-ku`, key: 'sasl.jaas.config' } } },
  );
  const at = podObjectsAt(objects);
  c.edits.push(
    `${[...topicObjects, user].map((o) => `${o.kind} ${o.metadata.name}`).join(', ')} added before the Deployment (kafka.enabled), ` +
      `the KafkaUser with ${acls.length} ACLs; BOOTSTRAP_SERVERS ${k.bootstrap_servers} and JAAS_CONFIG (Secret ${name}-ku) before POD_IP`,
  );
  return [...objects.slice(0, at), ...topicObjects, user, ...objects.slice(at)];
}

// ---------------------------------------------------------------------------------------------------------
// cert-manager cases: plugin 3.9.0's oracle (oracle39.py) and the edits the contract documents for that mode

/** oracle39.py, named by DCAE_ORACLE39; it runs with the interpreter on its #! line. Throws OracleMissing. */
export function findOracle39(env: NodeJS.ProcessEnv = process.env): Oracle {
  const given = env.DCAE_ORACLE39?.trim();
  const fail: (problem: string) => never = (problem) => {
    throw new OracleMissing(
      `${problem} cert-manager golden cases (a platform.yaml that sets cmpv2_issuer) need plugin 3.9.0's ` +
        'oracle, oracle39.py, which is not part of this repository: give its path in DCAE_ORACLE39, for example ' +
        '`DCAE_ORACLE39=/path/to/oracle39.py DCAE_ORACLE=/path/to/oracle.py npm run golden`. Its Python needs the kubernetes ' +
        'and decorator packages (Debian: apt-get install python3-kubernetes python3-decorator).',
    );
  };
  if (!given) fail('DCAE_ORACLE39 is not set.');
  const script = path.resolve(env.INIT_CWD ?? process.cwd(), given);
  if (!fs.existsSync(script)) fail(`DCAE_ORACLE39=${given}: no such file (${script}).`);
  const python = shebang(script) ?? ['python3'];
  try {
    execFileSync(python[0], [...python.slice(1), '-c', 'import kubernetes, decorator'], { stdio: 'ignore' });
  } catch {
    fail(`The Python that runs oracle39.py (${python.join(' ')}) cannot import the kubernetes and decorator packages.`);
  }
  return { script, python };
}

/** The objects oracle39.py prints (calls in order), each with metadata.namespace from its call. */
function runOracle39(oracle: Oracle, specFile: string, platformFile?: string): Obj[] {
  const out = python(oracle, [oracle.script, '--spec', specFile, ...(platformFile ? ['--platform', platformFile] : [])]);
  const calls = parseDocument(out).toJS() as Array<{ call: string; namespace: string; body: Obj }>;
  return calls.map(({ namespace, body }) => ({ ...body, metadata: { ...body.metadata, namespace } }));
}

/** The SAN items as the contract reads them: trimmed, empty ones ignored. */
function sanItems(sans: unknown): string[] {
  return typeof sans === 'string'
    ? sans
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== '')
    : [];
}

/** A DNS name that stands for "no SANs" while oracle39.py runs (it crashed on an empty list). */
const SANS_PLACEHOLDER = 'golden-sans-placeholder.invalid';

/** Gives oracle39.py a `sans` it does not crash on: items trimmed, empty ones left out, a placeholder for none. */
function sansForOracle39(input: Obj): string[] {
  const params = input.external_cert?.external_certificate_parameters;
  if (!input.external_cert?.use_external_tls || !params) return [];
  const items = sanItems(params.sans);
  const given = items.length > 0 ? items.join(',') : SANS_PLACEHOLDER;
  if (given === params.sans) return [];
  params.sans = given;
  return [
    items.length > 0
      ? `sans given to oracle39.py as ${JSON.stringify(given)} (items trimmed, empty ones left out)`
      : 'no sans: oracle39.py given a placeholder DNS name',
  ];
}

/** The contract's differences from plugin 3.9.0 in cert-manager mode, and its rules where 3.9.0 differs outside it. */
function editCertManager(all: Obj[], c: EditContext): Obj[] {
  const secret = all.find((o) => o.kind === 'Secret');
  const objects = all.filter((o) => o.kind !== 'Secret');
  const pod = podOf(objects);
  const name = c.spec.name as string;
  const certificate = objects.find((o) => o.kind === 'Certificate');
  if (!certificate) return objects;
  if (objects.indexOf(certificate) !== 0) throw new Error('the Certificate is not the first object');

  if (secret) {
    const generated = secret.metadata.generateName as string;
    const passwordSecret = `${name}-cert-password`;
    if (generated !== passwordSecret) throw new Error(`unexpected password Secret prefix ${generated}`);
    for (const ks of Object.values(certificate.spec.keystores ?? {}) as Obj[]) ks.passwordSecretRef.name = passwordSecret;
    const volume = pod.volumes.find((v: Obj) => v.name === 'certmanager-certs-volume');
    volume.projected.sources[1].secret.name = passwordSecret;
    c.edits.push(
      `password Secret not written: the Certificate's keystores and certmanager-certs-volume reference ${passwordSecret} (the oracle: a generated name)`,
    );
  }

  // One / between the directory and external/, for the main container and the cert-post-processor (the oracle
  // concatenates the text). certManagerMountPath is one of the documented naming helpers.
  const mounts: Array<[Obj, string]> = [[pod.containers[0], c.spec.external_cert.external_cert_directory as string]];
  const post = (pod.initContainers ?? []).find((x: Obj) => x.name === 'cert-post-processor');
  if (post) mounts.push([post, post.volumeMounts.find((x: Obj) => x.name === 'tls-info').mountPath]);
  for (const [container, dir] of mounts) {
    const joined = certManagerMountPath(dir);
    const m = container.volumeMounts.find((x: Obj) => x.name === 'certmanager-certs-volume');
    if (m.mountPath !== joined) {
      m.mountPath = joined;
      c.edits.push(`${container.name} mounts certmanager-certs-volume at ${joined} (one / between the directory and external/)`);
    }
  }

  const items = sanItems(c.spec.external_cert.external_certificate_parameters?.sans);
  const spec = certificate.spec;
  if (items.length === 0) {
    if (JSON.stringify(spec.dnsNames) !== JSON.stringify([SANS_PLACEHOLDER])) throw new Error('placeholder SAN not found');
    delete spec.dnsNames;
    c.edits.push('no SANs: no SAN lists (the placeholder removed)');
  } else if (items.some((x) => x.startsWith('*.'))) {
    const filed = new Set(['ipAddresses', 'dnsNames', 'emailAddresses', 'uris'].flatMap((k) => spec[k] ?? []));
    spec.dnsNames = items.filter((x) => (filed.has(x) && (spec.dnsNames ?? []).includes(x)) || (!filed.has(x) && x.startsWith('*.')));
    c.edits.push('*. wildcard DNS names (dropped by the oracle) put in dnsNames in their place');
  }

  for (const svc of objects.filter((o) => o.kind === 'Service')) delete svc.spec.ipFamily;
  c.edits.push('metadata.namespace on every object (3.9.0 passed it in the API call); spec.ipFamily left out of Services');
  return objects;
}

// ---------------------------------------------------------------------------------------------------------

/** The expected manifest of one case, and the edits and input transformations made to get it. */
export function expectedManifest(
  golden: GoldenCase,
  oracle: Oracle,
  oracle39?: Oracle,
): { yaml: string; edits: string[]; transformed: string[] } {
  const { spec, envRaw } = readSpec(golden.componentFile);
  const platform = readPlatform(golden.platformFile);
  const cm = platform.cmpv2_issuer !== undefined;
  const { input, transformed } = oracleInput(spec);
  const {
    pod_security: platformPodSecurity,
    service_account: platformServiceAccount,
    policy_sync: platformPolicySync,
    kafka: platformKafka,
    ...oraclePlatform
  } = platform;
  if (platformPodSecurity !== undefined)
    transformed.push('platform pod_security left out for the oracle (plugin 3.4.3 had no Pod Security)');
  if (platformServiceAccount !== undefined)
    transformed.push('platform service_account left out for the oracle (the plugin wrote no ServiceAccount)');
  if (platformPolicySync !== undefined)
    transformed.push('platform policy_sync left out for the oracle (the plugin ran no policy-sync sidecar)');
  if (platformKafka !== undefined) transformed.push('platform kafka left out for the oracle (the plugin ignored streams)');
  if (cm) transformed.push(...sansForOracle39(input));
  const run = (file: string, platformFile?: string) =>
    cm ? runOracle39(oracle39 ?? findOracle39(), file, platformFile) : runOracle(oracle, file, platformFile);
  let objects: Obj[];
  if (transformed.length > 0) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'golden-'));
    try {
      const file = path.join(tmp, 'component.json'); // JSON is YAML: the oracle reads it with yaml.safe_load
      fs.writeFileSync(file, JSON.stringify(input, null, 2));
      let platformFile = golden.platformFile;
      const left = [platformPodSecurity, platformServiceAccount, platformPolicySync, platformKafka];
      if (left.some((x) => x !== undefined)) {
        platformFile = path.join(tmp, 'platform.json');
        fs.writeFileSync(platformFile, JSON.stringify(oraclePlatform, null, 2));
      }
      objects = run(file, platformFile);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  } else {
    objects = run(golden.componentFile, golden.platformFile);
  }

  const c: EditContext = {
    oracle,
    spec,
    envRaw,
    externalCert: { ...EXTERNAL_CERT_DEFAULTS, ...(platform.external_cert ?? {}) },
    podSecurity: { ...POD_SECURITY_DEFAULTS, ...(platform.pod_security ?? {}), ...(spec.pod_security ?? {}) },
    edits: [],
  };
  if (cm) objects = editCertManager(objects, c);
  editUserVolumes(objects, c);
  editEnvAsWritten(objects, c);
  editExternalCert(objects, c);
  editContainerPorts(objects, c);
  objects = editServices(objects, c);
  editMsb(objects, c);
  objects = editApplicationConfig(objects, c, platform);
  editSecretEnv(objects, c);
  objects = editServiceAccount(objects, c, platform);
  editPolicySync(objects, c, platform);
  objects = editKafka(objects, c, platform);
  // Keys sorted at every depth, except that apiVersion, kind and metadata lead each object (cdk8s's order; only a ConfigMap's data sorts before them).
  editPodSecurity(objects, c);
  objects = omitEmpty(objects, c)
    .map(sortKeys)
    .map(({ apiVersion, kind, metadata, ...rest }: Obj) => ({ apiVersion, kind, metadata, ...rest }));
  return { yaml: stringifyYaml(...objects), edits: c.edits, transformed };
}

/** Text folded into lines of at most `width` characters, at spaces. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line].join('\n');
}

function main(): void {
  let oracle: Oracle;
  try {
    oracle = findOracle();
  } catch (e) {
    if (!(e instanceof OracleMissing)) throw e;
    process.stderr.write(`${wrap(e.message, 100)}\n`);
    process.exit(2);
  }
  const only = process.argv.slice(2);
  const cases = listCases().filter((g) => only.length === 0 || only.includes(g.name));
  if (cases.length === 0) throw new Error(`no cases under ${CASES_DIR}`);
  let oracle39: Oracle | undefined;
  for (const g of cases) {
    if (g.platformFile && readPlatform(g.platformFile).cmpv2_issuer !== undefined && !oracle39) {
      try {
        oracle39 = findOracle39();
      } catch (e) {
        if (!(e instanceof OracleMissing)) throw e;
        process.stderr.write(`${g.name}: ${wrap(e.message, 100)}\n`);
        process.exit(2);
      }
    }
    const { yaml, edits, transformed } = expectedManifest(g, oracle, oracle39);
    const before = fs.existsSync(g.expectedFile) ? fs.readFileSync(g.expectedFile, 'utf8') : undefined;
    fs.writeFileSync(g.expectedFile, yaml);
    const status = before === undefined ? 'created' : before === yaml ? 'unchanged' : 'UPDATED';
    console.log(`${g.name}: ${status}`);
    for (const t of transformed) console.log(`  input:  ${t}`);
    for (const e of edits) console.log(`  output: ${e}`);
  }
}

if (require.main === module) main();
