/** Helpers for the DCAE component-spec tests: small valid DCAE specs, and compiling a set of files in memory. */
import { compileProject } from '../helpers';

type Json = Record<string, unknown>;

/**
 * A DCAE component spec that passes component-spec schema v3: `aux` merges over an http healthcheck,
 * `self` over a docker self, `top` over the top-level keys. A key given as undefined is dropped.
 */
export function dcae(aux: Json = {}, self: Json = {}, top: Json = {}): Json {
  return JSON.parse(
    JSON.stringify({
      self: { version: '1.0.0', name: 'my-comp', description: 'a test component', component_type: 'docker', ...self },
      streams: { publishes: [], subscribes: [] },
      services: { calls: [], provides: [] },
      parameters: [],
      auxilary: { healthcheck: { type: 'http', endpoint: '/health' }, ports: ['8080:0'], ...aux },
      artifacts: [{ type: 'docker image', uri: 'repo/my-comp:1.0.0' }],
      ...top,
    }),
  );
}

/** A spec as the JSON text a file would hold (two-space indents, so that positions are predictable). */
export const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** YAML text from its lines. */
export const y = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** What compiling some files gives: formatted errors and warnings, and the manifests when there is no error. */
export interface Result {
  readonly errors: string[];
  readonly warnings: string[];
  /** Manifests by output path. */
  readonly files: Record<string, string>;
  /** Every object of every manifest, in order. */
  readonly objects: any[];
}

/**
 * Compiles files (name → text, or an object written as JSON) together, as loadProject does for one
 * components folder. Names are relative to the current folder; a file's path defaults to its name.
 */
export function compileFiles(files: Record<string, string | object>, platform?: string): Result {
  const r = compileProject({
    components: Object.entries(files).map(([name, text]) => ({ name, text: typeof text === 'string' ? text : json(text) })),
    platform: platform === undefined ? undefined : { name: 'components/platform.yaml', text: platform },
  });
  if (r.invalid.length > 0) throw new Error(`objects break the Kubernetes schema:\n${r.invalid.join('\n')}`);
  return {
    errors: r.errors,
    warnings: r.warnings,
    files: Object.fromEntries(r.manifests.map((m) => [m.path, m.yaml])),
    objects: r.manifests.flatMap((m) => m.objects),
  };
}

/** Compiles a single DCAE spec as components/c.json; throws on errors. */
export function compileDcae(spec: object, platform?: string): Result {
  const r = compileFiles({ 'components/c.json': spec }, platform);
  if (r.errors.length > 0) throw new Error(`unexpected errors:\n${r.errors.join('\n')}`);
  return r;
}

/** The Deployment's pod spec. */
export const podOf = (objects: any[]): any => objects.find((o) => o.kind === 'Deployment').spec.template.spec;
/** The main container. */
export const mainOf = (objects: any[]): any => podOf(objects).containers[0];
/** The main container's env as [name, value] pairs (POD_IP as "fieldRef"). */
export const envOf = (objects: any[]): Array<[string, string]> =>
  mainOf(objects).env.map((e: any) => [e.name, e.value ?? (e.valueFrom?.fieldRef ? 'fieldRef' : 'secret')]);
/** The env of an init container by name, as a map. */
export const initEnv = (objects: any[], name: string): Record<string, string> =>
  Object.fromEntries(
    (podOf(objects).initContainers.find((c: any) => c.name === name)?.env ?? [])
      .filter((e: any) => 'value' in e)
      .map((e: any) => [e.name, e.value]),
  );
/** The init containers' names. */
export const initNames = (objects: any[]): string[] => (podOf(objects).initContainers ?? []).map((c: any) => c.name);

/**
 * The CLI's stderr lines, without the stale-build notice: src/ may be edited while the tests run on the last
 * build, and that notice says nothing about the specs.
 */
export const stderrLines = (stderr: string): string[] =>
  stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning: src/ changed after the last build'));
