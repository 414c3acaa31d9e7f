/** User volumes: their sources, deterministic names, and the main container's mount paths. */
import { createHash } from 'crypto';
import { describeValue } from '../diagnostics';
import { VolumeSpec } from '../model';
import { isObj, Report, str } from '../values';

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
      ? { name: volumeName('host', host, bind), mountPath: bind, readOnly, hostPath: host }
      : { name: volumeName('config', config as string, bind), mountPath: bind, readOnly, configMap: config });
  });
  return out;
}

/** The main container may not mount two volumes at one path: the API server refuses it. */
export function checkMountPaths(volumes: VolumeSpec[], logDirectory: string | undefined, certDirectory: string | undefined, defaultCertDirectory: string, err: Report): void {
  const seen = new Map<string, string>();
  // The TLS volume is mounted last, but at the platform's directory when the spec names none: a clash is then the user's mount.
  if (certDirectory === undefined) seen.set(defaultCertDirectory, 'tls-info (the platform\'s tls.component_cert_dir, as tls_info.cert_directory is not set)');
  volumes.forEach((vol, i) => {
    const first = seen.get(vol.mountPath);
    if (first) err(['volumes', i, 'container', 'bind'], `${describeValue(vol.mountPath)} is already mounted by ${first}; expected a mount path used once`);
    else seen.set(vol.mountPath, `volumes[${i}]`);
  });
  if (logDirectory !== undefined) {
    const first = seen.get(logDirectory);
    if (first) err(['log_info', 'log_directory'], `${describeValue(logDirectory)} is already mounted by ${first}; expected a mount path used once`);
    else seen.set(logDirectory, 'log_info.log_directory');
  }
  if (certDirectory !== undefined) {
    const first = seen.get(certDirectory);
    if (first) err(['tls_info', 'cert_directory'], `${describeValue(certDirectory)} is already mounted by ${first}; expected a mount path used once`);
  }
}
