/**
 * The cdk8s app that `cdk8s synth` runs (see cdk8s.yaml). The cdk8s CLI empties the folder it is given
 * (CDK8S_OUTDIR: `build/cdk8s.out`, as cdk8s.yaml says) before it starts the app. The app compiles exactly as
 * `npm run synth` does and brings the real output folder up to date the same way (atomic, owned files only,
 * nothing written on an error), then copies the result into CDK8S_OUTDIR for the cdk8s CLI to list.
 * The cdk8s CLI shows only the app's standard error, so the summary goes there.
 *
 * Settings as for `npm run synth`: the options file dcae-synth.yaml when there is one, else the defaults; the
 * environment overrides them as flags would: DCAE_COMPONENTS (--components), DCAE_OUT (--out),
 * DCAE_ALLOW_EMPTY=true (--allow-empty).
 */
import { runAsProcess } from './cli/process';
import { serveRenderRequests } from './output/parallel';

if (!serveRenderRequests()) {
  const env = process.env;
  const argv: string[] = [];
  if (env.DCAE_COMPONENTS !== undefined) argv.push('--components', env.DCAE_COMPONENTS);
  if (env.DCAE_OUT !== undefined) argv.push('--out', env.DCAE_OUT);
  if (env.DCAE_ALLOW_EMPTY === 'true') argv.push('--allow-empty');
  runAsProcess(argv, { entry: __filename, mirror: env.CDK8S_OUTDIR }, { summaryOnStderr: true });
}
