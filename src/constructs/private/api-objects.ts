import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { objectJson } from './object-json';

type Json = Record<string, any>;

/**
 * cdk8s-plus-27's generated `toJson` converters copy a string map once per key (`reduce` with a spread),
 * so labels and annotations cost time quadratic in their number: 2000 labels took 2.2 s, and a 1 MiB spec
 * of labels would take many minutes. A string map needs no conversion (it is written as it is), so these
 * classes take the maps at `paths` out of the resolved object, run the generated converter on the rest and
 * put the maps back: the same JSON, key for key and in the same order, in linear time.
 */
function convertKeepingMaps(resolved: Json, paths: ReadonlyArray<readonly string[]>, convert: (x: any) => Json | undefined): Json {
  const parentOf = (root: Json, path: readonly string[]): Json | undefined =>
    path.slice(0, -1).reduce<Json | undefined>((o, k) => (o && typeof o[k] === 'object' ? o[k] : undefined), root);
  const taken: Array<[readonly string[], Json]> = [];
  for (const path of paths) {
    const parent = parentOf(resolved, path);
    const key = path[path.length - 1];
    const map = parent?.[key];
    if (map && typeof map === 'object' && !Array.isArray(map)) {
      taken.push([path, map]);
      parent![key] = {};
    }
  }
  const out = convert(resolved) ?? {};
  for (const [path, map] of taken) parentOf(out, path)![path[path.length - 1]] = map;
  return out;
}

const META_MAPS = [
  ['metadata', 'labels'],
  ['metadata', 'annotations'],
] as const;

/** A `KubeDeployment` whose labels and annotations serialise in linear time. */
export class Deployment extends k8s.KubeDeployment {
  private static readonly MAPS = [
    ...META_MAPS,
    ['spec', 'selector', 'matchLabels'],
    ['spec', 'template', 'metadata', 'labels'],
    ['spec', 'template', 'metadata', 'annotations'],
  ];

  public override toJson(): any {
    const resolved = objectJson(this);
    return { ...k8s.KubeDeployment.GVK, ...convertKeepingMaps(resolved, Deployment.MAPS, k8s.toJson_KubeDeploymentProps) };
  }
}

/** A `KubeService` whose labels, annotations and selector serialise in linear time. */
export class Service extends k8s.KubeService {
  private static readonly MAPS = [...META_MAPS, ['spec', 'selector']];

  public override toJson(): any {
    const resolved = objectJson(this);
    return { ...k8s.KubeService.GVK, ...convertKeepingMaps(resolved, Service.MAPS, k8s.toJson_KubeServiceProps) };
  }
}

/** A `KubeConfigMap` whose labels, annotations and data serialise in linear time. */
export class ConfigMap extends k8s.KubeConfigMap {
  private static readonly MAPS = [...META_MAPS, ['data']];

  public override toJson(): any {
    const resolved = objectJson(this);
    return { ...k8s.KubeConfigMap.GVK, ...convertKeepingMaps(resolved, ConfigMap.MAPS, k8s.toJson_KubeConfigMapProps) };
  }
}

/** A `KubeServiceAccount` whose labels and annotations serialise in linear time. */
export class ServiceAccount extends k8s.KubeServiceAccount {
  public override toJson(): any {
    const resolved = objectJson(this);
    return { ...k8s.KubeServiceAccount.GVK, ...convertKeepingMaps(resolved, META_MAPS, k8s.toJson_KubeServiceAccountProps) };
  }
}

/** A `KubeRoleBinding` whose labels and annotations serialise in linear time. */
export class RoleBinding extends k8s.KubeRoleBinding {
  public override toJson(): any {
    const resolved = objectJson(this);
    return { ...k8s.KubeRoleBinding.GVK, ...convertKeepingMaps(resolved, META_MAPS, k8s.toJson_KubeRoleBindingProps) };
  }
}
