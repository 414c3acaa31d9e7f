/**
 * Mount paths of the helper containers: the filebeat sidecar and the cert-service-client. Their paths come
 * from the platform settings and from the spec; two mounts at one path are refused by the API server, so
 * they are refused here, at the key that causes them (once at the platform file when the platform alone
 * causes them, for every component).
 */
import { CERT_SERVICE_MOUNT_PATH, filebeatLogPath } from '../../constructs/names';
import { describeValue, KeyPath } from '../diagnostics';
import { ExternalCertSpec } from '../model';
import { ExternalCertSettings, FilebeatSettings } from '../platform/settings';
import { Target } from '../source';
import { Json, Report } from '../values';
import { alreadyMounted, checkMounts, Mount, sameDirectoryWarning } from './mounts';

const FILEBEAT = 'the filebeat sidecar';
const CERT_SERVICE = 'the cert-service-client';
const DATA = 'filebeat-data (the platform\'s filebeat.data_path)';
const CONF = 'filebeat-conf (the platform\'s filebeat.config_path)';
const TLS_VOLUME = 'tls-volume (its keystore and truststore)';

type At = readonly [KeyPath, Target];

/** The filebeat sidecar's log mount against its data and config mounts (the platform's paths). */
export function checkFilebeatMounts(name: string, alternateFbPath: string | undefined, filebeat: FilebeatSettings, err: Report, warn: Report): void {
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
export function checkCertServiceMounts(cert: ExternalCertSpec, err: Report, warn: Report): void {
  const mounts: Array<Mount<KeyPath>> = [
    { path: CERT_SERVICE_MOUNT_PATH, who: TLS_VOLUME },
    { path: cert.externalCertDirectory, who: 'tls-info', at: ['external_cert', 'external_cert_directory'] },
  ];
  checkMounts(mounts, (later, earlier, how) => {
    if (how === 'exact') err(later.at, alreadyMounted(later.path, earlier.who, CERT_SERVICE, 'another directory'));
    else warn(later.at, sameDirectoryWarning(later.path, earlier.path, earlier.who, CERT_SERVICE));
  });
}

/**
 * What the platform settings alone make wrong for every component that uses them: the filebeat sidecar's data
 * and config mounts at one path, and the cert-service-client's keystore and truststore projected to one path.
 * Reported at the key the platform file sets (the other one keeps its default).
 * @param file the platform file's own values, to tell which key it sets
 */
export function checkPlatformMounts(filebeat: FilebeatSettings | undefined, cert: ExternalCertSettings | undefined, file: Json, err: Report, warn: Report): void {
  const sets = (group: string, key: string) => {
    const g = file[group];
    return typeof g === 'object' && g !== null && (g as Json)[key] !== undefined;
  };
  if (filebeat) {
    const conf = { path: filebeat.config_path, who: 'filebeat-conf (filebeat.config_path)', at: ['filebeat', 'config_path'] as KeyPath };
    const data = { path: filebeat.data_path, who: 'filebeat-data (filebeat.data_path)', at: ['filebeat', 'data_path'] as KeyPath };
    checkMounts(sets('filebeat', 'config_path') ? [data, conf] : [conf, data], (later, earlier, how) => {
      if (how === 'exact') err(later.at, alreadyMounted(later.path, earlier.who, FILEBEAT, 'another path'));
      else warn(later.at, sameDirectoryWarning(later.path, earlier.path, earlier.who, FILEBEAT));
    });
  }
  if (cert && cert.keystore_secret_key === cert.truststore_secret_key) {
    const [key, other] = sets('external_cert', 'truststore_secret_key')
      ? ['truststore_secret_key', 'keystore_secret_key'] : ['keystore_secret_key', 'truststore_secret_key'];
    const value = describeValue(cert.keystore_secret_key);
    err(['external_cert', key], `${value} is also external_cert.${other}, so ${CERT_SERVICE}'s tls-volume would project that key of ` +
      `the Secret to the path ${value} twice; the API server refuses it ("conflicting duplicate paths"); expected two different keys`);
  }
}
