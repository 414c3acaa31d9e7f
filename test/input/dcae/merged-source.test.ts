/** The fix hints of a DCAE spec's port errors: a corrected list, when the compiler can write one. */
import { compileFiles, dcae } from '../../helpers';

const J = 'components/c.json';

describe('GIVEN a DCAE spec whose ports have a host port outside the NodePort range', () => {
  test('GIVEN every port is a string WHEN compiled THEN each error shows the corrected list (host ports outside the range set to 0)', () => {
    expect(compileFiles({ [J]: dcae({ ports: ['8080', '8081:8081'] }) }).errors).toEqual([
      `${J}:23:7: auxilary.ports[0]: "8080" is not "<port>[/tcp|/udp]:<host port>". Host ports in component specs stood for blueprint inputs; to give the real ones, write a YAML spec beside it with dcae_spec: c.json and ports: ["8080", "8081:0"] (0 means no NodePort)`,
      `${J}:24:7: auxilary.ports[1]: host port 8081 in "8081:8081" is not 0 or inside the node port range 30000-32767. Host ports in component specs stood for blueprint inputs; to give the real ones, write a YAML spec beside it with dcae_spec: c.json and ports: ["8080", "8081:0"] (0 means no NodePort)`,
    ]);
  });

  test('GIVEN a port that is a number WHEN compiled THEN there is no list to show: each error says to set ports in a YAML spec', () => {
    expect(compileFiles({ [J]: dcae({ ports: [8080, '8081:8081'] }) }).errors).toEqual([
      `${J}:23:7: auxilary.ports[0]: 8080 is not "<port>[/tcp|/udp]:<host port>". To fix it, write a YAML spec beside it with dcae_spec: c.json that sets ports`,
      `${J}:24:7: auxilary.ports[1]: host port 8081 in "8081:8081" is not 0 or inside the node port range 30000-32767. To fix it, write a YAML spec beside it with dcae_spec: c.json that sets ports`,
    ]);
  });
});
