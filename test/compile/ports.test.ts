/**
 * ports: the main container's ports, the ClusterIP Service, and the NodePort Services
 * (docs/reference.md and "Objects, in this order").
 */
import { compile, errorsOf, find, kindsAndNames, mainOf, servicesOf, spec } from '../helpers';

/** What the ports option controls: the container's ports and every Service's name and spec. */
function portView(objects: any[]) {
  return {
    containerPorts: mainOf(objects).ports,
    services: servicesOf(objects).map((s) => ({ name: s.metadata.name, spec: s.spec })),
  };
}

describe('ports: string form', () => {
  test('GIVEN "8080:0" with no protocol WHEN compiled THEN the port is TCP, on the ClusterIP Service as port-t-8080, with no NodePort Service', () => {
    const { objects } = compile(spec({ ports: ['8080:0'] }));
    expect(portView(objects)).toMatchSnapshot();
    expect(mainOf(objects).ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    expect(find(objects, 'Service', 'comp').spec.ports).toEqual([{ name: 'port-t-8080', port: 8080, protocol: 'TCP' }]);
    expect(kindsAndNames(objects)).toEqual(['Deployment/dep-comp', 'Service/comp']);
  });

  test('GIVEN "8080/tcp:0" WHEN compiled THEN the port is TCP', () => {
    const { objects } = compile(spec({ ports: ['8080/tcp:0'] }));
    expect(portView(objects)).toMatchSnapshot();
    expect(mainOf(objects).ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    expect(find(objects, 'Service', 'comp').spec.ports).toEqual([{ name: 'port-t-8080', port: 8080, protocol: 'TCP' }]);
  });

  test('GIVEN "162/udp:0" WHEN compiled THEN the port is UDP and its ClusterIP port is named port-u-162', () => {
    const { objects } = compile(spec({ ports: ['162/udp:0'] }));
    expect(portView(objects)).toMatchSnapshot();
    expect(mainOf(objects).ports).toEqual([{ containerPort: 162, protocol: 'UDP' }]);
    expect(find(objects, 'Service', 'comp').spec.ports).toEqual([{ name: 'port-u-162', port: 162, protocol: 'UDP' }]);
  });

  test('GIVEN upper-case "/UDP" and "/TCP" WHEN compiled THEN the protocols are UDP and TCP and the names use lower-case u and t', () => {
    const { objects } = compile(spec({ ports: ['162/UDP:30162', '8080/TCP:30080'] }));
    expect(portView(objects)).toMatchSnapshot();
    expect(mainOf(objects).ports).toEqual([
      { containerPort: 162, protocol: 'UDP' },
      { containerPort: 8080, protocol: 'TCP' },
    ]);
    expect(find(objects, 'Service', 'comp').spec.ports).toEqual([
      { name: 'port-u-162', port: 162, protocol: 'UDP' },
      { name: 'port-t-8080', port: 8080, protocol: 'TCP' },
    ]);
    expect(find(objects, 'Service', 'xcomp').spec.ports).toEqual([
      { name: 'xport-u-162', nodePort: 30162, port: 162, protocol: 'UDP' },
      { name: 'xport-t-8080', nodePort: 30080, port: 8080, protocol: 'TCP' },
    ]);
  });

  test('GIVEN a mixed-case protocol "/Udp" WHEN compiled THEN it is an error (the pattern allows only udp|UDP|tcp|TCP)', () => {
    const errors = errorsOf(spec({ ports: ['8080/Udp:0'] }));
    expect(errors).toEqual(['components/c.yaml:4:5: ports[0]: "8080/Udp:0" is not "<port>[/tcp|/udp]:<host port>"']);
  });

  test('GIVEN entries with leading and trailing whitespace WHEN compiled THEN they are trimmed before matching', () => {
    const { objects } = compile(spec({ ports: ['  8080/udp:30080\t', '\t53:0  '] }));
    expect(portView(objects)).toMatchSnapshot();
    expect(mainOf(objects).ports).toEqual([
      { containerPort: 8080, protocol: 'UDP' },
      { containerPort: 53, protocol: 'TCP' },
    ]);
    expect(find(objects, 'Service', 'xcomp').spec.ports).toEqual([{ name: 'xport-u-8080', nodePort: 30080, port: 8080, protocol: 'UDP' }]);
  });
});

describe('ports: host ports and NodePort Services', () => {
  test('GIVEN one port with host port 0 and one with a host port WHEN compiled THEN only the second is on the NodePort Service x<name>', () => {
    const { objects } = compile(spec({ ports: ['8080:0', '8443:30443'] }));
    expect(portView(objects)).toMatchSnapshot();
    expect(kindsAndNames(objects)).toEqual(['Deployment/dep-comp', 'Service/comp', 'Service/xcomp']);
    const nodePort = find(objects, 'Service', 'xcomp');
    expect(nodePort.spec.type).toBe('NodePort');
    expect(nodePort.spec.selector).toEqual({ app: 'comp' });
    expect(nodePort.spec.ports).toEqual([{ name: 'xport-t-8443', nodePort: 30443, port: 8443, protocol: 'TCP' }]);
    // The ClusterIP Service has every port.
    expect(find(objects, 'Service', 'comp').spec.ports).toEqual([
      { name: 'port-t-8080', port: 8080, protocol: 'TCP' },
      { name: 'port-t-8443', port: 8443, protocol: 'TCP' },
    ]);
  });

  test('GIVEN only host ports 0 WHEN compiled THEN there is a ClusterIP Service and no NodePort Service', () => {
    const { objects } = compile(spec({ ports: ['8080:0', '162/udp:0'] }));
    expect(portView(objects)).toMatchSnapshot();
    expect(kindsAndNames(objects)).toEqual(['Deployment/dep-comp', 'Service/comp']);
    expect(find(objects, 'Service', 'comp').spec.type).toBe('ClusterIP');
  });

  test('GIVEN host ports at both ends of node_port_range and container ports 1 and 65535 WHEN compiled THEN all are accepted (the ranges are inclusive)', () => {
    const { objects } = compile(spec({ ports: ['65535:30000', '1:32767'] }));
    expect(portView(objects)).toMatchSnapshot();
    expect(find(objects, 'Service', 'xcomp').spec.ports).toEqual([
      { name: 'xport-t-65535', nodePort: 30000, port: 65535, protocol: 'TCP' },
      { name: 'xport-t-1', nodePort: 32767, port: 1, protocol: 'TCP' },
    ]);
  });

  test.each([
    ['80:29999', 'host port 29999 in "80:29999" is not 0 or inside the node port range 30000-32767'],
    ['80:32768', 'host port 32768 in "80:32768" is not 0 or inside the node port range 30000-32767'],
    ['65536:0', 'container port 65536 in "65536:0" is not in 1-65535'],
    ['0:0', 'container port 0 in "0:0" is not in 1-65535'],
  ])('GIVEN %p (a port outside its range) WHEN compiled THEN it is an error', (entry, message) => {
    expect(errorsOf(spec({ ports: [entry] }))).toEqual([`components/c.yaml:4:5: ports[0]: ${message}`]);
  });

  test('GIVEN a host port outside node_port_range WHEN compiled THEN it is an error', () => {
    const errors = errorsOf(spec({ ports: ['8080:80'] }));
    expect(errors).toEqual([
      'components/c.yaml:4:5: ports[0]: host port 80 in "8080:80" is not 0 or inside the node port range 30000-32767',
    ]);
  });

  test('GIVEN node_port_range 1-100 in the platform WHEN a port has host port 80 THEN it is on the NodePort Service', () => {
    const { objects } = compile(spec({ ports: ['8080:80'] }), { node_port_range: '1-100' });
    expect(portView(objects)).toMatchSnapshot();
    expect(find(objects, 'Service', 'xcomp').spec.ports).toEqual([{ name: 'xport-t-8080', nodePort: 80, port: 8080, protocol: 'TCP' }]);
  });
});

describe('ports: keys, de-duplication and order', () => {
  test('GIVEN the same (port, protocol) for IPv4 and IPv6 WHEN compiled THEN the container port and the ClusterIP entry appear once', () => {
    const { objects } = compile(spec({ ports: ['8080:30080', { concat: ['8080:30081'], ipv6: true }] }));
    expect(portView(objects)).toMatchSnapshot();
    expect(mainOf(objects).ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
    expect(find(objects, 'Service', 'comp').spec.ports).toEqual([{ name: 'port-t-8080', port: 8080, protocol: 'TCP' }]);
    expect(find(objects, 'Service', 'xcomp').spec.ports).toEqual([{ name: 'xport-t-8080', nodePort: 30080, port: 8080, protocol: 'TCP' }]);
    expect(find(objects, 'Service', 'xcomp-ipv6').spec.ports).toEqual([
      { name: 'xport-t-8080', nodePort: 30081, port: 8080, protocol: 'TCP' },
    ]);
  });

  test('GIVEN the same port number over TCP and UDP WHEN compiled THEN they are two distinct container ports and Service ports', () => {
    const { objects } = compile(spec({ ports: ['53:30053', '53/udp:30053'] }));
    expect(portView(objects)).toMatchSnapshot();
    expect(mainOf(objects).ports).toEqual([
      { containerPort: 53, protocol: 'TCP' },
      { containerPort: 53, protocol: 'UDP' },
    ]);
    expect(find(objects, 'Service', 'comp').spec.ports).toEqual([
      { name: 'port-t-53', port: 53, protocol: 'TCP' },
      { name: 'port-u-53', port: 53, protocol: 'UDP' },
    ]);
    expect(find(objects, 'Service', 'xcomp').spec.ports).toEqual([
      { name: 'xport-t-53', nodePort: 30053, port: 53, protocol: 'TCP' },
      { name: 'xport-u-53', nodePort: 30053, port: 53, protocol: 'UDP' },
    ]);
  });

  test('GIVEN a key repeated (8080 TCP three times) WHEN compiled THEN it keeps its first position and the last host port wins', () => {
    const { objects } = compile(spec({ ports: ['8080:0', '9090:30001', '8080:30235', '8080/tcp:30236'] }));
    expect(portView(objects)).toMatchSnapshot();
    expect(mainOf(objects).ports).toEqual([
      { containerPort: 8080, protocol: 'TCP' },
      { containerPort: 9090, protocol: 'TCP' },
    ]);
    expect(find(objects, 'Service', 'comp').spec.ports).toEqual([
      { name: 'port-t-8080', port: 8080, protocol: 'TCP' },
      { name: 'port-t-9090', port: 9090, protocol: 'TCP' },
    ]);
    expect(find(objects, 'Service', 'xcomp').spec.ports).toEqual([
      { name: 'xport-t-8080', nodePort: 30236, port: 8080, protocol: 'TCP' },
      { name: 'xport-t-9090', nodePort: 30001, port: 9090, protocol: 'TCP' },
    ]);
  });

  test('GIVEN a key repeated whose last host port is 0 WHEN compiled THEN the port has no NodePort and there is no NodePort Service', () => {
    const { objects } = compile(spec({ ports: ['8080:30235', '8080:0'] }));
    expect(portView(objects)).toMatchSnapshot();
    expect(kindsAndNames(objects)).toEqual(['Deployment/dep-comp', 'Service/comp']);
    expect(mainOf(objects).ports).toEqual([{ containerPort: 8080, protocol: 'TCP' }]);
  });
});

describe('ports: {concat, ipv6} form', () => {
  test('GIVEN {concat} with string and integer parts and ipv6 false WHEN compiled THEN the parts join into the string form, on the IPv4 NodePort Service', () => {
    const { objects } = compile(spec({ ports: [{ concat: [9000, ':', 30900], ipv6: false }] }));
    expect(portView(objects)).toMatchSnapshot();
    expect(kindsAndNames(objects)).toEqual(['Deployment/dep-comp', 'Service/comp', 'Service/xcomp']);
    expect(mainOf(objects).ports).toEqual([{ containerPort: 9000, protocol: 'TCP' }]);
    expect(find(objects, 'Service', 'xcomp').spec.ports).toEqual([{ name: 'xport-t-9000', nodePort: 30900, port: 9000, protocol: 'TCP' }]);
    expect(find(objects, 'Service', 'xcomp').spec.ipFamilies).toBeUndefined();
    expect(find(objects, 'Service', 'xcomp').spec.ipFamilyPolicy).toBeUndefined();
  });

  test('GIVEN {concat} with no ipv6 key WHEN compiled THEN ipv6 defaults to false', () => {
    const { objects } = compile(spec({ ports: [{ concat: ['9000', '/udp', ':', '30900'] }] }));
    expect(portView(objects)).toMatchSnapshot();
    expect(kindsAndNames(objects)).toEqual(['Deployment/dep-comp', 'Service/comp', 'Service/xcomp']);
    expect(find(objects, 'Service', 'xcomp').spec.ports).toEqual([{ name: 'xport-u-9000', nodePort: 30900, port: 9000, protocol: 'UDP' }]);
  });

  test('GIVEN {concat} with ipv6 true and a host port WHEN compiled THEN it is on x<name>-ipv6 with ipFamilies [IPv6] and SingleStack, and there is no IPv4 NodePort Service', () => {
    const { objects } = compile(spec({ ports: [{ concat: ['9000', ':', '30900'], ipv6: true }] }));
    expect(portView(objects)).toMatchSnapshot();
    expect(kindsAndNames(objects)).toEqual(['Deployment/dep-comp', 'Service/comp', 'Service/xcomp-ipv6']);
    const v6 = find(objects, 'Service', 'xcomp-ipv6');
    expect(v6.spec.type).toBe('NodePort');
    expect(v6.spec.ipFamilies).toEqual(['IPv6']);
    expect(v6.spec.ipFamilyPolicy).toBe('SingleStack');
    expect(v6.spec.selector).toEqual({ app: 'comp' });
    expect(v6.spec.ports).toEqual([{ name: 'xport-t-9000', nodePort: 30900, port: 9000, protocol: 'TCP' }]);
    expect(find(objects, 'Service', 'comp').spec.ports).toEqual([{ name: 'port-t-9000', port: 9000, protocol: 'TCP' }]);
  });

  test('GIVEN {concat} with ipv6 true and host port 0 WHEN compiled THEN there is no IPv6 NodePort Service', () => {
    const { objects } = compile(spec({ ports: [{ concat: ['9000:0'], ipv6: true }] }));
    expect(portView(objects)).toMatchSnapshot();
    expect(kindsAndNames(objects)).toEqual(['Deployment/dep-comp', 'Service/comp']);
  });

  test('GIVEN IPv4 and IPv6 host ports WHEN compiled THEN the objects are Deployment, ClusterIP, x<name>, x<name>-ipv6 in that order', () => {
    const { objects } = compile(spec({ ports: ['8080:30235', '162/udp:0', { concat: ['9000', ':', '30900'], ipv6: true }, '8443:30417'] }));
    expect(portView(objects)).toMatchSnapshot();
    expect(kindsAndNames(objects)).toEqual(['Deployment/dep-comp', 'Service/comp', 'Service/xcomp', 'Service/xcomp-ipv6']);
    expect(find(objects, 'Service', 'comp').spec.ports).toEqual([
      { name: 'port-t-8080', port: 8080, protocol: 'TCP' },
      { name: 'port-u-162', port: 162, protocol: 'UDP' },
      { name: 'port-t-9000', port: 9000, protocol: 'TCP' },
      { name: 'port-t-8443', port: 8443, protocol: 'TCP' },
    ]);
    expect(find(objects, 'Service', 'xcomp').spec.ports).toEqual([
      { name: 'xport-t-8080', nodePort: 30235, port: 8080, protocol: 'TCP' },
      { name: 'xport-t-8443', nodePort: 30417, port: 8443, protocol: 'TCP' },
    ]);
    expect(find(objects, 'Service', 'xcomp-ipv6').spec.ports).toEqual([
      { name: 'xport-t-9000', nodePort: 30900, port: 9000, protocol: 'TCP' },
    ]);
  });

  test('GIVEN {concat} parts that do not join into the string form WHEN compiled THEN it is an error', () => {
    const errors = errorsOf(spec({ ports: [{ concat: ['9000', '-', '30900'] }] }));
    expect(errors).toEqual(['components/c.yaml:5:7: ports[0].concat: joins to "9000-30900", which is not "<port>[/tcp|/udp]:<host port>"']);
  });
});

describe('ports: fields no Service gets', () => {
  test('GIVEN IPv4 and IPv6 ports WHEN compiled THEN no Service port has a targetPort, no Service has ipFamily, and only the IPv6 one has ipFamilies', () => {
    const { objects } = compile(spec({ ports: ['8080:30235', { concat: ['9000:30900'], ipv6: true }, '162/udp:0'] }));
    const services = servicesOf(objects);
    expect(
      services.map((s) => ({
        name: s.metadata.name,
        keys: Object.keys(s.spec).sort(),
        portKeys: s.spec.ports.map((p: any) => Object.keys(p).sort()),
      })),
    ).toMatchSnapshot();
    expect(services).toHaveLength(3);
    for (const s of services) {
      expect(s.spec).not.toHaveProperty('ipFamily');
      for (const p of s.spec.ports) expect(p).not.toHaveProperty('targetPort');
    }
    expect(find(objects, 'Service', 'comp').spec).not.toHaveProperty('ipFamilies');
    expect(find(objects, 'Service', 'comp').spec).not.toHaveProperty('ipFamilyPolicy');
    expect(find(objects, 'Service', 'xcomp').spec).not.toHaveProperty('ipFamilies');
    expect(find(objects, 'Service', 'xcomp').spec).not.toHaveProperty('ipFamilyPolicy');
    expect(find(objects, 'Service', 'xcomp-ipv6').spec.ipFamilies).toEqual(['IPv6']);
  });

  test('GIVEN no ports WHEN compiled THEN there are no Services at all and the main container has no ports key', () => {
    const { objects } = compile(spec());
    expect(kindsAndNames(objects)).toEqual(['Deployment/dep-comp']);
    expect(mainOf(objects)).not.toHaveProperty('ports');
  });

  test('GIVEN an empty ports list WHEN compiled THEN there are no Services and no ports key', () => {
    const { objects } = compile(spec({ ports: [] }));
    expect(kindsAndNames(objects)).toEqual(['Deployment/dep-comp']);
    expect(mainOf(objects)).not.toHaveProperty('ports');
  });
});
