/** User volumes: their sources and deterministic names. */
import { createHash } from 'crypto';
import { VolumeSpec } from '../model';
import { isObj, Report, str } from '../values';
import { ComponentRule } from './rule';

/** The deterministic name of a user volume: its kind and a hash of its source and mount point. */
export function volumeName(kind: 'host' | 'config', source: string, bind: string): string {
  const hash = createHash('sha256').update(`${kind}\0${source}\0${bind}`).digest('hex').slice(0, 10);
  return `${kind}-${hash}`;
}

/** The `volumes` rule: the spec's volumes, each with exactly one source. */
export const volumesRule: ComponentRule<'volumes'> = {
  name: 'volumes',
  description: 'Each volume has exactly one source, host or config_volume.',
  check: (context) => readVolumes(context.value.volumes, context.report),
};

function readVolumes(value: unknown, err: Report): VolumeSpec[] {
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
    out.push(
      host !== undefined
        ? { name: volumeName('host', host, bind), mountPath: bind, readOnly, hostPath: host, entry: i }
        : { name: volumeName('config', config as string, bind), mountPath: bind, readOnly, configMap: config, entry: i },
    );
  });
  return out;
}
