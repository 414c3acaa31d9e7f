// The pictures of docs/examples/: for each example component in components/, a Mermaid diagram (GitHub shows it)
// of its pod (init containers in order, the main container, sidecars, the volumes and who mounts each where) and of
// its Services, drawn from the objects the compiler writes for it. Used by scripts/docs.mjs; needs the build.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { parseAllDocuments } = require('yaml');

/** Text for a Mermaid label: quotes and angle brackets as entities, so that any name is shown as it is. */
const label = (text) => String(text).replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');

/** What a volume is, in a few words. */
function volumeKind(v) {
  if (v.emptyDir) return v.emptyDir.medium === 'Memory' ? 'emptyDir, in memory' : 'emptyDir';
  if (v.configMap) return `ConfigMap ${v.configMap.name}`;
  if (v.secret) return `Secret ${v.secret.secretName}`;
  if (v.hostPath) return `hostPath ${v.hostPath.path}`;
  if (v.projected)
    return `projected: ${(v.projected.sources ?? []).map((src) => (src.secret ? `Secret ${src.secret.name}` : Object.keys(src)[0])).join(', ')}`;
  return Object.keys(v).filter((k) => k !== 'name')[0] ?? 'volume';
}

/** The Mermaid flowchart of one manifest's pod and Services. */
export function podDiagram(objects) {
  const deployment = objects.find((o) => o.kind === 'Deployment');
  const pod = deployment.spec.template.spec;
  const lines = ['flowchart LR'];
  const containers = [];
  lines.push(`  subgraph pod["Pod of Deployment ${label(deployment.metadata.name)}"]`, '    direction TB');
  const inits = pod.initContainers ?? [];
  if (inits.length > 0) {
    lines.push('    subgraph init["init containers, one after the other"]', '      direction LR');
    inits.forEach((c, i) => {
      const id = `init${i}`;
      containers.push([id, c]);
      lines.push(`      ${id}["${i + 1}. ${label(c.name)}"]`);
    });
    if (inits.length > 1) lines.push(`      ${inits.map((_, i) => `init${i}`).join(' --> ')}`);
    lines.push('    end');
  }
  pod.containers.forEach((c, i) => {
    const id = `c${i}`;
    containers.push([id, c]);
    lines.push(`    ${id}["${label(c.name)}${i === 0 ? ' (main)' : ' (sidecar)'}"]`);
  });
  if (inits.length > 0) lines.push(`    init --> c0`);
  lines.push('  end');
  (pod.volumes ?? []).forEach((v, i) => lines.push(`  v${i}[("${label(v.name)}<br/>${label(volumeKind(v))}")]`));
  const volumeIds = new Map((pod.volumes ?? []).map((v, i) => [v.name, `v${i}`]));
  for (const [id, c] of containers) {
    for (const m of c.volumeMounts ?? []) {
      const target = volumeIds.get(m.name);
      if (!target) continue;
      const where = `${m.mountPath}${m.subPath ? ` (${m.subPath})` : ''}${m.readOnly ? ', read-only' : ''}`;
      lines.push(`  ${id} -- "${label(where)}" --> ${target}`);
    }
  }
  objects
    .filter((o) => o.kind === 'Service')
    .forEach((s, i) => {
      const ports = (s.spec.ports ?? [])
        .map((p) => `${p.port}${p.nodePort ? ` → node ${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
        .join(', ');
      lines.push(
        `  svc${i}{{"Service ${label(s.metadata.name)}<br/>${label(s.spec.type ?? 'ClusterIP')}${s.spec.ipFamilies ? ` ${label(s.spec.ipFamilies.join(', '))}` : ''}: ${label(ports)}"}}`,
      );
      lines.push(`  svc${i} --> c0`);
    });
  // The manifest's other objects; a ConfigMap or Secret a volume holds, or a Certificate whose Secret it holds, is linked to it.
  const others = objects.filter((o) => !['Deployment', 'Service'].includes(o.kind));
  others.forEach((o, i) => {
    lines.push(`  o${i}["${label(o.kind)} ${label(o.metadata.name)}"]`);
    (pod.volumes ?? []).forEach((v, j) => {
      const secrets = [v.secret?.secretName, ...(v.projected?.sources ?? []).map((src) => src.secret?.name)];
      const holds =
        (o.kind === 'ConfigMap' && v.configMap?.name === o.metadata.name) ||
        (o.kind === 'Secret' && secrets.includes(o.metadata.name)) ||
        (o.kind === 'Certificate' && secrets.includes(o.spec?.secretName));
      if (holds) lines.push(`  o${i} -.-> v${j}`);
    });
  });
  return `${lines.join('\n')}\n`;
}

/** The page of one example: what it is, its diagram, where it comes from. */
export function examplePage(manifest, source, objects) {
  return [
    `# ${manifest.replace(/\.k8s\.yaml$/, '')}`,
    '',
    `The pod and Services that \`npm run synth\` writes to [\`dist/${manifest}\`](../../dist/${manifest}) from`,
    `[\`${source}\`](../../${source}), drawn from those objects by \`npm run docs\` (do not edit: a test regenerates`,
    'this page). Init containers run in order before the others start; each arrow from a container to a volume is a',
    'mount, labelled with its path; each Service sends its traffic to the pod.',
    '',
    '```mermaid',
    podDiagram(objects).trimEnd(),
    '```',
    '',
  ].join('\n');
}

/** The index of docs/examples/: a line per example. */
export function examplesIndex(pages) {
  return [
    '# The examples, drawn',
    '',
    'Each page shows the pod and Services of one example component of `components/`, drawn from what the compiler',
    'writes for it (`npm run docs` makes these pages; a test fails when one is stale).',
    '',
    ...Object.keys(pages)
      .sort()
      .map((f) => `- [${f.replace(/\.md$/, '')}](${f})`),
    '',
  ].join('\n');
}

/** Every example's page, by file name: compiled from components/ with the built compiler, as `npm run synth` does. */
export function examplePages() {
  const { readComponentsFolder } = require(join(root, 'build', 'src', 'cli', 'read-folder.js'));
  const { compile } = require(join(root, 'build', 'src', 'compile.js'));
  const input = readComponentsFolder('components', root);
  const result = compile(input);
  if (result.diagnostics.length > 0 || result.invalid.length > 0) throw new Error('components/ does not compile');
  // The file each component comes from (a YAML override names the DCAE spec it starts from: the override is shown).
  const { loadProject } = require(join(root, 'build', 'src', 'input', 'project.js'));
  const project = loadProject(input, { base: input.base, readFile: input.readFile, listFolder: input.listFolder });
  const sources = new Map(project.components.map((c) => [c.name, c.file]));
  const pages = {};
  for (const file of result.files.filter((f) => f.path.endsWith('.k8s.yaml') && !f.path.includes('/'))) {
    const objects = parseAllDocuments(file.content).map((d) => d.toJS());
    const deployment = objects.find((o) => o.kind === 'Deployment');
    const component = deployment.spec.template.spec.containers[0].name;
    pages[file.path.replace(/\.k8s\.yaml$/, '.md')] = examplePage(file.path, sources.get(component), objects);
  }
  return pages;
}
