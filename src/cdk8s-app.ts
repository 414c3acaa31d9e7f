/**
 * The cdk8s app that `cdk8s synth` runs (see cdk8s.yaml). The cdk8s CLI empties the folder it is given
 * (CDK8S_OUTDIR: `build/cdk8s.out`, as cdk8s.yaml says) before it starts the app. The app compiles exactly as
 * `npm run synth` does and brings the real output folder up to date the same way (atomic, owned files only,
 * nothing written on an error), then copies the result into CDK8S_OUTDIR for the cdk8s CLI to list.
 * The cdk8s CLI shows only the app's standard error, so the summary goes there.
 *
 * Environment: DCAE_COMPONENTS (default `components`), DCAE_OUT (default `dist`), DCAE_ALLOW_EMPTY=true for
 * --allow-empty.
 */
import { runAsProcess } from './cli/process';
import { serveRenderRequests } from './output/parallel';

if (!serveRenderRequests()) {
  const env = process.env;
  const argv = ['--components', env.DCAE_COMPONENTS ?? 'components', '--out', env.DCAE_OUT ?? 'dist'];
  if (env.DCAE_ALLOW_EMPTY === 'true') argv.push('--allow-empty');
  runAsProcess(argv, { entry: __filename, mirror: env.CDK8S_OUTDIR }, { summaryOnStderr: true });
}
