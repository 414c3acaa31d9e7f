/** The YAML override of a DCAE spec, and how messages tell the user to fix something through one. */
import * as path from 'path';
import { SourceFile } from '../source';
import { Json } from '../values';

/** A YAML spec that starts from a DCAE spec (`dcae_spec:`) and overrides some of its keys. */
export interface Override {
  /** The YAML file. */
  readonly source: SourceFile;
  /** Its keys, without `dcae_spec` and `$schema`. */
  readonly value: Json;
}

/**
 * How to change a value a DCAE spec maps to: set it in the YAML spec that names the DCAE spec (`override`), or,
 * when there is none, in a new one beside it.
 */
export function fixIn(dcaeFile: string, override: Override | undefined, what: string): string {
  return override
    ? `set ${what} in ${override.source.file}`
    : `write a YAML spec beside it with dcae_spec: ${path.posix.basename(dcaeFile)} that sets ${what}`;
}
