/** User volumes: their sources, deterministic names, and the main container's mount paths. */
import { createHash } from 'crypto';
import { describeValue, KeyPath } from '../diagnostics';
import { VolumeSpec } from '../model';
import { isObj, Report, str } from '../values';
import { checkMounts, Mount, sameDirectoryWarning } from './mounts';

/** The deterministic name of a user volume: its kind and a hash of its source and mount point. */
export function volumeName(kind: 'host' | 'config', source: string, bind: string): string {
  const hash = createHash('sha256').update(`${kind}\0${source}\0${bind}`).digest('hex').slice(0, 10);
  return `${kind}-${hash}`;
}

export function readVolumes(value: unknown, err: Report): VolumeSpec[] {
  if (!Array.isArray(value)) return [];
  const out: VolumeSpec[] = [];
  value.forEach((entry, i) => {
    if (!isObj(entry)) return;
    const host = isObj(entry.host) ? str(entry.host.path) : undefined;
    const config = isObj(entry.config_volume) ? str(entry.config_volume.name) : undefined;
    const hasHost = entry.host !== undefined;
    const hasConfig = entry.config_volume !== undefined;
    if (hasHost && hasConfig) {
      err(['volumes', i], 'has both host and config_volume; expected exactly one source');
      return;
    }
    if (!hasHost && !hasConfig) {
      err(['volumes', i], 'has no source; expected exactly one of host: {path} or config_volume: {name}');
      return;
    }
    const bind = isObj(entry.container) ? str(entry.container.bind) : undefined;
    if (bind === undefined || (host === undefined && config === undefined)) return;
    const readOnly = isObj(entry.container) && entry.container.mode === 'ro';
    out.push(host !== undefined
      ? { name: volumeName('host', host, bind), mountPath: bind, readOnly, hostPath: host, entry: i }
      : { name: volumeName('config', config as string, bind), mountPath: bind, readOnly, configMap: config, entry: i });
  });
  return out;
}

/**
 * The main container may not mount two volumes at one path: the API server refuses it. The same directory
 * written two ways (`/logs`, `/logs/`) is a warning ({@link checkMounts}).
 */
export function checkMountPaths(volumes: VolumeSpec[], logDirectory: string | undefined, certDirectory: string | undefined, defaultCertDirectory: string, err: Report, warn: Report): void {
  const mounts: Array<Mount<KeyPath>> = [];
  // The TLS volume is mounted last, but at the platform's directory when the spec names none: a clash is then the user's mount.
  if (certDirectory === undefined) mounts.push({ path: defaultCertDirectory, who: 'tls-info (the platform\'s tls.component_cert_dir, as tls_info.cert_directory is not set)' });
  for (const vol of volumes) mounts.push({ path: vol.mountPath, who: `volumes[${vol.entry}]`, at: ['volumes', vol.entry, 'container', 'bind'] });
  if (logDirectory !== undefined) mounts.push({ path: logDirectory, who: 'log_info.log_directory', at: ['log_info', 'log_directory'] });
  if (certDirectory !== undefined) mounts.push({ path: certDirectory, who: 'tls_info.cert_directory', at: ['tls_info', 'cert_directory'] });
  checkMounts(mounts, (later, earlier, how) => {
    if (how === 'exact') err(later.at, `${describeValue(later.path)} is already mounted by ${earlier.who}; expected a mount path used once`);
    else warn(later.at, sameDirectoryWarning(later.path, earlier.path, earlier.who, 'the main container'));
  });
}
