/**
 * cert-manager mode (platform cmpv2_issuer, plugin 3.9.0): a Certificate instead of the cert-service-client,
 * the certmanager-certs-volume in the main container and the cert-post-processor, SANs filed by kind
 * (docs/reference.md, cert-manager certificates).
 */
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { validateObject } from '../../src/output/validate';
import {
  compile,
  compileProject,
  ext,
  containerOf,
  kindsAndNames,
  mainOf,
  POD_IP,
  podOf,
  runMain,
  snapshotFolder,
  spec,
  tmpdir,
} from '../helpers';
// The module object itself, so that jest.spyOn replaces what the CLI calls.

const validate: typeof import('../../src/output/validate') = require('../../src/output/validate');

const ON = { cmpv2_issuer: { enabled: true } };

/** Compiles one spec with a platform file: the sorted messages, and the objects when there are no errors. */
function load(component: object, platform: object = ON): { messages: string[]; warnings: string[]; objects: any[] } {
  const r = compileProject({
    components: [{ name: 'components/c.yaml', text: stringify(component) }],
    platform: { name: 'components/platform.yaml', text: stringify(platform) },
  });
  if (r.invalid.length > 0) throw new Error(`objects break the Kubernetes schema:\n${r.invalid.join('\n')}`);
  return { messages: r.errors, warnings: r.warnings, objects: r.manifests[0]?.objects ?? [] };
}

const certificateOf = (objects: any[]) => objects.find((o) => o.kind === 'Certificate');
const volumeOf = (objects: any[]) => podOf(objects).volumes.find((v: any) => v.name === 'certmanager-certs-volume');
const SANS_AT = 'components/c.yaml:9:11: external_cert.external_certificate_parameters.sans';

describe('cert-manager: the Certificate', () => {
  test.each([
    ['P12', 'pkcs12'],
    ['jks', 'jks'],
  ])(
    'GIVEN cmpv2_issuer.enabled and cert_type %s WHEN compiled THEN the Certificate <name>-cert comes first, with the subject, issuer, SANs and a %s keystore protected by <name>-cert-password',
    (certType, keystore) => {
      const { objects } = load(spec({ external_cert: ext({ cert_type: certType }, { sans: 'ves,ves.example.org' }) }));
      expect(certificateOf(objects)).toMatchSnapshot();
      expect(kindsAndNames(objects)).toEqual(['Certificate/comp-cert', 'Deployment/dep-comp']);
      expect(certificateOf(objects)).toEqual({
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: 'comp-cert', namespace: 'dcae' },
        spec: {
          secretName: 'comp-secret',
          commonName: 'dcae-ves-collector',
          issuerRef: { group: 'certmanager.onap.org', kind: 'CMPv2Issuer', name: 'cmpv2-issuer-onap' },
          subject: {
            organizations: ['Linux-Foundation'],
            countries: ['US'],
            localities: ['San-Francisco'],
            provinces: ['California'],
            organizationalUnits: ['ONAP'],
          },
          dnsNames: ['ves', 'ves.example.org'],
          keystores: { [keystore]: { create: true, passwordSecretRef: { name: 'comp-cert-password', key: 'password' } } },
        },
      });
    },
  );

  test('GIVEN cert_type PEM WHEN compiled THEN the Certificate has no keystores and no password Secret is referenced anywhere', () => {
    const { objects } = load(spec({ external_cert: ext({ cert_type: 'PEM' }) }));
    expect(certificateOf(objects).spec.keystores).toBeUndefined();
    expect(JSON.stringify(objects)).not.toContain('cert-password');
  });

  test('GIVEN cmpv2_issuer.name and the platform subject WHEN compiled THEN issuerRef.name and the subject follow them', () => {
    const platform = {
      ...ON,
      cmpv2_issuer: { enabled: true, name: 'lab-issuer' },
      external_cert: { country: 'PL', organization: 'Org', state: 'S', organizational_unit: 'OU', location: 'L' },
    };
    const cert = certificateOf(load(spec({ external_cert: ext() }), platform).objects);
    expect(cert.spec.issuerRef).toEqual({ group: 'certmanager.onap.org', kind: 'CMPv2Issuer', name: 'lab-issuer' });
    expect(cert.spec.subject).toEqual({
      organizations: ['Org'],
      countries: ['PL'],
      localities: ['L'],
      provinces: ['S'],
      organizationalUnits: ['OU'],
    });
  });

  test('GIVEN a spec namespace WHEN compiled THEN the Certificate is in it and has no labels', () => {
    const cert = certificateOf(load(spec({ namespace: 'other', labels: { team: 'x' }, external_cert: ext() })).objects);
    expect(cert.metadata).toEqual({ name: 'comp-cert', namespace: 'other' });
  });
});

describe('cert-manager: the pod', () => {
  test('GIVEN cmpv2_issuer.enabled WHEN compiled THEN no cert-service-client and no tls-volume; certmanager-certs-volume is mounted in the main container and the post-processor', () => {
    const { objects } = load(spec({ external_cert: ext() }));
    const pod = podOf(objects);
    expect({ initContainers: pod.initContainers, volumes: pod.volumes, mainMounts: mainOf(objects).volumeMounts }).toMatchSnapshot();
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['init-tls', 'cert-post-processor']);
    expect(pod.volumes.map((v: any) => v.name)).toEqual(['tls-info', 'certmanager-certs-volume']);
    expect(mainOf(objects).volumeMounts).toEqual([
      { name: 'tls-info', mountPath: '/opt/dcae/cacert' },
      { name: 'certmanager-certs-volume', mountPath: '/opt/app/dcae-certificate/external/' },
    ]);
    const post = containerOf(objects, 'cert-post-processor');
    expect(post.volumeMounts).toEqual([
      { name: 'tls-info', mountPath: '/opt/dcae/cacert/' },
      { name: 'certmanager-certs-volume', mountPath: '/opt/dcae/cacert/external/' },
    ]);
    expect(post.env[post.env.length - 1]).toEqual(POD_IP);
    expect(post.env.map((e: any) => e.name)).toEqual([
      'TRUSTSTORES_PATHS',
      'TRUSTSTORES_PASSWORDS_PATHS',
      'KEYSTORE_SOURCE_PATHS',
      'KEYSTORE_DESTINATION_PATHS',
      'POD_IP',
    ]);
  });

  test("GIVEN cmpv2_issuer.enabled WHEN compiled THEN the post-processor's env is the one it has with the cert-service-client", () => {
    const withClient = compile(spec({ external_cert: ext({ cert_type: 'JKS' }) })).objects;
    const withCertificate = load(spec({ external_cert: ext({ cert_type: 'JKS' }) })).objects;
    expect(containerOf(withCertificate, 'cert-post-processor').env).toEqual(containerOf(withClient, 'cert-post-processor').env);
  });

  test.each([
    [
      'P12',
      [
        ['keystore.p12', 'keystore.p12'],
        ['truststore.p12', 'truststore.p12'],
      ],
      true,
    ],
    [
      'JKS',
      [
        ['keystore.jks', 'keystore.jks'],
        ['truststore.jks', 'truststore.jks'],
      ],
      true,
    ],
    [
      'pem',
      [
        ['tls.crt', 'keystore.pem'],
        ['ca.crt', 'truststore.pem'],
        ['tls.key', 'key.pem'],
      ],
      false,
    ],
  ])(
    'GIVEN cert_type %s WHEN compiled THEN certmanager-certs-volume projects these keys of <name>-secret, and the password files only for P12 and JKS',
    (certType, items, password) => {
      const volume = volumeOf(load(spec({ external_cert: ext({ cert_type: certType }) })).objects);
      const sources = [{ secret: { name: 'comp-secret', items: (items as string[][]).map(([key, p]) => ({ key, path: p })) } }];
      if (password)
        sources.push({
          secret: {
            name: 'comp-cert-password',
            items: [
              { key: 'password', path: 'keystore.pass' },
              { key: 'password', path: 'truststore.pass' },
            ],
          },
        });
      expect(volume).toEqual({ name: 'certmanager-certs-volume', projected: { sources } });
    },
  );

  test('GIVEN an external_cert_directory without a trailing slash WHEN compiled THEN the mount joins it and external/ with one slash', () => {
    const { objects } = load(spec({ external_cert: ext({ external_cert_directory: '/etc/ves-hv/ssl' }) }));
    expect(mainOf(objects).volumeMounts[1]).toEqual({ name: 'certmanager-certs-volume', mountPath: '/etc/ves-hv/ssl/external/' });
  });

  test("GIVEN directories ending in two slashes WHEN compiled THEN both mounts join the directory and external/ with one slash; the post-processor's env keeps the text", () => {
    const { objects } = load({
      ...spec({ external_cert: ext({ external_cert_directory: '/etc/x//' }) }),
      tls_info: { use_tls: true, cert_directory: '/etc/t//' },
    });
    expect(mainOf(objects).volumeMounts.find((m: any) => m.name === 'certmanager-certs-volume').mountPath).toBe('/etc/x/external/');
    const post = containerOf(objects, 'cert-post-processor');
    expect(post.volumeMounts.find((m: any) => m.name === 'certmanager-certs-volume').mountPath).toBe('/etc/t/external/');
    expect(post.env[0]).toEqual({ name: 'TRUSTSTORES_PATHS', value: '/etc/t//trust.jks:/etc/t//external/truststore.p12' });
  });

  test('GIVEN cmpv2_issuer.enabled false, or a spec without external certificates WHEN compiled THEN the output is that of no cmpv2_issuer at all', () => {
    const withExt = spec({ external_cert: ext() });
    expect(compile(withExt, { cmpv2_issuer: { enabled: false, name: 'x' } }).yaml).toBe(compile(withExt).yaml);
    expect(load(spec()).objects).toEqual(compile(spec()).objects);
  });

  test('GIVEN a component named cert-service-client WHEN compiled in cert-manager mode THEN it is accepted, as that container is not added', () => {
    expect(load({ ...spec({ external_cert: ext() }), name: 'cert-service-client' }).messages).toEqual([]);
    expect(load({ ...spec({ external_cert: ext() }), name: 'cert-post-processor' }).messages).toEqual([
      'components/c.yaml:1:7: name: "cert-post-processor" is also the name of the init container that external_cert adds, and a pod\'s containers need distinct names; expected another component name',
    ]);
  });
});

describe('cert-manager: SANs', () => {
  test("GIVEN items of every kind, with spaces, empty items and a trailing comma WHEN compiled THEN each list keeps the spec's order", () => {
    const sans = ' a.example.org, *.example.org,,ops@example.org,10.0.0.1 ,2001:db8::1,spiffe://cluster.local/ns/x,host,';
    const cert = certificateOf(load(spec({ external_cert: ext({}, { sans }) })).objects);
    expect(cert.spec).toMatchObject({
      dnsNames: ['a.example.org', '*.example.org', 'host'],
      emailAddresses: ['ops@example.org'],
      ipAddresses: ['10.0.0.1', '2001:db8::1'],
      uris: ['spiffe://cluster.local/ns/x'],
    });
  });

  test.each(['', ' , ,', undefined])('GIVEN sans %j WHEN compiled THEN the Certificate has no SAN lists', (sans) => {
    const cert = certificateOf(load(spec({ external_cert: ext({}, sans === undefined ? {} : { sans }) })).objects);
    expect(Object.keys(cert.spec).sort()).toEqual(['commonName', 'issuerRef', 'keystores', 'secretName', 'subject']);
  });

  test('GIVEN items that are no SAN WHEN compiled THEN each is an error at the sans line naming it, all in one run', () => {
    const sans = 'ok.org,my_host,10.0.0.1/24,256.1.1.1,x.y:8080,a b,-bad.org';
    const { messages } = load(spec({ external_cert: ext({}, { sans }) }));
    const tail = '; expected SANs of those kinds, separated by commas, as cert-manager files each one by its kind (cmpv2_issuer.enabled)';
    const kinds = 'is not an e-mail address, an IPv4 or IPv6 address, a DNS name or an absolute URI';
    expect(messages).toEqual([
      `${SANS_AT}: item 2 (counting from 1), "my_host", ${kinds} (a DNS name may not contain "_")${tail}`,
      `${SANS_AT}: item 3 (counting from 1), "10.0.0.1/24", ${kinds} (an address with a prefix length is a range; a SAN names one address)${tail}`,
      `${SANS_AT}: item 4 (counting from 1), "256.1.1.1", ${kinds}${tail}`,
      `${SANS_AT}: item 5 (counting from 1), "x.y:8080", ${kinds} (a host and port is not a URI; write the host as a DNS name, or a URI with a scheme such as https://host:port)${tail}`,
      `${SANS_AT}: item 6 (counting from 1), "a b", ${kinds} (it contains a space)${tail}`,
      `${SANS_AT}: item 7 (counting from 1), "-bad.org", ${kinds}${tail}`,
    ]);
  });

  test.each([
    ['fe80::1%eth0', ' (an IPv6 address with a zone names a network interface, which a certificate cannot hold; write the address alone)'],
    ['fd00::/8', ' (an address with a prefix length is a range; a SAN names one address)'],
    ['myhost:8080', ' (a host and port is not a URI; write the host as a DNS name, or a URI with a scheme such as https://host:port)'],
    ['http://a/%zz', ''],
    ['ab:cd', ''],
    ['example.org.', ' (a DNS name in a certificate has no trailing dot; write it without the dot)'],
    ['bücher.de', ' (a DNS name with letters outside ASCII is written in its punycode form, xn--...)'],
  ])('GIVEN the SAN %j, which the plugin misfiled as a URI or dropped WHEN compiled THEN it is an error naming it', (item, why) => {
    const { messages } = load(spec({ external_cert: ext({}, { sans: item }) }));
    expect(messages).toEqual([
      `${SANS_AT}: item 1 (counting from 1), ${JSON.stringify(item)}, is not an e-mail address, an IPv4 or IPv6 address, a DNS name or an absolute URI${why}; ` +
        'expected SANs of those kinds, separated by commas, as cert-manager files each one by its kind (cmpv2_issuer.enabled)',
    ]);
  });

  test('GIVEN absolute URIs of several schemes WHEN compiled THEN each is a URI', () => {
    const sans = 'https://x.y:8080/p,urn:uuid:123e4567-e89b-12d3-a456-426614174000,spiffe://onap/ns/x,http://a/%41';
    expect(certificateOf(load(spec({ external_cert: ext({}, { sans }) })).objects).spec.uris).toEqual(sans.split(','));
  });

  test('GIVEN the same bad sans without cert-manager mode WHEN compiled THEN there is no error: SANS is passed to the cert-service-client as written', () => {
    const { objects } = compile(spec({ external_cert: ext({}, { sans: 'my_host,,x.y:8080' }) }));
    expect(containerOf(objects, 'cert-service-client').env.find((e: any) => e.name === 'SANS').value).toBe('my_host,,x.y:8080');
  });
});

describe('cert-manager: mounts and platform', () => {
  test('GIVEN a user volume at <external_cert_directory>/external/ WHEN compiled in cert-manager mode THEN it is an error at external_cert_directory', () => {
    const s = spec({
      volumes: [{ host: { path: '/x' }, container: { bind: '/certs/external/' } }],
      external_cert: ext({ external_cert_directory: '/certs' }),
    });
    expect(load(s).messages).toEqual([
      'components/c.yaml:10:28: external_cert.external_cert_directory: "/certs/external/" (where the main container mounts the Certificate\'s Secret, external_cert_directory + "external/") is already mounted by volumes[0]; expected a mount path used once',
    ]);
    expect(compile(s).objects).toHaveLength(1);
  });

  test("GIVEN external_cert_directory at the cert-service-client's own mount WHEN compiled in cert-manager mode THEN it is accepted (there is no cert-service-client)", () => {
    expect(load(spec({ external_cert: ext({ external_cert_directory: '/etc/onap/oom/certservice/certs/' }) })).messages).toEqual([]);
  });

  test.each([
    [
      { cmpv2_issuer: { enabled: 'true' } },
      'components/platform.yaml:2:12: cmpv2_issuer.enabled: "true" is not a boolean (true or false) (write true or false, without quotes)',
    ],
    [
      { cmpv2_issuer: { name: 'Bad_Name' } },
      'components/platform.yaml:2:9: cmpv2_issuer.name: "Bad_Name" is not a CMPv2Issuer name (DNS-1123 subdomain)',
    ],
    [{ cmpv2_issuer: { issuer: 'x' } }, 'components/platform.yaml:2:3: cmpv2_issuer.issuer: unknown key; expected one of: enabled, name'],
  ])('GIVEN platform %j WHEN loaded THEN it is an error at the key', (platform, message) => {
    expect(load(spec(), platform).messages).toEqual([message]);
  });
});

describe('cert-manager: the output check', () => {
  /** The Certificate of a P12 component, as the compiler renders it in cert-manager mode. */
  function certificate(): any {
    return certificateOf(load(spec({ external_cert: ext({ cert_type: 'P12' }) })).objects);
  }

  test("GIVEN the Certificate the compiler writes WHEN checked against cert-manager's CRD schema THEN it passes", () => {
    expect(validateObject(certificate())).toEqual([]);
  });

  test.each([
    [
      'keystores.pkcs12.create a string',
      (c: any) => {
        c.spec.keystores.pkcs12.create = 'yes';
      },
      [{ object: 'Certificate comp-cert', field: 'spec.keystores.pkcs12.create', message: 'must be boolean' }],
    ],
    [
      'issuerRef without a name',
      (c: any) => {
        delete c.spec.issuerRef.name;
      },
      [{ object: 'Certificate comp-cert', field: 'spec.issuerRef.name', message: 'is required but missing' }],
    ],
    [
      'no secretName',
      (c: any) => {
        delete c.spec.secretName;
      },
      [{ object: 'Certificate comp-cert', field: 'spec.secretName', message: 'is required but missing' }],
    ],
    [
      'dnsNames a string',
      (c: any) => {
        c.spec.dnsNames = 'a.example.org';
      },
      [{ object: 'Certificate comp-cert', field: 'spec.dnsNames', message: 'must be array' }],
    ],
  ])(
    "GIVEN a Certificate with %s WHEN checked against cert-manager's CRD schema THEN the field is reported",
    (_what, breakIt, expected) => {
      const c = certificate();
      breakIt(c);
      expect(validateObject(c)).toEqual(expected);
    },
  );

  test('GIVEN cert-manager mode WHEN the CLI compiles THEN the Certificate is written', async () => {
    const dir = tmpdir();
    fs.mkdirSync(path.join(dir, 'components'));
    fs.writeFileSync(path.join(dir, 'components', 'c.yaml'), stringify(spec({ external_cert: ext() })));
    fs.writeFileSync(path.join(dir, 'components', 'platform.yaml'), stringify(ON));
    const r = await runMain(['--components', 'components', '--out', 'dist'], dir);
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'dist', 'comp.k8s.yaml'), 'utf8')).toMatch(
      /^apiVersion: cert-manager\.io\/v1\nkind: Certificate\n/,
    );
  });

  test('GIVEN a Certificate that breaks the CRD schema (create: "yes") WHEN the CLI compiles THEN it is reported before anything is written: exit 70, the output folder untouched', async () => {
    const dir = tmpdir();
    fs.mkdirSync(path.join(dir, 'components'));
    fs.writeFileSync(path.join(dir, 'components', 'c.yaml'), stringify(spec({ external_cert: ext({ cert_type: 'P12' }) })));
    fs.writeFileSync(path.join(dir, 'components', 'platform.yaml'), stringify(ON));
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'dist', 'keep.txt'), 'mine');
    // The real check, on a Certificate broken on its way to it.
    const real = validate.validateObject;
    jest.spyOn(validate, 'validateObject').mockImplementation((obj: any) => {
      if (obj.kind !== 'Certificate') return real(obj);
      const broken = JSON.parse(JSON.stringify(obj));
      broken.spec.keystores.pkcs12.create = 'yes';
      return real(broken);
    });
    try {
      const r = await runMain(['--components', 'components', '--out', 'dist'], dir);
      expect(r.status).toBe(70);
      expect(r.stderr).toContain(
        'comp.k8s.yaml: Certificate comp-cert: spec.keystores.pkcs12.create: must be boolean (compiled from components/c.yaml)',
      );
      expect(snapshotFolder(path.join(dir, 'dist'))).toEqual({ 'keep.txt': 'mine' });
    } finally {
      jest.restoreAllMocks();
    }
  });
});

describe('cert-manager: chart props', () => {
  test('GIVEN cert-manager mode and a platform whose issuer and subject are changed WHEN a spec is mapped THEN the Certificate props carry them, no construct default, and no cert-service-client props', () => {
    const { chartProps } = require('../../src/output/chart-props') as typeof import('../../src/output/chart-props');
    const { DEFAULT_PLATFORM } = require('../../src/input/platform/settings') as typeof import('../../src/input/platform/settings');
    const { loadProject } = require('../../src/input/project') as typeof import('../../src/input/project');
    const project = loadProject({
      components: [
        { name: 'components/c.yaml', text: stringify(spec({ external_cert: ext({ cert_type: 'jks' }, { sans: 'a.org,1.2.3.4' }) })) },
      ],
      platform: { name: 'components/platform.yaml', text: stringify(ON) },
    });
    const subject = { country: 'C~', organization: 'O~', state: 'S~', organizational_unit: 'OU~', location: 'L~' };
    const platform = {
      ...project.platform,
      cmpv2_issuer: { enabled: true, name: 'issuer~' },
      external_cert: { ...DEFAULT_PLATFORM.external_cert, ...subject },
    };
    const props = chartProps(project.components[0], platform);
    expect(props.certServiceClient).toBeUndefined();
    expect(props.certManagerCertificate).toEqual({
      externalCertDirectory: '/opt/app/dcae-certificate/',
      commonName: 'dcae-ves-collector',
      certType: 'jks',
      dnsNames: ['a.org'],
      ipAddresses: ['1.2.3.4'],
      emailAddresses: [],
      uris: [],
      issuerName: 'issuer~',
      country: 'C~',
      organization: 'O~',
      state: 'S~',
      organizationalUnit: 'OU~',
      location: 'L~',
    });
  });
});
