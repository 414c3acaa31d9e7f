/** Resource requests and limits: names, quantities, requests within limits. */
import { describeValue } from '../diagnostics';
import { ResourcesSpec } from '../model';
import { isObj, Report } from '../values';
import { ComponentRule } from './rule';

/** Resource names as Kubernetes accepts them: `cpu`, `memory`, `ephemeral-storage`, `hugepages-2Mi`, `<domain>/<name>`. */
const RESOURCE_NAME = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** The `resources` rule: the spec's resource limits and requests. */
export const resourcesRule: ComponentRule<'resources'> = {
  name: 'resources',
  description: 'Resource names are as Kubernetes accepts them, and each request is at most its limit.',
  check: ({ value, report }) => {
    checkResourceNames(value.resources, report);
    checkRequestsWithinLimits(value.resources, report);
    return readResources(value.resources);
  },
};

function checkResourceNames(value: unknown, err: Report): void {
  if (!isObj(value)) return;
  for (const list of ['limits', 'requests']) {
    const entries = value[list];
    if (!isObj(entries)) continue;
    for (const key of Object.keys(entries)) {
      if (!RESOURCE_NAME.test(key) || key.length > 253) {
        err(
          ['resources', list, key],
          `${describeValue(key)} is not a resource name such as cpu, memory, ephemeral-storage or <domain>/<name>`,
          'key',
        );
      }
    }
  }
}

/** A Kubernetes quantity as a number (`250m` is 0.25, `1Gi` is 2^30), or undefined when it is not one. */
function quantityValue(q: string | number): number | undefined {
  if (typeof q === 'number') return q;
  const m = /^([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/.exec(q);
  if (!m) return undefined;
  const SUFFIX: Record<string, number> = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
    n: 1e-9,
    u: 1e-6,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
  };
  const suffix = m[2] ?? '';
  const factor = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : suffix ? SUFFIX[suffix] : 1;
  return Number(m[1]) * factor;
}

/** A request above its limit is refused by the API server ("must be less than or equal to ... limit"). */
function checkRequestsWithinLimits(value: unknown, err: Report): void {
  if (!isObj(value) || !isObj(value.limits) || !isObj(value.requests)) return;
  for (const [name, request] of Object.entries(value.requests)) {
    const limit = value.limits[name];
    if ((typeof request !== 'string' && typeof request !== 'number') || (typeof limit !== 'string' && typeof limit !== 'number')) continue;
    const r = quantityValue(request);
    const l = quantityValue(limit);
    if (r !== undefined && l !== undefined && r > l) {
      err(
        ['resources', 'requests', name],
        `${describeValue(request)} is more than the limit ${describeValue(limit)}; expected a request at most its limit (the API server refuses it)`,
      );
    }
  }
}

function readResources(value: unknown): ResourcesSpec | undefined {
  if (!isObj(value)) return undefined;
  const pick = (v: unknown) => (isObj(v) && Object.keys(v).length > 0 ? (v as Record<string, string | number>) : undefined);
  const limits = pick(value.limits);
  const requests = pick(value.requests);
  return limits || requests ? { limits, requests } : undefined;
}
