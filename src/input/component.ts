import { COMPONENT_DEFAULTS } from '../contract/defaults';
import { Diagnostic } from './diagnostics';
import { ComponentSpec } from './model';
import { applicationConfigRule } from './rules/application-config';
import { certManagerRule } from './rules/cert-manager';
import { containerNamesRule } from './rules/container-names';
import { derivedNamesRule } from './rules/derived-names';
import { envRule } from './rules/env';
import { externalCertRule } from './rules/external-cert';
import { helperMountsRule } from './rules/helper-mounts';
import { imagePullRule } from './rules/image-pull';
import { kafkaRule, withStreams } from './rules/kafka';
import { labelsRule } from './rules/labels';
import { mountPathsRule } from './rules/mount-paths';
import { msbRule } from './rules/msb';
import { effectivePodSecurity, podSecurityRule } from './rules/pod-security';
import { portsRule } from './rules/ports';
import { policySyncRule } from './rules/policy-sync';
import { probesRule } from './rules/probes';
import { resourcesRule } from './rules/resources';
import { serviceAccountRule } from './rules/service-account';
import { AnyRule, certDirectoryOf, ComponentReads, logDirectoryOf, runRules } from './rules/rule';
import { volumesRule } from './rules/volumes';
import { checkSchema } from './schema';
import { DEFAULT_PLATFORM } from './platform/settings';
import { SpecSource } from './source';
import { isObj, str } from './values';

import type { ValidationContext } from './rules/context';

/** What a component file became: a spec when nothing was wrong, and every diagnostic otherwise. */
export interface ComponentResult {
  readonly spec?: ComponentSpec;
  readonly diagnostics: Diagnostic[];
  /** Things worth knowing that do not stop the run. */
  readonly warnings: Diagnostic[];
  /** Where the spec's values came from, for later checks that point at them. */
  readonly source: SpecSource;
}

export type { ValidationContext } from './rules/context';

/**
 * The rules a schema cannot say, in the order they run and report. A rule runs after the rules whose results it
 * reads (its `after`); the spec is assembled from their results.
 */
export const COMPONENT_RULES: ReadonlyArray<AnyRule> = [
  portsRule,
  volumesRule,
  probesRule,
  labelsRule,
  envRule,
  externalCertRule,
  mountPathsRule,
  certManagerRule,
  helperMountsRule,
  derivedNamesRule,
  containerNamesRule,
  resourcesRule,
  msbRule,
  applicationConfigRule,
  podSecurityRule,
  serviceAccountRule,
  policySyncRule,
  kafkaRule,
  imagePullRule,
];

/**
 * Validates a parsed component file into a typed spec: first against the published schema, then the rules a
 * schema cannot say ({@link COMPONENT_RULES}: port ranges, derived names, probe ports, cross-field requirements).
 * All problems are reported; a spec is returned only when there are none.
 */
export function readComponent(source: SpecSource, context: ValidationContext): ComponentResult {
  const diagnostics = checkSchema('component', source);
  const warnings: Diagnostic[] = [];
  const read = runRules(COMPONENT_RULES, source, context, () => ({ errors: diagnostics, warnings })) as unknown as ComponentReads;

  const v = isObj(source.value) ? source.value : {};
  const name = str(v.name);
  if (diagnostics.length > 0 || name === undefined) return { diagnostics, warnings, source };
  const logDirectory = logDirectoryOf(v);
  const tlsInfo = isObj(v.tls_info) ? v.tls_info : {};
  const spec: ComponentSpec = {
    file: source.file,
    name,
    image: v.image as string,
    namespace: str(v.namespace) ?? context.namespace,
    replicas: typeof v.replicas === 'number' ? v.replicas : COMPONENT_DEFAULTS.replicas,
    alwaysPull: v.always_pull === true,
    labels: read.labels,
    env: read.env,
    ports: read.ports,
    volumes: read.volumes,
    resources: read.resources,
    readiness: read.probes.readiness,
    liveness: read.probes.liveness,
    logInfo: logDirectory
      ? { logDirectory, alternateFbPath: isObj(v.log_info) ? str(v.log_info.alternate_fb_path) : undefined }
      : undefined,
    tlsInfo: { useTls: tlsInfo.use_tls === true, certDirectory: certDirectoryOf(v) || context.defaultCertDirectory },
    externalCert: read['cert-manager'],
    k8sLocation: str(v.k8s_location),
    msbList: read.msb,
    applicationConfig: withKafkaStreams(read['application-config'], read.kafka, context),
    // A platform whose pod_security is invalid has reported it: nothing is rendered, the defaults stand in.
    podSecurity: effectivePodSecurity(context.podSecurity ?? DEFAULT_PLATFORM.pod_security, read['pod-security']),
    serviceAccount: read['service-account'],
    policyIds: read['policy-sync'],
    kafka: read.kafka,
  };
  return { spec, diagnostics, warnings, source };
}

/** The configuration, with the component's Kafka streams written into it when it has both. */
function withKafkaStreams(
  config: ComponentReads['application-config'],
  kafka: ComponentReads['kafka'],
  context: ValidationContext,
): ComponentReads['application-config'] {
  return config && kafka && context.kafka ? withStreams(config, kafka, context.kafka.bootstrap_servers) : config;
}
