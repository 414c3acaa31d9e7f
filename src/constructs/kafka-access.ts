import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PodPart } from './pod-part';
import { ComponentPod } from './component-pod';
import { PLATFORM_DEFAULTS } from '../contract/defaults';
import {
  KAFKA_BOOTSTRAP_ENV,
  KAFKA_JAAS_ENV,
  KAFKA_JAAS_SECRET_KEY,
  kafkaBootstrapServers,
  kafkaTopicObjectName,
  kafkaUserName,
  STRIMZI_CLUSTER_LABEL,
  StrimziApiVersion,
} from '../contract/names';

/** The operations a KafkaUser is allowed on a topic it publishes to. */
export const PUBLISH_OPERATIONS: readonly string[] = ['Write', 'DescribeConfigs'];
/** The operations a KafkaUser is allowed on a topic it subscribes to. */
export const SUBSCRIBE_OPERATIONS: readonly string[] = ['Read', 'Describe'];
/** The operation a KafkaUser is allowed on a consumer group. */
export const GROUP_OPERATIONS: readonly string[] = ['Read'];

/** A topic the component reads, and the consumer group it reads with. */
export interface KafkaSubscriber {
  /** The topic: the user gets Read and Describe on it. */
  readonly topic: string;
  /** The consumer group: the user gets Read on it. */
  readonly consumerGroup: string;
}

/** Options of {@link KafkaAccess}: its props without the pod. */
export interface KafkaAccessOptions {
  /**
   * The Strimzi Kafka cluster: the label `strimzi.io/cluster` of every object.
   * @default "onap-strimzi" (platform kafka.cluster)
   */
  readonly cluster?: string;
  /**
   * The main container's BOOTSTRAP_SERVERS.
   * @default <cluster>-kafka-bootstrap:9092, derived from the cluster (as the platform's kafka.bootstrap_servers is)
   */
  readonly bootstrapServers?: string;
  /**
   * The topics the component writes to, in order: each gets a KafkaTopic, and the user Write and DescribeConfigs on it.
   * @default none
   */
  readonly publishes?: readonly string[];
  /**
   * The topics the component reads, in order, each with its consumer group.
   * @default none
   */
  readonly subscribes?: ReadonlyArray<KafkaSubscriber>;
  /**
   * Each KafkaTopic's `retention.ms`, a whole number (-1: no limit).
   * @default 7200000 (platform kafka.retention_ms)
   */
  readonly retentionMs?: number;
  /**
   * The API version of the KafkaUser and KafkaTopics: `kafka.strimzi.io/v1` for Strimzi 1.x.
   * @default "kafka.strimzi.io/v1beta2" (platform kafka.api_version)
   */
  readonly apiVersion?: StrimziApiVersion;
  /**
   * Each KafkaTopic's `segment.bytes`, a whole number.
   * @default 1073741824 (platform kafka.segment_bytes)
   */
  readonly segmentBytes?: number;
}

/** Props of {@link KafkaAccess}. */
export interface KafkaAccessProps extends KafkaAccessOptions {
  /** The pod whose main container reaches Kafka. */
  readonly pod: ComponentPod;
}

/**
 * The component's access to a Strimzi Kafka cluster (apiVersion `kafka.strimzi.io/v1beta2`): a KafkaTopic per
 * distinct published topic (`<topic lower-cased, _ as ->-kt`, `spec.topicName` the exact topic, `spec.config`
 * retention.ms and segment.bytes), then the KafkaUser `<name>-ku` (SCRAM-SHA-512, simple authorization with one
 * literal ACL per distinct topic, published then subscribed, and then one per consumer group), all with the pod's
 * labels and `strimzi.io/cluster`, written before the Deployment; and the main container's `BOOTSTRAP_SERVERS` and
 * `JAAS_CONFIG`, the key `sasl.jaas.config` of the Secret `<name>-ku` that Strimzi's User Operator writes.
 *
 * Construct ids: `Topic-<topic>` for each KafkaTopic, `User` for the KafkaUser.
 */
export class KafkaAccess extends PodPart {
  /** The KafkaTopics, in the order of the published topics. */
  public readonly topics: readonly ApiObject[];
  /** The KafkaUser. */
  public readonly user: ApiObject;

  constructor(scope: Construct, id: string, props: KafkaAccessProps) {
    super(scope, id, props.pod);
    const pod = this.pod;
    const d = PLATFORM_DEFAULTS.kafka;
    const cluster = props.cluster ?? d.cluster;
    const labels = { ...pod.labels, [STRIMZI_CLUSTER_LABEL]: cluster };
    const publishes = distinct(props.publishes ?? []);
    const subscribes = distinct((props.subscribes ?? []).map((s) => s.topic));
    const groups = distinct((props.subscribes ?? []).map((s) => s.consumerGroup));
    if (publishes.length + subscribes.length === 0) {
      this.node.addValidation({
        validate: () => ['KafkaAccess: no topic to publish to or subscribe to; give publishes or subscribes, or leave the construct out'],
      });
    }

    this.topics = publishes.map(
      (topic) =>
        new ApiObject(this, `Topic-${topic}`, {
          apiVersion: props.apiVersion ?? d.apiVersion,
          kind: 'KafkaTopic',
          metadata: { name: kafkaTopicObjectName(topic), labels },
          spec: {
            topicName: topic,
            config: { 'retention.ms': props.retentionMs ?? d.retentionMs, 'segment.bytes': props.segmentBytes ?? d.segmentBytes },
          },
        }),
    );
    const operations = (topic: string) => [
      ...(publishes.includes(topic) ? PUBLISH_OPERATIONS : []),
      ...(subscribes.includes(topic) ? SUBSCRIBE_OPERATIONS : []),
    ];
    const name = kafkaUserName(pod.componentName);
    this.user = new ApiObject(this, 'User', {
      apiVersion: props.apiVersion ?? d.apiVersion,
      kind: 'KafkaUser',
      metadata: { name, labels },
      spec: {
        authentication: { type: 'scram-sha-512' },
        authorization: {
          type: 'simple',
          acls: [
            ...distinct([...publishes, ...subscribes]).map((topic) => acl('topic', topic, operations(topic))),
            ...groups.map((group) => acl('group', group, GROUP_OPERATIONS)),
          ],
        },
      },
    });
    // cdk8s writes an object after those it depends on: the topics and the user (whose Secret the pod reads) come first.
    for (const o of [...this.topics, this.user]) pod.deployment.node.addDependency(o);
    pod.addMainEnv(KAFKA_BOOTSTRAP_ENV, props.bootstrapServers ?? kafkaBootstrapServers(cluster));
    pod.addMainEnv(KAFKA_JAAS_ENV, { secret: name, key: KAFKA_JAAS_SECRET_KEY });
  }
}

/** One ACL: the operations on one resource, named exactly (pattern type literal). */
function acl(type: 'topic' | 'group', name: string, operations: readonly string[]): object {
  return { resource: { type, name, patternType: 'literal' }, operations: [...operations] };
}

/** The items of a list, each once, in first-seen order. */
function distinct(list: readonly string[]): string[] {
  return [...new Set(list)];
}
