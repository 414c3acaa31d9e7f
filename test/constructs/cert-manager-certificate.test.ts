/** CertManagerCertificate used as a library: what it writes when the optional subject and issuer are left out. */
import { App, Testing } from 'cdk8s';
import { ComponentChart } from '../../src/constructs/component-chart';

describe('GIVEN a cert-manager certificate with only its directory and common name', () => {
  test("WHEN synthesised THEN the Certificate has the plugin's issuer and subject (ONAP's defaults) and a PKCS#12 keystore", () => {
    const c = new ComponentChart(new App(), 'solo', {
      main: { name: 'solo', image: 'repo/solo:1' },
      certManagerCertificate: { externalCertDirectory: '/ext', commonName: 'solo' },
    });
    const cert = Testing.synth(c).find((o) => o.kind === 'Certificate');
    expect(cert).toEqual({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'solo-cert', namespace: 'dcae' },
      spec: {
        commonName: 'solo',
        issuerRef: { group: 'certmanager.onap.org', kind: 'CMPv2Issuer', name: 'cmpv2-issuer-onap' },
        keystores: { pkcs12: { create: true, passwordSecretRef: { key: 'password', name: 'solo-cert-password' } } },
        secretName: 'solo-secret',
        subject: {
          countries: ['US'],
          localities: ['San-Francisco'],
          organizationalUnits: ['ONAP'],
          organizations: ['Linux-Foundation'],
          provinces: ['California'],
        },
      },
    });
  });
});
