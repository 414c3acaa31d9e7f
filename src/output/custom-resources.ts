/**
 * Custom objects (cert-manager Certificates) are checked against the openAPIV3Schema of their
 * CustomResourceDefinition, vendored in the repository (src/output/crds/), with ajv, before anything is
 * written, as the API server would check them. A custom object whose CRD is not vendored cannot be checked,
 * and is reported as such: the compiler writes nothing it has not checked.
 */
import type { ValidateFunction } from 'ajv';
import { VENDORED_CRDS } from './crds';

/** A vendored CustomResourceDefinition (apiextensions.k8s.io/v1), parsed, and where it came from. */
export interface VendoredCrd {
  /** The CRD document. */
  readonly crd: any;
  /** Its source: URL, release and licence. */
  readonly source: string;
}

/** One field of a custom object that its CRD's schema refuses. */
export interface CustomObjectProblem {
  /** A JSON pointer to the field (`/spec/dnsNames/0`). */
  readonly pointer: string;
  /** ajv's keyword, for `required` the missing property's name is in `missing`. */
  readonly keyword: string;
  readonly missing?: string;
  readonly message: string;
}

/** The openAPIV3Schema of each served version of each CRD, by `<group>/<version>/<kind>`. */
function schemasOf(crds: readonly VendoredCrd[]): Map<string, object> {
  const out = new Map<string, object>();
  for (const { crd } of crds) {
    for (const v of crd?.spec?.versions ?? []) {
      if (v.served !== false && v.schema?.openAPIV3Schema) out.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, v.schema.openAPIV3Schema);
    }
  }
  return out;
}

const compiled = new WeakMap<readonly VendoredCrd[], Map<string, ValidateFunction>>();

/**
 * The problems of a custom object against its CRD: undefined when no CRD of `crds` defines its apiVersion and
 * kind, else the fields its schema refuses (none: valid). The Kubernetes extensions (`x-kubernetes-*`) and
 * formats are not checked; types, required fields, enums, patterns and bounds are.
 */
export function checkCustomObject(obj: any, crds: readonly VendoredCrd[] = VENDORED_CRDS): CustomObjectProblem[] | undefined {
  const key = `${obj?.apiVersion}/${obj?.kind}`;
  let validators = compiled.get(crds);
  if (!validators) {
    validators = new Map();
    compiled.set(crds, validators);
  }
  let validate = validators.get(key);
  if (!validate) {
    const schema = schemasOf(crds).get(key);
    if (!schema) return undefined;
    const Ajv = (require('ajv') as typeof import('ajv')).default;
    // strict: false lets the Kubernetes keywords (x-kubernetes-*, nullable) and formats (int32, date-time) through unchecked.
    validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
    validators.set(key, validate);
  }
  if (validate(obj)) return [];
  return (validate.errors ?? []).map((e) => ({
    pointer: e.instancePath,
    keyword: e.keyword,
    missing: e.keyword === 'required' ? String(e.params?.missingProperty) : undefined,
    message: e.message ?? e.keyword,
  }));
}
