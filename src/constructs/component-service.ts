import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { ComponentPort } from './main-container';
import { protocolOf } from './private/container';
import { Service } from './private/api-objects';
import { MsbRegistration } from '../contract/msb';
import { MSB_ANNOTATION, msbAnnotationValue } from './private/msb-annotation';
import { ipv6NodePortServiceName, nodePortServiceName, nodePortsOf, serviceName } from '../contract/names';

/** Props of {@link ComponentService}. */
export interface ComponentServiceProps {
  /** The component name: the ClusterIP Service's name and the selector's `app`. */
  readonly componentName: string;
  /** Labels of every Service. */
  readonly labels: Readonly<Record<string, string>>;
  /** The component's ports, in order; there are no Services without ports. */
  readonly ports: readonly ComponentPort[];
  /** MSB registrations, written as an annotation on the ClusterIP Service. @default none */
  readonly msbList?: readonly MsbRegistration[];
}

/**
 * The component's Services: ClusterIP `<name>` when there are ports, NodePort `x<name>` when an IPv4 port
 * has a host port, and NodePort `x<name>-ipv6` when an IPv6 port has one (names cut to 63 characters).
 *
 * Construct ids: `ClusterIP`, `NodePort`, `NodePortIPv6`.
 */
export class ComponentService extends Construct {
  /** The ClusterIP Service, when there are ports. */
  public readonly clusterIp?: k8s.KubeService;
  /** The IPv4 NodePort Service, when an IPv4 port has a host port. */
  public readonly nodePort?: k8s.KubeService;
  /** The IPv6 NodePort Service, when an IPv6 port has a host port. */
  public readonly nodePortIpv6?: k8s.KubeService;

  constructor(scope: Construct, id: string, props: ComponentServiceProps) {
    super(scope, id);
    const { componentName: name, labels, ports } = props;
    const msb = props.msbList ?? [];
    if (ports.length === 0) {
      if (msb.length > 0)
        throw new Error(
          'ComponentService: msbList needs a port, since MSB registrations go on the ClusterIP Service, which exists only with ports',
        );
      return;
    }
    const selector = { app: name };
    const portName = (p: ComponentPort) => `xport-${protocolOf(p)[0].toLowerCase()}-${p.containerPort}`;

    const internal: k8s.ServicePort[] = [];
    const seen = new Set<string>();
    for (const p of ports) {
      const entry = { name: portName(p).slice(1), port: p.containerPort, protocol: protocolOf(p) };
      const key = JSON.stringify(entry);
      if (!seen.has(key)) {
        seen.add(key);
        internal.push(entry);
      }
    }
    this.clusterIp = new Service(this, 'ClusterIP', {
      metadata: {
        name: serviceName(name),
        labels: { ...labels },
        annotations: msb.length > 0 ? { [MSB_ANNOTATION]: msbAnnotationValue(msb) } : undefined,
      },
      spec: { type: 'ClusterIP', selector, ports: internal },
    });

    const exposed = (ipv6: boolean) =>
      nodePortsOf(ports, ipv6).map((p) => ({ name: portName(p), nodePort: p.hostPort, port: p.containerPort, protocol: protocolOf(p) }));
    const v4 = exposed(false);
    if (v4.length > 0) {
      this.nodePort = new Service(this, 'NodePort', {
        metadata: { name: nodePortServiceName(name), labels: { ...labels } },
        spec: { type: 'NodePort', selector, ports: v4 },
      });
    }
    const v6 = exposed(true);
    if (v6.length > 0) {
      this.nodePortIpv6 = new Service(this, 'NodePortIPv6', {
        metadata: { name: ipv6NodePortServiceName(name), labels: { ...labels } },
        spec: { type: 'NodePort', selector, ports: v6, ipFamilies: ['IPv6'], ipFamilyPolicy: 'SingleStack' },
      });
    }
  }
}
