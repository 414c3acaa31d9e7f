/**
 * Mount paths of one container. The API server refuses two mounts at one path, comparing the paths as
 * written ("must be unique"); the same directory written two ways (`/logs` and `/logs/`) passes it, and the
 * container runtime then mounts both volumes there, one hiding the other. The first is an error, the second
 * a warning.
 */
import * as path from 'path';
import { describeValue, KeyPath } from '../diagnostics';
import { VolumeSpec } from '../model';
import { Json, Report } from '../values';
import { certDirectoryOf, logDirectoryOf } from './rule';

/**
 * A mount path as a directory: `.` and `..` resolved, repeated `/` collapsed, no trailing `/`
 * (`/a/./b/` and `//a/b` are `/a/b`).
 */
export function mountDirectory(mountPath: string): string {
  const normal = path.posix.normalize(mountPath);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/** How a later mount path meets an earlier one: the same text, the same directory written differently, or neither. */
export function samePlace(later: string, earlier: string): 'exact' | 'directory' | undefined {
  if (later === earlier) return 'exact';
  return mountDirectory(later) === mountDirectory(earlier) ? 'directory' : undefined;
}

/** Why two mounts at one path are refused. */
export const REFUSED = 'the API server refuses two mounts at one path';

/** The error's text for a path that an earlier mount of a helper container uses. */
export function alreadyMounted(later: string, earlierWho: string, container: string, expected: string): string {
  return `${describeValue(later)} is already mounted in ${container} by ${earlierWho}; ${REFUSED}; expected ${expected}`;
}

/** The warning's text for a mount path that is an earlier one written differently. */
export function sameDirectoryWarning(later: string, earlier: string, earlierWho: string, container: string): string {
  return (
    `${describeValue(later)} is the same path as ${describeValue(earlier)}, which ${earlierWho} mounts in ${container}: ` +
    'the API server accepts both, as it compares mount paths as written, and the container runtime then mounts ' +
    'both volumes at that one path, one hiding the other; expected each path mounted once'
  );
}

/** One mount of a container, for {@link checkMounts}. */
export interface Mount<T> {
  /** The mount path, as written. */
  readonly path: string;
  /** What mounts it, for messages about a later mount. */
  readonly who: string;
  /** Where a problem with this mount is reported, when it is the later one; undefined: not reported. */
  readonly at?: T;
}

/** Compares each mount with those before it, in order, and reports the first earlier one at the same place. */
export function checkMounts<T>(
  mounts: ReadonlyArray<Mount<T>>,
  report: (later: Mount<T> & { at: T }, earlier: Mount<T>, how: 'exact' | 'directory') => void,
): void {
  mounts.forEach((mount, i) => {
    if (mount.at === undefined) return;
    const earlier = mounts.slice(0, i);
    const exact = earlier.find((e) => samePlace(mount.path, e.path) === 'exact');
    const other = exact ?? earlier.find((e) => samePlace(mount.path, e.path) === 'directory');
    if (other) report(mount as Mount<T> & { at: T }, other, exact ? 'exact' : 'directory');
  });
}

/** A mount of the main container that the spec wrote, and where a problem with it is reported. */
export interface SpecMount {
  readonly path: string;
  readonly at: KeyPath;
}

/**
 * The main container's mounts that the spec writes, to compare with one the compiler adds at a fixed path: its
 * volumes, its log directory, and its cert directory. The platform's tls.component_cert_dir, when the spec names
 * none, is no mount the spec wrote: a clash with it is reported at `fallback`, the key that asks for the fixed mount.
 */
export function specMounts(v: Json, volumes: readonly VolumeSpec[], defaultCertDirectory: string, fallback: KeyPath): SpecMount[] {
  const mounts: SpecMount[] = volumes.map((vol) => ({ path: vol.mountPath, at: ['volumes', vol.entry, 'container', 'bind'] }));
  const logDirectory = logDirectoryOf(v);
  if (logDirectory !== undefined) mounts.push({ path: logDirectory, at: ['log_info', 'log_directory'] });
  const certDirectory = certDirectoryOf(v);
  mounts.push(
    certDirectory !== undefined
      ? { path: certDirectory, at: ['tls_info', 'cert_directory'] }
      : { path: defaultCertDirectory, at: fallback },
  );
  return mounts;
}

/**
 * No mount the spec writes may be at the fixed path where the compiler mounts `who` in the main container: an error
 * at that mount; the same path written differently is a warning.
 */
export function checkFixedMount(mounts: readonly SpecMount[], fixedPath: string, who: string, err: Report, warn: Report): void {
  for (const other of mounts) {
    const how = samePlace(other.path, fixedPath);
    if (how === 'exact')
      err(other.at, `${describeValue(other.path)} is where the main container mounts ${who}; ${REFUSED}; expected another path`);
    else if (how === 'directory') warn(other.at, sameDirectoryWarning(other.path, fixedPath, who, 'the main container'));
  }
}
