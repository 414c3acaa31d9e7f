/**
 * The one compile path. `npm run synth`, the app that `cdk8s synth` runs and the tests all call
 * {@link compile}: files in, output files (or every diagnostic) out. It reads and writes nothing itself:
 * the caller reads the files (and any DCAE spec a YAML spec names, through `readFile`; the folder such a name
 * points into when it names no file, through `listFolder`) and writes the result.
 */
import { InputFile, loadProject } from './input/project';
import { CheckMemo } from './input/check-memo';
import { Diagnostic, sortDiagnostics } from './input/diagnostics';
import { FileContents } from './input/text';
import { HELM_RESERVED_LOCATIONS, HelmOptions } from './output/helm';
import { oversizedMessage } from './output/limits';
import { AsyncRenderer, assemblePlan, RenderedFile, Renderer, renderHere, RenderStream } from './output/plan';
import { OutputFile } from './output/output-file';
import { ALLOW_EMPTY_FLAG } from './contract/names';

export type { AsyncRenderer, Renderer, RenderStream } from './output/plan';

/** What a run compiles: the component files and the platform file of one components folder. */
export interface CompileInput {
  /** The components folder as the user named it, for messages about the folder itself. @default "components" */
  readonly folder?: string;
  /** The components folder's subfolders (not read): a folder with none but a `components` subfolder gets a hint. @default none */
  readonly subfolders?: readonly string[];
  /** Component specs (YAML) and DCAE component specifications (JSON): their text, or their bytes (decoded strictly as UTF-8). */
  readonly components: readonly InputFile[];
  /** The platform settings file. @default the built-in defaults */
  readonly platform?: InputFile;
  /** Names of further platform files found beside the first (an error). @default none */
  readonly extraPlatform?: readonly string[];
  /** The folder relative file paths are taken from. @default the working directory */
  readonly base?: string;
  /**
   * Reads a DCAE spec that a YAML spec names (`dcae_spec`) outside these files: its contents (bytes, decoded
   * strictly as UTF-8), or undefined when there is no such file. @default none: such a reference is "no such file"
   */
  readonly readFile?: (absolutePath: string) => FileContents | undefined;
  /**
   * Lists a folder that a `dcae_spec` naming no file points into: the names of its files (links followed), or
   * undefined when there is no such folder; its `.json` files are offered as "did you mean". @default none: only
   * the run's own files are offered
   */
  readonly listFolder?: (absolutePath: string) => readonly string[] | undefined;
}

/** What a run asks for beyond compiling. */
export interface CompileOptions {
  /** Also write a Helm chart for each output folder, under `helm/`. @default no chart */
  readonly helm?: HelmOptions;
  /** Accept a components folder with no component (its output is then empty). @default false: an error */
  readonly allowEmpty?: boolean;
  /** How the components are rendered. @default on this thread, one after the other */
  readonly render?: Renderer | AsyncRenderer;
  /**
   * Renders each component as soon as it has passed its own checks, while the rest are read (render threads);
   * instead of `render`. Cancelled when the run has an error. @default none: `render`, once every file is checked
   */
  readonly stream?: RenderStream;
  /** Called as components are rendered, with how many are done. @default none */
  readonly onProgress?: (done: number) => void;
  /** Files checked by earlier runs, not parsed or checked again; the files that pass are kept there. @default none */
  readonly memo?: CheckMemo;
}

/** What a run produced. When `diagnostics` or `invalid` is not empty, `files` is empty and nothing may be written. */
export interface CompileResult {
  /** Manifests, kustomizations, Helm charts and the record, sorted by path. */
  readonly files: readonly OutputFile[];
  /** How many components were compiled. */
  readonly components: number;
  /** Every problem of every input file, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** Things worth knowing that do not stop the run, sorted. */
  readonly warnings: readonly Diagnostic[];
  /** Objects that break the Kubernetes schema: a bug in the compiler, not in the input. */
  readonly invalid: readonly string[];
}

/**
 * Compiles a components folder's files: parses and validates every file, checks what no single file can,
 * renders each component in a cdk8s App of its own, checks every object against the Kubernetes schema and
 * the size the API server stores, and adds the kustomizations, Helm charts and the record. With a renderer
 * that answers later (render threads), the result does too.
 */
export function compile(input: CompileInput, options: CompileOptions & { readonly render: AsyncRenderer }): Promise<CompileResult>;
export function compile(input: CompileInput, options: CompileOptions & { readonly stream: RenderStream }): Promise<CompileResult>;
export function compile(input: CompileInput, options?: CompileOptions & { readonly render?: Renderer }): CompileResult;
export function compile(input: CompileInput, options: CompileOptions = {}): CompileResult | Promise<CompileResult> {
  const project = loadProject(input, {
    reservedLocations: options.helm ? HELM_RESERVED_LOCATIONS : undefined,
    base: input.base,
    readFile: input.readFile,
    listFolder: input.listFolder,
    onComponent: options.stream && ((spec, platform) => options.stream!.add(spec, platform)),
    memo: options.memo,
  });
  const diagnostics = [...project.diagnostics];
  if (input.components.length === 0 && !options.allowEmpty) {
    const folder = input.folder ?? 'components';
    const nested = input.subfolders?.includes('components') ? `${folder.replace(/\/+$/, '')}/components` : undefined;
    diagnostics.push({
      file: folder,
      line: 0,
      column: 0,
      path: '',
      message:
        `no component spec (*.yaml, *.yml or *.json besides platform.yaml) in this folder; expected at least one` +
        (nested ? ` (did you mean --components ${nested}? That subfolder is not read)` : '') +
        '. ' +
        `An empty folder would remove every manifest from the output; to do that on purpose, run again with ${ALLOW_EMPTY_FLAG} (with cdk8s synth: DCAE_ALLOW_EMPTY=true)`,
    });
  }
  const warnings = sortDiagnostics(project.warnings);
  if (diagnostics.length > 0) {
    options.stream?.cancel();
    const failed: CompileResult = { files: [], components: 0, diagnostics: sortDiagnostics(diagnostics), warnings, invalid: [] };
    return options.stream ? Promise.resolve(failed) : failed;
  }
  const finish = (rendered: readonly RenderedFile[]): CompileResult => {
    // An object too large for the API server is the input's fault (a value too large): an error at the component's
    // name (without the fix hint a DCAE spec's anchor carries, which is about the name itself).
    const tooLarge = rendered.flatMap((r, i) => r.tooLarge.map((o): Diagnostic => ({ ...project.names[i], message: oversizedMessage(o) })));
    if (tooLarge.length > 0) return { files: [], components: 0, diagnostics: sortDiagnostics(tooLarge), warnings, invalid: [] };
    const plan = assemblePlan(rendered, { helm: options.helm });
    if (plan.invalid.length > 0) return { files: [], components: 0, diagnostics: [], warnings, invalid: plan.invalid };
    return { files: plan.files, components: project.components.length, diagnostics: [], warnings, invalid: [] };
  };
  const rendered = options.stream
    ? options.stream.finish(project.components, options.onProgress)
    : (options.render ?? renderHere)(project.components, project.platform, options.onProgress);
  return rendered instanceof Promise ? rendered.then(finish) : finish(rendered);
}
