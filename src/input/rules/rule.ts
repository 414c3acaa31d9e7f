/**
 * The one shape of an input rule, in the style of typescript-eslint's rules: a module with a name, a sentence
 * of what it checks, and a check over a context through which it reports. A rule may give a typed result (the
 * spec's ports, volumes, probes...), which later rules read by name; a rule that only checks gives nothing.
 * Rules run in the order of one array, and a rule names the earlier rules whose results it reads (`after`):
 * its context holds those results and no others, and running it before them is a programming error.
 */
import type { ValidationContext } from './context';
import type { EnvValue } from '../../contract/env';
import { Diagnostic, KeyPath } from '../diagnostics';
import {
  ExternalCertSpec,
  KafkaStreamsSpec,
  MsbEntry,
  OwnPodSecurity,
  PortMapping,
  ProbeSpec,
  ResourcesSpec,
  ServiceAccountSpec,
  VolumeSpec,
} from '../model';
import { ExternalCertSettings, FilebeatSettings, PodSecuritySettings } from '../platform/settings';
import { SpecSource, Target } from '../source';
import { isObj, Json, Report, str } from '../values';

/** What each component rule gives the rules after it (and the spec), by the rule's name; `void` for a rule that only checks. */
export interface ComponentReads {
  readonly ports: PortMapping[];
  readonly volumes: VolumeSpec[];
  readonly probes: { readonly readiness?: ProbeSpec; readonly liveness?: ProbeSpec };
  readonly labels: Record<string, string>;
  readonly env: Array<[string, EnvValue]>;
  /** The external certificate the spec asks for (its SANs not yet filed by kind). */
  readonly 'external-cert': ExternalCertSpec | undefined;
  readonly 'mount-paths': void;
  /** The external certificate as the pod gets it: in cert-manager mode, with its SANs filed by kind. */
  readonly 'cert-manager': ExternalCertSpec | undefined;
  readonly 'helper-mounts': void;
  readonly 'derived-names': void;
  readonly 'container-names': void;
  readonly resources: ResourcesSpec | undefined;
  readonly msb: MsbEntry[];
  readonly 'application-config': Json | undefined;
  readonly 'pod-security': OwnPodSecurity | undefined;
  readonly 'service-account': ServiceAccountSpec | undefined;
  /** The ids of the policies the policy-sync sidecar fetches, with the platform's policy_sync.enabled. */
  readonly 'policy-sync': readonly string[] | undefined;
  readonly kafka: KafkaStreamsSpec | undefined;
  readonly 'image-pull': void;
}

/** The name of a component rule. */
export type RuleName = keyof ComponentReads;

/**
 * What a rule sees: the file's value and where it came from, the platform's facts, the results of the earlier
 * rules it reads, and where it reports.
 * @typeParam D the earlier rules whose results it reads
 * @typeParam P the platform's facts: a component's {@link ValidationContext}, or what a platform file's rules need
 */
export interface RuleContext<D extends RuleName = never, P = ValidationContext> {
  /** The file's parsed value (an empty mapping when it is no mapping, which the schema reports). */
  readonly value: Json;
  /** Where the value came from, for the scalars as written. */
  readonly source: SpecSource;
  /** The platform's facts. */
  readonly platform: P;
  /** The results of the earlier rules named in the rule's `after`. */
  readonly read: Pick<ComponentReads, D>;
  /** Reports an error at a key path (at the key itself with target `key`). */
  readonly report: Report;
  /** Reports a warning, which does not stop the run. */
  readonly warn: Report;
}

/**
 * An input rule.
 * @typeParam T what it gives (void when it only checks)
 * @typeParam D the earlier rules whose results it reads
 * @typeParam P the platform's facts it is given
 */
export interface Rule<T = void, D extends RuleName = never, P = ValidationContext> {
  /** Its name, in kebab case; a component rule's result is read under it. */
  readonly name: string;
  /** What it checks, in one sentence. */
  readonly description: string;
  /** Its messages, when they are worth naming apart from the check. */
  readonly messages?: Readonly<Record<string, (...args: never[]) => string>>;
  /** The earlier rules whose results it reads. */
  readonly after?: readonly D[];
  /** Checks the file, reports what is wrong, and gives its result. */
  check(context: RuleContext<D, P>): T;
}

/** A component rule: its result is the one {@link ComponentReads} has under its name. */
export type ComponentRule<N extends RuleName, D extends RuleName = never> = Rule<ComponentReads[N], D> & { readonly name: N };

/** Any rule over the facts P, as a list of rules holds it. */
export type AnyRule<P = ValidationContext> = Rule<unknown, RuleName, P>;

/** What the platform file's own rules are given: its settings, each undefined when the file's is invalid. */
export interface PlatformFacts {
  readonly filebeat?: FilebeatSettings;
  readonly externalCert?: ExternalCertSettings;
  readonly podSecurity?: PodSecuritySettings;
}

/** Where a rule's errors and warnings go. */
export interface Reports {
  readonly errors: Diagnostic[];
  readonly warnings: Diagnostic[];
}

/**
 * Runs rules in order over one file and gives their results by name.
 * @param reportsOf where a rule's reports go; undefined: they are dropped (a rule that runs only for its result)
 */
export function runRules<P>(
  rules: ReadonlyArray<AnyRule<P>>,
  source: SpecSource,
  platform: P,
  reportsOf: (rule: AnyRule<P>) => Reports | undefined,
): Record<string, unknown> {
  const value = isObj(source.value) ? source.value : {};
  const results = new Map<string, unknown>();
  for (const rule of rules) {
    const after = rule.after ?? [];
    const missing = after.filter((name) => !results.has(name));
    if (missing.length > 0) throw new Error(`rule ${rule.name} runs before ${missing.join(', ')}, whose results it reads`);
    const reports = reportsOf(rule);
    const read = Object.fromEntries(after.map((name) => [name, results.get(name)])) as Pick<ComponentReads, RuleName>;
    results.set(
      rule.name,
      rule.check({ value, source, platform, read, report: sink(source, reports?.errors), warn: sink(source, reports?.warnings) }),
    );
  }
  return Object.fromEntries(results);
}

/**
 * What a rule reports through: a diagnostic at a path of the source, pushed onto `list` (none: dropped). A
 * function of the module, not of each run of a rule: the bundle names every named inner function at each call.
 */
function sink(source: SpecSource, list: Diagnostic[] | undefined): (path: KeyPath, message: string, target?: Target) => void {
  return (path, message, target) => {
    list?.push(source.error(path, message, target));
  };
}

/** The spec's log_info.log_directory, where the main container's logs are mounted (and filebeat is added). */
export function logDirectoryOf(value: Json): string | undefined {
  return isObj(value.log_info) ? str(value.log_info.log_directory) : undefined;
}

/** The spec's tls_info.cert_directory (the platform's default applies when it is not set). */
export function certDirectoryOf(value: Json): string | undefined {
  return isObj(value.tls_info) ? str(value.tls_info.cert_directory) : undefined;
}
