import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { ipv6NodePortServiceName, nodePortServiceName, serviceName } from '../spec/names';
import { MsbEntry, PortMapping } from '../input/model';
import { MSB_ANNOTATION, msbAnnotationValue } from './msb-annotation';

/** Props of {@link ComponentService}. */
export interface ComponentServiceProps {
  /** The component name: the ClusterIP Service's name and the selector's `app`. */
  readonly componentName: string;
  /** Labels of every Service. */
  readonly labels: Readonly<Record<string, string>>;
  /** Port mappings keyed by (port, protocol, ipv6), in first-seen order. */
  readonly ports: readonly PortMapping[];
  /** MSB registrations, written as an annotation on the ClusterIP Service. @default none */
  readonly msbList?: readonly MsbEntry[];
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
    if (ports.length === 0) return;
    const selector = { app: name };
    const portName = (p: PortMapping) => `xport-${p.protocol[0].toLowerCase()}-${p.containerPort}`;

    const internal: k8s.ServicePort[] = [];
    const seen = new Set<string>();
    for (const p of ports) {
      const entry = { name: portName(p).slice(1), port: p.containerPort, protocol: p.protocol };
      const key = JSON.stringify(entry);
      if (!seen.has(key)) {
        seen.add(key);
        internal.push(entry);
      }
    }
    const msb = props.msbList ?? [];
    this.clusterIp = new k8s.KubeService(this, 'ClusterIP', {
      metadata: {
        name: serviceName(name),
        labels: { ...labels },
        annotations: msb.length > 0 ? { [MSB_ANNOTATION]: msbAnnotationValue(msb) } : undefined,
      },
      spec: { type: 'ClusterIP', selector, ports: internal },
    });

    const exposed = (ipv6: boolean) => ports
      .filter((p) => p.ipv6 === ipv6 && p.hostPort !== 0)
      .map((p) => ({ name: portName(p), nodePort: p.hostPort, port: p.containerPort, protocol: p.protocol }));
    const v4 = exposed(false);
    if (v4.length > 0) {
      this.nodePort = new k8s.KubeService(this, 'NodePort', {
        metadata: { name: nodePortServiceName(name), labels: { ...labels } },
        spec: { type: 'NodePort', selector, ports: v4 },
      });
    }
    const v6 = exposed(true);
    if (v6.length > 0) {
      this.nodePortIpv6 = new k8s.KubeService(this, 'NodePortIPv6', {
        metadata: { name: ipv6NodePortServiceName(name), labels: { ...labels } },
        spec: { type: 'NodePort', selector, ports: v6, ipFamilies: ['IPv6'], ipFamilyPolicy: 'SingleStack' },
      });
    }
  }
}
