import { App } from 'cdk8s';
import * as path from 'path';
import { ComponentChart } from '../constructs/component-chart';
import { PlatformSettings } from '../input/platform/settings';
import { ComponentSpec } from '../input/model';
import { chartProps } from './chart-props';
import { manifestPath, OutputFile, outputFolder } from './output-file';
import { stringifyYaml } from './yaml';

/** A component's manifest, with the objects it holds. */
export interface Manifest extends OutputFile {
  /** The objects, as JSON, in order. */
  readonly objects: readonly any[];
  /** The spec file it was compiled from. */
  readonly source: string;
}

/**
 * Builds one component in an App of its own (so that synthesis never walks other charts), with the App's
 * output folder set to where `cdk8s synth` would write it.
 */
export function buildChart(spec: ComponentSpec, platform: PlatformSettings, outdir = 'dist'): { app: App; chart: ComponentChart } {
  const app = new App({ outdir: path.join(outdir, outputFolder(spec)) });
  const chart = new ComponentChart(app, spec.name, chartProps(spec, platform));
  return { app, chart };
}

/**
 * The manifest of one component, as `cdk8s synth` writes it (the chart's objects in order, as YAML), with every
 * string that some reader would take for something else quoted (see ./yaml.ts).
 */
export function renderManifest(spec: ComponentSpec, platform: PlatformSettings): Manifest {
  const { chart } = buildChart(spec, platform);
  // chart.toJson() runs every construct's validations first (cdk8s App._synthChart), as app.synth() does,
  // and throws when one fails: test/constructs/validation.test.ts pins that.
  const objects = chart.toJson();
  return {
    path: manifestPath(spec),
    content: stringifyYaml(...objects),
    objects,
    source: spec.file,
  };
}
