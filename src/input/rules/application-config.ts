/**
 * The application configuration (`application_config`): read only with the platform's
 * `application_config.source: configmap`, where it becomes the component's ConfigMap; with `cbs` (the
 * default) the config binding service serves the configuration, and the key is an error.
 */
import {
  APPLICATION_CONFIG_ENV,
  APPLICATION_CONFIG_KEY,
  APPLICATION_CONFIG_MOUNT_PATH,
  APPLICATION_CONFIG_PATH,
} from '../../contract/names';
import { KeyPath } from '../diagnostics';
import { isObj, Json, Report } from '../values';
import { checkFixedMount, specMounts } from './mounts';
import { ComponentRule, RuleContext } from './rule';

/** Who mounts the configuration, for messages. */
const WHO = 'application-config (the application configuration)';

/** The `application-config` rule: the component's application configuration, for its ConfigMap. */
export const applicationConfigRule: ComponentRule<'application-config', 'volumes'> = {
  name: 'application-config',
  description:
    "The key application_config is set only with the platform's application_config.source configmap, and nothing else takes its environment variable or mount path.",
  after: ['volumes'],
  check: readApplicationConfig,
};

/**
 * The component's configuration when it has one (the final `application_config`, an empty mapping included),
 * with the platform's source `configmap`. Reports `application_config` with any other source, and, with a
 * configuration, what would clash with what the compiler adds: an own `CBS_CLIENT_CONFIG_PATH`, and another
 * main-container mount at `/app-config-input`.
 * Nothing is checked when the platform's application_config.source is itself invalid (undefined here).
 */
function readApplicationConfig({ value: v, platform, read: { volumes }, report: err, warn }: RuleContext<'volumes'>): Json | undefined {
  const config = v.application_config;
  const source = platform.applicationConfigSource;
  if (config === undefined || source === undefined) return undefined;
  if (source !== 'configmap') {
    err(
      ['application_config'],
      `is set, and the platform's application_config.source is ${JSON.stringify(source)}: the component reads its configuration ` +
        'from the config binding service, which this key cannot reach; expected no application_config, or application_config: {source: configmap} ' +
        `in platform.yaml to write it into a ConfigMap <name>-application-config (key ${APPLICATION_CONFIG_KEY})`,
      'key',
    );
    return undefined;
  }
  if (!isObj(config)) return undefined; // reported by the schema
  if (isObj(v.env) && APPLICATION_CONFIG_ENV in v.env) {
    err(
      ['env', APPLICATION_CONFIG_ENV],
      `${APPLICATION_CONFIG_ENV} is set by the compiler to ${APPLICATION_CONFIG_PATH}, ` +
        'where the main container reads the application configuration; remove it',
      'key',
    );
  }
  // No other mount of the main container at /app-config-input.
  checkFixedMount(
    specMounts(v, volumes, platform.defaultCertDirectory, ['application_config']),
    APPLICATION_CONFIG_MOUNT_PATH,
    WHO,
    err,
    warn,
  );
  checkNumbers(config, ['application_config'], warn);
  return config;
}

/** Integers beyond 2^53 - 1 lose digits as JavaScript numbers: a warning each, with the value written. */
function checkNumbers(value: unknown, at: KeyPath, warn: Report): void {
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    warn(
      at,
      `is a whole number beyond 2^53 - 1 (${Number.MAX_SAFE_INTEGER}), which a JavaScript number does not hold exactly: it is written as ${value}; put it in quotes to keep it as written`,
    );
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkNumbers(item, [...at, i], warn));
  } else if (isObj(value)) {
    for (const key of Object.keys(value)) checkNumbers(value[key], [...at, key], warn); // not Object.entries: see env.ts
  }
}
