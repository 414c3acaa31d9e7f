import { PlatformSettings } from '../platform/settings';
import { readComponent, ValidationContext } from '../component';
import { Diagnostic, formatDiagnostic } from '../diagnostics';
import { SourceFile, SpecSource } from '../source';
import { ComponentSpec } from '../model';
import { checkDcaeSchema } from './dcae-schema';
import { IgnoredKey, mapDcaeSpec } from './mapping';
import { fixIn, MergedSource, Override } from './merged-source';
import { checkParameters } from './parameters';
import { withProbePorts } from './probe-port';
import { isObj, Json, mergePatch } from '../values';
import { POLICY_FILE } from '../../contract/names';

/** A DCAE component spec compiled: the spec when nothing is wrong, errors, and warnings about what the plugin ignored. */
export interface DcaeResult {
  readonly spec?: ComponentSpec;
  readonly diagnostics: Diagnostic[];
  readonly warnings: Diagnostic[];
  /** Where the spec's values came from (the JSON and the override), when it got that far. */
  readonly source?: SpecSource;
}

/**
 * Compiles a DCAE component spec (JSON): checks it against the component-spec schema, maps it as the
 * blueprint generator did, applies the YAML override when there is one, and validates the result like
 * any component spec.
 */
export function readDcaeComponent(
  json: { readonly name: string; readonly text: string },
  platform: PlatformSettings,
  context: ValidationContext,
  override?: Override,
): DcaeResult {
  const parsed = SourceFile.parse(json.name, json.text);
  if (!parsed.source) return { diagnostics: parsed.diagnostics, warnings: [] };
  const source = parsed.source;
  // With a ConfigMap, the parameters are the application configuration: the compiler reads their names and values.
  const configmap = platform.application_config.source === 'configmap';
  const policySync = platform.policy_sync.enabled;
  const schema = checkDcaeSchema(source, { readsParameters: configmap, readsPolicies: policySync, readsStreams: platform.kafka.enabled });
  const value = source.value as Json;
  const self = isObj(value.self) ? value.self : {};
  if (self.component_type !== 'docker') {
    // Not a docker component, or one that does not say so: nothing to map.
    if (schema.errors.length > 0) return { diagnostics: schema.errors, warnings: schema.warnings };
    return {
      diagnostics: [
        source.error(
          ['self', 'component_type'],
          `${JSON.stringify(self.component_type)} components were not deployed by the Kubernetes plugin; expected "docker"`,
        ),
      ],
      warnings: schema.warnings,
    };
  }
  // A docker component is mapped and validated even when the schema refused some of it: the mapping reads
  // any shape, so that every problem is reported in one run.
  const mapped = mapDcaeSpec(value, platform, override?.value);
  const parameters = configmap ? checkParameters(source, override) : undefined;
  const warnings = [
    ...schema.warnings,
    ...(parameters?.warnings ?? []),
    ...mapped.ignored.map((k) => ignoredKey(source, k)),
    ...(policySync ? notCarriedOver(source) : []),
  ];
  const merged = override ? mergePatch(mapped.value, override.value) : mapped.value;
  const result = readComponent(new MergedSource(source, mapped, merged, override, context.nodePortRange), context);
  let rules = result.diagnostics;
  if (mapped.value.image === undefined && override?.value.image === undefined) {
    // Instead of the component schema's "image: missing", which names no DCAE key: no image artifact, or
    // one without a uri (which the DCAE schema reports at that artifact).
    rules = rules.filter((d) => d.path !== 'image');
    if (!mapped.hasImageArtifact) {
      rules.push(
        source.error(
          ['artifacts'],
          `has no artifact of type "docker image"; expected one, whose uri is the image. To fix it, ${fixIn(json.name, override, 'image')}`,
        ),
      );
    }
  }
  if (parameters) rules = [...rules, ...parameters.errors];
  // An override's policy_ids (null included, which gives no sidecar) replaces the DCAE spec's ids.
  if (override?.value.policy_ids === undefined) {
    for (const at of mapped.policiesWithoutId) {
      rules.push(
        source.error(
          at,
          "has no policy_id (a non-empty string), and the platform's policy_sync.enabled is true: the policy-sync sidecar fetches " +
            `policies by id; expected a policy_id in each policy, or the ids in policy_ids. To fix it, ${fixIn(json.name, override, 'policy_ids: [<policy id>, ...]')}`,
        ),
      );
    }
  }
  const diagnostics = combine(schema.errors, rules, source.file);
  const probed = diagnostics.length === 0 && result.spec ? withProbePorts(result.spec, mapped.probePorts, source) : undefined;
  return {
    spec: probed?.spec,
    diagnostics,
    warnings: [...warnings, ...result.warnings, ...(probed?.warnings ?? [])],
    source: result.source,
  };
}

/** What a policy change runs in the component: nothing, neither with the plugin nor with the compiler. */
const POLICY_UPDATES: ReadonlyArray<readonly [key: string, what: string]> = [
  ['policy', 'the script it names on a policy change'],
  ['reconfigs', 'its reconfiguration scripts'],
];

/**
 * With the policy-sync sidecar, a warning at `auxilary.policy` and `auxilary.reconfigs`: nothing runs their scripts,
 * and the component must read the policies' file itself.
 */
function notCarriedOver(source: SourceFile): Diagnostic[] {
  const aux = isObj((source.value as Json).auxilary) ? ((source.value as Json).auxilary as Json) : {};
  return POLICY_UPDATES.filter(([key]) => aux[key] !== undefined).map(([key, what]) =>
    source.error(
      ['auxilary', key],
      `is not carried over: nothing runs ${what} (the plugin did not either); the policy-sync sidecar (platform ` +
        `policy_sync.enabled) rewrites ${POLICY_FILE} every policy_sync.interval seconds, and the component reads that file ` +
        '(the DCAE SDK merges it into the configuration)',
      'key',
    ),
  );
}

/** The warning for a key of a mapped value that the plugin ignored, and the mapping dropped. */
function ignoredKey(source: SourceFile, key: IgnoredKey): Diagnostic {
  const read = key.read.map((k) => `"${k}"`);
  const list = read.length === 1 ? read[0] : `${read.slice(0, -1).join(', ')} and ${read[read.length - 1]}`;
  return source.error(key.path, `ignored; the plugin read only ${list} here, and so does the compiler`, 'key');
}

/**
 * The schema's errors and the component rules' errors together, each problem once: where both point at the
 * same value of the DCAE spec (the same key path, or one inside the other), the rule's error is kept, as it
 * says what the compiler needs and which override fixes it; identical lines are one.
 */
function combine(schemaErrors: Diagnostic[], rules: Diagnostic[], file: string): Diagnostic[] {
  const inJson = rules.filter((d) => d.file === file && d.path !== '').map((d) => d.path);
  const within = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  const kept = schemaErrors.filter((e) => !inJson.some((p) => within(p, e.path) || within(e.path, p)));
  // A derived value's problem is reported at the value it came from: the same line as that value's own.
  const seen = new Set<string>();
  return [...kept, ...rules].filter((d) => {
    const key = formatDiagnostic(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
