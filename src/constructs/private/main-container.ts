import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { ContainerProbe, ContainerResources, MainContainerProps } from '../main-container';
import { containerEnv, protocolOf } from './container';

/**
 * Builds the main container: name, image, pull policy, env plus POD_IP, de-duplicated ports, the given
 * mounts, resources and probes. Empty lists are left out.
 */
export function buildMainContainer(props: MainContainerProps, mounts: readonly k8s.VolumeMount[]): k8s.Container {
  const ports: k8s.ContainerPort[] = [];
  const seen = new Set<string>();
  for (const p of props.ports ?? []) {
    const protocol = protocolOf(p);
    const key = `${p.containerPort}/${protocol}`;
    if (!seen.has(key)) {
      seen.add(key);
      ports.push({ containerPort: p.containerPort, protocol });
    }
  }
  return {
    name: props.name,
    image: props.image,
    imagePullPolicy: props.alwaysPull ? 'Always' : 'IfNotPresent',
    env: containerEnv(props.env ?? []),
    ports: ports.length > 0 ? ports : undefined,
    volumeMounts: mounts.length > 0 ? [...mounts] : undefined,
    resources: props.resources ? resources(props.resources) : undefined,
    readinessProbe: props.readiness ? probe(props.readiness) : undefined,
    livenessProbe: props.liveness ? probe(props.liveness) : undefined,
  };
}

function resources(r: ContainerResources): k8s.ResourceRequirements {
  const list = (m?: Readonly<Record<string, string | number>>) =>
    m &&
    Object.fromEntries(
      Object.entries(m).map(([k, v]) => [k, typeof v === 'number' ? k8s.Quantity.fromNumber(v) : k8s.Quantity.fromString(v)]),
    );
  return { limits: list(r.limits), requests: list(r.requests) };
}

/** A probe: `failureThreshold: 1` and `initialDelaySeconds: 5`, as the plugin wrote them. */
function probe(p: ContainerProbe): k8s.Probe {
  return {
    failureThreshold: 1,
    initialDelaySeconds: 5,
    periodSeconds: p.periodSeconds,
    timeoutSeconds: p.timeoutSeconds,
    httpGet: p.httpGet && { path: p.httpGet.path, port: k8s.IntOrString.fromNumber(p.httpGet.port), scheme: p.httpGet.scheme },
    exec: p.exec && { command: [...p.exec.command] },
  };
}
