/**
 * A Deployment's `spec.selector` is immutable: the API server refuses an apply that changes it, and the
 * Deployment must be deleted and created again. The selector is the component's label map, so a change of
 * `labels` (or of the name) changes it. Comparing a manifest on disk with the one a run writes finds it before
 * the apply does.
 */
import { parseAllDocuments } from 'yaml';
import { isObj as isMap } from '../input/values';

/** A Deployment whose `spec.selector.matchLabels` differs between two versions of a manifest. */
export interface SelectorChange {
  /** Its `metadata.name`. */
  readonly deployment: string;
  /** Its `metadata.namespace`, when the manifest gives one. */
  readonly namespace?: string;
  /** The labels before and after. */
  readonly before: Readonly<Record<string, string>>;
  readonly after: Readonly<Record<string, string>>;
}

/**
 * The Deployments of `newText` whose `spec.selector.matchLabels` differs from that of the Deployment with the
 * same namespace and name in `oldText` (the order of the labels does not matter). A Deployment that is new, or
 * gone, is no change; a text that is not YAML gives none.
 */
export function selectorChanges(oldText: string, newText: string): SelectorChange[] {
  if (oldText === newText) return [];
  const before = new Map(deployments(oldText).map((d) => [key(d), d]));
  const changes: SelectorChange[] = [];
  for (const d of deployments(newText)) {
    const old = before.get(key(d));
    if (old && canonical(old.labels) !== canonical(d.labels))
      changes.push({ deployment: d.name, namespace: d.namespace, before: old.labels, after: d.labels });
  }
  return changes;
}

/** The line that says so, for a manifest at `file` (as the user sees its path). */
export function selectorMessage(file: string, change: SelectorChange): string {
  const labels = (l: Readonly<Record<string, string>>) =>
    `{${Object.keys(l)
      .sort()
      .map((k) => `${k}: ${l[k]}`)
      .join(', ')}}`;
  return (
    `${file}: Deployment ${change.deployment}: selector changed (matchLabels ${labels(change.before)} -> ${labels(change.after)}): ` +
    'the API server refuses to change it; delete and recreate the Deployment when you apply this'
  );
}

interface Found {
  readonly name: string;
  readonly namespace?: string;
  readonly labels: Record<string, string>;
}

/** The Deployments of a manifest with their name, namespace and selector labels; none in a document that is not YAML (a hand-edited file). */
function deployments(text: string): Found[] {
  const found: Found[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) continue;
    let o: unknown;
    try {
      o = doc.toJS({ maxAliasCount: 100 });
    } catch {
      continue; // too many aliases
    }
    if (!isMap(o) || o.kind !== 'Deployment' || !isMap(o.metadata) || typeof o.metadata.name !== 'string') continue;
    const selector = isMap(o.spec) && isMap(o.spec.selector) ? o.spec.selector.matchLabels : undefined;
    const labels: Record<string, string> = {};
    if (isMap(selector)) for (const [k, v] of Object.entries(selector)) labels[k] = String(v);
    const namespace = typeof o.metadata.namespace === 'string' ? o.metadata.namespace : undefined;
    found.push({ name: o.metadata.name, namespace, labels });
  }
  return found;
}

const key = (d: Found) => `${d.namespace ?? ''}/${d.name}`;

const canonical = (labels: Record<string, string>) =>
  JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
