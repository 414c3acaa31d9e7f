/**
 * Mount paths of the helper containers: the filebeat sidecar and the cert-service-client. Their paths come
 * from the platform settings and from the spec; two mounts at one path are refused by the API server, so
 * they are refused here, at the key that causes them (once at the platform file when the platform alone
 * causes them, for every component).
 */
import { CERT_SERVICE_MOUNT_PATH, filebeatLogPath } from '../../contract/names';
import { KeyPath } from '../diagnostics';
import { ExternalCertSpec } from '../model';
import { FilebeatSettings } from '../platform/settings';
import { Target } from '../source';
import { isObj, Report, str } from '../values';
import { alreadyMounted, checkMounts, Mount, sameDirectoryWarning } from './mounts';
import { ComponentRule, logDirectoryOf } from './rule';

/** The filebeat sidecar, in messages. */
export const FILEBEAT = 'the filebeat sidecar';
/** The cert-service-client, in messages. */
export const CERT_SERVICE = 'the cert-service-client';
const DATA = "filebeat-data (the platform's filebeat.data_path)";
const CONF = "filebeat-conf (the platform's filebeat.config_path)";
const TLS_VOLUME = 'tls-volume (its keystore and truststore)';

type At = readonly [KeyPath, Target];

/** The `helper-mounts` rule: the helper containers' mounts, each path once. */
export const helperMountsRule: ComponentRule<'helper-mounts', 'cert-manager'> = {
  name: 'helper-mounts',
  description: 'The filebeat sidecar and the cert-service-client mount each path once.',
  after: ['cert-manager'],
  check: ({ value, platform, read, report, warn }) => {
    const name = str(value.name);
    const alternateFbPath = isObj(value.log_info) ? str(value.log_info.alternate_fb_path) : undefined;
    if (logDirectoryOf(value) !== undefined && name !== undefined && platform.filebeat)
      checkFilebeatMounts(name, alternateFbPath, platform.filebeat, report, warn);
    const externalCert = read['cert-manager'];
    if (externalCert && !platform.certManager) checkCertServiceMounts(externalCert, report, warn);
  },
};

/** The filebeat sidecar's log mount against its data and config mounts (the platform's paths). */
function checkFilebeatMounts(
  name: string,
  alternateFbPath: string | undefined,
  filebeat: FilebeatSettings,
  err: Report,
  warn: Report,
): void {
  const logPath = filebeatLogPath(filebeat.log_path, name, alternateFbPath);
  // With alternate_fb_path the spec chose the path; without it the path follows from the component name.
  const byDefault = alternateFbPath ? '' : 'adds the filebeat sidecar, which mounts component-log at <filebeat.log_path>/<name>: ';
  const at: At = alternateFbPath ? [['log_info', 'alternate_fb_path'], 'value'] : [['log_info'], 'key'];
  const fix = alternateFbPath ? 'another path' : 'log_info.alternate_fb_path, set to another path';
  const mounts: Array<Mount<At>> = [
    { path: filebeat.data_path, who: DATA },
    { path: filebeat.config_path, who: CONF },
    { path: logPath, who: 'component-log', at },
  ];
  checkMounts(mounts, (later, earlier, how) => {
    if (how === 'exact') err(later.at[0], byDefault + alreadyMounted(later.path, earlier.who, FILEBEAT, fix), later.at[1]);
    else warn(later.at[0], byDefault + sameDirectoryWarning(later.path, earlier.path, earlier.who, FILEBEAT), later.at[1]);
  });
}

/** The cert-service-client's tls-info mount (external_cert_directory) against its fixed keystore mount. */
function checkCertServiceMounts(cert: ExternalCertSpec, err: Report, warn: Report): void {
  const mounts: Array<Mount<KeyPath>> = [
    { path: CERT_SERVICE_MOUNT_PATH, who: TLS_VOLUME },
    { path: cert.externalCertDirectory, who: 'tls-info', at: ['external_cert', 'external_cert_directory'] },
  ];
  checkMounts(mounts, (later, earlier, how) => {
    if (how === 'exact') err(later.at, alreadyMounted(later.path, earlier.who, CERT_SERVICE, 'another directory'));
    else warn(later.at, sameDirectoryWarning(later.path, earlier.path, earlier.who, CERT_SERVICE));
  });
}
