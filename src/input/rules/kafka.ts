/**
 * Kafka streams (`streams`, `topics`): with the platform's `kafka.enabled`, each message-router and Kafka stream
 * needs a topic, which becomes the KafkaUser's ACLs (and, published, a KafkaTopic); with the mode off, streams are
 * ignored as the plugin ignored them, and a YAML spec's `streams` and `topics` are errors.
 */
import {
  APPLICATION_CONFIG_KEY,
  defaultConsumerGroup,
  KAFKA_BOOTSTRAP_ENV,
  KAFKA_JAAS_ENV,
  kafkaTopicObjectName,
  kafkaUserName,
  messageRouterTopicUrl,
  STRIMZI_CLUSTER_LABEL,
} from '../../contract/names';
import { describeValue, formatPath, KeyPath } from '../diagnostics';
import { KafkaStream, KafkaStreamsSpec, KafkaSubscription } from '../model';
import { isObj, Json, Report, setOwn, str } from '../values';
import { subdomainProblem } from './kubernetes';
import { ComponentRule, RuleContext } from './rule';

/** The stream types that run on Kafka, and how the configuration names each. */
const KAFKA_TYPES: Readonly<Record<string, KafkaStream['type']>> = {
  message_router: 'message_router',
  'message router': 'message_router',
  kafka: 'kafka',
};
const DATA_ROUTER_TYPES = ['data_router', 'data router'];
const HTTP_TYPES = ['http', 'https'];

/** The two lists of streams, and the configuration key each becomes. */
const LISTS = [
  ['publishes', 'streams_publishes'],
  ['subscribes', 'streams_subscribes'],
] as const;

/** A legal Kafka topic name: letters, digits, `.`, `_` and `-`, at most 249, not `.` or `..`. */
const TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

/** The `kafka` rule: the component's Kafka streams, each with its topic, with the platform's mode on. */
export const kafkaRule: ComponentRule<'kafka', 'application-config'> = {
  name: 'kafka',
  description:
    "The keys streams and topics are set only with the platform's kafka.enabled true; then every message-router and Kafka stream has a topic Kafka and Kubernetes accept, and data-router streams are refused.",
  after: ['application-config'],
  check: readKafka,
};

function readKafka({ value: v, platform, read, report: err, warn }: RuleContext<'application-config'>): KafkaStreamsSpec | undefined {
  const settings = platform.kafka;
  if (settings === undefined) return undefined;
  if (!settings.enabled) {
    for (const key of ['streams', 'topics']) {
      if (v[key] !== undefined) {
        err(
          [key],
          `is set, and the platform's kafka.enabled is false: streams are ignored, as the plugin ignored them; expected no ${key}, ` +
            'or kafka: {enabled: true} in platform.yaml to give the component a KafkaUser <name>-ku, a KafkaTopic per published topic ' +
            `and the variables ${KAFKA_BOOTSTRAP_ENV} and ${KAFKA_JAAS_ENV}`,
          'key',
        );
      }
    }
    return undefined;
  }
  const name = str(v.name) ?? '';
  const topics = isObj(v.topics) ? v.topics : {};
  const streams = isObj(v.streams) ? v.streams : {};
  const used = new Set<string>();
  const publishes: KafkaStream[] = [];
  const subscribes: KafkaSubscription[] = [];
  for (const [list] of LISTS) {
    const entries = Array.isArray(streams[list]) ? (streams[list] as unknown[]) : [];
    const seen = new Map<string, number>();
    entries.forEach((entry, i) => {
      if (!isObj(entry) || typeof entry.type !== 'string') return; // reported by the schema
      const at: KeyPath = ['streams', list, i];
      const stream = readStream(entry, at, topics, { seen, used }, err, warn);
      if (stream === undefined) return;
      if (list === 'publishes') publishes.push(stream);
      else subscribes.push({ ...stream, consumerGroup: str(entry.consumer_group) ?? defaultConsumerGroup(name) });
    });
  }
  for (const key of Object.keys(topics)) {
    if (used.has(key)) continue;
    const keys = [...used].map((k) => JSON.stringify(k));
    err(
      ['topics', key],
      `names no message_router or kafka stream of the component; expected ${keys.length > 0 ? `one of: ${keys.join(', ')}` : 'no topics (it has no such stream)'}`,
      'key',
    );
  }
  checkTopicObjects(publishes, topics, streams, err);
  if (publishes.length === 0 && subscribes.length === 0) return undefined;
  checkClashes(v, err);
  if (platform.applicationConfigSource === 'configmap') checkConfiguration(read['application-config'], err, warn);
  return { publishes, subscribes };
}

/**
 * One stream: its topic when it runs on Kafka (an error when it has none), undefined when it is refused or ignored.
 * Its config_key is recorded as seen in its list, and as used (a key of `topics` that no stream uses is an error).
 */
function readStream(
  entry: Json,
  at: KeyPath,
  topics: Json,
  keys: { readonly seen: Map<string, number>; readonly used: Set<string> },
  err: Report,
  warn: Report,
): KafkaStream | undefined {
  const { seen, used } = keys;
  const type = entry.type as string;
  if (HTTP_TYPES.includes(type)) {
    warn(
      at,
      `is an ${type} stream: the component calls it or is called directly, with no topic, and no Kubernetes object is written for it; ignored`,
    );
    return undefined;
  }
  if (DATA_ROUTER_TYPES.includes(type)) {
    err(
      [...at, 'type'],
      `${describeValue(type)} is a data-router stream, which the compiler does not write: Strimzi has no data router, and DMaaP's data ` +
        "router is gone from today's ONAP; expected a message_router or kafka stream (a topic on the Strimzi cluster), or no such stream",
    );
    return undefined;
  }
  const kind = KAFKA_TYPES[type];
  if (kind === undefined) return undefined; // reported by the schema
  const configKey = str(entry.config_key);
  if (configKey === undefined || configKey === '') {
    if (entry.config_key === undefined)
      err(
        [...at, 'config_key'],
        `missing; expected the key under which the component finds this ${kind} stream in its configuration`,
        'key',
      );
    return undefined;
  }
  const first = seen.get(configKey);
  if (first !== undefined) {
    err(
      [...at, 'config_key'],
      `${describeValue(configKey)} is also ${formatPath([...at.slice(0, 2), first, 'config_key'])}; expected each config_key once in a list (the configuration has one entry per key)`,
    );
    return undefined;
  }
  seen.set(configKey, at[2] as number);
  used.add(configKey);
  const given = topics[configKey];
  const topicAt: KeyPath = typeof given === 'string' ? ['topics', configKey] : [...at, 'topic'];
  const topic = typeof given === 'string' ? given : str(entry.topic);
  if (topic === undefined) {
    err(
      [...at, 'topic'],
      `missing; the ${kind} stream ${describeValue(configKey)} has no topic: neither topics.${configKey} nor the stream gives one (in a DCAE spec, ` +
        `a streams_publishes or streams_subscribes parameter whose entry has a dmaap_info.topic_url ending in /events/<topic>, or a ` +
        `kafka_info.topic_name); expected topics: {${configKey}: <topic>}`,
    );
    return undefined;
  }
  if (!TOPIC.test(topic) || topic === '.' || topic === '..') {
    err(
      topicAt,
      `${describeValue(topic)} is not a Kafka topic name; expected at most 249 letters, digits, ".", "_" and "-" (not "." or "..")`,
    );
    return undefined;
  }
  return { configKey, type: kind, topic };
}

/**
 * Each published topic's KafkaTopic: its name must be a DNS-1123 subdomain, and two topics may not give one name
 * (a topic published under two keys is one KafkaTopic).
 */
function checkTopicObjects(publishes: KafkaStream[], topics: Json, streams: Json, err: Report): void {
  const objects = new Map<string, string>();
  const topicAt = (s: KafkaStream): KeyPath => {
    if (typeof topics[s.configKey] === 'string') return ['topics', s.configKey];
    const list = (streams.publishes as Json[]).findIndex((e) => isObj(e) && e.config_key === s.configKey);
    return ['streams', 'publishes', list, 'topic'];
  };
  for (let i = 0; i < publishes.length; i++) {
    const s = publishes[i];
    const object = kafkaTopicObjectName(s.topic);
    const problem = subdomainProblem(object);
    const other = objects.get(object);
    if (problem) {
      err(
        topicAt(s),
        `${describeValue(s.topic)} gives the KafkaTopic name ${describeValue(object)} (lower-cased, each "_" as "-", and "-kt"), which is not ${problem}; expected another topic`,
      );
    } else if (other !== undefined && other !== s.topic) {
      err(
        topicAt(s),
        `${describeValue(s.topic)} gives the KafkaTopic name ${describeValue(object)}, as the published topic ${describeValue(other)} does; expected published topics whose names differ once lower-cased with "_" as "-"`,
      );
    }
    if (!problem && other === undefined) objects.set(object, s.topic);
    if (problem || (other !== undefined && other !== s.topic)) publishes.splice(i--, 1);
  }
}

/** What the compiler sets with Kafka streams, which the spec may not set too: the Strimzi cluster label and the two variables. */
function checkClashes(v: Json, err: Report): void {
  if (isObj(v.labels) && STRIMZI_CLUSTER_LABEL in v.labels) {
    err(
      ['labels', STRIMZI_CLUSTER_LABEL],
      `the label "${STRIMZI_CLUSTER_LABEL}" is set by the compiler on the KafkaUser and KafkaTopics (the platform's kafka.cluster); remove it`,
      'key',
    );
  }
  for (const variable of [KAFKA_BOOTSTRAP_ENV, KAFKA_JAAS_ENV]) {
    if (isObj(v.env) && variable in v.env) {
      err(
        ['env', variable],
        `${variable} is set by the compiler with Kafka streams (${variable === KAFKA_BOOTSTRAP_ENV ? "the platform's kafka.bootstrap_servers" : `key sasl.jaas.config of the Secret ${kafkaUserName('<name>')}`}); remove it`,
        'key',
      );
    }
  }
}

/**
 * ConfigMap mode: the streams go into the configuration's `streams_publishes` and `streams_subscribes`, which
 * must be mappings when the configuration has them; a component without a configuration gets them nowhere.
 */
function checkConfiguration(config: Json | undefined, err: Report, warn: Report): void {
  if (config === undefined) {
    warn(
      ['streams'],
      `are in no configuration: the component has no application_config, so no ${APPLICATION_CONFIG_KEY} holds streams_publishes ` +
        'and streams_subscribes; expected application_config (an empty mapping {} will do) for the compiler to write them there',
    );
    return;
  }
  for (const [, key] of LISTS) {
    if (config[key] !== undefined && !isObj(config[key])) {
      err(
        ['application_config', key],
        `is ${describeValue(config[key])}; expected a mapping of config_key to stream, into which the compiler writes the component's streams`,
      );
    }
  }
}

/**
 * The configuration with the component's streams, as DCAE's SDK reads them: under `streams_publishes` and
 * `streams_subscribes`, by config_key, a message-router stream as `{type: message_router, dmaap_info: {topic_url}}`
 * and a Kafka stream as `{type: kafka, kafka_info: {bootstrap_servers, topic_name}}`. The compiler's entry replaces
 * the configuration's entry of the same config_key; the configuration's other entries and keys stay.
 */
export function withStreams(config: Json, kafka: KafkaStreamsSpec, bootstrapServers: string): Json {
  const out: Json = { ...config };
  for (const [list, key] of LISTS) {
    const streams: readonly KafkaStream[] = kafka[list];
    if (streams.length === 0) continue;
    const entries: Json = isObj(out[key]) ? { ...(out[key] as Json) } : {};
    for (const s of streams) {
      setOwn(
        entries,
        s.configKey,
        s.type === 'kafka'
          ? { type: 'kafka', kafka_info: { bootstrap_servers: bootstrapServers, topic_name: s.topic } }
          : { type: 'message_router', dmaap_info: { topic_url: messageRouterTopicUrl(s.topic) } },
      );
    }
    out[key] = entries;
  }
  return out;
}
