/**
 * Mount paths that the platform file alone makes wrong, for every component: reported once, at the platform file.
 */
import { describeValue, KeyPath } from '../diagnostics';
import { Json } from '../values';
import { CERT_SERVICE, FILEBEAT } from './helper-mounts';
import { alreadyMounted, checkMounts, sameDirectoryWarning } from './mounts';
import { PlatformFacts, Rule } from './rule';

/**
 * The `platform-mounts` rule, over the platform file: what its settings alone make wrong for every component
 * that uses them: the filebeat sidecar's data and config mounts at one path, and the cert-service-client's
 * keystore and truststore projected to one path. Reported at the key the platform file sets (the other one
 * keeps its default).
 */
export const platformMountsRule: Rule<void, never, PlatformFacts> = {
  name: 'platform-mounts',
  description: "The platform's filebeat data and config paths differ, and so do its external_cert keystore and truststore keys.",
  check: ({ value: file, platform: { filebeat, externalCert: cert }, report: err, warn }) => {
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
        ? ['truststore_secret_key', 'keystore_secret_key']
        : ['keystore_secret_key', 'truststore_secret_key'];
      const value = describeValue(cert.keystore_secret_key);
      err(
        ['external_cert', key],
        `${value} is also external_cert.${other}, so ${CERT_SERVICE}'s tls-volume would project that key of ` +
          `the Secret to the path ${value} twice; the API server refuses it ("conflicting duplicate paths"); expected two different keys`,
      );
    }
  },
};
