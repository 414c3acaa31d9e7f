import { COMPONENT_DEFAULTS } from '../constructs/defaults';
import { Diagnostic, KeyPath } from './diagnostics';
import { ComponentSpec } from './model';
import { readApplicationConfig } from './rules/application-config';
import { readCertManager } from './rules/cert-manager';
import { readExternalCert } from './rules/external-cert';
import { readEnv, readLabels } from './rules/metadata';
import { readMsb } from './rules/msb';
import { checkContainerNames, checkDerivedNames } from './rules/names';
import { PortContext, readPorts } from './rules/ports';
import { readProbe } from './rules/probes';
import { checkRequestsWithinLimits, checkResourceNames, readResources } from './rules/resources';
import { checkMountPaths, readVolumes } from './rules/volumes';
import { checkCertServiceMounts, checkFilebeatMounts } from './rules/helper-mounts';
import { ApplicationConfigSource, FilebeatSettings, PodSecuritySettings } from './platform/settings';
import { checkPodSecurity, readPodSecurity } from './rules/pod-security';
import { checkSchema } from './schema';
import { SpecSource, Target } from './source';
import { isObj, str } from './values';

/** What a component file became: a spec when nothing was wrong, and every diagnostic otherwise. */
export interface ComponentResult {
  readonly spec?: ComponentSpec;
  readonly diagnostics: Diagnostic[];
  /** Things worth knowing that do not stop the run. */
  readonly warnings: Diagnostic[];
  /** Where the spec's values came from, for later checks that point at them. */
  readonly source: SpecSource;
}

/** The platform facts that validation needs. */
export interface ValidationContext extends PortContext {
  /** Where tls-info is mounted when the spec sets no tls_info.cert_directory. */
  readonly defaultCertDirectory: string;
  /** The filebeat sidecar's platform settings. Undefined when the platform's are invalid (its mounts are not checked then). */
  readonly filebeat?: FilebeatSettings;
  /** Where components read their configuration from (platform application_config.source). Undefined when the platform's is invalid (application_config is not read then). */
  readonly applicationConfigSource?: ApplicationConfigSource;
  /** The platform's pod_security. Undefined when the platform's are invalid (the spec's Pod Security is not checked then). @default undefined */
  readonly podSecurity?: PodSecuritySettings;
  /** cert-manager mode (platform cmpv2_issuer.enabled): external certificates come from a cert-manager Certificate. @default false */
  readonly certManager?: boolean;
}

/**
 * Validates a parsed component file into a typed spec: first against the published schema, then the rules a
 * schema cannot say (port ranges, derived names, probe ports, cross-field requirements). All problems are
 * reported; a spec is returned only when there are none.
 */
export function readComponent(source: SpecSource, context: ValidationContext): ComponentResult {
  const diagnostics = checkSchema('component', source);
  const v = isObj(source.value) ? source.value : {};
  const warnings: Diagnostic[] = [];
  const err = (path: KeyPath, message: string, target?: Target) => diagnostics.push(source.error(path, message, target));
  const warn = (path: KeyPath, message: string, target?: Target) => warnings.push(source.error(path, message, target));

  const name = str(v.name);
  const ports = readPorts(v.ports, context, err);
  const volumes = readVolumes(v.volumes, err);
  // A spec whose port entries are all wrong, or whose ports are not a list, still has ports: its probes are not also "without a port".
  const hasPorts = v.ports !== undefined && !(Array.isArray(v.ports) && v.ports.length === 0);
  const readiness = readProbe(v, 'readiness', ports, hasPorts, source, err, warn);
  const liveness = readProbe(v, 'liveness', ports, hasPorts, source, err, warn);
  const labels = readLabels(v.labels, err);
  const env = readEnv(v.env, source, err);
  const requested = readExternalCert(v.external_cert, err);
  const logDirectory = isObj(v.log_info) ? str(v.log_info.log_directory) : undefined;
  const tlsInfo = isObj(v.tls_info) ? v.tls_info : {};
  const certDirectory = str(tlsInfo.cert_directory);
  const alternateFbPath = isObj(v.log_info) ? str(v.log_info.alternate_fb_path) : undefined;
  checkMountPaths(volumes, logDirectory, certDirectory, context.defaultCertDirectory, err, warn);
  const externalCert = requested && context.certManager
    ? readCertManager(requested, { volumes, logDirectory, certDirectory: certDirectory || context.defaultCertDirectory }, err, warn)
    : requested;
  if (logDirectory !== undefined && name !== undefined && context.filebeat) checkFilebeatMounts(name, alternateFbPath, context.filebeat, err, warn);
  if (externalCert && !context.certManager) checkCertServiceMounts(externalCert, err, warn);
  if (name !== undefined && /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name)) checkDerivedNames(name, ports, err);
  if (name !== undefined) checkContainerNames(name, { filebeat: logDirectory !== undefined, externalCert: externalCert !== undefined, certManager: context.certManager }, err);
  checkResourceNames(v.resources, err);
  checkRequestsWithinLimits(v.resources, err);
  const msbList = readMsb(v.msb_list, name ?? '', ports, err);
  const applicationConfig = readApplicationConfig(v, { volumes, logDirectory, certDirectory, defaultCertDirectory: context.defaultCertDirectory }, context.applicationConfigSource, err, warn);
  const podSecurity = readPodSecurity(v.pod_security);
  checkPodSecurity(podSecurity, context.podSecurity, volumes, err);

  if (diagnostics.length > 0 || name === undefined) return { diagnostics, warnings, source };
  const spec: ComponentSpec = {
    file: source.file,
    name,
    image: v.image as string,
    namespace: str(v.namespace),
    replicas: typeof v.replicas === 'number' ? v.replicas : COMPONENT_DEFAULTS.replicas,
    alwaysPull: v.always_pull === true,
    labels,
    env,
    ports,
    volumes,
    resources: readResources(v.resources),
    readiness,
    liveness,
    logInfo: logDirectory
      ? { logDirectory, alternateFbPath }
      : undefined,
    tlsInfo: { useTls: tlsInfo.use_tls === true, certDirectory },
    externalCert,
    k8sLocation: str(v.k8s_location),
    msbList,
    applicationConfig,
    podSecurity,
  };
  return { spec, diagnostics, warnings, source };
}

