/**
 * Kafka streams (issue 20, part 1; docs/reference.md, "Kafka streams"): the platform's kafka, off by default, a
 * component's streams and topics, the KafkaTopics, the KafkaUser, the variables, and the configuration in
 * ConfigMap mode.
 */
import * as fs from 'fs';
import * as path from 'path';
import { validateObject } from '../../src/output/validate';
import { compile, compileFiles, dcae, errorsOf, find, kindsAndNames, mainOf, podOf, ROOT, tryCompile, withHead, y } from '../helpers';

const ON = { kafka: { enabled: true } };
const CONFIGMAP = { kafka: { enabled: true }, application_config: { source: 'configmap' } };
const LABELS = { app: 'comp', k8sdeployment: 'dep-comp' };
const KAFKA_LABELS = { ...LABELS, 'strimzi.io/cluster': 'onap-strimzi' };
const JAAS = { name: 'JAAS_CONFIG', valueFrom: { secretKeyRef: { name: 'comp-ku', key: 'sasl.jaas.config' } } };
const BOOTSTRAP = { name: 'BOOTSTRAP_SERVERS', value: 'onap-strimzi-kafka-bootstrap:9092' };
const POD_IP = { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } };
const OFF_MESSAGE = (key: string, line: number): string =>
  `components/c.yaml:${line}:1: ${key}: is set, and the platform's kafka.enabled is false: streams are ignored, as the plugin ignored them; ` +
  `expected no ${key}, or kafka: {enabled: true} in platform.yaml to give the component a KafkaUser <name>-ku, a KafkaTopic per ` +
  'published topic and the variables BOOTSTRAP_SERVERS and JAAS_CONFIG';

/** A spec with one published and one subscribed stream (a message-router one and a Kafka one). */
const STREAMS = withHead(
  'ports: ["8080:0"]',
  'env: {LOG_LEVEL: info}',
  'streams:',
  '  publishes:',
  '    - {config_key: out, type: message_router, topic: unauthenticated.OUT_TOPIC}',
  '  subscribes:',
  '    - {config_key: in, type: kafka, topic: IN_TOPIC, consumer_group: my-group}',
);

/** A KafkaTopic as the compiler writes it. */
const kafkaTopic = (name: string, topic: string, labels: object = KAFKA_LABELS, namespace = 'dcae'): object => ({
  apiVersion: 'kafka.strimzi.io/v1beta2',
  kind: 'KafkaTopic',
  metadata: { name, namespace, labels },
  spec: { topicName: topic, config: { 'retention.ms': 7200000, 'segment.bytes': 1073741824 } },
});
/** One ACL. */
const acl = (type: string, name: string, ...operations: string[]): object => ({
  resource: { type, name, patternType: 'literal' },
  operations,
});
const fixture = (file: string): string => fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'kafka', file), 'utf8');

describe('kafka off (the default)', () => {
  test('GIVEN a DCAE spec with streams WHEN compiled with the mode off THEN the streams are ignored: no Strimzi object, no variable', () => {
    const r = compileFiles({ 'components/c.json': fixture('event-collector.json') });
    expect(r.errors).toEqual([]);
    expect(kindsAndNames(r.objects)).toEqual(['Deployment/dep-event-collector', 'Service/event-collector']);
    expect(mainOf(r.objects).env.map((e: { name: string }) => e.name)).not.toContain('BOOTSTRAP_SERVERS');
    const off = compileFiles({ 'components/c.json': fixture('event-collector.json') }, y('kafka:', '  enabled: false'));
    expect(off.files).toEqual(r.files);
  });

  test('GIVEN the mode off WHEN a YAML spec has topics or streams THEN each is an error at its key naming the platform key to turn on', () => {
    expect(errorsOf(withHead('topics: {out: T}', 'streams: {publishes: [{config_key: out, type: kafka}]}'))).toEqual([
      OFF_MESSAGE('topics', 3),
      OFF_MESSAGE('streams', 4),
    ]);
    expect(errorsOf(withHead('topics: {out: T}'), { kafka: { enabled: false, cluster: 'other' } })).toEqual([OFF_MESSAGE('topics', 3)]);
  });
});

describe('kafka.enabled: true', () => {
  test('GIVEN a published and a subscribed stream WHEN compiled THEN the KafkaTopic, then the KafkaUser, come before the Deployment', () => {
    const { objects } = compile(STREAMS, ON);
    expect(kindsAndNames(objects)).toEqual([
      'KafkaTopic/unauthenticated.out-topic-kt',
      'KafkaUser/comp-ku',
      'Deployment/dep-comp',
      'Service/comp',
    ]);
    expect(objects[0]).toEqual(kafkaTopic('unauthenticated.out-topic-kt', 'unauthenticated.OUT_TOPIC'));
    expect(objects[1]).toEqual({
      apiVersion: 'kafka.strimzi.io/v1beta2',
      kind: 'KafkaUser',
      metadata: { name: 'comp-ku', namespace: 'dcae', labels: KAFKA_LABELS },
      spec: {
        authentication: { type: 'scram-sha-512' },
        authorization: {
          type: 'simple',
          acls: [
            acl('topic', 'unauthenticated.OUT_TOPIC', 'Write', 'DescribeConfigs'),
            acl('topic', 'IN_TOPIC', 'Read', 'Describe'),
            acl('group', 'my-group', 'Read'),
          ],
        },
      },
    });
    for (const o of objects) expect(validateObject(o)).toEqual([]);
  });

  test('GIVEN streams WHEN compiled THEN the main container has BOOTSTRAP_SERVERS and JAAS_CONFIG (from the Secret <name>-ku) after its own variables, before POD_IP', () => {
    expect(mainOf(compile(STREAMS, ON).objects).env).toEqual([{ name: 'LOG_LEVEL', value: 'info' }, BOOTSTRAP, JAAS, POD_IP]);
  });

  test('GIVEN the platform cluster, bootstrap address, retention and segment size WHEN compiled THEN every object and variable takes them; the bootstrap address derives from the cluster unless given', () => {
    const { objects } = compile(STREAMS, { kafka: { enabled: true, cluster: 'kafka-a', retention_ms: 60000, segment_bytes: 1048576 } });
    expect(find(objects, 'KafkaTopic', 'unauthenticated.out-topic-kt').spec.config).toEqual({
      'retention.ms': 60000,
      'segment.bytes': 1048576,
    });
    expect(find(objects, 'KafkaUser', 'comp-ku').metadata.labels['strimzi.io/cluster']).toBe('kafka-a');
    expect(mainOf(objects).env[1]).toEqual({ name: 'BOOTSTRAP_SERVERS', value: 'kafka-a-kafka-bootstrap:9092' });
    const given = compile(STREAMS, { kafka: { enabled: true, cluster: 'kafka-a', bootstrap_servers: 'broker.example.org:9093' } });
    expect(mainOf(given.objects).env[1]).toEqual({ name: 'BOOTSTRAP_SERVERS', value: 'broker.example.org:9093' });
  });

  test('GIVEN the numbers of the platform WHEN written THEN retention.ms and segment.bytes are whole numbers in the YAML (never 7.2e+06)', () => {
    const { yaml } = compile(STREAMS, ON);
    expect(yaml).toContain('  config:\n    retention.ms: 7200000\n    segment.bytes: 1073741824\n');
  });

  test('GIVEN topics by config_key WHEN the stream has its own topic THEN topics wins; a topic subscribed twice and published is one ACL with every operation, each group once', () => {
    const { objects } = compile(
      withHead(
        'topics: {out: WINS}',
        'streams:',
        '  publishes:',
        '    - {config_key: out, type: kafka, topic: LOSES}',
        '    - {config_key: again, type: message router, topic: WINS}',
        '  subscribes:',
        '    - {config_key: a, type: kafka, topic: WINS}',
        '    - {config_key: b, type: message_router, topic: OTHER}',
      ),
      ON,
    );
    expect(kindsAndNames(objects)).toEqual(['KafkaTopic/wins-kt', 'KafkaUser/comp-ku', 'Deployment/dep-comp']);
    expect(find(objects, 'KafkaUser', 'comp-ku').spec.authorization.acls).toEqual([
      acl('topic', 'WINS', 'Write', 'DescribeConfigs', 'Read', 'Describe'),
      acl('topic', 'OTHER', 'Read', 'Describe'),
      acl('group', 'comp-group', 'Read'),
    ]);
  });

  test('GIVEN only http streams WHEN compiled THEN each is a warning and nothing of Kafka is written', () => {
    const r = compileFiles(
      {
        'components/c.yaml': withHead(
          'streams:',
          '  subscribes:',
          '    - {type: http}',
          '  publishes:',
          '    - {config_key: x, type: https}',
        ),
      },
      y('kafka:', '  enabled: true'),
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      'components/c.yaml:5:7: streams.subscribes[0]: is an http stream: the component calls it or is called directly, with no topic, and no Kubernetes object is written for it; ignored',
      'components/c.yaml:7:7: streams.publishes[0]: is an https stream: the component calls it or is called directly, with no topic, and no Kubernetes object is written for it; ignored',
    ]);
    expect(kindsAndNames(r.objects)).toEqual(['Deployment/dep-comp']);
  });

  test('GIVEN two components publishing one topic WHEN compiled together THEN the second is refused: both would create its KafkaTopic', () => {
    const stream = 'streams: {publishes: [{config_key: o, type: kafka, topic: SHARED}]}';
    const r = compileFiles(
      { 'components/a.yaml': y('name: a', 'image: repo/a:1', stream), 'components/b.yaml': y('name: b', 'image: repo/b:1', stream) },
      y('kafka:', '  enabled: true'),
    );
    expect(r.errors).toEqual([
      'components/b.yaml:1:7: name: gives the KafkaTopic "shared-kt" in namespace "dcae", which components/a.yaml (component "a") also creates; expected each topic published by one component only (the other may subscribe to it)',
    ]);
  });
});

describe('kafka.api_version', () => {
  test('GIVEN kafka.api_version: kafka.strimzi.io/v1 (Strimzi 1.x) WHEN compiled THEN every KafkaTopic and KafkaUser has that apiVersion, and nothing else changes', () => {
    const v1 = compile(STREAMS, { kafka: { enabled: true, api_version: 'kafka.strimzi.io/v1' } });
    const beta = compile(STREAMS, ON);
    const strimzi = v1.objects.filter((o) => o.kind === 'KafkaTopic' || o.kind === 'KafkaUser');
    expect(strimzi.map((o) => o.apiVersion)).toEqual(['kafka.strimzi.io/v1', 'kafka.strimzi.io/v1']);
    expect(v1.yaml.replace(/kafka\.strimzi\.io\/v1\n/g, 'kafka.strimzi.io/v1beta2\n')).toBe(beta.yaml);
  });

  test('GIVEN an apiVersion Strimzi does not serve WHEN compiled THEN the platform file is refused at the key with the two it takes', () => {
    expect(errorsOf(withHead(), { kafka: { enabled: true, api_version: 'kafka.strimzi.io/v2' } })).toEqual([
      'components/platform.yaml:3:16: kafka.api_version: "kafka.strimzi.io/v2" is not kafka.strimzi.io/v1beta2 (Strimzi before 1.0) or kafka.strimzi.io/v1 (Strimzi 0.49 and later)',
    ]);
  });
});

describe('errors with the mode on', () => {
  test.each([
    [
      'a stream without a topic',
      ['streams: {publishes: [{config_key: out, type: kafka}]}'],
      [
        'components/c.yaml:3:23: streams.publishes[0].topic: missing; the kafka stream "out" has no topic: neither topics.out nor the stream gives one (in a DCAE spec, a streams_publishes or streams_subscribes parameter whose entry has a dmaap_info.topic_url ending in /events/<topic>, or a kafka_info.topic_name); expected topics: {out: <topic>}',
      ],
    ],
    [
      'a data-router stream',
      ['streams: {subscribes: [{config_key: files, type: data_router}]}'],
      [
        'components/c.yaml:3:50: streams.subscribes[0].type: "data_router" is a data-router stream, which the compiler does not write: Strimzi has no data router, and DMaaP\'s data router is gone from today\'s ONAP; expected a message_router or kafka stream (a topic on the Strimzi cluster), or no such stream',
      ],
    ],
    [
      'a topic Kafka refuses',
      ['topics: {out: "a topic"}', 'streams: {publishes: [{config_key: out, type: kafka}]}'],
      [
        'components/c.yaml:3:15: topics.out: "a topic" is not a Kafka topic name; expected at most 249 letters, digits, ".", "_" and "-" (not "." or "..")',
      ],
    ],
    [
      'a published topic whose KafkaTopic name is no DNS-1123 subdomain',
      ['streams: {publishes: [{config_key: out, type: kafka, topic: _OUT}]}'],
      [
        'components/c.yaml:3:61: streams.publishes[0].topic: "_OUT" gives the KafkaTopic name "-out-kt" (lower-cased, each "_" as "-", and "-kt"), which is not a DNS-1123 subdomain (at most 253 lower-case letters, digits, "-" and ".", each part starting and ending with a letter or digit); expected another topic',
      ],
    ],
    [
      'two published topics with one KafkaTopic name',
      ['streams: {publishes: [{config_key: a, type: kafka, topic: A_B}, {config_key: b, type: kafka, topic: a-b}]}'],
      [
        'components/c.yaml:3:101: streams.publishes[1].topic: "a-b" gives the KafkaTopic name "a-b-kt", as the published topic "A_B" does; expected published topics whose names differ once lower-cased with "_" as "-"',
      ],
    ],
    [
      'a config_key given twice in one list',
      ['streams: {publishes: [{config_key: a, type: kafka, topic: A}, {config_key: a, type: kafka, topic: B}]}'],
      [
        'components/c.yaml:3:76: streams.publishes[1].config_key: "a" is also streams.publishes[0].config_key; expected each config_key once in a list (the configuration has one entry per key)',
      ],
    ],
    [
      'a stream without config_key',
      ['streams: {publishes: [{type: kafka, topic: A}]}'],
      [
        'components/c.yaml:3:23: streams.publishes[0].config_key: missing; expected the key under which the component finds this kafka stream in its configuration',
      ],
    ],
    [
      'topics naming no stream',
      ['topics: {nothing: T}', 'streams: {publishes: [{config_key: out, type: kafka, topic: A}]}'],
      ['components/c.yaml:3:10: topics.nothing: names no message_router or kafka stream of the component; expected one of: "out"'],
    ],
    [
      'the variables and the cluster label the compiler sets',
      [
        'labels: {strimzi.io/cluster: mine}',
        'env: {BOOTSTRAP_SERVERS: x, JAAS_CONFIG: y}',
        'streams: {publishes: [{config_key: out, type: kafka, topic: A}]}',
      ],
      [
        'components/c.yaml:3:10: labels["strimzi.io/cluster"]: the label "strimzi.io/cluster" is set by the compiler on the KafkaUser and KafkaTopics (the platform\'s kafka.cluster); remove it',
        "components/c.yaml:4:7: env.BOOTSTRAP_SERVERS: BOOTSTRAP_SERVERS is set by the compiler with Kafka streams (the platform's kafka.bootstrap_servers); remove it",
        'components/c.yaml:4:29: env.JAAS_CONFIG: JAAS_CONFIG is set by the compiler with Kafka streams (key sasl.jaas.config of the Secret <name>-ku); remove it',
      ],
    ],
  ])('GIVEN %s WHEN compiled THEN exactly these errors', (_title, lines, expected) => {
    expect(errorsOf(withHead(...lines), ON)).toEqual(expected);
  });

  test('GIVEN a platform kafka with a bad cluster or numbers WHEN compiled THEN the schema refuses them in the platform file', () => {
    expect(
      errorsOf(withHead(), { kafka: { enabled: true, cluster: 'Onap_Strimzi', retention_ms: 7.2e6 + 0.5, segment_bytes: 10 } }),
    ).toEqual([
      'components/platform.yaml:3:12: kafka.cluster: "Onap_Strimzi" is not a Strimzi Kafka cluster name (DNS-1123 label: it is the value of the label strimzi.io/cluster)',
      'components/platform.yaml:4:17: kafka.retention_ms: 7200000.5 is not a whole number, -1 (no limit) or more',
      'components/platform.yaml:5:18: kafka.segment_bytes: 10 is not a whole number from 14 to 2147483647',
    ]);
  });
});

describe('ConfigMap application configuration', () => {
  test('GIVEN a configuration WHEN compiled THEN streams_publishes and streams_subscribes hold each stream as the DCAE SDK reads it; the compiler entry wins over one of the same config_key, others stay', () => {
    const r = tryCompile(
      y(
        STREAMS.trimEnd(),
        'application_config:',
        '  level: 3',
        '  streams_publishes:',
        '    out: {type: message_router, dmaap_info: {topic_url: "http://old-mr:3904/events/OLD"}}',
        '    kept: {type: message_router, dmaap_info: {topic_url: "http://old-mr:3904/events/KEPT"}}',
      ),
      CONFIGMAP,
    );
    expect(r.messages).toEqual([]);
    const configMap = find(r.files[0].objects, 'ConfigMap', 'comp-application-config');
    expect(configMap.data['application_config.yaml']).toBe(
      y(
        'level: 3',
        'streams_publishes:',
        '  kept:',
        '    dmaap_info:',
        '      topic_url: http://old-mr:3904/events/KEPT',
        '    type: message_router',
        '  out:',
        '    dmaap_info:',
        '      topic_url: http://message-router:3904/events/unauthenticated.OUT_TOPIC',
        '    type: message_router',
        'streams_subscribes:',
        '  in:',
        '    kafka_info:',
        '      bootstrap_servers: onap-strimzi-kafka-bootstrap:9092',
        '      topic_name: IN_TOPIC',
        '    type: kafka',
      ),
    );
    expect(mainOf(r.files[0].objects).env.map((e: { name: string }) => e.name)).toEqual([
      'LOG_LEVEL',
      'CBS_CLIENT_CONFIG_PATH',
      'BOOTSTRAP_SERVERS',
      'JAAS_CONFIG',
      'POD_IP',
    ]);
  });

  test('GIVEN no configuration WHEN compiled in ConfigMap mode THEN a warning says the streams are in none', () => {
    const r = compileFiles({ 'components/c.yaml': STREAMS }, y('kafka: {enabled: true}', 'application_config: {source: configmap}'));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      'components/c.yaml:6:3: streams: are in no configuration: the component has no application_config, so no application_config.yaml holds streams_publishes and streams_subscribes; expected application_config (an empty mapping {} will do) for the compiler to write them there',
    ]);
  });

  test('GIVEN a streams_publishes that is no mapping WHEN compiled THEN it is an error', () => {
    expect(errorsOf(y(STREAMS.trimEnd(), 'application_config: {streams_publishes: none}'), CONFIGMAP)).toEqual([
      'components/c.yaml:10:41: application_config.streams_publishes: is "none"; expected a mapping of config_key to stream, into which the compiler writes the component\'s streams',
    ]);
  });
});

/**
 * What ONAP's OOM charts render for the same streams (the VES collector's and the PRH's), written out here as data in
 * the team's own words, and the differences the reference documents (docs/reference.md, "Kafka streams").
 */
const OOM = {
  ves: {
    topics: [
      ['unauthenticated.ves-pnfreg-output-kt', 'unauthenticated.VES_PNFREG_OUTPUT'],
      ['unauthenticated.ves-notification-output-kt', 'unauthenticated.VES_NOTIFICATION_OUTPUT'],
      ['unauthenticated.sec-heartbeat-output-kt', 'unauthenticated.SEC_HEARTBEAT_OUTPUT'],
      ['unauthenticated.sec-fault-output-kt', 'unauthenticated.SEC_FAULT_OUTPUT'],
    ],
    // OOM: each published topic Write and DescribeConfigs, literal; the same here.
    acls: ['VES_PNFREG_OUTPUT', 'VES_NOTIFICATION_OUTPUT', 'SEC_HEARTBEAT_OUTPUT', 'SEC_FAULT_OUTPUT'].map((t) => [
      'topic',
      `unauthenticated.${t}`,
      'Write,DescribeConfigs',
    ]),
  },
  prh: {
    topics: [
      ['unauthenticated.pnf-ready-kt', 'unauthenticated.PNF_READY'],
      ['unauthenticated.pnf-update-kt', 'unauthenticated.PNF_UPDATE'],
    ],
    // OOM: group OpenDCAE-c12 Read; the quoted topic "*" DescribeConfigs; the subscribed topic Read; each published topic Write.
    acls: [
      ['group', 'OpenDCAE-c12', 'Read'],
      ['topic', '*', 'DescribeConfigs'],
      ['topic', 'unauthenticated.VES_PNFREG_OUTPUT', 'Read'],
      ['topic', 'unauthenticated.PNF_READY', 'Write'],
      ['topic', 'unauthenticated.PNF_UPDATE', 'Write'],
    ],
  },
  // Both: retention.ms 7200000 and segment.bytes 1073741824 (HV-VES's first topic as the floats 7.2e+06 and 1.073741824e+09),
  // label strimzi.io/cluster: onap-strimzi, BOOTSTRAP_SERVERS onap-strimzi-kafka-bootstrap:9092, JAAS_CONFIG from <name>-ku.
  env: ['BOOTSTRAP_SERVERS', 'JAAS_CONFIG'],
};

/** An ACL as [type, name, operations joined by commas]. */
const aclRow = (a: { resource: { type: string; name: string }; operations: string[] }): string[] => [
  a.resource.type,
  a.resource.name,
  a.operations.join(','),
];

/**
 * The PRH-like DCAE spec with its override: the topic of its subscription and the consumer group OOM's chart uses,
 * then `more` lines.
 */
function prhLike(...more: string[]): Record<string, string> {
  return {
    'components/pnf-registrar.json': fixture('pnf-registrar.json'),
    'components/pnf-registrar.yaml': y(
      'dcae_spec: pnf-registrar.json',
      'topics: {ves-reg-output: unauthenticated.VES_PNFREG_OUTPUT}',
      'streams:',
      '  subscribes:',
      '    - {config_key: ves-reg-output, type: message_router, consumer_group: OpenDCAE-c12}',
      ...more,
    ),
  };
}

describe('compared with what OOM renders for the same streams', () => {
  const platform = y('kafka: {enabled: true}', 'service_account: {enabled: true}');

  test("GIVEN a VES-like DCAE spec WHEN compiled THEN its KafkaTopics and ACLs are OOM's; its http stream is a warning", () => {
    const r = compileFiles({ 'components/event-collector.json': fixture('event-collector.json') }, platform);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toContain(
      'components/event-collector.json:10:7: streams.subscribes[0]: is an http stream: the component calls it or is called directly, with no topic, and no Kubernetes object is written for it; ignored. To fix it, write a YAML spec beside it with dcae_spec: event-collector.json that sets streams',
    );
    const topics = r.objects.filter((o) => o.kind === 'KafkaTopic');
    expect(topics.map((o) => [o.metadata.name, o.spec.topicName])).toEqual(OOM.ves.topics);
    for (const t of topics) expect(t.spec.config).toEqual({ 'retention.ms': 7200000, 'segment.bytes': 1073741824 });
    const user = find(r.objects, 'KafkaUser', 'event-collector-ku');
    expect(user.metadata.labels['strimzi.io/cluster']).toBe('onap-strimzi');
    expect(user.spec.authentication).toEqual({ type: 'scram-sha-512' });
    expect(user.spec.authorization.acls.map(aclRow)).toEqual(OOM.ves.acls);
    expect(kindsAndNames(r.objects).slice(0, 6)).toEqual([
      'ServiceAccount/event-collector',
      ...OOM.ves.topics.map(([name]) => `KafkaTopic/${name}`),
      'KafkaUser/event-collector-ku',
    ]);
  });

  test("GIVEN a PRH-like DCAE spec, its consumer group given in an override WHEN compiled THEN the topics are OOM's; the ACLs differ as documented", () => {
    const r = compileFiles(prhLike(), y('kafka: {enabled: true}', 'application_config: {source: configmap}'));
    expect(r.errors).toEqual([]);
    expect(r.objects.filter((o) => o.kind === 'KafkaTopic').map((o) => [o.metadata.name, o.spec.topicName])).toEqual(OOM.prh.topics);
    const acls = find(r.objects, 'KafkaUser', 'pnf-registrar-ku').spec.authorization.acls.map(aclRow);
    // Differences: no "*" topic with DescribeConfigs (any topic's configuration to anyone is more than it needs); the
    // published topics also get DescribeConfigs and the subscribed one Describe (what Kafka's clients ask before
    // writing and reading); topics come first, in stream order (publishes, then subscribes), then the group.
    expect(acls).toEqual([
      ['topic', 'unauthenticated.PNF_READY', 'Write,DescribeConfigs'],
      ['topic', 'unauthenticated.PNF_UPDATE', 'Write,DescribeConfigs'],
      ['topic', 'unauthenticated.VES_PNFREG_OUTPUT', 'Read,Describe'],
      ['group', 'OpenDCAE-c12', 'Read'],
    ]);
    expect(OOM.prh.acls.map((a) => a[1])).toContain('*');
    expect(acls.map((a: string[]) => a[1])).not.toContain('*');
    expect(new Set(acls.map((a: string[]) => a[1]))).toEqual(new Set(OOM.prh.acls.map((a) => a[1]).filter((n) => n !== '*')));
    const env = mainOf(r.objects).env.map((e: { name: string }) => e.name);
    expect(env.filter((n: string) => OOM.env.includes(n))).toEqual(OOM.env);
    // OOM writes the message router's cluster-local URL; the compiler message-router:3904, as OOM's VES chart does.
    const config = find(r.objects, 'ConfigMap', 'pnf-registrar-application-config').data['application_config.yaml'];
    expect(config).toContain('      topic_url: http://message-router:3904/events/unauthenticated.PNF_READY\n');
    expect(config).toContain('      topic_url: http://message-router:3904/events/unauthenticated.VES_PNFREG_OUTPUT\n');
    expect(config).toContain('dmaap.dmaapConsumerConfiguration.consumerGroup: OpenDCAE-c12\n');
  });

  test("GIVEN the PRH-like spec migrated with Kafka, Secrets and a ServiceAccount on (as OOM runs PRH) WHEN compiled THEN the env, the Secret references and the RoleBinding are OOM's, field by field, except for the documented names", () => {
    // The override of a real migration: also the AAI credentials from OOM's Secret.
    const r = compileFiles(
      prhLike(
        'env:',
        '  AAI_USER: {secret: onap-dcae-prh-aaicreds, key: login}',
        '  AAI_PASSWORD: {secret: onap-dcae-prh-aaicreds, key: password}',
      ),
      y(
        'namespace: onap',
        'kafka: {enabled: true}',
        'service_account: {enabled: true, role: onap-read}',
        'application_config: {source: configmap}',
      ),
    );
    expect(r.errors).toEqual([]);
    const env = mainOf(r.objects).env as Array<{ name: string; value?: string; valueFrom?: unknown }>;
    const byName = (n: string) => env.find((e) => e.name === n);
    // As OOM's dcae-prh Deployment writes them.
    expect(byName('AAI_USER')).toEqual({ name: 'AAI_USER', valueFrom: { secretKeyRef: { name: 'onap-dcae-prh-aaicreds', key: 'login' } } });
    expect(byName('AAI_PASSWORD')).toEqual({
      name: 'AAI_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'onap-dcae-prh-aaicreds', key: 'password' } },
    });
    expect(byName('BOOTSTRAP_SERVERS')).toEqual({ name: 'BOOTSTRAP_SERVERS', value: 'onap-strimzi-kafka-bootstrap:9092' });
    // OOM names the KafkaUser dcae-prh-ku after its chart; here it is <name>-ku, the component's name.
    expect(byName('JAAS_CONFIG')).toEqual({
      name: 'JAAS_CONFIG',
      valueFrom: { secretKeyRef: { name: 'pnf-registrar-ku', key: 'sasl.jaas.config' } },
    });
    expect(byName('CBS_CLIENT_CONFIG_PATH')).toEqual({
      name: 'CBS_CLIENT_CONFIG_PATH',
      value: '/app-config-input/application_config.yaml',
    });
    // No password is ever written as a value.
    expect(JSON.stringify(r.objects)).not.toContain('demo123456');
    // OOM: ServiceAccount onap-dcae-prh-read, RoleBinding onap-dcae-prh-read to the Role onap-read; here named after the
    // component, with the token not mounted unless asked for (docs/reference.md, ServiceAccount).
    const binding = find(r.objects, 'RoleBinding', 'pnf-registrar');
    expect(binding.roleRef).toEqual({ kind: 'Role', name: 'onap-read', apiGroup: 'rbac.authorization.k8s.io' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'pnf-registrar', namespace: 'onap' }]);
    expect(podOf(r.objects).serviceAccountName).toBe('pnf-registrar');
    expect(find(r.objects, 'ServiceAccount', 'pnf-registrar').automountServiceAccountToken).toBe(false);
    expect(r.objects.filter((o) => o.kind === 'KafkaTopic').map((o) => [o.metadata.name, o.spec.topicName])).toEqual(OOM.prh.topics);
    for (const o of r.objects.filter((x) => x.kind === 'KafkaTopic' || x.kind === 'KafkaUser'))
      expect(o.metadata.labels['strimzi.io/cluster']).toBe('onap-strimzi');
  });

  test('GIVEN a DCAE stream whose topic no parameter names WHEN compiled THEN the error points into the JSON and says to set topics in the override', () => {
    const spec = JSON.parse(fixture('pnf-registrar.json'));
    spec.parameters = spec.parameters.filter((p: { name: string }) => p.name !== 'streams_subscribes');
    const r = compileFiles({ 'components/pnf-registrar.json': spec }, y('kafka: {enabled: true}'));
    expect(r.errors).toEqual([
      'components/pnf-registrar.json:10:7: streams.subscribes[0].topic: missing; the message_router stream "ves-reg-output" has no topic: neither topics.ves-reg-output nor the stream gives one (in a DCAE spec, a streams_publishes or streams_subscribes parameter whose entry has a dmaap_info.topic_url ending in /events/<topic>, or a kafka_info.topic_name); expected topics: {ves-reg-output: <topic>}. To fix it, write a YAML spec beside it with dcae_spec: pnf-registrar.json that sets topics',
    ]);
  });
});

describe('schema warnings about the streams of a DCAE spec', () => {
  // A stream without its format, which schema v3 requires.
  const streams = dcae({}, {}, { streams: { publishes: [{ version: '1.0.0', type: 'kafka', config_key: 'out' }], subscribes: [] } });
  const streamWarning = (compiler: string): string =>
    'components/c.json:10:7: streams.publishes[0].format: missing; this key is required: the name of the data format ' +
    `(component-spec schema v3; the plugin ignored this${compiler})`;
  // A parameter with only a name and a value, which schema v1 (the closest) lacks a description for.
  const parameters = dcae({}, {}, { parameters: [{ name: 'p', value: 1 }] });
  const parameterWarning = (compiler: string): string =>
    'components/c.json:17:5: parameters[0].description: missing; this key is required: a sentence that says what the parameter is for ' +
    `(component-spec schema v1; the plugin ignored this${compiler})`;

  test('GIVEN the mode off WHEN a DCAE stream or parameter has a schema complaint THEN the warning says the compiler ignores it too', () => {
    const r = compileFiles({ 'components/c.json': streams });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([streamWarning(', and so does the compiler')]);
    expect(compileFiles({ 'components/c.json': parameters }).warnings).toEqual([parameterWarning(', and so does the compiler')]);
  });

  test('GIVEN kafka.enabled: true WHEN a DCAE stream or parameter has a schema complaint THEN the warning says what the compiler reads of it', () => {
    const r = compileFiles(
      { 'components/c.json': streams, 'components/c.yaml': y('dcae_spec: c.json', 'topics: {out: OUT}') },
      y('kafka: {enabled: true}'),
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([streamWarning("; the compiler reads each stream's config_key and type (platform kafka.enabled)")]);
    expect(compileFiles({ 'components/c.json': parameters }, y('kafka: {enabled: true}')).warnings).toEqual([
      parameterWarning(
        '; the compiler reads the topics of the streams_publishes and streams_subscribes parameters (platform kafka.enabled)',
      ),
    ]);
    // With a ConfigMap too, the parameters are the configuration: the warning says so, as without Kafka streams.
    expect(
      compileFiles({ 'components/c.json': parameters }, y('kafka: {enabled: true}', 'application_config: {source: configmap}')).warnings,
    ).toEqual([
      parameterWarning("; the compiler reads only each parameter's name and value (platform application_config.source: configmap)"),
    ]);
  });
});
