/**
 * The warning for a chart whose templates changed while its version did not: one per chart, in a normal run
 * and with --check, read from the output folder before it is compared or written.
 */
import * as fs from 'fs';
import * as path from 'path';
import { chartVersionWarnings } from '../../src/cli/chart-versions';
import { component, run, snapshotFolder, withComponents, writeComponents } from '../helpers';

const RUN = ['--components', 'components', '--out', 'out'];
const helm = (version: string) => ['--helm-chart', 'dcae', '--chart-version', version];

/** One component at the top, two in location edge-1. */
const COMPONENTS = {
  'a.yaml': component('comp-a'),
  'b.yaml': component('comp-b', 'k8s_location: edge-1\n'),
  'c.yaml': component('comp-c', 'k8s_location: edge-1\n'),
};

const warning = (chart: string, version: string) =>
  `warning: out/helm/${chart}/Chart.yaml: the chart's templates changed but its version is still ${version}; ` +
  'raise --chart-version (or chart-version in the options file) so that Helm sees a new chart\n';

/** A folder with COMPONENTS compiled into out/ with chart version 1.0.0. */
async function charted(): Promise<string> {
  const dir = withComponents(COMPONENTS);
  const r = await run(dir, ...RUN, ...helm('1.0.0'));
  if (r.status !== 0 || r.stderr !== '') throw new Error(r.stderr);
  return dir;
}

describe('a changed chart with the same version', () => {
  test('GIVEN a chart written WHEN a component of the top folder changes and the run keeps the version THEN one warning names the top chart, and the run still writes', async () => {
    const dir = await charted();
    writeComponents(dir, { 'a.yaml': component('comp-a', 'replicas: 2\n') });
    const r = await run(dir, ...RUN, ...helm('1.0.0'));
    expect(r.stderr).toBe(warning('dcae', '1.0.0'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/: 0 new, 2 changed, 0 removed, 10 unchanged\n$/);
  });

  test('GIVEN a chart written WHEN both components of a location change under the same version THEN that chart gets one warning', async () => {
    const dir = await charted();
    writeComponents(dir, {
      'b.yaml': component('comp-b', 'k8s_location: edge-1\nreplicas: 2\n'),
      'c.yaml': component('comp-c', 'k8s_location: edge-1\nreplicas: 3\n'),
    });
    const r = await run(dir, ...RUN, ...helm('1.0.0'));
    expect(r.stderr).toBe(warning('dcae-edge-1', '1.0.0'));
  });

  test('GIVEN a chart written WHEN a component leaves a location and another is added at the top under the same version THEN each chart whose set of templates changed is named, sorted', async () => {
    const dir = await charted();
    fs.rmSync(path.join(dir, 'components', 'c.yaml'));
    writeComponents(dir, { 'd.yaml': component('comp-d') });
    const r = await run(dir, ...RUN, ...helm('1.0.0'));
    expect(r.stderr).toBe(warning('dcae-edge-1', '1.0.0') + warning('dcae', '1.0.0'));
    expect(r.status).toBe(0);
  });

  test('GIVEN a chart written WHEN --check runs on changed components with the same version THEN it warns as well as reporting the differences', async () => {
    const dir = await charted();
    writeComponents(dir, { 'a.yaml': component('comp-a', 'replicas: 2\n') });
    const before = snapshotFolder(path.join(dir, 'out'));
    const r = await run(dir, ...RUN, ...helm('1.0.0'), '--check');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `${warning('dcae', '1.0.0')}out is out of date: 2 files differ (2 stale). Run npm run synth and commit the result.\n`,
    );
    expect(snapshotFolder(path.join(dir, 'out'))).toEqual(before);
  });

  test('GIVEN a chart written WHEN a changed run has --quiet THEN the warning is not printed', async () => {
    const dir = await charted();
    writeComponents(dir, { 'a.yaml': component('comp-a', 'replicas: 2\n') });
    const r = await run(dir, ...RUN, ...helm('1.0.0'), '--quiet');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('no warning', () => {
  test('GIVEN a chart written WHEN the components change and the version is raised THEN nothing is printed on stderr', async () => {
    const dir = await charted();
    writeComponents(dir, { 'a.yaml': component('comp-a', 'replicas: 2\n') });
    for (const check of [['--check'], []]) {
      const r = await run(dir, ...RUN, ...helm('1.0.1'), ...check);
      expect(r.stderr).not.toContain('warning');
    }
    expect(fs.readFileSync(path.join(dir, 'out', 'helm', 'dcae', 'Chart.yaml'), 'utf8')).toContain('version: 1.0.1\n');
  });

  test('GIVEN a chart written WHEN nothing changed THEN a run and --check print nothing on stderr', async () => {
    const dir = await charted();
    for (const check of [['--check'], []]) {
      const r = await run(dir, ...RUN, ...helm('1.0.0'), ...check);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
    }
  });

  test('GIVEN an output folder written without charts WHEN the first run with --helm-chart writes them THEN nothing is printed on stderr', async () => {
    const dir = withComponents(COMPONENTS);
    expect((await run(dir, ...RUN)).status).toBe(0);
    const r = await run(dir, ...RUN, ...helm('1.0.0'));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/: 7 new, 0 changed, 0 removed, 5 unchanged\n$/);
  });

  test('GIVEN charts written WHEN a run without --helm-chart removes them THEN nothing is printed on stderr', async () => {
    const dir = await charted();
    writeComponents(dir, { 'a.yaml': component('comp-a', 'replicas: 2\n') });
    const r = await run(dir, ...RUN);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('chartVersionWarnings reads what an earlier run wrote', () => {
  test('GIVEN a template the record lists and the run no longer writes WHEN the folder is read THEN the chart is reported; WHEN the record is gone THEN that template is not known and nothing is', async () => {
    const dir = await charted();
    const out = path.join(dir, 'out');
    const files = Object.entries(snapshotFolder(out))
      .filter(([p]) => p !== 'helm/dcae-edge-1/templates/comp-c.yaml')
      .map(([p, content]) => ({ path: p, content }));
    expect(chartVersionWarnings(out, 'out', files)).toEqual([warning('dcae-edge-1', '1.0.0').trimEnd()]);
    fs.rmSync(path.join(out, '.dcae-synth-files'));
    expect(chartVersionWarnings(out, 'out', files)).toEqual([]);
  });

  test('GIVEN no output folder WHEN it is read THEN no chart is reported', () => {
    const dir = withComponents(COMPONENTS);
    expect(chartVersionWarnings(path.join(dir, 'out'), 'out', [{ path: 'helm/dcae/Chart.yaml', content: 'version: 1.0.0\n' }])).toEqual([]);
  });
});
