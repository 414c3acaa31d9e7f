/** The kafka rule: streams and topics only with the platform's kafka.enabled; then a topic for each Kafka stream. */
import { kafkaRule } from '../../../src/input/rules/kafka';
import { F, testRule, withHead, y } from './tester';

const ON = y('kafka:', '  enabled: true');
const CONFIGMAP = y('kafka:', '  enabled: true', 'application_config:', '  source: configmap');
const PUBLISH = 'streams: {publishes: [{config_key: out, type: kafka, topic: OUT}]}';
const OFF = (key: string): string =>
  `${F}:3:1: ${key}: is set, and the platform's kafka.enabled is false: streams are ignored, as the plugin ignored them; expected no ${key}, ` +
  'or kafka: {enabled: true} in platform.yaml to give the component a KafkaUser <name>-ku, a KafkaTopic per published topic and the ' +
  'variables BOOTSTRAP_SERVERS and JAAS_CONFIG';

testRule(kafkaRule, {
  valid: [
    { title: 'no streams, mode off', spec: withHead() },
    { title: 'no streams, mode on', spec: withHead(), platform: ON },
    { title: 'a published topic, mode on', spec: withHead(PUBLISH), platform: ON },
    {
      title: 'a topic from topics, mode on',
      spec: withHead('topics: {out: OUT}', 'streams: {subscribes: [{config_key: out, type: message router}]}'),
      platform: ON,
    },
    { title: 'empty lists, mode on', spec: withHead('streams: {publishes: [], subscribes: []}'), platform: ON },
    {
      title: 'a configuration, ConfigMap mode',
      spec: withHead(PUBLISH, 'application_config: {streams_publishes: {}}'),
      platform: CONFIGMAP,
    },
  ],
  invalid: [
    { title: 'streams, mode off', spec: withHead(PUBLISH), errors: [OFF('streams')] },
    {
      title: 'topics, mode off in the platform file',
      spec: withHead('topics: {out: OUT}'),
      platform: y('kafka:', '  enabled: false'),
      errors: [OFF('topics')],
    },
    {
      title: 'a data-router stream',
      spec: withHead('streams: {publishes: [{config_key: f, type: data router}]}'),
      platform: ON,
      errors: [
        `${F}:3:45: streams.publishes[0].type: "data router" is a data-router stream, which the compiler does not write: Strimzi has no data router, and DMaaP's data router is gone from today's ONAP; expected a message_router or kafka stream (a topic on the Strimzi cluster), or no such stream`,
      ],
    },
    {
      title: 'an http stream',
      spec: withHead('streams: {subscribes: [{type: http}]}'),
      platform: ON,
      errors: [],
      warnings: [
        `${F}:3:24: streams.subscribes[0]: is an http stream: the component calls it or is called directly, with no topic, and no Kubernetes object is written for it; ignored`,
      ],
    },
    {
      title: 'a stream without a topic',
      spec: withHead('streams: {subscribes: [{config_key: in, type: message_router}]}'),
      platform: ON,
      errors: [
        `${F}:3:24: streams.subscribes[0].topic: missing; the message_router stream "in" has no topic: neither topics.in nor the stream gives one (in a DCAE spec, a streams_publishes or streams_subscribes parameter whose entry has a dmaap_info.topic_url ending in /events/<topic>, or a kafka_info.topic_name); expected topics: {in: <topic>}`,
      ],
    },
    {
      title: 'no configuration in ConfigMap mode',
      spec: withHead(PUBLISH),
      platform: CONFIGMAP,
      errors: [],
      warnings: [
        `${F}:3:10: streams: are in no configuration: the component has no application_config, so no application_config.yaml holds streams_publishes and streams_subscribes; expected application_config (an empty mapping {} will do) for the compiler to write them there`,
      ],
    },
  ],
});
