/**
 * The main container's mount paths: the API server refuses two mounts at one path, and the same directory
 * written two ways is a warning (./mounts.ts).
 */
import { describeValue, KeyPath } from '../diagnostics';
import { checkMounts, Mount, sameDirectoryWarning } from './mounts';
import { certDirectoryOf, ComponentRule, logDirectoryOf } from './rule';

/**
 * The main container may not mount two volumes at one path: the API server refuses it. The same directory
 * written two ways (`/logs`, `/logs/`) is a warning ({@link checkMounts}).
 */
export const mountPathsRule: ComponentRule<'mount-paths', 'volumes'> = {
  name: 'mount-paths',
  description: 'The main container mounts each path once: its volumes, log_info.log_directory and the TLS cert directory.',
  after: ['volumes'],
  check: ({ value, platform, read: { volumes }, report: err, warn }) => {
    const logDirectory = logDirectoryOf(value);
    const certDirectory = certDirectoryOf(value);
    const defaultCertDirectory = platform.defaultCertDirectory;
    const mounts: Array<Mount<KeyPath>> = [];
    // The TLS volume is mounted last, but at the platform's directory when the spec names none: a clash is then the user's mount.
    if (certDirectory === undefined)
      mounts.push({
        path: defaultCertDirectory,
        who: "tls-info (the platform's tls.component_cert_dir, as tls_info.cert_directory is not set)",
      });
    for (const vol of volumes)
      mounts.push({ path: vol.mountPath, who: `volumes[${vol.entry}]`, at: ['volumes', vol.entry, 'container', 'bind'] });
    if (logDirectory !== undefined) mounts.push({ path: logDirectory, who: 'log_info.log_directory', at: ['log_info', 'log_directory'] });
    if (certDirectory !== undefined)
      mounts.push({ path: certDirectory, who: 'tls_info.cert_directory', at: ['tls_info', 'cert_directory'] });
    checkMounts(mounts, (later, earlier, how) => {
      if (how === 'exact')
        err(later.at, `${describeValue(later.path)} is already mounted by ${earlier.who}; expected a mount path used once`);
      else warn(later.at, sameDirectoryWarning(later.path, earlier.path, earlier.who, 'the main container'));
    });
  },
};
