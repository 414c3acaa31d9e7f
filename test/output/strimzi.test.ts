/**
 * src/output/strimzi.ts through validateObject: the compiler's own check of the KafkaTopic and KafkaUser it writes
 * (no package holds their schemas). What the compiler writes passes; a broken object is caught, field by field.
 */
import { validateObject } from '../../src/output/validate';
import { compile, withHead } from '../helpers';

const { objects } = compile(
  withHead(
    'streams:',
    '  publishes: [{config_key: out, type: kafka, topic: OUT}]',
    '  subscribes: [{config_key: in, type: message_router, topic: IN}]',
  ),
  { kafka: { enabled: true } },
);
const topic = objects.find((o) => o.kind === 'KafkaTopic');
const user = objects.find((o) => o.kind === 'KafkaUser');
/** A deep copy of an object with one change. */
const broken = (o: any, change: (copy: any) => void): any => {
  const copy = JSON.parse(JSON.stringify(o));
  change(copy);
  return copy;
};

test('GIVEN the KafkaTopic and KafkaUser the compiler writes WHEN checked THEN they pass', () => {
  expect(validateObject(topic)).toEqual([]);
  expect(validateObject(user)).toEqual([]);
});

test.each([
  [
    'a float retention.ms (as OOM renders 7.2e+06)',
    () => broken(topic, (t) => (t.spec.config['retention.ms'] = 7.2e6 + 0.5)),
    [{ object: 'KafkaTopic out-kt', field: 'spec.config["retention.ms"]', message: 'must be integer' }],
  ],
  [
    'segment.bytes as a string',
    () => broken(topic, (t) => (t.spec.config['segment.bytes'] = '1073741824')),
    [{ object: 'KafkaTopic out-kt', field: 'spec.config["segment.bytes"]', message: 'must be integer' }],
  ],
  [
    'no topicName, and a field Strimzi has not',
    () => broken(topic, (t) => ((t.spec.topic = t.spec.topicName), delete t.spec.topicName)),
    [
      { object: 'KafkaTopic out-kt', field: 'spec.topicName', message: 'is required but missing' },
      { object: 'KafkaTopic out-kt', field: 'spec.topic', message: 'is not a field of this kind' },
    ],
  ],
  [
    'no strimzi.io/cluster label',
    () => broken(topic, (t) => delete t.metadata.labels['strimzi.io/cluster']),
    [{ object: 'KafkaTopic out-kt', field: 'metadata.labels["strimzi.io/cluster"]', message: 'is required but missing' }],
  ],
  [
    'a name that is no DNS-1123 subdomain',
    () => broken(topic, (t) => (t.metadata.name = 'OUT_kt')),
    [
      {
        object: 'KafkaTopic OUT_kt',
        field: 'metadata.name',
        message: 'must match pattern "^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"',
      },
    ],
  ],
  [
    'an unknown authentication type',
    () => broken(user, (u) => (u.spec.authentication.type = 'scram-sha-256')),
    [
      {
        object: 'KafkaUser comp-ku',
        field: 'spec.authentication.type',
        message: 'must be equal to one of the allowed values: tls, tls-external, scram-sha-512',
      },
    ],
  ],
  [
    'an ACL with an unknown operation and no patternType',
    () =>
      broken(
        user,
        (u) => ((u.spec.authorization.acls[1].operations = ['Read', 'Peek']), delete u.spec.authorization.acls[1].resource.patternType),
      ),
    [
      {
        object: 'KafkaUser comp-ku',
        field: 'spec.authorization.acls[1].operations[1]',
        message:
          'must be equal to one of the allowed values: Read, Write, Create, Delete, Alter, Describe, ClusterAction, AlterConfigs, DescribeConfigs, IdempotentWrite, All',
      },
      { object: 'KafkaUser comp-ku', field: 'spec.authorization.acls[1].resource.patternType', message: 'is required but missing' },
    ],
  ],
  [
    'no ACL',
    () => broken(user, (u) => (u.spec.authorization.acls = [])),
    [{ object: 'KafkaUser comp-ku', field: 'spec.authorization.acls', message: 'must NOT have fewer than 1 items' }],
  ],
])('GIVEN a broken object (%s) WHEN checked THEN each problem is named at its field', (_title, make, expected) => {
  expect(validateObject(make())).toEqual(expected);
});

test('GIVEN the same objects at kafka.strimzi.io/v1 (Strimzi 0.49 and 1.x) WHEN checked THEN they pass too', () => {
  expect(validateObject({ ...user, apiVersion: 'kafka.strimzi.io/v1' })).toEqual([]);
});

test('GIVEN a Strimzi kind at an apiVersion the compiler does not write WHEN checked THEN there is no schema for it', () => {
  expect(validateObject({ ...user, apiVersion: 'kafka.strimzi.io/v2' })).toEqual([
    { object: 'KafkaUser comp-ku', field: 'kind', message: 'no schema for apiVersion kafka.strimzi.io/v2 kind KafkaUser' },
  ]);
});
