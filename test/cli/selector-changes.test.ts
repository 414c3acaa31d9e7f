/**
 * A changed Deployment selector (src/cli/selector-changes.ts): --check prints a line for it after the diffs, and
 * a run that writes the change prints it as a warning.
 */
import { component, run, withComponents, writeComponents } from '../helpers';

const RUN = ['--components', 'components', '--out', 'out'];
const LINE =
  'out/comp-a.k8s.yaml: Deployment dep-comp-a: selector changed (matchLabels {app: comp-a, k8sdeployment: dep-comp-a} -> ' +
  '{app: comp-a, k8sdeployment: dep-comp-a, team: core}): the API server refuses to change it; delete and recreate the Deployment when you apply this';

/** comp-a and comp-b written to out/, then comp-a given a label (which joins its selector) and comp-b more replicas. */
async function relabelled(): Promise<string> {
  const dir = withComponents({ 'a.yaml': component('comp-a'), 'b.yaml': component('comp-b') });
  const r = await run(dir, ...RUN);
  if (r.status !== 0) throw new Error(r.stderr);
  writeComponents(dir, { 'a.yaml': component('comp-a', 'labels: {team: core}\n'), 'b.yaml': component('comp-b', 'replicas: 2\n') });
  return dir;
}

describe('a changed Deployment selector', () => {
  test('GIVEN a label added to one component WHEN --check runs THEN the diffs are printed, then one line names that Deployment, then the summary', async () => {
    const dir = await relabelled();
    const r = await run(dir, ...RUN, '--check');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('+    team: core');
    expect(r.stdout).toContain('-  replicas: 1\n+  replicas: 2');
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe(LINE);
    expect(lines[1]).toBe('out is out of date: 2 files differ (2 stale). Run npm run synth and commit the result.');
    expect(lines).toHaveLength(3);
  });

  test('GIVEN a label added to one component WHEN --check --quiet runs THEN the diffs and the line are still printed, without the summary', async () => {
    const dir = await relabelled();
    const r = await run(dir, ...RUN, '--check', '--quiet');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('+    team: core');
    expect(r.stderr.split('\n')[0]).toBe(LINE);
  });

  test('GIVEN a label added to one component WHEN the run writes THEN it warns once, and writes', async () => {
    const dir = await relabelled();
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`warning: ${LINE}\n`);
    const again = await run(dir, ...RUN, '--check');
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
  });

  test('GIVEN a label added WHEN the run writes with --quiet THEN no warning is printed', async () => {
    const dir = await relabelled();
    const r = await run(dir, ...RUN, '--quiet');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
