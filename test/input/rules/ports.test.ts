/** The ports rule: port strings and concats, their ranges, and NodePort reuse. */
import { portsRule } from '../../../src/input/rules/ports';
import { F, testRule, withHead, y } from './tester';

const PORT_FORM = '"<port>[/tcp|/udp]:<host port>"';

testRule(portsRule, {
  valid: [
    { title: 'a ClusterIP port and a NodePort', spec: withHead('ports: ["80:0", "81/udp:30081"]') },
    { title: 'a concat on the IPv6 Service', spec: withHead('ports:', '  - {concat: ["80", ":", "30080"], ipv6: true}') },
    { title: 'one NodePort for TCP and UDP', spec: withHead('ports: ["80:30080", "80/udp:30080"]') },
    {
      title: "a host port inside the platform's node_port_range",
      spec: withHead('ports: ["80:31000"]'),
      platform: y('node_port_range: 31000-32000'),
    },
  ],
  invalid: [
    {
      title: 'a concat that does not join into a port string',
      spec: withHead('ports:', '  - concat: ["80", "x", "0"]'),
      errors: [`${F}:4:13: ports[0].concat: joins to "80x0", which is not ${PORT_FORM}`],
    },
    {
      title: 'container port 0',
      spec: withHead('ports:', '  - "0:0"'),
      errors: [`${F}:4:5: ports[0]: container port 0 in "0:0" is not in 1-65535`],
    },
    {
      title: 'container port 65536',
      spec: withHead('ports:', '  - "65536/udp:0"'),
      errors: [`${F}:4:5: ports[0]: container port 65536 in "65536/udp:0" is not in 1-65535`],
    },
    {
      title: 'container port 70000 through concat',
      spec: withHead('ports:', '  - concat: ["70000", ":", "0"]'),
      errors: [`${F}:4:13: ports[0].concat: container port 70000 in "70000:0" is not in 1-65535`],
    },
    {
      title: 'a nodePort below the default range',
      spec: withHead('ports:', '  - "80:29999"'),
      errors: [`${F}:4:5: ports[0]: host port 29999 in "80:29999" is not 0 or inside the node port range 30000-32767`],
    },
    {
      title: 'a nodePort above the default range',
      spec: withHead('ports:', '  - "80:32768"'),
      errors: [`${F}:4:5: ports[0]: host port 32768 in "80:32768" is not 0 or inside the node port range 30000-32767`],
    },
    {
      title: 'a NodePort used twice in one component',
      spec: withHead('ports:', '  - "80:30080"', '  - "81:30080"'),
      errors: [
        `${F}:5:5: ports[1]: host port 30080 is already the NodePort of ports[0]; expected each NodePort once per protocol, on one Service (the API server refuses the second)`,
      ],
    },
    {
      title: 'a NodePort on both the IPv4 and the IPv6 Service',
      spec: withHead('ports:', '  - "80:30080"', '  - {concat: ["81:30080"], ipv6: true}'),
      errors: [
        `${F}:5:5: ports[1]: host port 30080 is already the NodePort of ports[0]; expected each NodePort once per protocol, on one Service (the API server refuses the second)`,
      ],
    },
    {
      title: 'several bad ports at once (the schema reports the string that is no port)',
      spec: withHead('ports: ["x", "0:0", "80:1"]'),
      errors: [
        `${F}:3:14: ports[1]: container port 0 in "0:0" is not in 1-65535`,
        `${F}:3:21: ports[2]: host port 1 in "80:1" is not 0 or inside the node port range 30000-32767`,
      ],
      compiled: [
        `${F}:3:9: ports[0]: "x" is not ${PORT_FORM}`,
        `${F}:3:14: ports[1]: container port 0 in "0:0" is not in 1-65535`,
        `${F}:3:21: ports[2]: host port 1 in "80:1" is not 0 or inside the node port range 30000-32767`,
      ],
    },
    {
      title: 'node_port_range 31000-32000 and a host port outside it (the platform range is named)',
      spec: withHead('ports:', '  - "80:31000"', '  - "81:32000"', '  - "82:30080"'),
      platform: y('node_port_range: 31000-32000'),
      errors: [`${F}:6:5: ports[2]: host port 30080 in "82:30080" is not 0 or inside the node port range 31000-32000`],
    },
  ],
});
