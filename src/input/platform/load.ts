import { Diagnostic } from '../diagnostics';
import { platformMountsRule } from '../rules/platform-mounts';
import { platformPodSecurityRule } from '../rules/platform-pod-security';
import { AnyRule, PlatformFacts, runRules } from '../rules/rule';
import { checkSchema } from '../schema';
import { SourceFile } from '../source';
import { isObj, mergePatch } from '../values';
import { kafkaBootstrapServers } from '../../contract/names';
import { DEFAULT_PLATFORM, nodePortRange, PlatformSettings } from './settings';

/** The rules of the platform file a schema cannot say, in the order they run and report. */
export const PLATFORM_RULES: ReadonlyArray<AnyRule<PlatformFacts>> = [platformMountsRule, platformPodSecurityRule];

/** What the platform file's rules are given: its settings, each left out when the file's is invalid. */
export function platformFacts({ settings, invalidKeys }: Pick<PlatformResult, 'settings' | 'invalidKeys'>): PlatformFacts {
  return {
    filebeat: invalidKeys.has('filebeat') ? undefined : settings.filebeat,
    externalCert: invalidKeys.has('external_cert') ? undefined : settings.external_cert,
    podSecurity: invalidKeys.has('pod_security') ? undefined : settings.pod_security,
  };
}

/** The Kafka bootstrap address derives from the final cluster, unless the file gives one. */
function withDerivedBootstrap(settings: PlatformSettings, fileKafka: unknown): PlatformSettings {
  if (isObj(fileKafka) && fileKafka.bootstrap_servers !== undefined) return settings;
  return { ...settings, kafka: { ...settings.kafka, bootstrap_servers: kafkaBootstrapServers(settings.kafka.cluster) } };
}

/** The platform settings of a run, and what is wrong with its platform file. */
export interface PlatformResult {
  /** The defaults, merged with every top-level key of the file that is valid. */
  readonly settings: PlatformSettings;
  readonly diagnostics: Diagnostic[];
  /** Things worth knowing about the platform file that do not stop the run. */
  readonly warnings: Diagnostic[];
  /** Top-level keys of the file that are wrong, and so were not merged. */
  readonly invalidKeys: ReadonlySet<string>;
}

/**
 * Reads `platform.yaml` (when there is one) and merges it over the built-in defaults.
 * @param file the file's name for messages; undefined when the project has no platform file
 * @param text its contents, or why it has none (it could not be decoded)
 */
export function loadPlatform(file: string | undefined, text: string | { readonly diagnostic: Diagnostic } | undefined): PlatformResult {
  if (file === undefined || text === undefined)
    return { settings: DEFAULT_PLATFORM, diagnostics: [], warnings: [], invalidKeys: new Set() };
  // A file that cannot be read counts as one whose every key is wrong: host ports are not checked against a range it may change.
  const unread = (diagnostics: Diagnostic[]) => ({
    settings: DEFAULT_PLATFORM,
    diagnostics,
    warnings: [],
    invalidKeys: new Set(Object.keys(DEFAULT_PLATFORM)),
  });
  if (typeof text !== 'string') return unread([text.diagnostic]);
  const parsed = SourceFile.parse(file, text);
  if (!parsed.source) return unread(parsed.diagnostics);
  const source = parsed.source;
  const diagnostics = checkSchema('platform', source);
  // Keep what is valid, so that components are still checked against the file's other settings in the same run.
  const invalidKeys = new Set(diagnostics.map((d) => d.path.split(/[.[]/)[0]));
  const { $schema: _ignored, ...values } = source.value as Record<string, unknown>;
  const merged = mergePatch(DEFAULT_PLATFORM, Object.fromEntries(Object.entries(values).filter(([k]) => !invalidKeys.has(k))));
  const settings = withDerivedBootstrap(merged, values.kafka);
  const { min, max } = nodePortRange(settings);
  if (!invalidKeys.has('node_port_range') && !(min >= 1 && max <= 65535 && min <= max)) {
    diagnostics.push(
      source.error(
        ['node_port_range'],
        `${JSON.stringify(settings.node_port_range)} is not a range of ports "<first>-<last>" with 1 <= first <= last <= 65535`,
      ),
    );
    invalidKeys.add('node_port_range');
  }
  const sa = settings.service_account;
  if (!invalidKeys.has('service_account') && sa.role !== undefined && !sa.enabled) {
    diagnostics.push(
      source.error(
        ['service_account', 'role'],
        `is ${JSON.stringify(sa.role)}, and service_account.enabled is false: a RoleBinding binds the component's ServiceAccount, which only ` +
          'service_account.enabled: true writes; expected service_account: {enabled: true, role: ...}, or no role',
        'key',
      ),
    );
    invalidKeys.add('service_account');
  }
  const warnings: Diagnostic[] = [];
  runRules(PLATFORM_RULES, source, platformFacts({ settings, invalidKeys }), () => ({ errors: diagnostics, warnings }));
  return { settings, diagnostics, warnings, invalidKeys };
}
