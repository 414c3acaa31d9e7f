/**
 * The options file, `dcae-synth.yaml`: the settings of a repository's runs, kept in the repository so that
 * `synth` and `--check` (and everyone's runs, and CI's) take the same ones. Its keys are the flags' names
 * without the dashes; a flag given on the command line wins over the file. Reading it is pure: the command
 * line reads the bytes from disk and gives them here.
 */
import { closest, describeValue, Diagnostic, didYouMean } from '../input/diagnostics';
import { SourceFile } from '../input/source';
import { decodeFile, FileContents } from '../input/text';
import { Setting, SETTING_NAMES, SettingName, SETTINGS } from './settings';

/** A setting's value from the file. */
export type SettingValue = string | number | boolean;

/** What an options file sets: each setting with its value. */
export type FileSettings = { readonly [K in SettingName]?: SettingValue };

/** What reading an options file gives: the settings, when every key is right, and what is wrong otherwise. */
export interface OptionsFileResult {
  readonly settings: FileSettings;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Reads an options file (a YAML mapping of settings). Every error is reported, each at its key or value:
 * unknown keys (with the nearest known key), values of the wrong type, values their setting refuses.
 * @param file the file's name for messages
 */
export function readOptionsFile(file: string, contents: FileContents): OptionsFileResult {
  const decoded = decodeFile(file, contents);
  if ('diagnostic' in decoded) return { settings: {}, diagnostics: [decoded.diagnostic] };
  const parsed = SourceFile.parse(file, decoded.text);
  if (!parsed.source) return { settings: {}, diagnostics: parsed.diagnostics };
  const source = parsed.source;
  const settings: Partial<Record<SettingName, SettingValue>> = {};
  const diagnostics: Diagnostic[] = [];
  for (const [key, value] of Object.entries(source.value as Record<string, unknown>)) {
    if (!Object.prototype.hasOwnProperty.call(SETTINGS, key)) {
      const guess = closest(key, SETTING_NAMES);
      diagnostics.push(source.error([key], `unknown key${didYouMean(guess)}; expected one of: ${SETTING_NAMES.join(', ')}`, 'key'));
      continue;
    }
    const name = key as SettingName;
    const problem = checkValue(SETTINGS[name], value);
    if (problem) diagnostics.push(source.error([key], `${describeValue(value)} ${problem}`));
    else settings[name] = value as SettingValue;
  }
  return { settings, diagnostics };
}

/** What is wrong with a value of the options file (said after the value), or undefined. */
function checkValue(setting: Setting, value: unknown): string | undefined {
  switch (setting.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'is not a boolean; expected true or false (unquoted)';
    case 'count':
      if (typeof value !== 'number') return `is not a number; expected ${setting.expected}`;
      break;
    case 'folder':
    case 'string':
      if (typeof value !== 'string') return `is not a string; expected ${setting.expected}`;
      if (value === '') return `is empty; expected ${setting.expected}`;
      break;
  }
  return setting.check?.(value as string | number);
}
