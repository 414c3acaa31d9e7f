/**
 * What the checks of a file gave, kept between runs. A file's checks read its name and text and the platform
 * file, nothing else (a YAML spec that names a DCAE spec reads that one too: such files are not kept), so a file
 * whose name, text and platform file are those of a file that passed is that component again, with the same
 * warnings, and need not be parsed or checked. The caller keeps the memo, under the compiler's build.
 */
import { createHash } from 'crypto';
import { Anchors } from './cross-file';
import { Diagnostic } from './diagnostics';
import { ComponentSpec } from './model';

/** A file that passed its own checks: its component, where the checks across files point, its warnings. */
export interface CheckedFile {
  /** The component, as its checks gave it. */
  readonly spec: ComponentSpec;
  /** Where the checks after a file's own point (`name`, each `ports` entry, `k8s_location`), with no message yet. */
  readonly anchors: Anchors;
  /** The file's warnings. */
  readonly warnings: readonly Diagnostic[];
}

/**
 * Files checked by earlier runs, by key: a SHA-256 of the platform file's name and text, the file's name and its
 * text. The caller keeps it under the compiler's build: another build checks every file again.
 */
export interface CheckMemo {
  /** The checked file of a key, or undefined when none is known. */
  recall(key: string): CheckedFile | undefined;
  /** Keeps a file that passed its checks, for later runs. */
  remember(key: string, file: CheckedFile): void;
}

/** The part of every key that the platform file gives (its name and text, or that there is none). */
export function platformKey(platform: { readonly name: string; readonly text: string } | undefined): string {
  const hash = createHash('sha256');
  if (platform) hash.update('platform\0').update(platform.name).update('\0').update(platform.text);
  return hash.digest('hex');
}

/** The key of a file: a hash of the platform's part, the file's name and its text. */
export function checkKey(platform: string, file: { readonly name: string; readonly text: string }): string {
  return createHash('sha256').update(platform).update('\0').update(file.name).update('\0').update(file.text).digest('hex');
}
