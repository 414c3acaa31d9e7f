import * as path from 'path';
import { HELM_FOLDER, unbumpedCharts, unbumpedMessage } from '../output/helm';
import { OutputFile } from '../output/output-file';
import { readIfExists, readRecord } from '../output/write';

/**
 * One warning for each chart of a run whose templates differ from those in the output folder while its
 * Chart.yaml there has the same version ({@link unbumpedCharts}). Reads the chart files an earlier run wrote
 * (those the record lists under `helm/`) and the run's own, where they exist; `display` is the output folder
 * as the user typed it.
 */
export function chartVersionWarnings(out: string, display: string, files: readonly OutputFile[]): string[] {
  const charts = (p: string) => p.startsWith(`${HELM_FOLDER}/`);
  const old = new Map<string, string>();
  for (const p of new Set([...readRecord(out).filter(charts), ...files.map((f) => f.path).filter(charts)])) {
    const content = readIfExists(path.join(out, ...p.split('/')));
    if (content !== undefined) old.set(p, content);
  }
  return unbumpedCharts(old, files).map((c) => `warning: ${unbumpedMessage(path.join(display, c.chartFile), c.version)}`);
}
