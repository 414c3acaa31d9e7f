/**
 * The cdk8s app that `cdk8s synth` runs (see cdk8s.yaml). It compiles the same components as
 * `npm run synth`, one App per component, and lets cdk8s write them. The cdk8s CLI clears its output
 * folder first; `npm run synth` is the path that keeps files it did not write.
 */
import { loadProject, readComponentsFolder } from './project';
import { buildChart } from './output/synthesize';
import { formatDiagnostic, sortDiagnostics } from './spec/diagnostics';

const componentsDir = process.env.DCAE_COMPONENTS ?? 'components';
const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
const project = loadProject(readComponentsFolder(componentsDir));
if (project.diagnostics.length > 0) {
  for (const d of sortDiagnostics(project.diagnostics)) process.stderr.write(`${formatDiagnostic(d)}\n`);
  process.exit(1);
}
for (const spec of project.components) {
  buildChart(spec, project.platform, outdir).app.synth();
}
