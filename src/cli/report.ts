import { Diagnostic, formatDiagnostic } from '../input/diagnostics';
import { FileDiff, SyncResult } from '../output/write';

/** Where the CLI prints: lines to stdout and stderr, and (on a terminal only) a progress line redrawn in place. */
export interface Console {
  out(text: string): void;
  err(text: string): void;
  /** Redraws the progress line; undefined when stderr is not a terminal. */
  readonly progress?: (line: string) => void;
}

/** Components above which a terminal shows a progress bar. */
const PROGRESS_THRESHOLD = 200;

/** `1 file`, `2 files`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Every error, then the line that says how many and that nothing was written. */
export function reportErrors(io: Console, diagnostics: readonly Diagnostic[], outDir: string): void {
  for (const d of diagnostics) io.err(formatDiagnostic(d));
  const files = new Set(diagnostics.map((d) => d.file)).size;
  io.err(`${plural(diagnostics.length, 'error')} in ${plural(files, 'file')}; nothing was written to ${outDir}`);
}

/** The last line of --check when files differ: `dist is out of date: 1 file differs (1 stale). ...` */
export function staleSummary(outDir: string, diffs: readonly FileDiff[]): string {
  const counts = new Map<string, number>();
  for (const d of diffs) counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
  const kinds = [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
  const verb = diffs.length === 1 ? 'differs' : 'differ';
  return `${outDir} is out of date: ${plural(diffs.length, 'file')} ${verb} (${kinds}). Run npm run synth and commit the result.`;
}

/** What the summaries add when the render cache answered for some components: ` (3 unchanged, not rendered again)`. */
export function reusedNote(reused: number): string {
  return reused > 0 ? ` (${reused} unchanged, not rendered again)` : '';
}

/** The summary of a run that wrote: components compiled, then what happened to the files. */
export function writeSummary(outDir: string, components: number, seconds: string, result: SyncResult, reused = 0): string {
  const touched = result.created.length + result.changed.length + result.removed.length;
  return (
    `compiled ${plural(components, 'component')}${reusedNote(reused)} into ${outDir} in ${seconds} s; ` +
    (touched === 0
      ? `nothing changed (${plural(result.unchanged.length, 'file')} up to date)`
      : `files: ${result.created.length} new, ${result.changed.length} changed, ${result.removed.length} removed, ${result.unchanged.length} unchanged`)
  );
}

/** A progress bar on a terminal, for large fleets: redrawn at each whole percent, cleared at the end. */
export function progressBar(io: Console, total: number, quiet: boolean): ((done: number) => void) | undefined {
  if (quiet || total <= PROGRESS_THRESHOLD) return undefined;
  const draw = io.progress;
  if (!draw) return undefined;
  const width = 30;
  let shown = -1;
  return (done: number) => {
    const percent = Math.floor((done * 100) / total);
    if (percent === shown) return;
    shown = percent;
    const filled = Math.round((done * width) / total);
    draw(done >= total ? '' : `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} components`);
  };
}
