import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Service } from 'kubernetes-models/v1/Service';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { Certificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import { appendPath, decodePointer, formatPath } from '../input/diagnostics';
import { checkShape, STRIMZI_SHAPES } from './strimzi';

/** One way an object breaks the Kubernetes OpenAPI schema. */
export interface SchemaProblem {
  /** `Kind name` of the object. */
  readonly object: string;
  /** The field, as a key path (`spec.template.spec.containers[0].ports[0].containerPort`). */
  readonly field: string;
  /** The schema's message. */
  readonly message: string;
}

interface Model {
  validate(): void;
}
const MODELS: Record<string, new (data: any) => Model> = {
  'apps/v1/Deployment': Deployment as unknown as new (data: any) => Model,
  'v1/Service': Service as unknown as new (data: any) => Model,
  'v1/ConfigMap': ConfigMap as unknown as new (data: any) => Model,
  'v1/ServiceAccount': ServiceAccount as unknown as new (data: any) => Model,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding as unknown as new (data: any) => Model,
  // cert-manager's Certificate: the schema kubernetes-models generated from cert-manager's published CRDs.
  'cert-manager.io/v1/Certificate': Certificate as unknown as new (data: any) => Model,
  // Strimzi's KafkaTopic and KafkaUser: the compiler's own shapes (./strimzi.ts), as no package holds their schemas.
  ...Object.fromEntries(Object.entries(STRIMZI_SHAPES).map(([key, shape]) => [key, shapeModel(shape)])),
};

/** A model that checks an object against one of the compiler's own shapes, and throws its problems as Ajv's. */
function shapeModel(shape: Parameters<typeof checkShape>[1]): new (data: any) => Model {
  return class {
    constructor(private readonly data: unknown) {}
    public validate(): void {
      const errors = checkShape(this.data, shape);
      if (errors.length > 0) throw Object.assign(new Error('invalid'), { errors });
    }
  };
}

/**
 * Checks one object against the Kubernetes OpenAPI schema, or for a cert-manager Certificate against the
 * schema of cert-manager's CRD (offline, with kubernetes-models and @kubernetes-models/cert-manager), or for
 * a Strimzi KafkaTopic or KafkaUser against the compiler's own shapes of them (./strimzi.ts). The
 * compiler only writes objects that pass: a problem here is a bug in the compiler, never in the user's spec.
 */
export function validateObject(obj: any): SchemaProblem[] {
  const object = `${obj?.kind ?? '(no kind)'} ${obj?.metadata?.name ?? '(no name)'}`;
  const Model = MODELS[`${obj?.apiVersion}/${obj?.kind}`];
  if (!Model) return [{ object, field: 'kind', message: `no schema for apiVersion ${obj?.apiVersion} kind ${obj?.kind}` }];
  try {
    new Model(obj).validate();
    return [];
  } catch (e) {
    const errors = (e as { errors?: Array<{ instancePath: string; keyword: string; message?: string; params?: any }> }).errors;
    if (!errors) return [{ object, field: '', message: (e as Error).message }];
    // A value can fail several branches of a oneOf; the oneOf's own summary adds nothing to them.
    const byField = new Map<string, string[]>();
    for (const err of errors) {
      const at = pointerToPath(err.instancePath);
      const field = err.keyword === 'required' ? appendPath(at, String(err.params?.missingProperty)) : at;
      const message = err.keyword === 'required' ? 'is required but missing' : (err.message ?? err.keyword);
      if (err.keyword === 'oneOf' || err.keyword === 'anyOf') continue;
      const list = byField.get(field) ?? [];
      if (!list.includes(message)) list.push(message);
      byField.set(field, list);
    }
    return [...byField].map(([field, messages]) => ({ object, field, message: messages.join('; ') }));
  }
}

/** A JSON pointer into an object as a key path (`spec.ports[0].port`); digits are list indexes in Kubernetes objects. */
function pointerToPath(pointer: string): string {
  return formatPath(decodePointer(pointer).map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
}
