import { Diagnostic } from '../spec/diagnostics';
import { checkSchema } from '../spec/schema';
import { SourceFile } from '../spec/source';
import { deepMerge } from './merge';
import { DEFAULT_PLATFORM, PlatformSettings } from './settings';

/** The platform settings of a run, or what is wrong with its platform file. */
export interface PlatformResult {
  readonly settings: PlatformSettings;
  readonly diagnostics: Diagnostic[];
}

/**
 * Reads `platform.yaml` (when there is one) and merges it over the built-in defaults.
 * @param file the file's name for messages; undefined when the project has no platform file
 * @param text its contents
 */
export function loadPlatform(file: string | undefined, text: string | undefined): PlatformResult {
  if (file === undefined || text === undefined) return { settings: DEFAULT_PLATFORM, diagnostics: [] };
  const parsed = SourceFile.parse(file, text);
  if (!parsed.source) return { settings: DEFAULT_PLATFORM, diagnostics: parsed.diagnostics };
  const source = parsed.source;
  const diagnostics = checkSchema('platform', source);
  if (diagnostics.length > 0) return { settings: DEFAULT_PLATFORM, diagnostics };
  const { $schema: _ignored, ...values } = source.value as Record<string, unknown>;
  const settings = deepMerge(DEFAULT_PLATFORM, values);
  const [min, max] = settings.node_port_range.split('-').map(Number);
  if (!(min >= 1 && max <= 65535 && min <= max)) {
    diagnostics.push(source.error(['node_port_range'], `${JSON.stringify(settings.node_port_range)} is not a range of ports "<first>-<last>" with 1 <= first <= last <= 65535`));
  }
  return { settings, diagnostics };
}
