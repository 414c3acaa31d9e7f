/** Props of the component's own container, and the types they use. */
import type { ContainerResources } from '../contract/resources';
import type { EnvValue } from '../contract/env';

/** A transport protocol, as Kubernetes spells it. */
export type PortProtocol = 'TCP' | 'UDP';

/** One port of the component: a container port, and the NodePort that exposes it, if any. */
export interface ComponentPort {
  /** The container port, 1-65535. */
  readonly containerPort: number;
  /** The protocol. @default "TCP" */
  readonly protocol?: PortProtocol;
  /** The NodePort that exposes the port; 0 for none. @default 0 */
  readonly hostPort?: number;
  /** Whether the NodePort goes on the IPv6 NodePort Service instead of the IPv4 one. @default false */
  readonly ipv6?: boolean;
}

/** An HTTP(S) GET probe. */
export interface ProbeHttpGet {
  /** The path to GET. */
  readonly path: string;
  /** The container port to GET it from. */
  readonly port: number;
  /** HTTP or HTTPS. */
  readonly scheme: 'HTTP' | 'HTTPS';
}

/** A command probe. */
export interface ProbeExec {
  /** The command and its arguments. */
  readonly command: readonly string[];
}

/**
 * A readiness or liveness probe, written with `failureThreshold: 1` and `initialDelaySeconds: 5` as the
 * plugin wrote them. Give `httpGet` or `exec`.
 */
export interface ContainerProbe {
  /** Seconds between probes. */
  readonly periodSeconds: number;
  /** Seconds before a probe times out. */
  readonly timeoutSeconds: number;
  /** An HTTP(S) GET. @default none */
  readonly httpGet?: ProbeHttpGet;
  /** A command. @default none */
  readonly exec?: ProbeExec;
}

export type { ContainerResources } from '../contract/resources';
export type { EnvValue, SecretKeyRef } from '../contract/env';

/** Props of the component's own container, the first container of the pod. */
export interface MainContainerProps {
  /** Container name: the component name, also the pod's hostname and the base of every object's name. */
  readonly name: string;
  /** Container image. */
  readonly image: string;
  /** `imagePullPolicy: Always` when true, else `IfNotPresent`. @default false */
  readonly alwaysPull?: boolean;
  /**
   * The component's variables, in order, before POD_IP: each a text, or `{secret, key}` for a key of a Secret
   * (written as `valueFrom.secretKeyRef`, in its place). @default none
   */
  readonly env?: ReadonlyArray<readonly [string, EnvValue]>;
  /** Ports; each distinct (port, protocol) becomes one container port. @default none */
  readonly ports?: readonly ComponentPort[];
  /** Resources. @default none */
  readonly resources?: ContainerResources;
  /** Readiness probe. @default none */
  readonly readiness?: ContainerProbe;
  /** Liveness probe. @default none */
  readonly liveness?: ContainerProbe;
}
