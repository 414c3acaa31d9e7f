/**
 * The compiler's own check of the Strimzi objects it writes (KafkaTopic and KafkaUser, `kafka.strimzi.io/v1beta2`):
 * no package holds their schemas, so these shapes say, for every field the compiler writes, its type and whether
 * it is required, and refuse any other field, as Strimzi's CRDs (0.49) define them. Like the Kubernetes check, a
 * problem here is a bug in the compiler, never in the user's spec.
 */
import { STRIMZI_API_VERSIONS, STRIMZI_CLUSTER_LABEL } from '../contract/names';

/** What one value must be. */
export type Shape =
  | { readonly type: 'string'; readonly pattern?: RegExp; readonly enum?: readonly string[]; readonly const?: string }
  | { readonly type: 'integer'; readonly minimum?: number; readonly maximum?: number }
  | {
      readonly type: 'object';
      readonly properties?: Readonly<Record<string, Shape>>;
      readonly required?: readonly string[];
      /** The shape of every other key; none: other keys are refused. */
      readonly additional?: Shape;
    }
  | { readonly type: 'array'; readonly items: Shape; readonly minItems?: number };

/** One problem, in the shape of Ajv's errors, which validate.ts reads. */
export interface ShapeError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}

const DNS1123_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const str = (more: Omit<Extract<Shape, { type: 'string' }>, 'type'> = {}): Shape => ({ type: 'string', ...more });

/** The metadata the compiler writes on both kinds: a name, the namespace, labels with the cluster's. */
const METADATA: Shape = {
  type: 'object',
  required: ['name', 'namespace', 'labels'],
  properties: {
    name: str({ pattern: DNS1123_SUBDOMAIN }),
    namespace: str({ pattern: /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/ }),
    labels: { type: 'object', required: [STRIMZI_CLUSTER_LABEL], additional: str() },
  },
};

const OBJECT = (kind: string, spec: Shape): Shape => ({
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: { apiVersion: str({ enum: STRIMZI_API_VERSIONS }), kind: str({ const: kind }), metadata: METADATA, spec },
});

/** KafkaTopic: the topic's exact name and its configuration, whole numbers only (partitions and replicas as the CRD has them). */
const KAFKA_TOPIC = OBJECT('KafkaTopic', {
  type: 'object',
  required: ['topicName', 'config'],
  properties: {
    topicName: str({ pattern: /^[a-zA-Z0-9._-]{1,249}$/ }),
    partitions: { type: 'integer', minimum: 1 },
    replicas: { type: 'integer', minimum: 1, maximum: 32767 },
    config: {
      type: 'object',
      required: ['retention.ms', 'segment.bytes'],
      properties: { 'retention.ms': { type: 'integer', minimum: -1 }, 'segment.bytes': { type: 'integer', minimum: 14 } },
    },
  },
});

const OPERATIONS = [
  'Read',
  'Write',
  'Create',
  'Delete',
  'Alter',
  'Describe',
  'ClusterAction',
  'AlterConfigs',
  'DescribeConfigs',
  'IdempotentWrite',
  'All',
];

/** KafkaUser: SCRAM-SHA-512, and simple authorization with literal or prefix ACLs on topics and groups. */
const KAFKA_USER = OBJECT('KafkaUser', {
  type: 'object',
  required: ['authentication', 'authorization'],
  properties: {
    authentication: { type: 'object', required: ['type'], properties: { type: str({ enum: ['tls', 'tls-external', 'scram-sha-512'] }) } },
    authorization: {
      type: 'object',
      required: ['type', 'acls'],
      properties: {
        type: str({ enum: ['simple'] }),
        acls: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['resource', 'operations'],
            properties: {
              resource: {
                type: 'object',
                required: ['type', 'name', 'patternType'],
                properties: {
                  type: str({ enum: ['topic', 'group', 'cluster', 'transactionalId'] }),
                  name: str({ pattern: /^[a-zA-Z0-9._-]{1,249}$/ }),
                  patternType: str({ enum: ['literal', 'prefix'] }),
                },
              },
              operations: { type: 'array', minItems: 1, items: str({ enum: OPERATIONS }) },
            },
          },
        },
      },
    },
  },
});

/** The shapes by `apiVersion/kind`. */
export const STRIMZI_SHAPES: Readonly<Record<string, Shape>> = Object.fromEntries(
  STRIMZI_API_VERSIONS.flatMap((version) => [
    [`${version}/KafkaTopic`, KAFKA_TOPIC],
    [`${version}/KafkaUser`, KAFKA_USER],
  ]),
);

/** Every way a value breaks a shape, at JSON pointers from `at`. */
export function checkShape(value: unknown, shape: Shape, at = ''): ShapeError[] {
  const fail = (keyword: string, message: string, params: Record<string, unknown> = {}): ShapeError[] => [
    { instancePath: at, keyword, message, params },
  ];
  switch (shape.type) {
    case 'string':
      if (typeof value !== 'string') return fail('type', 'must be string');
      if (shape.const !== undefined && value !== shape.const)
        return fail('const', `must be equal to constant ${JSON.stringify(shape.const)}`);
      if (shape.enum && !shape.enum.includes(value))
        return fail('enum', `must be equal to one of the allowed values: ${shape.enum.join(', ')}`);
      if (shape.pattern && !shape.pattern.test(value)) return fail('pattern', `must match pattern "${shape.pattern.source}"`);
      return [];
    case 'integer':
      // A float is refused: Kafka reads retention.ms and segment.bytes as whole numbers (7.2e+06 is no Long).
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return fail('type', 'must be integer');
      if (shape.minimum !== undefined && value < shape.minimum) return fail('minimum', `must be >= ${shape.minimum}`);
      if (shape.maximum !== undefined && value > shape.maximum) return fail('maximum', `must be <= ${shape.maximum}`);
      return [];
    case 'array': {
      if (!Array.isArray(value)) return fail('type', 'must be array');
      if (shape.minItems !== undefined && value.length < shape.minItems)
        return fail('minItems', `must NOT have fewer than ${shape.minItems} items`);
      return value.flatMap((item, i) => checkShape(item, shape.items, `${at}/${i}`));
    }
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('type', 'must be object');
      const obj = value as Record<string, unknown>;
      const out: ShapeError[] = [];
      for (const key of shape.required ?? []) {
        if (obj[key] === undefined) out.push({ instancePath: at, keyword: 'required', params: { missingProperty: key } });
      }
      for (const [key, item] of Object.entries(obj)) {
        const inner = shape.properties?.[key] ?? shape.additional;
        const path = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (inner === undefined) out.push({ instancePath: path, keyword: 'additionalProperties', message: 'is not a field of this kind' });
        else out.push(...checkShape(item, inner, path));
      }
      return out;
    }
  }
}
