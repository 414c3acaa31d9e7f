import * as path from 'path';
import { Diagnostic, formatPath, KeyPath } from '../diagnostics';
import { PORT_PATTERN } from '../rules/ports';
import { SourceFile, SpecSource, Target } from '../source';
import { MappedSpec } from './mapping';
import { fixIn, Override } from './override';
import { isObj, Json } from '../values';

export { fixIn } from './override';
export type { Override } from './override';

/** The longest list of ports a hint writes out; a longer one is described instead. */
const MAX_PORTS_SHOWN = 300;

/**
 * A DCAE spec's mapping, merged with an optional YAML override, that still knows where every value came
 * from: errors about a value the YAML set point into the YAML file; errors about a mapped value point into
 * the JSON file, at the DCAE key it came from, and say which override fixes them.
 */
export class MergedSource implements SpecSource {
  public readonly file: string;
  /** The ports hint, once worked out; null when the ports are not all strings (the generic hint then). */
  private portsHint?: string | null;

  constructor(
    private readonly dcae: SourceFile,
    private readonly mapped: MappedSpec,
    public readonly value: Json,
    private readonly override?: Override,
    private readonly nodePortRange?: { readonly min: number; readonly max: number },
  ) {
    this.file = override ? override.source.file : dcae.file;
  }

  public error(at: KeyPath, message: string, target?: Target): Diagnostic {
    // A derived value the override does not set itself: its problem is that of the value it came from.
    const derived = this.mapped.derived.find(([spec]) => startsWith(at, spec));
    if (derived && !(this.override && fromOverride(this.override.value, at)))
      return this.error([...derived[1], ...at.slice(derived[0].length)], message, target);
    // The file that holds more of the path: the override when it gives the value, or a map the mapping has not.
    if (this.override && (fromOverride(this.override.value, at) || overrideDepth(this.override.value, at) > this.origin(at)[0].length)) {
      return this.override.source.error(at, message, target);
    }
    const dcaePath = this.dcaePath(at);
    const d = this.dcae.error(dcaePath, message, target);
    return { ...d, message: `${message}${this.hint(at)}` };
  }

  public rawScalar(at: KeyPath): string | undefined {
    return this.override && fromOverride(this.override.value, at) ? this.override.source.rawScalar(at) : undefined;
  }

  /** The deepest mapped key that holds a path, and where it came from in the DCAE spec ([[], []] for none). */
  private origin(at: KeyPath): readonly [KeyPath, KeyPath] {
    let best: readonly [KeyPath, KeyPath] = [[], []];
    for (const entry of this.mapped.origins) {
      const [spec] = entry;
      if (spec.length <= at.length && spec.every((p, i) => p === at[i]) && spec.length > best[0].length) best = entry;
    }
    return best;
  }

  /** The path in the DCAE spec of a mapped value: its key's origin, then as much of the rest as exists there (and a key missing from a map). */
  private dcaePath(at: KeyPath): KeyPath {
    const best = this.origin(at);
    if (best[0].length === 0) return [];
    const full = [...best[1], ...at.slice(best[0].length)];
    let node: unknown = this.dcae.value;
    let keep = 0;
    for (const part of full) {
      if (Array.isArray(node) && typeof part === 'number' && part < node.length) node = node[part];
      else if (isObj(node) && typeof part === 'string' && part in node) node = node[part];
      else {
        // A key missing from a map is named (the error says it is missing); past a scalar the path means nothing in the JSON.
        if (isObj(node) && typeof part === 'string') keep += 1;
        break;
      }
      keep += 1;
    }
    return full.slice(0, keep);
  }

  /**
   * How to fix the mapped ports: the list with every host port outside the NodePort range set to 0, when it
   * is short enough to show (worked out once: every port error of the spec gives the same hint).
   */
  private fixPorts(file: string | undefined, beside: string, sets: (what: string) => string): string | null {
    const ports = this.mapped.value.ports as unknown[];
    if (!ports.every((p) => typeof p === 'string')) return null;
    const range = this.nodePortRange;
    const fixed = (ports as string[]).map((p) => {
      const m = PORT_PATTERN.exec(p.trim());
      const host = m ? Number(m[4]) : 0;
      return m && host !== 0 && range && (host < range.min || host > range.max) ? p.trim().replace(/:[0-9]+$/, ':0') : p;
    });
    if (JSON.stringify(fixed) === JSON.stringify(ports)) return `. To fix it, ${sets('ports')}`;
    const written = `ports: ${JSON.stringify(fixed).replace(/","/g, '", "')}`;
    const list =
      written.length <= MAX_PORTS_SHOWN ? written : 'ports (the same list, with every host port outside node_port_range set to 0)';
    return `. Host ports in component specs stood for blueprint inputs; to give the real ones, ${file ? `set ${list} in ${file}` : `write ${beside} and ${list}`} (0 means no NodePort)`;
  }

  /** How to fix a mapped value: what to set in the YAML spec there is, or in a new one beside the JSON. */
  private hint(at: KeyPath): string {
    const key = at[0];
    const file = this.override?.source.file;
    const beside = `a YAML spec beside it with dcae_spec: ${path.posix.basename(this.dcae.file)}`;
    const sets = (what: string) => fixIn(this.dcae.file, this.override, what);
    if (key === 'ports' && Array.isArray(this.mapped.value.ports)) {
      if (this.portsHint === undefined) this.portsHint = this.fixPorts(file, beside, sets);
      if (this.portsHint !== null) return this.portsHint;
    }
    // The probe's type is fine (http or https): what it lacks is a port.
    const probe = typeof key === 'string' ? this.value[key] : undefined;
    if (
      (key === 'readiness' || key === 'liveness') &&
      at[1] === 'type' &&
      isObj(probe) &&
      typeof probe.type === 'string' &&
      /^https?$/i.test(probe.type)
    ) {
      const what = `the component's ports (for example ports: ["8080:0"])`;
      return file
        ? `. To fix it, set ${what}, or a ${key} probe of type script, in ${file}`
        : `. To fix it, write ${beside} and ${what}, or a ${key} probe of type script`;
    }
    // A stream's topic is given by the YAML spec's topics.
    if (key === 'streams' && at[3] === 'topic') return `. To fix it, ${sets('topics')}`;
    if (typeof key === 'string') return `. To fix it, ${sets(formatPath([key]))}`;
    return '';
  }
}

/** Whether a path starts with another. */
function startsWith(path: KeyPath, prefix: KeyPath): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
}

/** How many leading keys of a path the override has. */
function overrideDepth(override: Json, at: KeyPath): number {
  let node: unknown = override;
  let depth = 0;
  for (const part of at) {
    if (!isObj(node) || !(String(part) in node)) break;
    node = node[String(part)];
    depth += 1;
  }
  return depth;
}

/** Whether the value at a path was set by the override: it is inside a key the override gives (lists and scalars replace whole). */
export function fromOverride(override: Json, at: KeyPath): boolean {
  let node: unknown = override;
  for (const part of at) {
    if (!isObj(node)) return true;
    if (!(String(part) in node)) return false;
    node = node[String(part)];
  }
  return true;
}
