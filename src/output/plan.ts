import { PlatformSettings } from '../input/platform/settings';
import { ComponentSpec } from '../input/model';
import { helmCharts, HelmOptions } from './helm';
import { kustomizations } from './kustomize';
import { OversizedObject, oversizedObjects } from './limits';
import { OutputFile } from './output-file';
import { recordFile } from './write';

/** What a run writes besides the manifests. */
export interface PlanOptions {
  /** Also write a Helm chart for each output folder, under `helm/`. @default no chart */
  readonly helm?: HelmOptions;
}

/** One component's manifest, checked against the Kubernetes schema and the size limit; its objects are not kept (memory). */
export interface RenderedFile extends OutputFile {
  /** Fields that break the Kubernetes schema: `<file>: <Kind name>: <field>: <message>`. */
  readonly invalid: readonly string[];
  /** Objects above the size the API server stores: an error in the input (a value too large). */
  readonly tooLarge: readonly OversizedObject[];
}

/** Renders valid components into manifests, in the order given. */
export type Renderer = (specs: readonly ComponentSpec[], platform: PlatformSettings, onProgress?: (done: number) => void) => RenderedFile[];
/** The same, on other threads (the CLI's render threads). */
export type AsyncRenderer = (
  specs: readonly ComponentSpec[],
  platform: PlatformSettings,
  onProgress?: (done: number) => void,
) => Promise<RenderedFile[]>;

/**
 * Renders components as they pass their own checks, so that rendering overlaps reading and checking the rest.
 * The run adds each valid component in order; then, once every file is checked, it either finishes the stream
 * (no error anywhere) or cancels it (nothing rendered is used).
 */
export interface RenderStream {
  /** A component that passed its own checks; the run may still fail on a later file or a check across files. */
  add(spec: ComponentSpec, platform: PlatformSettings): void;
  /** Every component, as added: the rendered files in that order. `onProgress` is told how many are done. */
  finish(specs: readonly ComponentSpec[], onProgress?: (done: number) => void): Promise<RenderedFile[]>;
  /** The run has an error: stop, nothing rendered is used. */
  cancel(): void;
}

/** Everything a run would write, or the compiler bugs that stop it. */
export interface Plan {
  /** Manifests, kustomizations, Helm charts and the record, sorted by path. */
  readonly files: readonly OutputFile[];
  /** Objects that break the Kubernetes schema: `<file>: <Kind name>: <field>: <message>`. */
  readonly invalid: readonly string[];
}

/** Whether this thread has rendered a component (see {@link hasRendered}). */
let rendered = false;

/**
 * Whether this thread has rendered a component: then it has run (and V8 has compiled) the code of every step of
 * a run, which is when the command keeps V8's code cache of the compiler (src/cli/launch.ts).
 */
export function hasRendered(): boolean {
  return rendered;
}

/**
 * Renders one component and checks each of its objects against the Kubernetes schema and the size limit. cdk8s
 * and the schemas load here, at the first render (once per thread): a run that renders nothing never loads them.
 */
export function renderChecked(spec: ComponentSpec, platform: PlatformSettings): RenderedFile {
  rendered = true;
  const { renderManifest } = require('./synthesize') as typeof import('./synthesize');
  const { validateObject } = require('./validate') as typeof import('./validate');
  const m = renderManifest(spec, platform);
  const invalid: string[] = [];
  for (const obj of m.objects) {
    for (const p of validateObject(obj))
      invalid.push(`${m.path}: ${p.object}: ${p.field ? `${p.field}: ` : ''}${p.message} (compiled from ${m.source})`);
  }
  return { path: m.path, content: m.content, invalid, tooLarge: oversizedObjects(m.objects) };
}

/**
 * Renders and checks components on this thread, one after the other, in the order given. `onProgress` is told
 * how many are done, counting `doneBefore` rendered elsewhere.
 */
export function renderHere(
  specs: readonly ComponentSpec[],
  platform: PlatformSettings,
  onProgress?: (done: number) => void,
  doneBefore = 0,
): RenderedFile[] {
  return specs.map((s, i) => {
    const r = renderChecked(s, platform);
    onProgress?.(doneBefore + i + 1);
    return r;
  });
}

/** The plan for rendered manifests: them, a kustomization per folder, the Helm charts asked for, and the record. */
export function assemblePlan(rendered: readonly RenderedFile[], options: PlanOptions = {}): Plan {
  // A manifest whose text is on the disk (staged, known by its hash) is kept as it is: its text is read only if asked for.
  const manifests: OutputFile[] = rendered.map((r) => (r.sha256 !== undefined ? r : { path: r.path, content: r.content }));
  const files = [...manifests, ...kustomizations(manifests), ...(options.helm ? helmCharts(manifests, options.helm) : [])];
  files.push(recordFile(files));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, invalid: rendered.flatMap((r) => r.invalid) };
}
