/** ComponentChart's own checks of its props (the rest of its behaviour: combinations.test.ts, standalone.test.ts). */
import { App } from 'cdk8s';
import { ComponentChart } from '../../src/constructs/component-chart';

describe('GIVEN both sources of external certificates', () => {
  test('WHEN the chart is made THEN it throws: the certificates come from one of them', () => {
    expect(
      () =>
        new ComponentChart(new App(), 'solo', {
          main: { name: 'solo', image: 'repo/solo:1' },
          certServiceClient: { externalCertDirectory: '/ext', caName: 'RA', commonName: 'solo' },
          certManagerCertificate: { externalCertDirectory: '/ext', commonName: 'solo' },
        }),
    ).toThrow('ComponentChart: certServiceClient and certManagerCertificate are both set; external certificates come from one of them');
  });
});
