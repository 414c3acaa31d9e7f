import { PlatformSettings } from '../platform/settings';
import { readComponent, ValidationContext } from '../component';
import { Diagnostic } from '../diagnostics';
import { SourceFile, SpecSource } from '../source';
import { ComponentSpec } from '../model';
import { checkDcaeSchema } from './dcae-schema';
import { mapDcaeSpec } from './mapping';
import { MergedSource, Override } from './merged-source';
import { isObj, Json, mergePatch } from '../values';

/** A DCAE component spec compiled: the spec when nothing is wrong, errors, and warnings about what the plugin ignored. */
export interface DcaeResult {
  readonly spec?: ComponentSpec;
  readonly diagnostics: Diagnostic[];
  readonly warnings: Diagnostic[];
  /** Where the spec's values came from (the JSON and the override), when it got that far. */
  readonly source?: SpecSource;
}


/**
 * Compiles a DCAE component spec (JSON): checks it against the component-spec schema, maps it as the
 * blueprint generator did, applies the YAML override when there is one, and validates the result like
 * any component spec.
 */
export function readDcaeComponent(
  json: { readonly name: string; readonly text: string },
  platform: PlatformSettings,
  context: ValidationContext,
  override?: Override,
): DcaeResult {
  const parsed = SourceFile.parse(json.name, json.text);
  if (!parsed.source) return { diagnostics: parsed.diagnostics, warnings: [] };
  const source = parsed.source;
  const schema = checkDcaeSchema(source);
  if (schema.errors.length > 0) return { diagnostics: schema.errors, warnings: schema.warnings };
  const value = source.value as Json;
  const self = isObj(value.self) ? value.self : {};
  if (self.component_type !== 'docker') {
    return {
      diagnostics: [source.error(['self', 'component_type'], `${JSON.stringify(self.component_type)} components were not deployed by the Kubernetes plugin; expected "docker"`)],
      warnings: schema.warnings,
    };
  }
  const mapped = mapDcaeSpec(value, platform, override?.value);
  if (mapped.value.image === undefined && override?.value.image === undefined) {
    const fix = override ? `set image in ${override.source.file}` : `write a YAML spec beside it with dcae_spec: ${json.name.split('/').pop()} that sets image`;
    return { diagnostics: [source.error(['artifacts'], `has no artifact of type "docker image"; expected one, whose uri is the image. To fix it, ${fix}`)], warnings: schema.warnings };
  }
  const merged = override ? mergePatch(mapped.value, override.value) : mapped.value;
  const result = readComponent(new MergedSource(source, mapped, merged, override, context.nodePortRange), context);
  return { spec: result.spec, diagnostics: result.diagnostics, warnings: [...schema.warnings, ...result.warnings], source: result.source };
}

