/**
 * The settings a run takes, each written once: its name (the flag `--<name>` and the key `<name>` of the
 * options file are the same word), what it holds, its default, and the check of its value. The command line
 * and the options file both go through these checks, so a value means the same in either place.
 */
import { CHART_NAME, SEMVER } from '../output/helm';

/** What a setting holds. */
export type SettingType = 'folder' | 'boolean' | 'string' | 'count';

/** One setting. */
export interface Setting {
  readonly type: SettingType;
  /** What its value is, for messages: "a folder", "true or false". */
  readonly expected: string;
  /** Checks a value of the right type; says what is wrong (after the value), or undefined when it is right. */
  readonly check?: (value: string | number) => string | undefined;
}

/** The fewest and most render threads. */
export const JOBS = { min: 1, max: 64 } as const;

/**
 * Every setting a run takes from the command line or the options file, in the order `--help` and the
 * options file list them. Actions (`--check`, `--version`, `--help`) and `--config` are flags only.
 */
export const SETTINGS = {
  components: { type: 'folder', expected: 'a folder of component specs' },
  out: { type: 'folder', expected: 'an output folder' },
  'allow-empty': { type: 'boolean', expected: 'true or false' },
  'helm-chart': {
    type: 'string',
    expected: 'a Helm chart name',
    check: (v) =>
      CHART_NAME.test(String(v)) ? undefined : 'is not a chart name; expected lower-case letters, digits and "-", starting with a letter',
  },
  'chart-version': {
    type: 'string',
    expected: 'a SemVer 2 version',
    check: (v) => (SEMVER.test(String(v)) ? undefined : 'is not a SemVer 2 version; expected a version such as 1.2.3'),
  },
  quiet: { type: 'boolean', expected: 'true or false' },
  cache: { type: 'folder', expected: 'a folder for the render cache, or off' },
  jobs: {
    type: 'count',
    expected: `a whole number of threads from ${JOBS.min} to ${JOBS.max}`,
    check: (v) => {
      const n = Number(v);
      return Number.isInteger(n) && n >= JOBS.min && n <= JOBS.max
        ? undefined
        : `is not a whole number of threads from ${JOBS.min} to ${JOBS.max}`;
    },
  },
} as const satisfies Record<string, Setting>;

/** A setting's name. */
export type SettingName = keyof typeof SETTINGS;

/** The settings' names, in order. */
export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** The value of `cache` that turns the render cache off. */
export const CACHE_OFF = 'off';

/** The built-in defaults of the settings that have one. */
export const DEFAULTS = { components: 'components', out: 'dist', 'allow-empty': false, quiet: false } as const;
