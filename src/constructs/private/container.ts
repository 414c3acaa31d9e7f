/**
 * Private helpers of the constructs: not exported from the package. The compiler may import them.
 */
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import type { EnvValue } from '../../contract/env';
import { ComponentPort, PortProtocol } from '../main-container';

/** A list, or undefined when it is empty (empty lists are left out of the objects). */
export function nonEmpty<T>(list: readonly T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? [...list] : undefined;
}

/** The variable every container gets after its own: the pod's IP address. */
export const POD_IP_ENV: k8s.EnvVar = { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } };

/** One variable: `{name, value}` for text, `{name, valueFrom: {secretKeyRef: {name, key}}}` for a key of a Secret. */
export function envVar(name: string, value: EnvValue): k8s.EnvVar {
  return typeof value === 'string' ? { name, value } : { name, valueFrom: { secretKeyRef: { name: value.secret, key: value.key } } };
}

/**
 * A container's env in the plugin's order: its own variables (each in its place, a Secret's key included), then
 * POD_IP, then the variables that follow it (the cert-service-client's Secret-sourced ones, all of policy-sync's).
 */
export function containerEnv(
  own: ReadonlyArray<readonly [string, EnvValue]>,
  afterPodIp: ReadonlyArray<readonly [string, EnvValue]> = [],
): k8s.EnvVar[] {
  return [...own.map(([name, value]) => envVar(name, value)), POD_IP_ENV, ...afterPodIp.map(([name, value]) => envVar(name, value))];
}

/** Props of a sidecar or init container. */
export interface HelperContainerProps {
  /** Container name. */
  readonly name: string;
  /** Container image. */
  readonly image: string;
  /** Plain variables, in order. @default none */
  readonly env?: ReadonlyArray<readonly [string, string]>;
  /** Variables after POD_IP, in order: each a text, or `{secret, key}` for a key of a Secret. @default none */
  readonly afterPodIp?: ReadonlyArray<readonly [string, EnvValue]>;
  /** Volume mounts, in order. */
  readonly mounts: readonly k8s.VolumeMount[];
}

/** A sidecar or init container: always `imagePullPolicy: IfNotPresent`, no ports, no probes. */
export function helperContainer(props: HelperContainerProps): k8s.Container {
  return {
    name: props.name,
    image: props.image,
    imagePullPolicy: 'IfNotPresent',
    env: containerEnv(props.env ?? [], props.afterPodIp),
    volumeMounts: [...props.mounts],
  };
}

/** An emptyDir volume. */
export function emptyDirVolume(name: string): k8s.Volume {
  return { name, emptyDir: {} };
}

/** A volume mount; `readOnly` is written only when true, since false is the default. */
export function mount(name: string, mountPath: string, options: { readOnly?: boolean; subPath?: string } = {}): k8s.VolumeMount {
  return {
    name,
    mountPath,
    ...(options.readOnly ? { readOnly: true } : {}),
    ...(options.subPath !== undefined ? { subPath: options.subPath } : {}),
  };
}

/** Appends `/` to a directory path unless it already ends with one, as the plugin did. */
export function withSlash(dir: string): string {
  return dir.endsWith('/') ? dir : `${dir}/`;
}

/** A port's protocol, TCP unless given. */
export function protocolOf(port: ComponentPort): PortProtocol {
  return port.protocol ?? 'TCP';
}
