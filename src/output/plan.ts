import { PlatformSettings } from '../platform/settings';
import { ComponentSpec } from '../spec/types';
import { helmCharts, HelmOptions } from './helm';
import { kustomizations } from './kustomize';
import { Manifest, OutputFile, renderAll } from './synthesize';
import { validateObject } from './validate';
import { recordFile } from './write';

/** What a run writes besides the manifests. */
export interface PlanOptions {
  /** Also write a Helm chart in each output folder. @default no chart */
  readonly helm?: HelmOptions;
  /** Called after each component is rendered, with how many are done. @default none */
  readonly onProgress?: (done: number) => void;
}

/** Everything a run would write, or the compiler bugs that stop it. */
export interface Plan {
  /** Manifests, kustomizations, Helm charts and the record, sorted by path. */
  readonly files: readonly OutputFile[];
  /** The component manifests alone. */
  readonly manifests: readonly Manifest[];
  /** Objects that break the Kubernetes schema: `<file>: <Kind name>: <field>: <message>`. */
  readonly invalid: readonly string[];
}

/** Renders every component, validates every object against the Kubernetes schema, and adds the files that go with them. */
export function planOutput(specs: readonly ComponentSpec[], platform: PlatformSettings, options: PlanOptions = {}): Plan {
  const manifests = renderAll(specs, platform, options.onProgress);
  const invalid: string[] = [];
  for (const m of manifests) {
    for (const obj of m.objects) {
      for (const p of validateObject(obj)) invalid.push(`${m.path}: ${p.object}: ${p.field ? `${p.field}: ` : ''}${p.message} (compiled from ${m.source})`);
    }
  }
  const plain: OutputFile[] = manifests.map((m) => ({ path: m.path, content: m.content }));
  const files = [...plain, ...kustomizations(manifests), ...(options.helm ? helmCharts(manifests, options.helm) : [])];
  files.push(recordFile(files));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, manifests, invalid };
}
