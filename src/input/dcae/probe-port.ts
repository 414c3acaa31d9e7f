/**
 * The `port` of a DCAE health check. The plugin ignored it, and an http(s) probe checked the first container
 * port: an HTTPS check on 8443 became a probe on 8080, and the pod never became ready. The compiler probes the
 * port the health check names when it is one of the component's container ports; when it is not, the probe
 * keeps the first port, with a warning at `port`.
 */
import { Diagnostic } from '../diagnostics';
import { ComponentSpec, ProbeSpec } from '../model';
import { SourceFile } from '../source';
import { ProbePort } from './mapping';

/** The spec with each http(s) probe on the port its health check names, and a warning for each port that is not a container port. */
export function withProbePorts(
  spec: ComponentSpec,
  ports: readonly ProbePort[],
  source: SourceFile,
): { spec: ComponentSpec; warnings: Diagnostic[] } {
  const warnings: Diagnostic[] = [];
  const containerPorts = [...new Set(spec.ports.map((p) => p.containerPort))];
  let out = spec;
  for (const { probe, port, path } of ports) {
    const httpGet = out[probe]?.httpGet;
    // A script probe has no port; a port that is not an integer is the schema's error.
    if (!httpGet || typeof port !== 'number' || !Number.isInteger(port)) continue;
    if (containerPorts.includes(port)) {
      out = { ...out, [probe]: { ...(out[probe] as ProbeSpec), httpGet: { ...httpGet, port } } };
      continue;
    }
    const scheme = httpGet.scheme.toLowerCase();
    warnings.push(
      source.error(
        path,
        `${port} is not one of the component's container ports (${containerPorts.join(', ')}); the ${scheme} ${probe} probe checks ` +
          `the first, ${httpGet.port}, as the plugin did; expected one of ${containerPorts.join(', ')}, the port the ${scheme} health check answers on`,
        'key',
      ),
    );
  }
  return { spec: out, warnings };
}
